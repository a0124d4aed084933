import Foundation

/// Process capability against specification limits: Cp, Cpl, Cpu, Cpk and Cpm from the
/// within-subgroup σ, Pp, Ppl, Ppu and Ppk from the overall σ (the sample standard deviation),
/// with confidence intervals; observed and expected parts per million outside the limits; and an
/// Anderson–Darling test that says when normality, which the indices assume, is rejected.
///
/// Intervals (as Minitab documents them and qcc computes them, ν = N − 1 for N values):
/// Cp·√(χ²(α/2, ν)/ν) … Cp·√(χ²(1 − α/2, ν)/ν); Cpk ± z(1 − α/2)·√(1/(9N) + Cpk²/(2ν)) (Bissell
/// 1990), the same for Cpl, Cpu and the P indices; Cpm by χ² with ν = N(1 + δ²)/(1 + 2δ²),
/// δ = (x̄ − T)/σ (Boyles 1991).
public struct CapabilityStudy: Hashable, Sendable {
  /// An index with its confidence interval.
  public struct Index: Hashable, Sendable {
    public var value: Double
    public var interval: ClosedRange<Double>
  }

  /// Parts per million below the lower and above the upper limit (nil without that limit).
  public struct PartsPerMillion: Hashable, Sendable {
    public var below: Double?
    public var above: Double?
    public var total: Double { (below ?? 0) + (above ?? 0) }
  }

  public var count: Int
  public var mean: Double
  public var lowerSpec: Double?
  public var upperSpec: Double?
  /// The target: as given, else the middle of two-sided limits (nil for one-sided limits).
  public var target: Double?
  public var withinSigma: Double
  public var sigmaMethod: WithinSigma
  public var overallSigma: Double
  public var confidence: Double
  public var cp: Index?, cpl: Index?, cpu: Index?, cpk: Index, cpm: Index?
  public var pp: Index?, ppl: Index?, ppu: Index?, ppk: Index
  public var observed: PartsPerMillion
  /// From the normal distribution with the within σ.
  public var expectedWithin: PartsPerMillion
  /// From the normal distribution with the overall σ.
  public var expectedOverall: PartsPerMillion
  public var normality: AndersonDarlingTest
  /// Points of the study's own control charts (X̄ and R or S, or I and MR) beyond their limits.
  public var outOfControl: [ControlChart.Signal]
  /// The whole process judged on its location chart (I or X̄) with a known false-alarm rate:
  /// beyond-limit points against what chance gives among this many, and runs about the centre.
  /// Capability indices predict only for a process in statistical control.
  public var stability: ProcessVerdict
  public var inControl: Bool { stability.inControl }
  public var warnings: [Diagnostic]

  /// Capability of subgrouped data; within σ by R̄/d₂ (default) or S̄/c₄.
  public init(
    subgroups: [[Double]], lowerSpec: Double?, upperSpec: Double?, target: Double? = nil,
    method: WithinSigma = .rangeBar, confidence: Double = 0.95
  ) throws(Diagnostic) {
    try self.init(
      subgroups: Subgroups(subgroups), lowerSpec: lowerSpec, upperSpec: upperSpec, target: target, method: method,
      confidence: confidence)
  }

  /// Capability of subgrouped data (`--size N`, `--subgroup COL`); within σ by R̄/d₂ (default) or S̄/c₄.
  public init(
    subgroups: Subgroups, lowerSpec: Double?, upperSpec: Double?, target: Double? = nil,
    method: WithinSigma = .rangeBar, confidence: Double = 0.95
  ) throws(Diagnostic) {
    try subgroups.requireFinite(nonEmpty: false)
    try Self.requireVariation(subgroups.values)
    guard subgroups.count >= 2 || method == .movingRange else {
      throw ControlCharts.tooFew(subgroups.count, "subgroups")
    }
    let sigma = try method.estimate(subgroups, of: nil)
    let beyond = try SpecialCauseRules(.westernElectric, tests: [1])
    let (chart, tested) = Self.chartBeside(subgroups.values) { () throws(Diagnostic) in
      method == .movingRange
        ? try ControlCharts.individuals(subgroups.values, rules: beyond)
        : try ControlCharts.subgrouped(subgroups, labels: nil, phases: .none, rules: beyond, method: method)
    }
    try self.init(
      values: subgroups.values, withinSigma: sigma, method: method, points: subgroups.count, chart: chart.get(),
      tested: tested, lowerSpec: lowerSpec, upperSpec: upperSpec, target: target, confidence: confidence)
  }

  /// Capability of individual values in time order; within σ = MR̄/1.128.
  public init(
    individuals: [Double], lowerSpec: Double?, upperSpec: Double?, target: Double? = nil,
    confidence: Double = 0.95
  ) throws(Diagnostic) {
    try Sample.requireFinite(individuals, name: "the measure")
    guard individuals.count >= 2 else { throw ControlCharts.tooFew(individuals.count, "values") }
    try Self.requireVariation(individuals)
    let sigma = try WithinSigma.movingRange(individuals, pairs: nil)
    let beyond = try SpecialCauseRules(.westernElectric, tests: [1])
    let (chart, tested) = Self.chartBeside(individuals) { () throws(Diagnostic) in
      try ControlCharts.individuals(individuals, labels: nil, rules: beyond, checkedSigma: sigma)
    }
    try self.init(
      values: individuals, withinSigma: sigma, method: .movingRange, points: individuals.count, chart: chart.get(),
      tested: tested, lowerSpec: lowerSpec, upperSpec: upperSpec, target: target, confidence: confidence)
  }

  /// The study's chart and its normality test of the same values, on both cores: each only reads
  /// the values, and together they are most of a study of a million values.
  private static func chartBeside(
    _ values: [Double], chart: @escaping @Sendable () throws(Diagnostic) -> VariablesChart
  ) -> (chart: Result<VariablesChart, Diagnostic>, tested: Result<(Sample, AndersonDarlingTest), Diagnostic>) {
    let charted = ResultBox<Result<VariablesChart, Diagnostic>?>(nil)
    let tested = ResultBox<Result<(Sample, AndersonDarlingTest), Diagnostic>?>(nil)
    Parallel.run([
      { charted.value = Result { () throws(Diagnostic) in try chart() } },
      {
        tested.value = Result { () throws(Diagnostic) in
          let sample = try Sample(values)
          guard sample.variance > 0 else { throw WithinSigma.noVariation }
          return (sample, try AndersonDarlingTest(values, sample: sample))
        }
      },
    ])
    return (charted.value!, tested.value!)
  }

  private init(
    values: [Double], withinSigma: Double, method: WithinSigma, points: Int, chart: VariablesChart,
    tested: Result<(Sample, AndersonDarlingTest), Diagnostic>, lowerSpec: Double?, upperSpec: Double?,
    target: Double?, confidence: Double
  ) throws(Diagnostic) {
    guard lowerSpec != nil || upperSpec != nil else {
      throw Diagnostic.error(.invalidSpecLimits, "capability needs a specification limit: --lsl, --usl or both")
    }
    for limit in [lowerSpec, upperSpec].compactMap({ $0 }) where !limit.isFinite {
      throw Diagnostic.error(.invalidSpecLimits, "a specification limit must be a finite number")
    }
    if let l = lowerSpec, let u = upperSpec, l >= u {
      throw Diagnostic.error(
        .invalidSpecLimits,
        "the lower specification limit (\(NumberFormat.compact(l, maxPlaces: 6))) must be below the upper "
          + "(\(NumberFormat.compact(u, maxPlaces: 6)))", notes: ["were --lsl and --usl swapped?"])
    }
    let (sample, normality) = try tested.get()
    count = values.count
    mean = sample.mean
    self.lowerSpec = lowerSpec
    self.upperSpec = upperSpec
    self.target = target ?? (lowerSpec != nil && upperSpec != nil ? (lowerSpec! + upperSpec!) / 2 : nil)
    self.withinSigma = withinSigma
    sigmaMethod = method
    overallSigma = sample.standardDeviation
    self.confidence = confidence
    self.normality = normality
    outOfControl =
      chart.location.signals
      + chart.spread.signals.map {
        ControlChart.Signal(
          point: chart.spread.positions[$0.point], rule: $0.rule,
          description: "\(chart.spread.kind.rawValue) chart: \($0.description)")
      }
    stability = chart.location.verdict ?? ProcessVerdict(chart.location)

    let n = Double(count), nu = n - 1, alpha = 1 - confidence
    let z = NormalDistribution.upperQuantile(alpha / 2)
    let low = (ChiSquared.quantile(alpha / 2, df: nu) / nu).squareRoot()
    let high = (ChiSquared.quantile(1 - alpha / 2, df: nu) / nu).squareRoot()
    func potential(_ sigma: Double) -> Index? {
      guard let l = lowerSpec, let u = upperSpec else { return nil }
      let v = (u - l) / (6 * sigma)
      return Index(value: v, interval: (v * low)...(v * high))
    }
    func bissell(_ v: Double) -> Index {
      let half = z * (1 / (9 * n) + v * v / (2 * nu)).squareRoot()
      return Index(value: v, interval: (v - half)...(v + half))
    }
    let m = mean, overall = sample.standardDeviation
    cp = potential(withinSigma)
    cpl = lowerSpec.map { bissell((m - $0) / (3 * withinSigma)) }
    cpu = upperSpec.map { bissell(($0 - m) / (3 * withinSigma)) }
    cpk = bissell(min(cpl?.value ?? .infinity, cpu?.value ?? .infinity))
    pp = potential(overall)
    ppl = lowerSpec.map { bissell((m - $0) / (3 * overall)) }
    ppu = upperSpec.map { bissell(($0 - m) / (3 * overall)) }
    ppk = bissell(min(ppl?.value ?? .infinity, ppu?.value ?? .infinity))
    if let cp, let t = self.target {
      let delta = (mean - t) / withinSigma
      let v = cp.value / (1 + delta * delta).squareRoot()
      let df = n * (1 + delta * delta) / (1 + 2 * delta * delta)
      cpm = Index(
        value: v,
        interval: (v * (ChiSquared.quantile(alpha / 2, df: df) / df).squareRoot())...(v
          * (ChiSquared.quantile(1 - alpha / 2, df: df) / df).squareRoot()))
    } else {
      cpm = nil
    }
    observed = Self.observed(values, lowerSpec, upperSpec)
    expectedWithin = Self.expected(mean, withinSigma, lowerSpec, upperSpec)
    expectedOverall = Self.expected(mean, overallSigma, lowerSpec, upperSpec)

    var warnings: [Diagnostic] = []
    if normality.verdict.isSignificant {
      warnings.append(
        Diagnostic(
          .notNormal,
          "the data are not normal (Anderson–Darling A² = \(NumberFormat.decimal(normality.aSquared, places: 3)), "
            + "p = \(NumberFormat.decimal(normality.pValue, places: 3))): the indices and expected PPM assume a normal distribution",
          notes: [
            "read the observed PPM, or find why the data are not normal (a mixture of streams, a shift, a boundary)"
          ]))
    }
    if !stability.inControl {
      let (chart, option) =
        method == .movingRange ? ("I", "imr") : method == .sBar ? ("X̄", "xbar-s") : ("X̄", "xbar-r")
      warnings.append(
        Diagnostic(
          .notInControl,
          "the process is not in statistical control on its \(chart) chart (\(stability.reason)), so the indices do not "
            + "predict what it will make",
          notes: ["find and remove the special causes first (spc --chart \(option))"]))
    }
    if points < 20 {
      warnings.append(
        Diagnostic(
          .roughIndices,
          "the study has \(points) \(method == .movingRange ? "values" : "subgroups"), fewer than 20: the indices are rough (see their intervals)"
        ))
    }
    if let t = target, let l = lowerSpec ?? target, let u = upperSpec ?? target, t < l || t > u {
      warnings.append(
        Diagnostic(
          .targetOutsideSpecification,
          "the target \(NumberFormat.compact(t, maxPlaces: 6)) is outside the specification limits"))
    }
    self.warnings = warnings
  }

  /// Values all equal have no capability to state (σ = 0 makes every index infinite): the
  /// answer is that plain fact.
  static func requireVariation(_ values: [Double]) throws(Diagnostic) {
    guard let none = NoVariation.among(values) else { return }
    throw Diagnostic.error(
      .noVariation, none.sentence("study"),
      notes: ["check the measure's resolution: a gauge that always reads the same cannot show variation"])
  }

  private static func observed(_ values: [Double], _ lower: Double?, _ upper: Double?) -> PartsPerMillion {
    let n = Double(values.count)
    return PartsPerMillion(
      below: lower.map { l in Double(values.count(where: { $0 < l })) / n * 1e6 },
      above: upper.map { u in Double(values.count(where: { $0 > u })) / n * 1e6 })
  }

  private static func expected(_ mean: Double, _ sigma: Double, _ lower: Double?, _ upper: Double?) -> PartsPerMillion {
    PartsPerMillion(
      below: lower.map { NormalDistribution.cdf(($0 - mean) / sigma) * 1e6 },
      above: upper.map { NormalDistribution.survival(($0 - mean) / sigma) * 1e6 })
  }
}
