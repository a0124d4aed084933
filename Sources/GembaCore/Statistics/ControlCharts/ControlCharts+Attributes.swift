import Foundation

extension ControlCharts {
  /// p chart, the share defective per sample: p̄ ± 3√(p̄(1 − p̄)/nᵢ), p̄ = Σd / Σn, clipped to 0…1.
  public static func p(
    defectives: [Int], sizes: [Int], labels: [String]? = nil, phases: ChartPhases = .none,
    rules: SpecialCauseRules = .attributeDefault
  ) throws(Diagnostic) -> ShewhartChart {
    try checkDefectives(defectives, sizes: sizes)
    return try attribute(
      .p, counts: defectives.map(Double.init), sizes: sizes.map(Double.init), labels: labels, phases: phases,
      rules: rules)
  }

  /// np chart, defectives per sample: np̄ ± 3√(np̄(1 − p̄)) (per point when sizes vary).
  public static func np(
    defectives: [Int], sizes: [Int], labels: [String]? = nil, phases: ChartPhases = .none,
    rules: SpecialCauseRules = .attributeDefault
  ) throws(Diagnostic) -> ShewhartChart {
    try checkDefectives(defectives, sizes: sizes)
    return try attribute(
      .np, counts: defectives.map(Double.init), sizes: sizes.map(Double.init), labels: labels, phases: phases,
      rules: rules)
  }

  /// c chart, defects per item (a constant area of opportunity): c̄ ± 3√c̄.
  public static func c(
    defects: [Int], labels: [String]? = nil, phases: ChartPhases = .none,
    rules: SpecialCauseRules = .attributeDefault
  ) throws(Diagnostic) -> ShewhartChart {
    try checkCounts(defects)
    return try attribute(
      .c, counts: defects.map(Double.init), sizes: defects.map { _ in 1 }, labels: labels, phases: phases, rules: rules)
  }

  /// u chart, defects per unit: ū ± 3√(ū/nᵢ), ū = Σc / Σn (sizes may be fractional: m², hours).
  public static func u(
    defects: [Int], sizes: [Double], labels: [String]? = nil, phases: ChartPhases = .none,
    rules: SpecialCauseRules = .attributeDefault
  ) throws(Diagnostic) -> ShewhartChart {
    try checkCounts(defects)
    try checkSizes(sizes, count: defects.count)
    return try attribute(
      .u, counts: defects.map(Double.init), sizes: sizes, labels: labels, phases: phases, rules: rules)
  }

  /// Laney p′ chart: the p chart's σᵢ times σ_z, the spread of the standardized points
  /// zᵢ = (pᵢ − p̄)/σᵢ estimated from their moving range (Laney 2002). For large samples whose
  /// shares vary more than the binomial model allows.
  public static func laneyP(
    defectives: [Int], sizes: [Int], labels: [String]? = nil, phases: ChartPhases = .none,
    rules: SpecialCauseRules = .attributeDefault
  ) throws(Diagnostic) -> ShewhartChart {
    try checkDefectives(defectives, sizes: sizes)
    return try attribute(
      .laneyP, counts: defectives.map(Double.init), sizes: sizes.map(Double.init), labels: labels, phases: phases,
      rules: rules)
  }

  /// Laney u′ chart: the u chart's σᵢ times σ_z.
  public static func laneyU(
    defects: [Int], sizes: [Double], labels: [String]? = nil, phases: ChartPhases = .none,
    rules: SpecialCauseRules = .attributeDefault
  ) throws(Diagnostic) -> ShewhartChart {
    try checkCounts(defects)
    try checkSizes(sizes, count: defects.count)
    return try attribute(
      .laneyU, counts: defects.map(Double.init), sizes: sizes, labels: labels, phases: phases, rules: rules)
  }

  private static func attribute(
    _ kind: ShewhartChart.Kind, counts: [Double], sizes: [Double], labels: [String]?,
    phases: ChartPhases, rules: SpecialCauseRules
  ) throws(Diagnostic) -> ShewhartChart {
    guard counts.count >= 2 else { throw tooFew(counts.count, "samples") }
    let labels = try checkedLabels(labels.map(ChartLabels.init), count: counts.count)
    let binomial = kind == .p || kind == .np || kind == .laneyP
    let perItem = kind == .np || kind == .c
    let integralSizes = kind != .c && sizes.allSatisfy { $0 == $0.rounded() && $0 < 1e15 }
    var points = ChartColumns(capacity: counts.count, sized: integralSizes)
    var stages: [ShewhartChart.Stage] = []
    var warnings: [Diagnostic] = [], z: [[Double]] = []
    let model = attributeModel(kind)
    var beyondChances: [Double] = []
    if model != nil { beyondChances.reserveCapacity(counts.count) }
    // Σ of each point's chance of a side run as long as the side test's (which assumes ½ᴸ × 2).
    let sideTest = SkewedRunTests.sideTest(rules)
    var sideRuns = 0.0
    for segment in try phases.segments(count: counts.count) {
      let used = segment.estimate
      let rate = segment.estimate.reduce(0) { $0 + counts[$1] } / segment.estimate.reduce(0) { $0 + sizes[$1] }
      let unitVariance = binomial ? rate * (1 - rate) : rate
      guard unitVariance > 0 else {
        // With stages, the one whose samples are all alike is named (the others may vary).
        let scope = segment.label.map { "in the stage `\($0)`, " } ?? ""
        throw Diagnostic.error(
          .limitsCollapse,
          rate == 0
            ? "\(scope)every sample has 0 \(binomial ? "defectives" : "defects"): the limits collapse to 0"
            : "\(scope)every item in every sample is defective: the limits collapse to 1",
          notes: ["all values are equal (σ = 0): there is no variation to chart"])
      }
      // The standardized points of the baseline, for σ_z (Laney) and the dispersion check.
      let zs = segment.estimate.map { (counts[$0] / sizes[$0] - rate) / (unitVariance / sizes[$0]).squareRoot() }
      z.append(zs)
      // The baseline is a run of consecutive points, so its moving ranges are those of zs.
      let ranges = zip(zs.dropFirst(), zs).map { abs($0 - $1) }
      let sigmaZ = ranges.isEmpty ? 1 : ranges.reduce(0, +) / Double(ranges.count) / ControlChartConstants.movingRangeD2
      let multiplier = kind == .laneyP || kind == .laneyU ? sigmaZ : 1
      warnings += provisional(segment, count: segment.estimate.count, what: "samples")
      // Points of one size share their chances (a stage's limits depend on the size alone).
      var chancesBySize: [Double: (beyond: Double, sideRun: Double)] = [:]
      for i in segment.points {
        let scale = perItem ? sizes[i] : 1
        let center = rate * scale
        let sigma = (unitVariance / sizes[i]).squareRoot() * multiplier * scale
        let ceiling = binomial ? scale : Double.infinity
        let lower = max(0, center - 3 * sigma), upper = min(ceiling, center + 3 * sigma)
        points.append(
          i, value: counts[i] / sizes[i] * scale, center: center, lower: lower,
          upper: upper, sigma: sigma, size: integralSizes ? Int(sizes[i]) : nil)
        if let model {
          let chances =
            chancesBySize[sizes[i]]
            ?? {
              let point = AttributeChances(model: model, rate: rate, size: sizes[i], scale: scale)
              let found = (
                point.beyond(lower: lower, upper: upper),
                sideTest.map { point.sideRun(center: center, length: $0.length) } ?? 0
              )
              chancesBySize[sizes[i]] = found
              return found
            }()
          beyondChances.append(chances.beyond)
          sideRuns += chances.sideRun
        }
      }
      let meanSize = segment.estimate.reduce(0) { $0 + sizes[$1] } / Double(segment.estimate.count)
      stages.append(
        .init(
          label: segment.label, points: segment.points, baseline: used,
          center: perItem ? rate * meanSize : rate, sigma: kind == .laneyP || kind == .laneyU ? sigmaZ : nil))
    }
    let dispersion = kind == .c || kind == .np ? nil : Dispersion(z: z)
    if let dispersion, dispersion.overdispersed, kind == .p || kind == .u {
      warnings.append(
        Diagnostic(
          .overdispersion,
          "overdispersion detected: the samples' variance is \(NumberFormat.significant(dispersion.varianceRatio))× what the "
            + "\(binomial ? "binomial" : "Poisson") model allows, so these limits are too narrow",
          notes: ["use the Laney \(binomial ? "p′" : "u′") chart (--chart laney-\(binomial ? "p" : "u"))"]))
    }
    if model != nil, let skew = SkewedRunTests(sideRuns: sideRuns, points: counts.count, rules: rules) {
      warnings.append(skew.warning)
    }
    return ShewhartChart(
      kind: kind, columns: points, labels: labels, stages: stages, rules: rules, warnings: warnings,
      dispersion: dispersion, beyondChances: model == nil ? nil : beyondChances)
  }

  /// The count model behind an attribute chart's limits, whose chances the verdict uses (nil
  /// for Laney's charts, whose widened limits are normal by construction, and variables charts).
  static func attributeModel(_ kind: ShewhartChart.Kind) -> AttributeChances.Model? {
    switch kind {
    case .p, .np: .binomial
    case .c, .u: .poisson
    case .laneyP, .laneyU, .individuals, .movingRange, .mean, .range, .standardDeviation: nil
    }
  }

  static func checkCounts(_ counts: [Int]) throws(Diagnostic) {
    if let i = counts.firstIndex(where: { $0 < 0 }) {
      throw Diagnostic.error(.invalidCounts, "a count cannot be negative (\(counts[i]) in sample \(i + 1))")
    }
  }

  static func checkSizes(_ sizes: [Double], count: Int) throws(Diagnostic) {
    guard sizes.count == count else {
      throw Diagnostic.error(.mismatchedLengths, "\(sizes.count) sample sizes for \(count) counts")
    }
    if let i = sizes.firstIndex(where: { !($0 > 0) || !$0.isFinite }) {
      throw Diagnostic.error(
        .invalidCounts,
        "sample \(i + 1) has size \(NumberFormat.compact(sizes[i])): a sample size must be a positive number")
    }
  }

  static func checkDefectives(_ defectives: [Int], sizes: [Int]) throws(Diagnostic) {
    try checkCounts(defectives)
    try checkSizes(sizes.map(Double.init), count: defectives.count)
    if let i = defectives.indices.first(where: { defectives[$0] > sizes[$0] }) {
      throw Diagnostic.error(
        .invalidCounts,
        "sample \(i + 1) has \(defectives[i]) defectives out of \(sizes[i]) items: more defectives than items inspected",
        notes: [
          "check the count and size columns: defectives count items, so d ≤ n (for defects per item use a c or u chart)"
        ])
    }
  }
}
