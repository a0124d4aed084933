import Foundation

/// A variables chart pair: the location chart (individuals or X̄) and its spread chart (moving
/// range, R or S), with the σ estimate each stage's limits come from.
public struct VariablesChart: Hashable, Sendable {
  public var location: ShewhartChart
  public var spread: ShewhartChart
  public var sigmaMethod: WithinSigma
}

/// Builds Shewhart charts from values, with limits per stage or from a baseline.
public enum ControlCharts {
  /// The individuals and moving-range chart (I-MR): x̄ ± 3σ, σ = MR̄/d₂(2); MR chart MR̄, D₄·MR̄
  /// (d₂ and D₄ exact: `ControlChartConstants.movingRangeD2`, `movingRangeD4`). The MR chart is
  /// checked for points beyond its limit only: its ranges share points, so zone and run tests on
  /// it echo the I chart (one outlier makes two wide ranges).
  public static func individuals(
    _ values: [Double], labels: [String]? = nil, phases: ChartPhases = .none,
    rules: SpecialCauseRules = .westernElectric
  ) throws(Diagnostic) -> VariablesChart {
    try individuals(values, labels: labels.map(ChartLabels.init), phases: phases, rules: rules)
  }

  /// The I-MR pair, with labels made when read (`nil`: 1, 2, …).
  /// - Parameter checkedSigma: σ = MR̄/d₂ of all the values, from a caller that has also checked
  ///   they are finite (a capability study), so that neither pass is made twice.
  static func individuals(
    _ values: [Double], labels: ChartLabels?, phases: ChartPhases = .none,
    rules: SpecialCauseRules = .westernElectric, checkedSigma: Double? = nil
  ) throws(Diagnostic) -> VariablesChart {
    if checkedSigma == nil { try Sample.requireFinite(values, name: "the measure") }
    guard values.count >= 2 else { throw tooFew(values.count, "values") }
    let labels = try checkedLabels(labels, count: values.count)
    var location = ChartColumns(capacity: values.count, sized: false)
    var spread = ChartColumns(capacity: values.count, sized: false)
    var locationStages: [ShewhartChart.Stage] = [], spreadStages: [ShewhartChart.Stage] = []
    var warnings: [Diagnostic] = []
    let d3 = ControlChartConstants.movingRangeD3
    let spreadRules = try SpecialCauseRules(rules.family, tests: [1])
    for segment in try phases.segments(count: values.count) {
      let used = segment.estimate
      // Moving ranges (i − 1, i) with both ends in the baseline.
      let pairs = (used.lowerBound + 1)..<max(used.lowerBound + 1, used.upperBound)
      let known = used == values.indices ? checkedSigma : nil
      let sigma: Double
      if let known { sigma = known } else { sigma = try WithinSigma.movingRange(values, pairs: pairs) }
      var sum = CompensatedSum()
      for i in used { sum.add(values[i]) }
      let mean = sum.value / Double(used.count)
      let mrBar = sigma * ControlChartConstants.movingRangeD2
      warnings += provisional(segment, count: used.count, what: "values")
      let start = spread.count
      let all = segment.points, ranges = all.dropFirst()
      if all == values.indices {
        location.append(
          all, values: values, center: mean, lower: mean - 3 * sigma, upper: mean + 3 * sigma, sigma: sigma)
      } else {
        location.append(
          all, values: values[all], center: mean, lower: mean - 3 * sigma, upper: mean + 3 * sigma, sigma: sigma)
      }
      spread.append(
        ranges, values: ranges.map { abs(values[$0] - values[$0 - 1]) }, center: mrBar, lower: 0,
        upper: mrBar + 3 * d3 * sigma, sigma: d3 * sigma)
      locationStages.append(
        .init(label: segment.label, points: segment.points, baseline: used, center: mean, sigma: sigma))
      spreadStages.append(
        .init(
          label: segment.label, points: start..<spread.count,
          baseline: spread.indices(of: pairs, from: start), center: mrBar, sigma: sigma))
    }
    return VariablesChart(
      location: ShewhartChart(
        kind: .individuals, columns: location, labels: labels, stages: locationStages, rules: rules, warnings: warnings),
      spread: ShewhartChart(
        kind: .movingRange, columns: spread, labels: labels, stages: spreadStages, rules: spreadRules,
        warnings: []),
      sigmaMethod: .movingRange)
  }

  /// X̄ and R chart: x̄̄ ± 3σ/√nᵢ with σ = R̄/d₂; R chart d₂(nᵢ)σ ± 3d₃(nᵢ)σ (lower limit at least 0).
  /// Subgroups may differ in size: the limits are then per point.
  public static func xbarR(
    _ subgroups: [[Double]], labels: [String]? = nil, phases: ChartPhases = .none,
    rules: SpecialCauseRules = .westernElectric
  ) throws(Diagnostic) -> VariablesChart {
    try subgrouped(
      Subgroups(subgroups), labels: labels.map(ChartLabels.init), phases: phases, rules: rules, method: .rangeBar)
  }

  /// X̄ and S chart: x̄̄ ± 3σ/√nᵢ with σ = S̄/c₄; S chart c₄(nᵢ)σ ± 3σ√(1 − c₄²) (lower limit at least 0).
  public static func xbarS(
    _ subgroups: [[Double]], labels: [String]? = nil, phases: ChartPhases = .none,
    rules: SpecialCauseRules = .westernElectric
  ) throws(Diagnostic) -> VariablesChart {
    try subgrouped(
      Subgroups(subgroups), labels: labels.map(ChartLabels.init), phases: phases, rules: rules, method: .sBar)
  }

  /// The X̄ chart and its R or S chart (`method`); `labels` nil: 1, 2, ….
  static func subgrouped(
    _ subgroups: Subgroups, labels: ChartLabels?, phases: ChartPhases, rules: SpecialCauseRules,
    method: WithinSigma
  ) throws(Diagnostic) -> VariablesChart {
    try subgroups.requireFinite(nonEmpty: true)
    guard subgroups.count >= 2 else { throw tooFew(subgroups.count, "subgroups") }
    let labels = try checkedLabels(labels, count: subgroups.count)
    // Each subgroup's sum, in one pass over the values: the points' means and the stages' grand means.
    let sums = subgroups.indices.map { subgroups[$0].compensatedSum() }
    var location = ChartColumns(capacity: subgroups.count, sized: true)
    var spread = ChartColumns(capacity: subgroups.count, sized: true)
    var locationStages: [ShewhartChart.Stage] = [], spreadStages: [ShewhartChart.Stage] = []
    var warnings: [Diagnostic] = []
    // The spread chart's factors (d₂, d₃ or c₄, √(1 − c₄²)), computed when the subgroup size changes.
    var factorsSize = 0, centerFactor = 0.0, spreadFactor = 0.0
    for segment in try phases.segments(count: subgroups.count) {
      let used = segment.estimate
      let sigma = try method.estimate(subgroups, of: used)
      let total = subgroups.starts[used.upperBound] - subgroups.starts[used.lowerBound]
      let mean = used.reduce(0) { $0 + sums[$1] } / Double(total)
      warnings += provisional(segment, count: used.count, what: "subgroups")
      let start = spread.count
      for i in segment.points {
        let n = subgroups.size(i)
        let se = sigma / Double(n).squareRoot()
        location.append(
          i, value: sums[i] / Double(n), center: mean, lower: mean - 3 * se, upper: mean + 3 * se,
          sigma: se, size: n)
        guard n >= 2 else { continue }
        if n != factorsSize {
          factorsSize = n
          let c4 = method == .sBar ? ControlChartConstants.c4(n) : 0
          (centerFactor, spreadFactor) =
            method == .sBar
            ? (c4, (1 - c4 * c4).squareRoot())
            : (ControlChartConstants.d2(n), ControlChartConstants.d3(n))
        }
        let value = method == .sBar ? WithinSigma.standardDeviation(subgroups[i]) : WithinSigma.range(subgroups[i])
        let center = centerFactor * sigma, spreadSigma = spreadFactor * sigma
        spread.append(
          i, value: value, center: center, lower: max(0, center - 3 * spreadSigma),
          upper: center + 3 * spreadSigma, sigma: spreadSigma, size: n)
      }
      locationStages.append(
        .init(label: segment.label, points: segment.points, baseline: used, center: mean, sigma: sigma))
      let spreadCenter = spread.centers[start...].reduce(0, +) / Double(max(1, spread.count - start))
      spreadStages.append(
        .init(
          label: segment.label, points: start..<spread.count, baseline: spread.indices(of: used, from: start),
          center: spreadCenter, sigma: sigma))
    }
    return VariablesChart(
      location: ShewhartChart(
        kind: .mean, columns: location, labels: labels, stages: locationStages, rules: rules, warnings: warnings),
      spread: ShewhartChart(
        kind: method == .sBar ? .standardDeviation : .range, columns: spread, labels: labels, stages: spreadStages,
        rules: rules, warnings: []),
      sigmaMethod: method)
  }

  static func checkedLabels(_ labels: [String]?, count: Int) throws(Diagnostic) -> [String] {
    Array(try checkedLabels(labels.map(ChartLabels.init), count: count))
  }

  /// The labels given (as many as the points), or 1 … count.
  static func checkedLabels(_ labels: ChartLabels?, count: Int) throws(Diagnostic) -> ChartLabels {
    guard let labels else { return ChartLabels(numbering: count) }
    guard labels.count == count else {
      throw Diagnostic.error(.mismatchedLengths, "\(labels.count) labels for \(count) points")
    }
    return labels
  }

  static func tooFew(_ count: Int, _ what: String) -> Diagnostic {
    Diagnostic.error(
      .tooFewValues, "control limits need at least 2 \(what); there \(count == 1 ? "is 1" : "are \(count)")",
      notes: ["a single \(what == "subgroups" ? "subgroup" : "point") has nothing to vary against"])
  }

  /// Fewer than 20 points: limits are a first estimate (a warning, not an error).
  static func provisional(_ segment: ChartPhases.Segment, count: Int, what: String) -> [Diagnostic] {
    guard count < 20 else { return [] }
    let stage = segment.label.map { " in stage \($0)" } ?? ""
    return [
      Diagnostic(
        .provisionalLimits, "limits\(stage) come from \(count) \(what), fewer than 20: treat them as provisional")
    ]
  }
}
