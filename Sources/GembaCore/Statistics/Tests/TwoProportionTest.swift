import Foundation

/// Is the share of rows meeting a condition different between two groups?
///
/// One decision, the same as `CrossTabTest` makes on the same 2 × 2 table and in the same words:
/// Pearson's χ² without continuity correction (the pooled two-proportion z test, z² = X²) when
/// every expected count is at least 5, Fisher's exact test otherwise. The difference gets
/// Newcombe's hybrid score interval (Newcombe 1998, method 10), which stays within ±1 and has
/// width above 0 for any finite sample, where the Wald interval does neither.
public struct TwoProportionTest: Hashable, Sendable {
  public var first: Proportion
  public var second: Proportion
  /// p₁ − p₂.
  public var difference: Double
  /// Newcombe's hybrid score interval for p₁ − p₂ at `confidence`, from the two Wilson intervals.
  public var differenceInterval: ClosedRange<Double>
  public var confidence: Double
  /// (p₁ − p₂) / √(p̄ q̄ (1/n₁ + 1/n₂)), p̄ the pooled share.
  public var z: Double
  /// Two-sided p-value of the z test (Pearson's χ² on the 2 × 2 table).
  public var pValue: Double
  public var fisher: FisherExactTest
  /// True when an expected count is below 5: the verdict then reads Fisher's exact p-value.
  public var usesFisher: Bool
  /// The plain-words verdict, naming the test it rests on.
  public var verdict: Verdict
  /// Said when the z test's normal approximation is doubtful (an expected count below 5).
  public var warnings: [Diagnostic]

  public struct Proportion: Hashable, Sendable {
    public var successes: Int
    public var total: Int
    public var share: Double { Double(successes) / Double(total) }
  }

  /// `compare 98/584 16/136`.
  public init(
    _ successes1: Int, of total1: Int, _ successes2: Int, of total2: Int,
    alpha: Double = 0.05, confidence: Double = 0.95
  ) throws(Diagnostic) {
    for (s, n) in [(successes1, total1), (successes2, total2)] {
      guard n > 0 else {
        throw Diagnostic.error(.invalidCounts, "a group has no rows (\(s)/\(n)): a share needs at least one")
      }
      guard s >= 0 else { throw Diagnostic.error(.invalidCounts, "a count cannot be negative (\(s)/\(n))") }
      guard s <= n else {
        throw Diagnostic.error(
          .invalidCounts,
          "\(s) of \(n) is more than all of them: the count meeting the condition must be at most the group's size")
      }
    }
    first = Proportion(successes: successes1, total: total1)
    second = Proportion(successes: successes2, total: total2)
    self.confidence = confidence
    let p1 = first.share, p2 = second.share
    let n1 = Double(total1), n2 = Double(total2)
    difference = p1 - p2
    let pooled = Double(successes1 + successes2) / (n1 + n2)
    let se0 = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
    z = se0 > 0 ? difference / se0 : 0
    pValue = se0 > 0 ? 2 * NormalDistribution.survival(abs(z)) : 1
    let zc = NormalDistribution.upperQuantile((1 - confidence) / 2)
    let w1 = Self.wilson(successes1, of: total1, z: zc), w2 = Self.wilson(successes2, of: total2, z: zc)
    // Newcombe's method 10: each end moves by the two shares' Wilson half-widths on that side.
    let below = ((p1 - w1.lowerBound) * (p1 - w1.lowerBound) + (w2.upperBound - p2) * (w2.upperBound - p2)).squareRoot()
    let above = ((w1.upperBound - p1) * (w1.upperBound - p1) + (p2 - w2.lowerBound) * (p2 - w2.lowerBound)).squareRoot()
    differenceInterval = max(-1, difference - below)...min(1, difference + above)
    fisher = FisherExactTest([[successes1, total1 - successes1], [successes2, total2 - successes2]])
    let expected = [pooled * n1, (1 - pooled) * n1, pooled * n2, (1 - pooled) * n2]
    usesFisher = expected.contains(where: { $0 < 5 })
    verdict = Verdict(
      pValue: usesFisher ? fisher.pValue : pValue, alpha: alpha, subject: "a difference this large",
      significant: "a real difference", test: usesFisher ? "Fisher's exact test" : "Pearson's chi-square test")
    warnings =
      usesFisher
      ? [
        Diagnostic(
          .approximateTest,
          "an expected count is below 5: the z test's normal approximation is rough, so the verdict reads Fisher's exact test"
        )
      ]
      : []
  }

  /// X² of the 2 × 2 table, z².
  public var chiSquare: Double { z * z }

  /// The test the verdict reads, as the record names it (the same words as `CrossTabTest` on this table).
  public var method: String { usesFisher ? "Fisher's exact test" : "Pearson's chi-square test" }

  /// Wilson's score interval for s/n (no continuity correction).
  static func wilson(_ s: Int, of n: Int, z: Double) -> ClosedRange<Double> {
    let n = Double(n), p = Double(s) / n, z2 = z * z
    let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    // The ends are exactly 0 and 1 when s is 0 or n; rounding must not move them past.
    return max(0, s == 0 ? 0 : centre - half)...min(1, s == Int(n) ? 1 : centre + half)
  }
}
