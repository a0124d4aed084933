/// An individuals (XmR) control chart: the centre line X̄, limits X̄ ± 3σ with σ = MR̄/d₂(2)
/// (exact d₂, as `--chart imr` computes them), and the points that break the Western Electric or
/// Nelson rules.
public struct ControlChart: Hashable, Sendable {
  public struct Point: Hashable, Sendable {
    public var label: String
    public var value: Double
  }
  /// A rule broken at a point (the last point of the run that breaks it).
  public struct Signal: Hashable, Sendable {
    public var point: Int
    public var rule: Int
    public var description: String
  }
  public var column: String
  /// Decimals the points are shown to: the data's own precision (counts: 0; means per period: one
  /// more). Centre line, limits and σ are shown to one decimal more than the points.
  public var decimals: Int = 2
  /// What a point is: "row", "day", "week" (mean or count per bucket), as titles say it.
  public var pointKind: String
  /// What a point's value is, which decides its precision and whether its limits stop at zero.
  public enum PointMeaning: Sendable { case value, count, mean }
  public var meaning: PointMeaning
  /// The points, each assembled when read from the values and labels held flat (a chart of a
  /// million rows holds one array of numbers, not a million labelled points).
  public var points: Points {
    get { Points(values: values, labels: labels) }
    set { (values, labels) = (newValue.values, newValue.labels) }
  }
  public private(set) var values: [Double]
  public private(set) var labels: ChartLabels
  public var mean: Double
  public var averageMovingRange: Double
  public var upperLimit: Double
  public var lowerLimit: Double
  /// σ estimated as mean moving range / d₂(2), d₂(2) = 2/√π.
  public var sigma: Double
  /// The moving-range chart's upper limit, D₄·MR̄.
  public var movingRangeUpper: Double
  /// Every value is the same: no limits, no signals, no verdict (there is nothing to chart).
  public var noVariation: Bool { values.count >= 2 && averageMovingRange == 0 }
  /// The whole process judged with a known false-alarm rate (nil without variation).
  public var verdict: ProcessVerdict?
  /// Provisional limits (fewer than 20 points).
  public var warnings: [Diagnostic]
  public var rules: ControlRules
  public var signals: [Signal]
  /// Rows left out because the cell was not a number (or date).
  public var skipped: Int

  init(
    column: String, pointKind: String, meaning: PointMeaning = .value, points: [Point], rules: ControlRules,
    skipped: Int
  ) {
    self.init(
      column: column, pointKind: pointKind, meaning: meaning, values: points.map(\.value),
      labels: ChartLabels(points.map(\.label)), rules: rules, skipped: skipped)
  }

  init(
    column: String, pointKind: String, meaning: PointMeaning = .value, values: [Double], labels: ChartLabels,
    rules: ControlRules, skipped: Int
  ) {
    precondition(values.count == labels.count, "a label per point")
    self.column = column
    self.pointKind = pointKind
    self.meaning = meaning
    self.values = values
    self.labels = labels
    self.rules = rules
    self.skipped = skipped
    // Compensated sums, in order: accurate at any magnitude (docs/statistics.md, "Accuracy").
    var sum = CompensatedSum(), rangeSum = CompensatedSum()
    for v in values { sum.add(v) }
    for i in values.indices.dropFirst() { rangeSum.add(abs(values[i] - values[i - 1])) }
    mean = values.isEmpty ? 0 : sum.value / Double(values.count)
    averageMovingRange = values.count < 2 ? 0 : rangeSum.value / Double(values.count - 1)
    sigma = averageMovingRange / ControlChartConstants.movingRangeD2
    upperLimit = mean + 3 * sigma
    lowerLimit = mean - 3 * sigma
    // A count cannot go below zero: the lower limit of a chart of counts stops there.
    if meaning == .count, lowerLimit < 0 { lowerLimit = 0 }
    movingRangeUpper = ControlChartConstants.movingRangeD4 * averageMovingRange
    warnings =
      values.count < 20
      ? [
        Diagnostic(
          .provisionalLimits,
          "limits come from \(values.count) \(pointKind == "row" ? "values" : "points"), fewer than 20: treat them as provisional"
        )
      ] : []
    guard values.count < 2 || averageMovingRange > 0 else {
      // Limits of zero width would flag nothing real: the answer is that nothing varies.
      (signals, verdict, warnings) = ([], nil, [])
      return
    }
    signals = ControlRuleCheck(values: values, mean: mean, sigma: sigma, upper: upperLimit, lower: lowerLimit).signals(
      rules)
    let (center, lower, upper) = (mean, lowerLimit, upperLimit)
    verdict = ProcessVerdict(count: values.count, value: { values[$0] }) { _ in (center, lower, upper) }
  }
}

extension ControlChart {
  /// A chart's points as a collection: point `i` is its label and value.
  public struct Points: RandomAccessCollection, Hashable, Sendable {
    let values: [Double]
    let labels: ChartLabels

    public init(_ points: [Point]) {
      values = points.map(\.value)
      labels = ChartLabels(points.map(\.label))
    }

    init(values: [Double], labels: ChartLabels) {
      self.values = values
      self.labels = labels
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }
    public subscript(i: Int) -> Point { Point(label: labels[i], value: values[i]) }
  }
}
