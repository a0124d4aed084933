/// Builds a delimited-layout segment from scanner callbacks, padding short rows.
struct DelimitedTableSink: CSVRecordSink {
  let columnCount: Int
  let cells: OffsetBuffer
  let ends: HalfBuffer
  var overflow: [Int: UInt32] = [:]
  var lines = LineIndex()
  var rows = 0
  var fieldIndex = 0
  var rowBase = 0
  var rowStartOffset = 0
  var rowLine = 0
  var problems: [LocalProblem] = []
  var problemCount = 0
  /// Keeps a segment's problem list short; the total is still counted.
  static let problemLimit = 200

  init(columnCount: Int, expectedRows: Int) {
    self.columnCount = columnCount
    cells = OffsetBuffer(capacity: expectedRows)
    ends = HalfBuffer(capacity: expectedRows * columnCount)
  }

  @inline(__always) mutating func beginRecord(start: Int, line: Int) {
    cells.append(UInt32(truncatingIfNeeded: start))
    ends.reserve(columnCount)
    rowBase = ends.count
    rowStartOffset = start
    rowLine = line
    fieldIndex = 0
    lines.record(row: rows, line: line)
  }

  @inline(__always) mutating func field(end: Int) {
    if fieldIndex < columnCount {
      let delta = end - rowStartOffset
      if delta < Int(farEnd) {
        ends[rowBase + fieldIndex] = UInt16(truncatingIfNeeded: delta)
      } else {
        ends[rowBase + fieldIndex] = farEnd
        overflow[rowBase + fieldIndex] = UInt32(truncatingIfNeeded: end)
      }
    }
    fieldIndex += 1
  }

  @inline(__always) mutating func endRecord() {
    if fieldIndex != columnCount { ragged() }
    ends.setCount(rowBase + columnCount)
    rows += 1
  }

  private mutating func ragged() {
    if fieldIndex < columnCount {
      for k in fieldIndex..<columnCount { ends[rowBase + k] = missingEnd }
      note(
        .raggedRow, row: rows, line: rowLine, column: fieldIndex + 1, offset: rowStartOffset,
        "ragged row: \(fieldIndex) of \(columnCount) fields; loaded, the missing \(columnCount - fieldIndex) empty",
        .loaded)
    } else {
      note(
        .raggedRow, row: rows, line: rowLine, column: columnCount + 1, offset: rowStartOffset,
        "ragged row: \(fieldIndex) fields, expected \(columnCount); loaded the first \(columnCount), the rest ignored",
        .loaded)
    }
  }

  mutating func blankLine(offset: Int, line: Int) {
    note(.blankRow, row: nil, line: line, column: nil, offset: offset, "blank line; skipped", .skipped)
  }

  mutating func strayQuote(offset: Int, line: Int) {
    // One report per row is enough.
    if let last = problems.last, last.kind == .strayQuote, last.row == rows { return }
    note(
      .strayQuote, row: rows, line: line, column: fieldIndex + 1, offset: offset,
      "quote inside an unquoted field or after a closing quote; loaded as literal text", .loaded)
  }

  private mutating func note(
    _ kind: EvidenceProblem.Kind, row: Int?, line: Int, column: Int?, offset: Int,
    _ message: String, _ action: EvidenceProblem.Action
  ) {
    problemCount += 1
    if problems.count < Self.problemLimit {
      problems.append(
        LocalProblem(kind: kind, row: row, line: line, column: column, offset: offset, message: message, action: action)
      )
    }
  }

  var segment: TableSegment {
    TableSegment(rowCount: rows, cells: cells, ends: ends, overflow: overflow, lines: lines)
  }
}
