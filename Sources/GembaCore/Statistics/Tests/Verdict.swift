/// A p-value said in plain words, and what it means at the chosen significance level.
///
/// "a difference this large arises by chance 15 times in 100: not evidence on its own";
/// "by Fisher's exact test, a difference this large arises by chance 3 times in 100: a real difference";
/// "… fewer than 1 time in 1,000: a real difference".
public struct Verdict: Hashable, Sendable, Codable {
  /// The p-value the verdict reads.
  public var pValue: Double
  /// The significance level α it was judged at.
  public var alpha: Double
  /// p < α.
  public var isSignificant: Bool
  /// The sentence shown to the user.
  public var sentence: String

  /// - Parameters:
  ///   - subject: what chance would have to produce, e.g. "a difference this large".
  ///   - significant: the conclusion when p < α, e.g. "a real difference".
  ///   - notSignificant: the conclusion otherwise; "not evidence on its own" unless given.
  ///   - test: the test the p-value comes from, named first so a reader knows what the conclusion
  ///     rests on: "by Fisher's exact test, a difference this large arises …".
  public init(
    pValue: Double, alpha: Double = 0.05, subject: String, significant: String,
    notSignificant: String = "not evidence on its own", test: String? = nil
  ) {
    self.pValue = pValue
    self.alpha = alpha
    isSignificant = pValue < alpha
    sentence =
      (test.map { "by \($0), " } ?? "") + "\(subject) arises by chance \(Verdict.frequency(pValue, alpha: alpha)): "
      + (isSignificant ? significant : notSignificant)
  }

  /// "15 times in 100", "4 times in 1,000", "fewer than 1 time in 1,000", "almost always".
  ///
  /// Rounded to a whole count, except where rounding would hide which side of α the p-value is
  /// on (p = 0.048 or 0.051 at α = 0.05 read "4.8 times in 100" and "5.1 times in 100").
  public static func frequency(_ p: Double, alpha: Double = 0.05) -> String {
    guard p.isFinite else { return "an unknown number of times" }
    if p < 0.001 { return "fewer than 1 time in 1,000" }
    if p >= 0.995 { return "almost always" }
    let (scale, denominator) = p < 0.01 ? (1000.0, "1,000") : (100.0, "100")
    var count = (p * scale).rounded()
    var text = NumberFormat.integer(Int(count))
    if (count / scale < alpha) != (p < alpha) || abs(count - alpha * scale) < 1e-9 || count == 0 {
      count = (p * scale * 10).rounded() / 10
      text = NumberFormat.decimal(count, places: 1)
    }
    return "\(text) \(count == 1 ? "time" : "times") in \(denominator)"
  }
}
