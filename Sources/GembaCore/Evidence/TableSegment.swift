/// Marks a cell that a short (ragged) row or a JSON object without the key does not have.
let missingCell: UInt32 = .max

/// A run of consecutive rows scanned by one thread: their cell offsets and first line numbers.
///
/// Layouts (per row, `stride` values):
/// - delimited: `[recordStart, end₀, end₁, …]`; field k starts at `end₍k−1₎ + 1` (one-byte delimiter).
/// - spans: `[recordStart, recordEnd, start₀, end₀, start₁, end₁, …]`.
struct TableSegment: @unchecked Sendable {
  // Immutable after loading; the buffers are only read from then on.
  var firstRow: Int
  var rowCount: Int
  let cells: OffsetBuffer
  let lines: OffsetBuffer
}

/// A problem found by a scanner thread, before rows and lines are made absolute.
struct LocalProblem: Sendable {
  var kind: EvidenceProblem.Kind
  /// Row within the segment, nil when not in a row (a blank line).
  var row: Int?
  /// Line relative to the segment's first line.
  var line: Int
  var column: Int?
  var offset: Int
  var message: String
  var action: EvidenceProblem.Action
}

/// Builds a delimited-layout segment from scanner callbacks, padding short rows.
struct DelimitedTableSink: CSVRecordSink {
  let columnCount: Int
  let stride: Int
  let cells: OffsetBuffer
  let lines: OffsetBuffer
  var rows = 0
  var fieldIndex = 0
  var rowBase = 0
  var rowStartOffset = 0
  var problems: [LocalProblem] = []
  var problemCount = 0
  /// Keeps a segment's problem list short; the total is still counted.
  static let problemLimit = 200

  init(columnCount: Int, expectedRows: Int) {
    self.columnCount = columnCount
    self.stride = columnCount + 1
    cells = OffsetBuffer(capacity: expectedRows * (columnCount + 1))
    lines = OffsetBuffer(capacity: expectedRows)
  }

  @inline(__always) mutating func beginRecord(start: Int, line: Int) {
    cells.reserve(stride)
    rowBase = cells.count
    cells[rowBase] = UInt32(truncatingIfNeeded: start)
    rowStartOffset = start
    fieldIndex = 0
    lines.append(UInt32(truncatingIfNeeded: line))
  }

  @inline(__always) mutating func field(end: Int) {
    if fieldIndex < columnCount { cells[rowBase + 1 + fieldIndex] = UInt32(truncatingIfNeeded: end) }
    fieldIndex += 1
  }

  @inline(__always) mutating func endRecord() {
    if fieldIndex != columnCount { ragged() }
    cells.setCount(rowBase + stride)
    rows += 1
  }

  private mutating func ragged() {
    let line = Int(lines[rows])
    if fieldIndex < columnCount {
      for k in fieldIndex..<columnCount { cells[rowBase + 1 + k] = missingCell }
      note(.raggedRow, row: rows, line: line, column: fieldIndex + 1, offset: rowStartOffset,
           "ragged row: \(fieldIndex) of \(columnCount) fields; loaded, the missing \(columnCount - fieldIndex) empty", .loaded)
    } else {
      note(.raggedRow, row: rows, line: line, column: columnCount + 1, offset: rowStartOffset,
           "ragged row: \(fieldIndex) fields, expected \(columnCount); loaded the first \(columnCount), the rest ignored", .loaded)
    }
  }

  mutating func blankLine(offset: Int, line: Int) {
    note(.blankRow, row: nil, line: line, column: nil, offset: offset, "blank line; skipped", .skipped)
  }

  mutating func strayQuote(offset: Int, line: Int) {
    // One report per row is enough.
    if let last = problems.last, last.kind == .strayQuote, last.row == rows { return }
    note(.strayQuote, row: rows, line: line, column: fieldIndex + 1, offset: offset,
         "quote inside an unquoted field or after a closing quote; loaded as literal text", .loaded)
  }

  private mutating func note(_ kind: EvidenceProblem.Kind, row: Int?, line: Int, column: Int?, offset: Int,
                             _ message: String, _ action: EvidenceProblem.Action) {
    problemCount += 1
    if problems.count < Self.problemLimit {
      problems.append(LocalProblem(kind: kind, row: row, line: line, column: column, offset: offset, message: message, action: action))
    }
  }

  var segment: TableSegment { TableSegment(firstRow: 0, rowCount: rows, cells: cells, lines: lines) }
}

/// Collects whole records as decoded strings: for headers, tests and small files.
struct RecordListSink: CSVRecordSink {
  let base: UnsafePointer<UInt8>
  let encoding: CellEncoding
  var records: [[String]] = []
  var lines: [Int] = []
  var offsets: [Int] = []
  var fieldStart = 0
  var current: [String] = []
  var blankLines: [Int] = []
  var strayQuotes: [(line: Int, offset: Int)] = []
  /// Stop collecting after this many records (the header needs one).
  var limit = Int.max

  init(base: UnsafePointer<UInt8>, encoding: CellEncoding) {
    self.base = base
    self.encoding = encoding
  }

  mutating func beginRecord(start: Int, line: Int) {
    fieldStart = start
    current = []
    lines.append(line)
    offsets.append(start)
  }

  mutating func field(end: Int) {
    current.append(CellDecoder.string(base, CellDecoder.value(base, fieldStart, end, encoding, column: current.count)))
    fieldStart = end + 1
  }

  mutating func endRecord() { records.append(current) }
  mutating func blankLine(offset: Int, line: Int) { blankLines.append(line) }
  mutating func strayQuote(offset: Int, line: Int) { strayQuotes.append((line, offset)) }
}
