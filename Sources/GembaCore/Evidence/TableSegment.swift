/// Marks a cell that a JSON object without the key (spans layout) does not have.
let missingCell: UInt32 = .max
/// In the delimited layout's 16-bit ends: the row is too short to have this field.
let missingEnd: UInt16 = 0xFFFF
/// In the delimited layout's 16-bit ends: the end is too far from the row start; see `overflow`.
let farEnd: UInt16 = 0xFFFE

/// A run of consecutive rows scanned by one thread: their cell offsets and line numbers.
///
/// Layouts:
/// - delimited: `cells[row]` is the record start; `ends[row × columns + k]` is field k's end
///   relative to it (16 bits, so a table costs 4 + 2 × columns bytes per row); field k starts one
///   byte after field k−1 ends (one-byte delimiter).
/// - spans: `cells[row × stride …]` is `[recordStart, recordEnd, start₀, end₀, start₁, end₁, …]`.
struct TableSegment: @unchecked Sendable {
  // Immutable after loading; the buffers are only read from then on.
  var firstRow: Int
  var rowCount: Int
  let cells: OffsetBuffer
  let ends: HalfBuffer
  /// Delimited ends too far from their row start, by index into `ends`.
  var overflow: [Int: UInt32]
  var lines: LineIndex

  init(firstRow: Int = 0, rowCount: Int, cells: OffsetBuffer, ends: HalfBuffer = HalfBuffer(capacity: 1),
       overflow: [Int: UInt32] = [:], lines: LineIndex) {
    self.firstRow = firstRow
    self.rowCount = rowCount
    self.cells = cells
    self.ends = ends
    self.overflow = overflow
    self.lines = lines
  }

  func cursor(_ index: Int) -> SegmentCursor {
    SegmentCursor(index: index, cells: cells.base, ends: ends.base)
  }
}

/// Raw pointers into one segment, handed to per-row code without reference counting.
struct SegmentCursor {
  let index: Int
  let cells: UnsafeMutablePointer<UInt32>
  let ends: UnsafeMutablePointer<UInt16>
}

/// The line of each row, stored as runs: a row's line is its index plus the run's offset, and a
/// new run starts only where a quoted line break, blank line or comment shifts the count.
struct LineIndex: Sendable {
  private var rows: [Int32] = []
  private var offsets: [Int32] = []

  mutating func record(row: Int, line: Int) {
    let offset = Int32(truncatingIfNeeded: line - row)
    if offsets.last != offset {
      rows.append(Int32(truncatingIfNeeded: row))
      offsets.append(offset)
    }
  }

  func line(of row: Int) -> Int {
    var lo = 0, hi = rows.count - 1
    guard hi >= 0 else { return row + 1 }
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if Int(rows[mid]) <= row { lo = mid } else { hi = mid - 1 }
    }
    return row + Int(offsets[lo])
  }

  mutating func shift(by lines: Int) {
    for i in offsets.indices { offsets[i] &+= Int32(truncatingIfNeeded: lines) }
  }
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
      note(.raggedRow, row: rows, line: rowLine, column: fieldIndex + 1, offset: rowStartOffset,
           "ragged row: \(fieldIndex) of \(columnCount) fields; loaded, the missing \(columnCount - fieldIndex) empty", .loaded)
    } else {
      note(.raggedRow, row: rows, line: rowLine, column: columnCount + 1, offset: rowStartOffset,
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

  var segment: TableSegment {
    TableSegment(rowCount: rows, cells: cells, ends: ends, overflow: overflow, lines: lines)
  }
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

/// Whole records of a delimited file as text, without a header: for checks and small files.
public enum CSVRecords {
  /// Every record; with `keepEmptyLines`, an empty line is a record of one empty field.
  public static func read(_ source: ByteSource, dialect: CSVDialect = .csv, keepEmptyLines: Bool = false) -> [[String]] {
    guard let raw = source.buffer.baseAddress, source.count > 0 else { return [] }
    let base = raw.assumingMemoryBound(to: UInt8.self)
    let encoding: CellEncoding = dialect.quote.map { .quoted($0) } ?? .backslash
    let classes = dialect.byteClasses()
    return classes.withUnsafeBufferPointer { cls in
      var scanner = CSVScanner(base: base, end: source.count, classes: cls.baseAddress!, dialect: dialect,
                               start: 0, line: 1, sink: RecordListSink(base: base, encoding: encoding))
      var records: [[String]] = []
      while scanner.pos < source.count {
        let blanks = scanner.sink.blankLines.count
        scanner.scanRecord()
        if let r = scanner.sink.records.popLast() { records.append(r) }
        if keepEmptyLines && scanner.sink.blankLines.count > blanks { records.append([""]) }
      }
      return records
    }
  }
}
