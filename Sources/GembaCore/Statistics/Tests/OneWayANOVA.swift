import Foundation

/// One-way analysis of variance for k groups of a measure, as scipy.stats.f_oneway.
public struct OneWayANOVA: Hashable, Sendable {
  public var groups: [Sample]
  public var grandMean: Double
  /// Σ nᵢ (x̄ᵢ − x̄)², with k − 1 degrees of freedom.
  public var betweenSquares: Double
  /// Σ Σ (x − x̄ᵢ)², with N − k degrees of freedom.
  public var withinSquares: Double
  public var betweenDegrees: Int
  public var withinDegrees: Int
  /// (between / (k − 1)) / (within / (N − k)).
  public var f: Double
  public var pValue: Double
  /// η² = between / (between + within): the share of the variation the groups explain.
  public var etaSquared: Double
  public var verdict: Verdict

  public init(_ groups: [[Double]], alpha: Double = 0.05) throws(Diagnostic) {
    try GroupCheck.validate(groups)
    var samples: [Sample] = []
    for (i, g) in groups.enumerated() { samples.append(try Sample(g, name: "group \(i + 1)")) }
    self.groups = samples
    let n = groups.reduce(0) { $0 + $1.count }
    guard n > groups.count else {
      throw Diagnostic.error(
        .tooFewValues, "one-way ANOVA needs more values than groups (\(n) values in \(groups.count) groups)")
    }
    grandMean = groups.joined().reduce(0, +) / Double(n)
    let m = grandMean
    betweenSquares = samples.reduce(0) { $0 + Double($1.count) * ($1.mean - m) * ($1.mean - m) }
    withinSquares = samples.reduce(0) { $0 + Double($1.count - 1) * $1.variance }
    betweenDegrees = groups.count - 1
    withinDegrees = n - groups.count
    guard withinSquares > 0 else {
      throw Diagnostic.error(
        .noVariation, "every value is the same within its group: there is no variation to test against")
    }
    f = (betweenSquares / Double(betweenDegrees)) / (withinSquares / Double(withinDegrees))
    pValue = FDistribution.survival(f, df1: Double(betweenDegrees), df2: Double(withinDegrees))
    etaSquared = betweenSquares / (betweenSquares + withinSquares)
    verdict = Verdict(
      pValue: pValue, alpha: alpha, subject: "differences among the group means this large",
      significant: "the groups really differ")
  }
}

enum GroupCheck {
  static func validate(_ groups: [[Double]]) throws(Diagnostic) {
    guard groups.count >= 2 else {
      throw Diagnostic.error(
        .tooFewGroups,
        "comparing groups needs at least 2 groups (there \(groups.count == 1 ? "is 1" : "are \(groups.count)"))")
    }
    if let empty = groups.firstIndex(where: { $0.isEmpty }) {
      throw Diagnostic.error(.tooFewValues, "group \(empty + 1) has no values")
    }
    for (i, g) in groups.enumerated() { try Sample.requireFinite(g, name: "group \(i + 1)") }
  }
}
