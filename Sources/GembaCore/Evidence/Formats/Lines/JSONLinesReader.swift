/// Reads JSON Lines: each line one object; columns are the union of keys in first-seen order.
///
/// Values stay in the file: a cell is the byte range of its JSON value, decoded when read.
/// Nested objects and arrays are kept as their JSON text. A line that is not an object is
/// skipped and listed.
extension LineReader {
  func readJSONLines() -> LineTable {
    var columns: [String] = []
    var index: [String: Int] = [:]
    // First pass result: per row, (column, start, end) triples; densified once all keys are known.
    var triples: [UInt32] = []
    var rowTriples: [Int] = [0]
    var records: [(start: Int, end: Int, line: Int)] = []
    var problems: [EvidenceProblem] = []
    var problemCount = 0
    var members: [JSONText.Member] = []
    forEachLine { s, e, line in
      if JSONText.skipSpace(base, s, e) == e {
        problemCount += 1
        if problems.count < 200 {
          problems.append(
            EvidenceProblem(
              .blankRow, file: file, line: line, byteOffset: s, message: "blank line; skipped", action: .skipped))
        }
        return
      }
      if let bad = JSONText.members(base, s, e, into: &members) {
        problemCount += 1
        if problems.count < 200 {
          let what =
            JSONText.numberTooLarge(base, bad, e)
            ? "a number too large to read (past a double's range) at character \(bad - s + 1); line skipped"
            : "not a JSON object (unexpected input at character \(bad - s + 1)); line skipped"
          problems.append(
            EvidenceProblem(
              .invalidJSON, file: file, line: line, column: bad - s + 1, byteOffset: bad,
              message: what, action: .skipped))
        }
        return
      }
      // Leniency is said, never silent: escapes JSON does not have, lone surrogates.
      for m in members {
        for (offset, issue) in JSONText.escapeIssues(base, m.keyStart, m.keyEnd)
          + JSONText.escapeIssues(base, m.valueStart, m.valueEnd)
        {
          problemCount += 1
          if problems.count < 200 {
            problems.append(
              EvidenceProblem(
                .invalidJSON, file: file, line: line, column: offset - s + 1, byteOffset: offset,
                message: issue, action: .loaded))
          }
        }
      }
      for m in members {
        var key =
          memchrKeyEscape(m)
          ? JSONText.unescape(base, m.keyStart, m.keyEnd)
          : String(decoding: UnsafeBufferPointer(start: base + m.keyStart, count: m.keyEnd - m.keyStart), as: UTF8.self)
        if key.hasPrefix("\u{FEFF}") {
          // A byte-order mark inside the first key (a file saved with two BOMs): an invisible column name.
          key.removeFirst()
          problemCount += 1
          if problems.count < 200 {
            problems.append(
              EvidenceProblem(
                .invalidJSON, file: file, line: line, column: m.keyStart - s + 1, byteOffset: m.keyStart,
                message:
                  "the key `\(key)` starts with a byte-order mark (U+FEFF; was the file saved with two?); it was removed",
                action: .loaded))
          }
        }
        let column: Int
        if let c = index[key] { column = c } else { column = columns.count; index[key] = column; columns.append(key) }
        triples.append(UInt32(column)); triples.append(UInt32(m.valueStart)); triples.append(UInt32(m.valueEnd))
      }
      rowTriples.append(triples.count)
      records.append((s, e, line))
    }
    let segment = KeyedCells.segment(
      records: records, columns: columns.count, rowTriples: rowTriples, triples: triples)
    return LineTable(
      columns: columns, segment: segment,
      problems: problems, problemCount: problemCount)
  }

  private func memchrKeyEscape(_ m: JSONText.Member) -> Bool {
    CellDecoder.memchrByte(base, m.keyStart, m.keyEnd, 92) != nil
  }
}
