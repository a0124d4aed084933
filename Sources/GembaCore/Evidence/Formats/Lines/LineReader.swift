#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads line-oriented files (logs, text, Markdown, JSON Lines) into a spans-layout table.
///
/// Every line is a row, so row N is line N and `NAME#12` cites line 12. Lines end at LF, CRLF, or
/// at CR in a file with no LF at all (classic Mac exports).
struct LineReader: @unchecked Sendable {
  // Only reads the loader's immutable bytes.
  let file: String
  let base: UnsafePointer<UInt8>
  let start: Int
  let end: Int
  var progress: LoadProgress? = nil
  /// Set while the bytes are still being read: lines are scanned as their bytes arrive.
  var arrival: ByteArrival? = nil
  /// Whether `readLog` decides the `time` column's type as it reads (no format was given for it).
  var profilesTime = false

  /// Calls `body(lineStart, lineEnd, lineNumber)` for each line; the end excludes the terminator.
  /// Returns false when the load was cancelled (or the read failed) part way.
  @discardableResult
  func forEachLine(_ body: (Int, Int, Int) -> Void) -> Bool {
    var reported = start
    var filled = arrival == nil ? end : start
    guard let breakByte = lineBreak(&filled) else { return false }
    var p = start
    var line = 1
    while p < end {
      var e = end
      var from = p
      while true {
        if from < filled, let hit = memchr(base + from, breakByte, filled - from) {
          e = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
          break
        }
        // Too long already: refused from what has arrived, the rest is not read.
        if let arrival, filled - p > LineLengths.longest {
          arrival.stop(because: LineLengths.refusal(file: file, line: line, at: p, fileSize: end))
          return false
        }
        if filled >= end { break }
        guard let more = arrived(past: filled) else { return false }
        (from, filled) = (filled, more)
      }
      var contentEnd = e
      if breakByte == 10 && contentEnd > p && base[contentEnd - 1] == 13 { contentEnd -= 1 }
      body(p, contentEnd, line)
      line += 1
      p = e + 1
      if let progress, p - reported >= LoadProgress.step {
        if !progress.advance(by: p - reported) { return false }
        reported = p
      }
    }
    _ = progress?.advance(by: max(0, min(p, end) - reported))
    return true
  }

  /// LF, or CR in a file with no LF at all; nil when the bytes stopped arriving. `filled` is how
  /// far the bytes have arrived, moved on as far as the answer needed.
  private func lineBreak(_ filled: inout Int) -> Int32? {
    var from = start
    while true {
      if from < filled, memchr(base + from, 10, filled - from) != nil { return 10 }
      if filled >= end { break }
      guard let more = arrived(past: filled) else { return nil }
      (from, filled) = (filled, more)
    }
    return memchr(base + start, 13, end - start) != nil ? 13 : 10
  }

  /// Waits until bytes past `offset` are in memory: how far they reach (up to `end`), or nil when
  /// they stopped arriving.
  private func arrived(past offset: Int) -> Int? {
    guard let arrival else { return end }
    return arrival.wait(past: offset).map { min($0, end) }
  }

  /// Lines of plain text (text and Markdown notes): one column, `line`.
  func readText() -> LineTable {
    let cells = OffsetBuffer(capacity: 4096)
    var lines = LineIndex()
    var rows = 0
    var problems: [EvidenceProblem] = []
    forEachLine { s, e, line in
      cells.reserve(4)
      let k = cells.count
      cells[k] = UInt32(s); cells[k + 1] = UInt32(e); cells[k + 2] = UInt32(s); cells[k + 3] = UInt32(e)
      cells.setCount(k + 4)
      lines.record(row: rows, line: line)
      rows += 1
      if e - s > Self.longLine { problems.append(longLineProblem(row: rows, line: line, offset: s, length: e - s)) }
    }
    return LineTable(
      columns: ["line"], segment: TableSegment(firstRow: 0, rowCount: rows, cells: cells, lines: lines),
      problems: problems, problemCount: problems.count)
  }

  /// A line this long is loaded, but reported, since it is hard to show or cite.
  static let longLine = 1 << 20

  func longLineProblem(row: Int, line: Int, offset: Int, length: Int) -> EvidenceProblem {
    EvidenceProblem(
      .longLine, file: file, row: row, line: line, byteOffset: offset,
      message: "line is \(NumberFormat.integer(length)) bytes long; loaded, shown truncated", action: .loaded)
  }
}

/// What a line reader built: columns, the one segment, and the problems found.
struct LineTable: Sendable {
  var columns: [String]
  var segment: TableSegment
  var problems: [EvidenceProblem]
  var problemCount: Int
  /// The format of the `time` column, for a recognised log layout.
  var timeFormat: ValueFormat? = nil
  /// The log layout recognised (`HDFS`, `syslog`…), shown on load.
  var layoutName: String? = nil
  /// Cells are JSON values (a log of JSON objects).
  var isJSON = false
  /// How the cells read, when not as their bytes (records' folded values).
  var cellEncoding = CellEncoding.plain
  /// The `time` column's profile, when the reader decided it as it read (`profilesTime`).
  var timeProfile: ColumnProfile? = nil
}
