/// An individuals (XmR) control chart: the centre line X̄, limits X̄ ± 2.66 × mean moving range,
/// and the points that break the Western Electric or Nelson rules.
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
  /// What a point is: "row", "day", "week" (mean or count per bucket).
  public var pointKind: String
  public var points: [Point]
  public var mean: Double
  public var averageMovingRange: Double
  public var upperLimit: Double
  public var lowerLimit: Double
  /// σ estimated as mean moving range / 1.128 (d₂ for n = 2).
  public var sigma: Double
  public var rules: ControlRules
  public var signals: [Signal]
  /// Rows left out because the cell was not a number (or date).
  public var skipped: Int

  init(column: String, pointKind: String, points: [Point], rules: ControlRules, skipped: Int) {
    self.column = column
    self.pointKind = pointKind
    self.points = points
    self.rules = rules
    self.skipped = skipped
    let values = points.map(\.value)
    // Sums in order, as `reduce` would: the figures do not depend on how they are computed.
    var sum = 0.0, rangeSum = 0.0
    for v in values { sum += v }
    for i in values.indices.dropFirst() { rangeSum += abs(values[i] - values[i - 1]) }
    mean = values.isEmpty ? 0 : sum / Double(values.count)
    averageMovingRange = values.count < 2 ? 0 : rangeSum / Double(values.count - 1)
    upperLimit = mean + 2.66 * averageMovingRange
    lowerLimit = mean - 2.66 * averageMovingRange
    // A count cannot go below zero: the lower limit of a chart of counts stops there.
    if pointKind.hasPrefix("count"), lowerLimit < 0 { lowerLimit = 0 }
    sigma = averageMovingRange / 1.128
    signals = ControlRuleCheck(values: values, mean: mean, sigma: sigma, upper: upperLimit, lower: lowerLimit).signals(rules)
  }
}
