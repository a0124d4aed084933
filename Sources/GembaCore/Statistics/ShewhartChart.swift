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
    /// Indices into `points`.
    public var points: Range<Int>
    /// How many points (subgroups, samples) the limits were computed from.
    public var basedOn: Int
    /// The centre of the plotted statistic (for a constant size; the mean size otherwise).
    public var center: Double
    /// The process σ estimate (variables charts), or the σ multiplier σ_z (Laney charts).
    public var sigma: Double?
  }

  public var kind: Kind
  public var points: [Point]
  public var stages: [Stage]
  public var rules: SpecialCauseRules
  public var signals: [ControlChart.Signal]
  /// Provisional limits (fewer than 20 points), and what else the reader should know.
  public var warnings: [Diagnostic]
  /// Between-sample variation against the binomial or Poisson model (p, u and Laney charts).
  public var dispersion: Dispersion?

  /// True when the limits differ from point to point (varying sizes or stages).
  public var limitsVary: Bool {
    guard let first = points.first else { return false }
    return points.contains { $0.lower != first.lower || $0.upper != first.upper || $0.center != first.center }
  }

  /// The points that signal, each with the tests it breaks ("point 7: test 1, 5").
  public var flagged: [Int: [Int]] {
    signals.reduce(into: [:]) { $0[$1.point, default: []].append($1.rule) }
  }

  init(kind: Kind, points: [Point], stages: [Stage], rules: SpecialCauseRules, warnings: [Diagnostic],
       dispersion: Dispersion? = nil) {
    self.kind = kind
    self.points = points
    self.stages = stages
    self.rules = rules
    self.warnings = warnings
    self.dispersion = dispersion
    // Runs are judged within a stage: a shift at a stage boundary is the change being studied.
    signals = stages.flatMap { stage -> [ControlChart.Signal] in
      let slice = Array(points[stage.points])
      let check = ControlRuleCheck(values: slice.map(\.value), centers: slice.map(\.center), sigmas: slice.map(\.sigma),
                                   uppers: slice.map(\.upper), lowers: slice.map(\.lower))
      return check.signals(rules).map { ControlChart.Signal(point: $0.point + stage.points.lowerBound, rule: $0.rule, description: $0.description) }
    }
  }
}

/// Whether counts vary between samples more than the binomial (p) or Poisson (u) model allows:
/// σ_z, the standard deviation of the standardized points z = (x − centre)/σ estimated from their
/// moving range (Laney 2002), and the dispersion test Σz² ~ χ²(m − 1).
public struct Dispersion: Hashable, Sendable {
  /// σ_z = mean moving range of z / 1.128: 1 when the model holds, above 1 when overdispersed.
  public var ratio: Double
  public var chiSquare: Double
  public var degreesOfFreedom: Int
  /// P(χ² ≥ Σz²): small when the samples vary more than the model allows.
  public var pValue: Double
  /// pValue < 0.05 and ratio > 1: ordinary limits are too narrow; Laney's p′ or u′ are the remedy.
  public var overdispersed: Bool
  /// The lower tail below 0.05 and ratio < 1: ordinary limits are too wide.
  public var underdispersed: Bool

  /// - Parameter z: the standardized points of each stage (moving ranges do not cross stages).
  init(z stages: [[Double]]) {
    let ranges = stages.flatMap { z in zip(z.dropFirst(), z).map { abs($0 - $1) } }
    ratio = ranges.isEmpty ? 1 : ranges.reduce(0, +) / Double(ranges.count) / ControlChartConstants.d2(2)
    chiSquare = stages.joined().reduce(0) { $0 + $1 * $1 }
    degreesOfFreedom = max(1, stages.joined().count - stages.count)
    pValue = ChiSquared.survival(chiSquare, df: Double(degreesOfFreedom))
    overdispersed = pValue < 0.05 && ratio > 1
    underdispersed = ChiSquared.cdf(chiSquare, df: Double(degreesOfFreedom)) < 0.05 && ratio < 1
  }
}
