/// The words every format puts beside a cited chart, written once here so the HTML
/// figure and the Markdown table say the same thing about the same numbers.
extension Record.Chart {
  /// `Pareto chart`, `XmR control chart`, …: what kind of picture this is.
  public var kindName: String {
    switch kind {
    case .pareto: "Pareto chart"
    case .control: tests == nil ? "XmR control chart" : "Control chart"
    case .timeline: "Timeline"
    case .histogram: "Histogram"
    }
  }

  /// What one bar or point is, for a table's header.
  public var itemName: String {
    switch kind {
    case .pareto: "Category"
    case .control: "Point"
    case .timeline: "Period"
    case .histogram: "Bin"
    }
  }

  /// The measure on the value axis, as the query that drew the chart named it: `count`, the
  /// column a Pareto sums, the column a control chart plots.
  public var measureName: String { (measure ?? ChartMeasure.legacy(kind: kind, title: title)).name }

  /// The figures a reviewer reads first: the vital few and their share, or the limits and
  /// how many points break a rule.
  public var summary: String {
    switch kind {
    case .pareto:
      let vital = flagged.count
      guard vital > 0 else { return "\(count) categor\(count == 1 ? "y" : "ies"); no vital few marked" }
      // Every category needed to reach 80 %: no few to single out, said plainly.
      guard vital < count else {
        return count == 1
          ? "one category only: no vital few to single out"
          : "no vital few: all \(count) categories are needed to reach 80 % of the \(measureName)"
      }
      let share = cumulative.flatMap { $0.indices.contains(vital - 1) ? $0[vital - 1] : nil }
      return "vital few: \(vital) of \(count) categor\(count == 1 ? "y" : "ies")"
        + (share.map { " make \(NumberFormat.percent($0, places: 0)) of the \(measureName)" } ?? "")
    case .control:
      var parts: [String] = []
      if let centre { parts.append("X̄ = \(value(centre))") }
      if let upper { parts.append("UCL = \(value(upper))") }
      if let lower { parts.append("LCL = \(value(lower))") }
      let n = flagged.count
      parts.append(n == 0 ? "no point breaks a rule" : "\(n) point\(n == 1 ? " breaks" : "s break") a rule")
      return "\(count) point\(count == 1 ? "" : "s") · " + parts.joined(separator: " · ")
    case .timeline, .histogram:
      let total = values.reduce(0, +)
      return "\(count) \(kind == .histogram ? "bin" : "period")\(count == 1 ? "" : "s") · total \(Self.figure(total))"
    }
  }

  /// Bars or points drawn: a label and a value each (a label missing from the data reads `?`).
  public var count: Int { values.count }

  public func label(_ i: Int) -> String { labels.indices.contains(i) ? labels[i] : "?" }

  /// A chart figure as people write it: `12`, `12.5`, `1,204`, `0.13`.
  public static func figure(_ x: Double) -> String { NumberFormat.compact(x, maxPlaces: 2) }

  /// A value or limit of this chart: at its data's precision when it has one, else as `figure`.
  public func value(_ x: Double) -> String { places.map { NumberFormat.decimal(x, places: $0) } ?? Self.figure(x) }
}

extension Record {
  /// `two-proportion z test; Fisher's exact test, p = 0.149`: a cited test's method and p-value.
  static func verdictDetail(_ s: CitedStatistics) -> String {
    s.method + (s.pValue.map { $0 < 0.001 ? ", p < 0.001" : ", p = \(NumberFormat.decimal($0, places: 3))" } ?? "")
  }
}
