import Foundation

/// How the within-subgroup (short-term) σ is estimated, for control limits and Cp/Cpk.
public enum WithinSigma: String, Hashable, Sendable, Codable {
  /// R̄/d₂ (for unequal subgroup sizes, Σ fᵢ Rᵢ/d₂(nᵢ) / Σ fᵢ with fᵢ = d₂²/d₃², as Minitab).
  case rangeBar = "R̄/d₂"
  /// S̄/c₄ (for unequal sizes, Σ hᵢ sᵢ/c₄(nᵢ) / Σ hᵢ with hᵢ = c₄²/(1 − c₄²), as Minitab).
  case sBar = "S̄/c₄"
  /// MR̄/d₂(2) with d₂(2) = 2/√π exactly, from the moving ranges of consecutive individual values.
  case movingRange = "MR̄/d₂"

  /// σ from the subgroups at `indices` (nil: all of them). Subgroups of one value are skipped;
  /// `movingRange` reads the values in order as individuals.
  func estimate(_ subgroups: Subgroups, of indices: Range<Int>?) throws(Diagnostic) -> Double {
    let used = indices ?? subgroups.indices
    let sigma: Double
    switch self {
    case .movingRange:
      let values = subgroups.starts[used.lowerBound]..<subgroups.starts[used.upperBound]
      sigma = try Self.movingRange(
        subgroups.values, pairs: values.isEmpty ? values : (values.lowerBound + 1)..<values.upperBound)
    case .rangeBar:
      if let big = used.first(where: { subgroups.size($0) > ControlChartConstants.largestRangeSubgroup }) {
        throw Diagnostic.error(
          .chartNeedsInput, "a subgroup of \(subgroups.size(big)) is too large for ranges (up to 25 values)",
          notes: ["use the X̄-S chart (--chart xbar-s) for large subgroups"])
      }
      sigma = try Self.weightedMean(subgroups, used) { n in
        let d2 = ControlChartConstants.d2(n), d3 = ControlChartConstants.d3(n)
        return (weight: d2 * d2 / (d3 * d3), divisor: d2)
      } statistic: {
        Self.range($0)
      }
    case .sBar:
      sigma = try Self.weightedMean(subgroups, used) { n in
        let c4 = ControlChartConstants.c4(n)
        return (weight: c4 * c4 / (1 - c4 * c4), divisor: c4)
      } statistic: {
        Self.standardDeviation($0)
      }
    }
    guard sigma > 0 else { throw Self.noVariation }
    return sigma
  }

  /// Σ wᵢ (statisticᵢ / divisorᵢ) / Σ wᵢ over the subgroups of 2 or more values; a subgroup
  /// size's weight and divisor are computed when the size changes, not per subgroup.
  private static func weightedMean(
    _ subgroups: Subgroups, _ used: Range<Int>, constants: (Int) -> (weight: Double, divisor: Double),
    statistic: (ArraySlice<Double>) -> Double
  ) throws(Diagnostic) -> Double {
    var weighted = 0.0, weights = 0.0
    var size = 0, weight = 0.0, divisor = 0.0
    for i in used where subgroups.size(i) >= 2 {
      if subgroups.size(i) != size {
        size = subgroups.size(i)
        (weight, divisor) = constants(size)
      }
      weighted += weight * statistic(subgroups[i]) / divisor
      weights += weight
    }
    guard weights > 0 else { throw noSubgroups }
    return weighted / weights
  }

  /// MR̄/d₂(2) over consecutive values; `pairs` limits which (i − 1, i) pairs count (by i).
  static func movingRange(_ values: [Double], pairs: Range<Int>?) throws(Diagnostic) -> Double {
    let ends = pairs ?? 1..<max(1, values.count)
    guard !ends.isEmpty else {
      throw Diagnostic.error(.tooFewValues, "moving ranges need at least 2 consecutive values")
    }
    var sum = CompensatedSum()
    for i in ends { sum.add(abs(values[i] - values[i - 1])) }
    let mean = sum.value / Double(ends.count)
    let sigma = mean / ControlChartConstants.movingRangeD2
    guard sigma > 0 else { throw noVariation }
    return sigma
  }

  static func standardDeviation(_ g: ArraySlice<Double>) -> Double {
    let m = g.compensatedSum() / Double(g.count)
    return (g.lazy.map { ($0 - m) * ($0 - m) }.compensatedSum() / Double(g.count - 1)).squareRoot()
  }

  /// The largest value less the smallest (a tie keeps the first, as `max()` and `min()` do).
  static func range(_ g: ArraySlice<Double>) -> Double {
    var low = g[g.startIndex], high = low
    for x in g.dropFirst() {
      if x < low { low = x }
      if high < x { high = x }
    }
    return high - low
  }

  static let noSubgroups = Diagnostic.error(
    .noVariation, "no subgroup has 2 or more values: σ within subgroups cannot be estimated",
    notes: ["for one value per point use the individuals chart (--chart imr)"])
  static let noVariation = Diagnostic.error(
    .noVariation, "all values are equal (σ = 0): control limits would be a single line",
    notes: ["check the measure's resolution: a gauge that always reads the same cannot show variation"])
}
