/// What a citation keeps besides its text: the chart a cited query drew, and the
/// cited rows that carry a time.
extension EvidenceWorkspace {
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

  /// The cited rows as data: every column of each row (at most 200 rows are kept).
  static func rows(_ reference: EvidenceReference, in table: EvidenceTable) -> CitedTable? {
    let rows = reference.rows ?? 1...min(table.rowCount, 20)
    guard !rows.isEmpty, rows.upperBound <= table.rowCount else { return nil }
    let kept = rows.prefix(200)
    return CitedTable(columns: table.columns,
      rows: kept.map { row in table.columns.indices.map { table.cell(row: row - 1, column: $0) } },
      rowNumbers: Array(kept), totalRows: rows.count)
  }

  /// A query's result as data, when it is a table or a count (charts are kept as `CitedChart`).
  static func table(_ result: QueryResult) -> CitedTable? {
    switch result {
    case .noted(let inner, _):
      return table(inner)
    case .rows(let t):
      return CitedTable(columns: t.columns, rows: t.rows, rowNumbers: t.rowNumbers, totalRows: t.totalRows)
    case .count(let n):
      return CitedTable(columns: ["count"], rows: [[String(n)]], rowNumbers: nil, totalRows: 1)
    case .crossTab(let x):
      return CitedTable(columns: [x.rowColumn] + x.columnValues + ["total"],
        rows: x.rowValues.indices.map { r in [x.rowValues[r]] + x.counts[r].map(String.init) + [String(x.rowTotals[r])] }
          + [["total"] + x.columnTotals.map(String.init) + [String(x.total)]],
        rowNumbers: nil, totalRows: x.rowValues.count + 1)
    case .grep(let g):
      return CitedTable(columns: ["line", "text"], rows: g.matches.map { [String($0.line), $0.text] },
        rowNumbers: g.matches.map(\.row), totalRows: g.total)
    default:
      return nil
    }
  }

  /// A chart result as numbers, for the record to draw.
  static func chart(_ result: QueryResult) -> CitedChart? {
    switch result {
    case .noted(let inner, _):
      return chart(inner)
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
