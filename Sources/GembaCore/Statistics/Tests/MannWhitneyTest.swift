import Foundation

/// The Mann–Whitney U test (Wilcoxon rank-sum) for two groups of a measure, with
/// scipy.stats.mannwhitneyu(x, y)'s defaults: two-sided; the exact distribution of U when there
/// are no ties and either group has 8 values or fewer; otherwise the normal approximation with
/// the tie correction and a continuity correction.
public struct MannWhitneyTest: Hashable, Sendable {
  /// U for the first group: R₁ − n₁(n₁ + 1)/2 (scipy's `statistic`).
  public var u: Double
  public var firstCount: Int
  public var secondCount: Int
  public var exact: Bool
  /// The standardized statistic of the normal approximation (nil when exact).
  public var z: Double?
  public var pValue: Double
  /// The probability that a value of the first group exceeds one of the second (ties half): U₁ / (n₁n₂).
  public var commonLanguageEffect: Double
  public var verdict: Verdict

  public init(_ x: [Double], _ y: [Double], alpha: Double = 0.05) throws(Diagnostic) {
    try self.init(x, y, alpha: alpha, ranking: nil)
  }

  /// - Parameter ranking: the pooled ranking of x then y, when the caller has it.
  init(_ x: [Double], _ y: [Double], alpha: Double = 0.05, ranking known: Ranking?) throws(Diagnostic) {
    try Sample.requireFinite(x, name: "the first group")
    try Sample.requireFinite(y, name: "the second group")
    guard !x.isEmpty, !y.isEmpty else {
      throw Diagnostic.error(.tooFewValues, "each group needs at least one value (they have \(x.count) and \(y.count))")
    }
    let n1 = x.count, n2 = y.count
    firstCount = n1
    secondCount = n2
    let ranking = known ?? Ranking([x, y])
    let r1 = ranking.rankSums[0]
    u = r1 - Double(n1 * (n1 + 1)) / 2
    let product = Double(n1) * Double(n2)
    let big = max(u, product - u)
    commonLanguageEffect = u / product
    exact = ranking.ties.isEmpty && (n1 <= 8 || n2 <= 8) && product <= Self.exactLimit
    if exact {
      z = nil
      pValue = min(1, 2 * Self.exactSurvival(Int(big.rounded()), n1, n2))
    } else {
      let n = Double(n1 + n2)
      let s = (product / 12 * ((n + 1) - ranking.tieTerm / (n * (n - 1)))).squareRoot()
      let zz = s > 0 ? (big - product / 2 - 0.5) / s : 0
      z = zz
      pValue = s > 0 ? min(1, 2 * NormalDistribution.survival(zz)) : 1
    }
    verdict = Verdict(
      pValue: pValue, alpha: alpha, subject: "a shift this large", significant: "a real difference",
      test: "the Mann–Whitney test")
  }

  /// Above this n₁n₂ the exact distribution is not counted (scipy would; the normal
  /// approximation is then within 10⁻³ of it).
  static let exactLimit = 4_000_000.0

  /// P(U ≥ u) under the null. U is symmetric about n₁n₂/2, so this is P(U ≤ n₁n₂ − u): the
  /// lower coefficients of the Gaussian binomial [n₁+n₂ choose a]_q = Π (1 − q^(b+i)) / (1 − q^i)
  /// over i = 1…a (a the smaller group, b the larger), which count the arrangements giving each U.
  static func exactSurvival(_ u: Int, _ n1: Int, _ n2: Int) -> Double {
    let a = min(n1, n2), b = max(n1, n2)
    let top = n1 * n2 - u
    guard top >= 0 else { return 0 }
    var coefficients = [Double](repeating: 0, count: top + 1)
    coefficients[0] = 1
    for i in 1...a {
      // Multiply by (1 − q^(b+i)), from the top down so each term reads the old value.
      if b + i <= top {
        for k in stride(from: top, through: b + i, by: -1) { coefficients[k] -= coefficients[k - b - i] }
      }
      // Divide by (1 − q^i): a running sum with stride i.
      if i <= top { for k in i...top { coefficients[k] += coefficients[k - i] } }
    }
    let total = exp(SpecialFunctions.logChoose(n1 + n2, a))
    return min(1, coefficients.reduce(0, +) / total)
  }
}
