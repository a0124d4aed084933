import Foundation

/// The Kruskal–Wallis H test for k groups of a measure (ranks, not means), with the tie
/// correction, as scipy.stats.kruskal.
public struct KruskalWallisTest: Hashable, Sendable {
  public var counts: [Int]
  /// The mean rank of each group in the pooled data.
  public var meanRanks: [Double]
  /// (12 / (N(N+1)) Σ Rᵢ²/nᵢ − 3(N+1)) / (1 − Σ(t³ − t)/(N³ − N)).
  public var h: Double
  public var degreesOfFreedom: Int
  /// From χ² with k − 1 degrees of freedom.
  public var pValue: Double
  public var verdict: Verdict

  public init(_ groups: [[Double]], alpha: Double = 0.05) throws(Diagnostic) {
    try self.init(groups, alpha: alpha, ranking: nil)
  }

  /// - Parameter ranking: the groups' pooled ranking, when the caller has it.
  init(_ groups: [[Double]], alpha: Double = 0.05, ranking known: Ranking?) throws(Diagnostic) {
    try GroupCheck.validate(groups)
    let ranking = known ?? Ranking(groups)
    let sums = ranking.rankSums
    counts = groups.map(\.count)
    let n = Double(counts.reduce(0, +))
    meanRanks = zip(sums, counts).map { $0 / Double($1) }
    let correction = 1 - ranking.tieTerm / (n * n * n - n)
    guard correction > 0 else {
      throw Diagnostic.error(.noVariation, "every value is the same: there is nothing to rank")
    }
    let raw = 12 / (n * (n + 1)) * zip(sums, counts).reduce(0) { $0 + $1.0 * $1.0 / Double($1.1) } - 3 * (n + 1)
    h = raw / correction
    degreesOfFreedom = groups.count - 1
    pValue = ChiSquared.survival(h, df: Double(degreesOfFreedom))
    verdict = Verdict(
      pValue: pValue, alpha: alpha, subject: "differences among the groups this large",
      significant: "the groups really differ", test: "the Kruskal–Wallis test")
  }
}
