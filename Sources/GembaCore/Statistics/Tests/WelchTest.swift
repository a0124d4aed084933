import Foundation

/// Welch's t test for two groups of a measure (no equal-variance assumption), as
/// scipy.stats.ttest_ind(x, y, equal_var=False): the difference of means with its confidence
/// interval, and the effect size.
public struct WelchTest: Hashable, Sendable {
  public var first: Sample
  public var second: Sample
  /// x̄₁ − x̄₂.
  public var difference: Double
  public var differenceInterval: ClosedRange<Double>
  public var confidence: Double
  /// (x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂).
  public var t: Double
  /// The Welch–Satterthwaite degrees of freedom.
  public var degreesOfFreedom: Double
  /// Two-sided.
  public var pValue: Double
  /// Cohen's d: the difference over the pooled standard deviation.
  public var cohensD: Double
  /// Hedges' g: d times the exact small-sample correction Γ(m/2) / (√(m/2) Γ((m − 1)/2)), m = n₁ + n₂ − 2.
  public var hedgesG: Double
  public var verdict: Verdict

  /// - Parameter decimals: the most decimals the values were written with, when known (see
  ///   `OneWayANOVA.init`): the means' difference is then exact at any magnitude.
  public init(
    _ x: [Double], _ y: [Double], decimals: Int? = nil, alpha: Double = 0.05, confidence: Double = 0.95
  ) throws(Diagnostic) {
    let grid = decimals.flatMap { DecimalGrid(decimals: $0, values: [x, y]) } ?? .shifted(by: x.first ?? 0)
    first = try Sample(x, name: "the first group", grid: grid)
    second = try Sample(y, name: "the second group", grid: grid)
    guard first.count >= 2, second.count >= 2 else {
      throw Diagnostic.error(
        .tooFewValues,
        "each group needs at least 2 values to compare means (they have \(first.count) and \(second.count))")
    }
    let v1 = first.variance / Double(first.count), v2 = second.variance / Double(second.count)
    guard v1 + v2 > 0 else {
      throw Diagnostic.error(
        .noVariation, "every value in both groups is the same within its group: there is no variation to test against")
    }
    self.confidence = confidence
    difference = first.meanDifference(from: second)
    let se = (v1 + v2).squareRoot()
    t = difference / se
    degreesOfFreedom =
      (v1 + v2) * (v1 + v2)
      / (v1 * v1 / Double(first.count - 1) + v2 * v2 / Double(second.count - 1))
    pValue = StudentT.twoSided(t, df: degreesOfFreedom)
    let tc = StudentT.quantile(1 - (1 - confidence) / 2, df: degreesOfFreedom)
    differenceInterval = (difference - tc * se)...(difference + tc * se)
    let m = Double(first.count + second.count - 2)
    let pooled = ((Double(first.count - 1) * first.variance + Double(second.count - 1) * second.variance) / m)
      .squareRoot()
    cohensD = difference / pooled
    let j = exp(SpecialFunctions.logGamma(m / 2) - SpecialFunctions.logGamma((m - 1) / 2)) / (m / 2).squareRoot()
    hedgesG = cohensD * j
    verdict = Verdict(
      pValue: pValue, alpha: alpha, subject: "a difference of means this large", significant: "a real difference",
      test: "Welch's t test")
  }
}
