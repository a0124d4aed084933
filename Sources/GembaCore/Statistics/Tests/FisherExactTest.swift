import Foundation

/// Fisher's exact test on a 2 × 2 table, two-sided as scipy.stats.fisher_exact and R's
/// fisher.test define it: the sum of the probabilities of every table with the observed margins
/// that is no more probable than the observed one.
public struct FisherExactTest: Hashable, Sendable {
  /// The table, rows × columns: [[a, b], [c, d]].
  public var table: [[Int]]
  /// The sample odds ratio a·d / (b·c) (∞ when b·c = 0; NaN when a margin is empty).
  public var oddsRatio: Double
  public var pValue: Double

  /// Tables whose probability is within this relative tolerance of the observed one count as
  /// "no more probable", so rounding cannot split tables that are equally likely in exact
  /// arithmetic (R uses 1 + 10⁻⁷; scipy 1 + 10⁻¹⁴).
  static let tolerance = 1e-7

  /// - Precondition: a 2 × 2 table of counts ≥ 0 (TwoProportionTest and CrossTabTest check).
  public init(_ table: [[Int]]) {
    self.table = table
    let a = table[0][0], b = table[0][1], c = table[1][0], d = table[1][1]
    let row1 = a + b, row2 = c + d, col1 = a + c
    if row1 == 0 || row2 == 0 || col1 == 0 || b + d == 0 {
      oddsRatio = .nan
      pValue = 1
      return
    }
    oddsRatio = b * c > 0 ? Double(a) * Double(d) / (Double(b) * Double(c)) : .infinity
    let h = Hypergeometric(population: row1 + row2, successes: row1, draws: col1)
    let observed = h.logPMF(a)
    let threshold = observed + log1p(Self.tolerance)
    var p = 0.0
    for k in h.support {
      let lp = h.logPMF(k)
      if lp <= threshold { p += exp(lp) }
    }
    pValue = min(1, p)
  }

  public func verdict(alpha: Double = 0.05) -> Verdict {
    Verdict(
      pValue: pValue, alpha: alpha, subject: "a difference this large", significant: "a real difference",
      test: "Fisher's exact test")
  }
}
