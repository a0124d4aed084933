/// Rows whose cells were found as (column, start, end) triples in any column order — a JSON
/// object's members, a record's `Key: value` lines — laid out as a table segment: each row's
/// span, then each column's span (`missingCell` where the row has no such key).
enum KeyedCells {
  /// - Parameters:
  ///   - records: each row's bytes and its first line.
  ///   - rowTriples: where each row's triples start in `triples`, then the end.
  static func segment(
    records: [(start: Int, end: Int, line: Int)], columns: Int, rowTriples: [Int], triples: [UInt32]
  ) -> TableSegment {
    let stride = 2 * columns + 2
    let cells = OffsetBuffer(capacity: max(1, records.count * stride))
    var lines = LineIndex()
    cells.reserve(records.count * stride)
    for (row, record) in records.enumerated() {
      let r = cells.base + row * stride
      r[0] = UInt32(record.start)
      r[1] = UInt32(record.end)
      for k in 2..<stride { r[k] = missingCell }
      var t = rowTriples[row]
      while t < rowTriples[row + 1] {
        let c = Int(triples[t])
        r[2 + 2 * c] = triples[t + 1]
        r[3 + 2 * c] = triples[t + 2]
        t += 3
      }
      lines.record(row: row, line: record.line)
    }
    cells.setCount(records.count * stride)
    return TableSegment(firstRow: 0, rowCount: records.count, cells: cells, lines: lines)
  }
}
