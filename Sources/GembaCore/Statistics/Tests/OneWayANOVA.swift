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

  /// The residual standard deviation √(within / (N − k)), as NIST StRD certifies it.
  public var residualStandardDeviation: Double { (withinSquares / Double(withinDegrees)).squareRoot() }

  /// - Parameter decimals: the most decimals the values were written with, when known and none
  ///   was written with an exponent: the sums are then taken on that decimal grid (`DecimalGrid`),
  ///   exact at any magnitude. Without it, values are measured from the first one.
  public init(_ groups: [[Double]], decimals: Int? = nil, alpha: Double = 0.05) throws(Diagnostic) {
    try GroupCheck.validate(groups)
    let grid =
      decimals.flatMap { DecimalGrid(decimals: $0, values: groups) } ?? .shifted(by: groups.first?.first ?? 0)
    var samples: [Sample] = []
    for (i, g) in groups.enumerated() { samples.append(try Sample(g, name: "group \(i + 1)", grid: grid)) }
    self.groups = samples
    let n = groups.reduce(0) { $0 + $1.count }
    guard n > groups.count else {
      throw Diagnostic.error(
        .tooFewValues, "one-way ANOVA needs more values than groups (\(n) values in \(groups.count) groups)")
    }
    // In the grid's steps: the group means' deviations from the grand mean are exact there.
    var total = CompensatedSum()
    for s in samples { total.add(Double(s.count) * s.centredMean) }
    let centredGrand = total.value / Double(n)
    grandMean = grid.value(offset: centredGrand)
    var between = CompensatedSum(), within = CompensatedSum()
    let steps2 = grid.scale * grid.scale
    for s in samples {
      let d = s.centredMean - centredGrand
      between.add(Double(s.count) * d * d)
      within.add(Double(s.count - 1) * s.variance * steps2)
    }
    betweenSquares = between.value / steps2
    withinSquares = within.value / steps2
    betweenDegrees = groups.count - 1
    withinDegrees = n - groups.count
    guard withinSquares > 0 else {
      throw Diagnostic.error(
        .noVariation, "every value is the same within its group: there is no variation to test against")
    }
    f = (between.value / Double(betweenDegrees)) / (within.value / Double(withinDegrees))
    pValue = FDistribution.survival(f, df1: Double(betweenDegrees), df2: Double(withinDegrees))
    etaSquared = betweenSquares / (betweenSquares + withinSquares)
    verdict = Verdict(
      pValue: pValue, alpha: alpha, subject: "differences among the group means this large",
      significant: "the groups really differ", test: "one-way ANOVA")
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
