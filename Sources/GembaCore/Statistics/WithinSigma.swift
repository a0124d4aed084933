import Foundation

/// How the within-subgroup (short-term) σ is estimated, for control limits and Cp/Cpk.
public enum WithinSigma: String, Hashable, Sendable, Codable {
  /// R̄/d₂ (for unequal subgroup sizes, Σ fᵢ Rᵢ/d₂(nᵢ) / Σ fᵢ with fᵢ = d₂²/d₃², as Minitab).
  case rangeBar = "R̄/d₂"
  /// S̄/c₄ (for unequal sizes, Σ hᵢ sᵢ/c₄(nᵢ) / Σ hᵢ with hᵢ = c₄²/(1 − c₄²), as Minitab).
  case sBar = "S̄/c₄"
  /// MR̄/d₂(2) = MR̄/1.128, from the moving ranges of consecutive individual values.
  case movingRange = "MR̄/d₂"

  /// σ from subgroups (subgroups of one value are skipped; `movingRange` reads them in order as individuals).
  func estimate(_ subgroups: [[Double]]) throws(Diagnostic) -> Double {
    let sigma: Double
    switch self {
    case .movingRange:
      sigma = try Self.movingRange(Array(subgroups.joined()), pairs: nil)
    case .rangeBar:
      let usable = subgroups.filter { $0.count >= 2 }
      guard !usable.isEmpty else { throw Self.noSubgroups }
      if let big = usable.first(where: { $0.count > ControlChartConstants.largestRangeSubgroup }) {
        throw Diagnostic.error("a subgroup of \(big.count) is too large for ranges (up to 25 values)",
                               notes: ["use the X̄-S chart (--chart xbar-s) for large subgroups"])
      }
      var weighted = 0.0, weights = 0.0
      var d3s: [Int: Double] = [:]
      for g in usable {
        let d2 = ControlChartConstants.d2(g.count)
        let d3 = d3s[g.count] ?? ControlChartConstants.d3(g.count)
        d3s[g.count] = d3
        let f = d2 * d2 / (d3 * d3)
        weighted += f * (g.max()! - g.min()!) / d2
        weights += f
      }
      sigma = weighted / weights
    case .sBar:
      let usable = subgroups.filter { $0.count >= 2 }
      guard !usable.isEmpty else { throw Self.noSubgroups }
      var weighted = 0.0, weights = 0.0
      for g in usable {
        let c4 = ControlChartConstants.c4(g.count)
        let h = c4 * c4 / (1 - c4 * c4)
        weighted += h * Self.standardDeviation(g) / c4
        weights += h
      }
      sigma = weighted / weights
    }
    guard sigma > 0 else { throw Self.noVariation }
    return sigma
  }

  /// MR̄/d₂(2) over consecutive values; `pairs` limits which (i − 1, i) pairs count (by i).
  static func movingRange(_ values: [Double], pairs: Range<Int>?) throws(Diagnostic) -> Double {
    let ends = pairs ?? 1..<max(1, values.count)
    guard !ends.isEmpty else { throw Diagnostic.error("moving ranges need at least 2 consecutive values") }
    var sum = 0.0
    for i in ends { sum += abs(values[i] - values[i - 1]) }
    let mean = sum / Double(ends.count)
    let sigma = mean / ControlChartConstants.d2(2)
    guard sigma > 0 else { throw noVariation }
    return sigma
  }

  static func standardDeviation(_ g: [Double]) -> Double {
    let m = g.reduce(0, +) / Double(g.count)
    return (g.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(g.count - 1)).squareRoot()
  }

  static let noSubgroups = Diagnostic.error("no subgroup has 2 or more values: σ within subgroups cannot be estimated",
                                            notes: ["for one value per point use the individuals chart (--chart imr)"])
  static let noVariation = Diagnostic.error("all values are equal (σ = 0): control limits would be a single line",
                                            notes: ["check the measure's resolution: a gauge that always reads the same cannot show variation"])
}
