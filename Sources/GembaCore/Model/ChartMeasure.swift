/// What a cited chart's values measure, carried from the query stage that drew it, so every
/// export names the value axis, a table's value column and a Pareto's share from data rather
/// than from the chart's title (a column may well be called `handled by team`).
///
/// Stored in the notebook and the record as `{"kind": "sum", "column": "amount"}`.
public enum ChartMeasure: Sendable, Equatable {
  /// Rows counted: a Pareto without `--sum`, a timeline, a histogram.
  case count
  /// A column summed per category (`pareto COL --sum amount`).
  case sum(column: String)
  /// A column's values, or a statistic of them, per point: a control or run chart.
  case values(column: String)
  /// The chart drawn under a control chart: its statistic (`mR`, `R`, `S`).
  case spread(statistic: String)

  /// How the exports name it: `count`, the column, or `mR chart`.
  public var name: String {
    switch self {
    case .count: "count"
    case .sum(let column), .values(let column): column
    case .spread(let statistic): "\(statistic) chart"
    }
  }

  /// The measure of a chart stored before charts carried one, read from its title as gemba
  /// then wrote it (`amount by reason`, `minutes per day`): old notebooks and records only.
  static func legacy(kind: CitedChart.Kind, title: String) -> ChartMeasure {
    switch kind {
    case .pareto:
      return title.range(of: " by ").map { .sum(column: String(title[..<$0.lowerBound])) } ?? .count
    case .control:
      if let per = title.range(of: " per ") { return .values(column: String(title[..<per.lowerBound])) }
      return title.hasSuffix(" chart")
        ? .spread(statistic: String(title.dropLast(" chart".count))) : .values(column: title)
    case .timeline, .histogram:
      return .count
    }
  }
}

extension ChartMeasure: Codable {
  private enum CodingKeys: String, CodingKey { case kind, column, statistic }
  /// The `kind` field's values (docs/record.schema.json).
  private enum Kind: String, Codable { case count, sum, values, spread }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    switch try container.decode(Kind.self, forKey: .kind) {
    case .count: self = .count
    case .sum: self = .sum(column: try container.decode(String.self, forKey: .column))
    case .values: self = .values(column: try container.decode(String.self, forKey: .column))
    case .spread: self = .spread(statistic: try container.decode(String.self, forKey: .statistic))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .count:
      try container.encode(Kind.count, forKey: .kind)
    case .sum(let column):
      try container.encode(Kind.sum, forKey: .kind)
      try container.encode(column, forKey: .column)
    case .values(let column):
      try container.encode(Kind.values, forKey: .kind)
      try container.encode(column, forKey: .column)
    case .spread(let statistic):
      try container.encode(Kind.spread, forKey: .kind)
      try container.encode(statistic, forKey: .statistic)
    }
  }
}
