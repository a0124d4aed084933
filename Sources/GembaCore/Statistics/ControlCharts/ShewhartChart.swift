/// A Shewhart control chart of any kind: each point with its own centre line, limits and σ
/// (limits vary with the subgroup or sample size, and by stage), and the special causes found.
///
/// Built by `ControlCharts` (I-MR, X̄-R, X̄-S, p, np, c, u, Laney p′ and u′); the XmR chart of
/// `spc` (`ControlChart`) is the individuals chart with constant limits.
public struct ShewhartChart: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
    case individuals, movingRange = "moving range", mean = "x̄", range = "R", standardDeviation = "S"
    case p, np, c, u, laneyP = "Laney p′", laneyU = "Laney u′"
  }

  /// One point, assembled from the chart's columns.
  public struct Point: Hashable, Sendable {
    /// The observation or subgroup this point plots (0-based, in input order).
    public var position: Int
    public var label: String
    public var value: Double
    public var center: Double
    public var lower: Double
    public var upper: Double
    /// σ of the plotted statistic at this point: the zones are centre ± 1σ and ± 2σ.
    public var sigma: Double
    /// The subgroup or sample size (nil for individuals and c charts).
    public var size: Int?
    /// The stage's label, when the chart has stages.
    public var stage: String?
    /// Whether the point was among those the limits were computed from.
    public var inBaseline: Bool
  }

  /// A run of points sharing limits computed from (some of) them.
  public struct Stage: Hashable, Sendable {
    public var label: String?
    /// Indices of its points.
    public var points: Range<Int>
    /// Indices of the points the limits were computed from (the stage's part of the baseline).
    public var baseline: Range<Int>
    /// The centre of the plotted statistic (for a constant size; the mean size otherwise).
    public var center: Double
    /// The process σ estimate (variables charts), or the σ multiplier σ_z (Laney charts).
    public var sigma: Double?
    /// How many points (subgroups, samples) the limits were computed from.
    public var basedOn: Int { baseline.count }
  }

  public var kind: Kind
  // The points, column by column (a chart of a million points is a few flat arrays).
  public var positions: PointPositions
  /// Each point's label (made when read).
  public var labels: ChartLabels
  public var values: [Double]
  /// Centres, limits and σ per point, held once per run of equal values (a stage, a subgroup size).
  public var centers: PointColumn
  public var lowers: PointColumn
  public var uppers: PointColumn
  public var sigmas: PointColumn
  /// Subgroup or sample sizes (nil for individuals, moving ranges and c charts).
  public var sizes: [Int]?
  public var stages: [Stage]
  public var rules: SpecialCauseRules
  public var signals: [ControlChart.Signal]
  /// Provisional limits (fewer than 20 points), and what else the reader should know.
  public var warnings: [Diagnostic]
  /// Between-sample variation against the binomial or Poisson model (p, u and Laney charts).
  public var dispersion: Dispersion?
  /// Each point's chance of falling beyond its limits when the process is stable, under the
  /// chart's binomial (p, np) or Poisson (c, u) model; nil where the normal p₀ holds (variables
  /// and Laney charts). Read by the verdict.
  public var beyondChances: [Double]?
  /// The whole process judged with a known false-alarm rate (location charts: I, X̄, p, np, c,
  /// u, Laney; nil for the spread charts, whose points echo the location chart's).
  public var verdict: ProcessVerdict?

  public var count: Int { values.count }

  public func point(_ i: Int) -> Point {
    let stage = stages.first { $0.points.contains(i) }
    return Point(
      position: positions[i], label: labels[i], value: values[i], center: centers[i], lower: lowers[i],
      upper: uppers[i], sigma: sigmas[i], size: sizes?[i], stage: stage?.label,
      inBaseline: stage?.baseline.contains(i) ?? false)
  }

  /// Every point (built on demand; for large charts read the columns).
  public var points: [Point] { (0..<count).map(point) }

  /// True when the limits differ from point to point (varying sizes or stages).
  public var limitsVary: Bool {
    guard count > 0 else { return false }
    return !lowers.isConstant || !uppers.isConstant || !centers.isConstant
  }

  /// The points that signal, each with the tests it breaks ("point 7: test 1, 5").
  public var flagged: [Int: [Int]] {
    signals.reduce(into: [:]) { $0[$1.point, default: []].append($1.rule) }
  }

  /// - Parameter labels: the labels of the input points; each point takes its position's.
  init(
    kind: Kind, columns: ChartColumns, labels: ChartLabels, stages: [Stage], rules: SpecialCauseRules,
    warnings: [Diagnostic],
    dispersion: Dispersion? = nil, beyondChances: [Double]? = nil
  ) {
    self.kind = kind
    self.beyondChances = beyondChances
    positions = columns.positions
    self.labels = labels.at(columns.positions)
    values = columns.values
    centers = columns.centers
    lowers = columns.lowers
    uppers = columns.uppers
    sigmas = columns.sigmas
    sizes = columns.sizes
    self.stages = stages
    self.rules = rules
    self.warnings = warnings
    self.dispersion = dispersion
    // Runs are judged within a stage: a shift at a stage boundary is the change being studied.
    var signals: [ControlChart.Signal] = []
    for stage in stages {
      signals += ControlRuleCheck(
        values: values, centers: centers, sigmas: sigmas, uppers: uppers, lowers: lowers, points: stage.points
      )
      .signals(rules)
    }
    self.signals = signals
    verdict = nil
    switch kind {
    case .individuals, .mean, .p, .np, .c, .u, .laneyP, .laneyU: verdict = ProcessVerdict(self)
    case .movingRange, .range, .standardDeviation: break
    }
  }
}

/// The columns of a chart's points, filled point by point by the builders.
struct ChartColumns {
  var positions = PointPositions()
  var values: [Double] = []
  var centers = PointColumn()
  var lowers = PointColumn()
  var uppers = PointColumn()
  var sigmas = PointColumn()
  var sizes: [Int]?

  /// Points to come, reserved at the first that is not a whole array (which is taken as it is).
  private let capacity: Int

  init(capacity: Int, sized: Bool) {
    self.capacity = capacity
    if sized {
      sizes = []
      sizes!.reserveCapacity(capacity)
    }
  }

  var count: Int { values.count }

  /// The indices, from `start` on, of the points whose positions fall in `positions`.
  /// Positions ascend, so each end is found by halving.
  func indices(of positions: Range<Int>, from start: Int) -> Range<Int> {
    func first(from: Int, atLeast p: Int) -> Int {
      var lo = from, hi = count
      while lo < hi {
        let mid = (lo + hi) / 2
        if self.positions[mid] >= p { hi = mid } else { lo = mid + 1 }
      }
      return lo
    }
    let lower = first(from: start, atLeast: positions.lowerBound)
    return lower..<first(from: lower, atLeast: positions.upperBound)
  }

  /// Points sharing one centre and one set of limits, appended in bulk.
  mutating func append(
    _ positions: Range<Int>, values: some Collection<Double>, center: Double,
    lower: Double, upper: Double, sigma: Double
  ) {
    self.positions.append(contentsOf: positions)
    if self.values.isEmpty, let whole = values as? [Double] {
      // A chart of every point shares its values' array: a million points are not copied.
      self.values = whole
    } else {
      if self.values.isEmpty { self.values.reserveCapacity(capacity) }
      self.values += values
    }
    centers.append(center, count: positions.count)
    lowers.append(lower, count: positions.count)
    uppers.append(upper, count: positions.count)
    sigmas.append(sigma, count: positions.count)
  }

  mutating func append(
    _ position: Int, value: Double, center: Double, lower: Double, upper: Double,
    sigma: Double, size: Int? = nil
  ) {
    positions.append(position)
    if values.isEmpty { values.reserveCapacity(capacity) }
    values.append(value)
    centers.append(center)
    lowers.append(lower)
    uppers.append(upper)
    sigmas.append(sigma)
    if let size { sizes?.append(size) }
  }
}

/// Whether counts vary between samples more than the binomial (p) or Poisson (u) model allows:
/// σ_z, the standard deviation of the standardized points z = (x − centre)/σ estimated from their
/// moving range (Laney 2002), and the dispersion test Σz² ~ χ²(m − 1).
public struct Dispersion: Hashable, Sendable {
  /// σ_z = mean moving range of z / d₂(2): 1 when the model holds, above 1 when overdispersed
  /// (Laney's multiplier; no test reads it).
  public var ratio: Double
  public var chiSquare: Double
  public var degreesOfFreedom: Int
  /// Σz²/(m − 1): the variance of the standardized points against the model's 1, the statistic
  /// the p-value tests (the verdict and the figure shown beside it are the same statistic).
  public var varianceRatio: Double { chiSquare / Double(degreesOfFreedom) }
  /// P(χ² ≥ Σz²): small when the samples vary more than the model allows.
  public var pValue: Double
  /// pValue < 0.05 (Σz² large): ordinary limits are too narrow; Laney's p′ or u′ are the remedy.
  public var overdispersed: Bool
  /// The lower tail below 0.05 (Σz² small): ordinary limits are too wide.
  public var underdispersed: Bool

  /// - Parameter z: the standardized points of each stage (moving ranges do not cross stages).
  init(z stages: [[Double]]) {
    let ranges = stages.flatMap { z in zip(z.dropFirst(), z).map { abs($0 - $1) } }
    ratio = ranges.isEmpty ? 1 : ranges.reduce(0, +) / Double(ranges.count) / ControlChartConstants.movingRangeD2
    chiSquare = stages.joined().reduce(0) { $0 + $1 * $1 }
    degreesOfFreedom = max(1, stages.joined().count - stages.count)
    pValue = ChiSquared.survival(chiSquare, df: Double(degreesOfFreedom))
    // Decided on Σz² alone: σ_z, from moving ranges, is another statistic and may disagree.
    overdispersed = pValue < 0.05
    underdispersed = ChiSquared.cdf(chiSquare, df: Double(degreesOfFreedom)) < 0.05
  }
}
