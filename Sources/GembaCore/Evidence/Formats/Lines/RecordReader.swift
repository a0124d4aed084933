/// Reads records of `Key: value` lines separated by blank lines: apt's history log, dpkg's status
/// file, Debian control files and other RFC 822-style stanzas.
///
/// One row per record, a column per key (the union of keys, first seen first; a key a record lacks
/// is empty). A line that starts with a space or a tab continues the value of the key before it,
/// as Debian's folded fields do: the cell spans both lines and reads with the line break removed
/// (`CellEncoding.folded`). A row's line is its record's first line, so `apt#3` names where the
/// third record starts. A line inside a record that is neither is counted and listed, not dropped
/// silently.
extension LineReader {
  /// What one line of a record file is.
  enum RecordLine {
    /// `Key: value`: the key's bytes and where the value starts.
    case field(keyEnd: Int, value: Int)
    /// A line starting with a space or tab: more of the previous value.
    case continuation(Int)
    /// Empty, or only spaces and tabs: between records.
    case blank
    /// Anything else.
    case other
  }

  /// Classifies the line `s..<e`.
  func recordLine(_ s: Int, _ e: Int) -> RecordLine {
    var p = s
    while p < e && (base[p] == 32 || base[p] == 9) { p += 1 }
    if p == e { return .blank }
    if p > s { return .continuation(p) }
    // A key is printable, without spaces, and ends at the first colon (RFC 822, deb822).
    while p < e && base[p] > 32 && base[p] != 58 && base[p] != 127 { p += 1 }
    guard p > s, p < e, base[p] == 58 else { return .other }
    let keyEnd = p
    p += 1
    while p < e && (base[p] == 32 || base[p] == 9) { p += 1 }
    return .field(keyEnd: keyEnd, value: p)
  }

  /// Whether the first lines are records: at least two of them, their lines (nearly) all `Key:
  /// value` or continuations. One stray line in twenty is allowed, so a damaged record does not
  /// turn the file into plain lines.
  func looksLikeRecords() -> Bool {
    var fields = 0, continuations = 0, others = 0, records = 0, lines = 0
    var inRecord = false
    let sample = LineReader(file: file, base: base, start: start, end: min(end, start + (1 << 16)), arrival: arrival)
    sample.forEachLine { s, e, _ in
      guard lines < 400 else { return }
      lines += 1
      switch sample.recordLine(s, e) {
      case .field(let keyEnd, _):
        // `Key: value` as apt and dpkg write it; `10:00:01 …` or `20171223-22:15:29|…` (a time)
        // is not a key.
        guard keyEnd + 1 == e || base[keyEnd + 1] == 32 || base[keyEnd + 1] == 9 else { others += 1; return }
        fields += 1
        if !inRecord { records += 1; inRecord = true }
      case .continuation: continuations += 1
      case .blank: inRecord = false
      case .other: others += 1
      }
    }
    return records >= 2 && fields >= 4 && others * 20 <= fields + continuations
  }

  /// The records as rows (see the type's comment).
  func readRecords() -> LineTable {
    var columns: [String] = []
    var index: [String: Int] = [:]
    // Per record, (column, start, end) triples, densified once every key is known (as JSON Lines).
    var triples: [UInt32] = []
    var rowTriples: [Int] = [0]
    var records: [(start: Int, end: Int, line: Int)] = []
    var problems: [EvidenceProblem] = []
    var problemCount = 0
    var open: (start: Int, end: Int, line: Int)? = nil
    var seen: Set<Int> = []
    // The triple a continuation extends: the last field's, unless that key was a repeat (ignored).
    var extendable = false

    func close() {
      guard let record = open else { return }
      rowTriples.append(triples.count)
      records.append(record)
      open = nil
      seen.removeAll(keepingCapacity: true)
      extendable = false
    }
    func damaged(_ line: Int, _ s: Int, _ message: String) {
      problemCount += 1
      if problems.count < 200 {
        // The row the line belongs to: the record open, or the next one.
        problems.append(
          EvidenceProblem(
            .malformedLine, file: file, row: records.count + 1, line: line, byteOffset: s, message: message,
            action: .skipped))
      }
    }

    forEachLine { s, e, line in
      switch recordLine(s, e) {
      case .blank:
        close()
      case .field(let keyEnd, let value):
        if open == nil { open = (s, e, line) }
        open!.end = e
        let key = String(decoding: UnsafeBufferPointer(start: base + s, count: keyEnd - s), as: UTF8.self)
        let column: Int
        if let c = index[key] { column = c } else { column = columns.count; index[key] = column; columns.append(key) }
        guard seen.insert(column).inserted else {
          extendable = false
          damaged(line, s, "the key `\(key)` appears twice in one record; the first value kept, this line skipped")
          return
        }
        var valueEnd = e
        while valueEnd > value && (base[valueEnd - 1] == 32 || base[valueEnd - 1] == 9) { valueEnd -= 1 }
        triples.append(UInt32(column)); triples.append(UInt32(value)); triples.append(UInt32(valueEnd))
        extendable = true
      case .continuation(let text):
        guard open != nil, extendable else {
          damaged(line, s, "the line is indented but follows no `Key: value` line; skipped")
          return
        }
        open!.end = e
        var textEnd = e
        while textEnd > text && (base[textEnd - 1] == 32 || base[textEnd - 1] == 9) { textEnd -= 1 }
        let k = triples.count - 2
        // An empty first line (`Conffiles:`): the value starts on its first continuation.
        if triples[k] == triples[k + 1] { triples[k] = UInt32(text) }
        triples[k + 1] = UInt32(textEnd)
      case .other:
        // Its bytes must not end up inside a value a later continuation extends.
        extendable = false
        damaged(line, s, "the line is not `Key: value` nor a continuation (indented) line; skipped")
      }
    }
    close()
    let segment = KeyedCells.segment(
      records: records, columns: columns.count, rowTriples: rowTriples, triples: triples)
    var table = LineTable(
      columns: columns, segment: segment,
      problems: problems, problemCount: problemCount)
    table.layoutName = "records"
    table.cellEncoding = .folded
    return table
  }
}
