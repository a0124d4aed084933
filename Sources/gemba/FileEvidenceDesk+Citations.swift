import GembaCore

/// What a citation keeps besides its text: the chart a cited query drew, and the
/// cited rows that carry a time.
extension FileEvidenceDesk {
  /// The cited rows that carry a date or time (the first such column), for the timeline.
  static func moments(_ ref: EvidenceRef, in table: EvidenceTable) -> [CitedMoment] {
    guard let rows = ref.rows, let column = table.columnTypes.firstIndex(of: .dateTime) else { return [] }
    let others = table.columns.indices.filter { $0 != column }.prefix(4)
    return rows.prefix(50).compactMap { row in
      let text = table.cell(row: row - 1, column: column)
      guard let time = EventTime(text.count > 19 ? String(text.prefix(19)) : text) else { return nil }
      let summary = others.map { table.cell(row: row - 1, column: $0) }.filter { !$0.isEmpty }.joined(separator: " · ")
      return CitedMoment(when: text, sortKey: time.sortKey, text: "\(ref.name)#\(row): \(summary)")
    }
  }

  /// A chart result as numbers, for the record to draw.
  static func chart(_ result: QueryResult) -> CitedChart? {
    switch result {
    case .pareto(let p):
      return CitedChart(kind: .pareto, title: p.sumColumn.map { "\($0) by \(p.column)" } ?? p.column,
        labels: p.bars.map(\.label), values: p.bars.map(\.value), cumulative: p.bars.map(\.cumulative),
        flagged: p.bars.indices.filter { p.bars[$0].vital })
    case .spc(let c):
      return CitedChart(kind: .control, title: "\(c.column) per \(c.pointKind)", labels: c.points.map(\.label),
        values: c.points.map(\.value), centre: c.mean, upper: c.upperLimit, lower: c.lowerLimit,
        flagged: Array(Set(c.signals.map(\.point))).sorted())
    case .timeline(let t):
      return CitedChart(kind: .timeline, title: "\(t.column) per \(t.bucket.rawValue)", labels: t.points.map(\.label),
        values: t.points.map { Double($0.count) })
    case .histogram(let h):
      return CitedChart(kind: .histogram, title: h.column,
        labels: h.bins.map { "\(NumberFormat.compact($0.lower))–\(NumberFormat.compact($0.upper))" },
        values: h.bins.map { Double($0.count) })
    default:
      return nil
    }
  }
}
