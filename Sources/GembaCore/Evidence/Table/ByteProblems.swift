/// Places invalid UTF-8 and NUL bytes found by the digest pass at their row and column.
enum ByteProblems {
  static func list(_ digest: FileDigest, in table: EvidenceTable) -> (problems: [EvidenceProblem], count: Int) {
    var problems: [EvidenceProblem] = []
    for offset in digest.invalidUTF8 {
      let place = table.place(ofOffset: offset)
      let byte = String(table.base[offset], radix: 16, uppercase: true)
      let whereText = place.row == nil && !table.format.isLineOriented ? " in the header" : ""
      problems.append(
        EvidenceProblem(
          .invalidUTF8, file: table.path, row: place.row.map { $0 + 1 }, line: place.line,
          column: place.column.map { $0 + 1 }, byteOffset: offset,
          message: "invalid UTF-8 (byte 0x\(byte))\(whereText); loaded, shown as �", action: .loaded))
    }
    if digest.invalidUTF8Count > 0 {
      problems.append(
        EvidenceProblem(
          .invalidUTF8, file: table.path, byteOffset: digest.invalidUTF8.first,
          message:
            "\(NumberFormat.integer(digest.invalidUTF8Count)) bytes are not UTF-8; the file is probably Latin-1 or Windows-1252: convert it with `iconv -f WINDOWS-1252 -t UTF-8 FILE > FILE.utf8` and load that for exact text",
          action: .loaded))
    }
    for offset in digest.nulBytes {
      let place = table.place(ofOffset: offset)
      problems.append(
        EvidenceProblem(
          .nulByte, file: table.path, row: place.row.map { $0 + 1 }, line: place.line,
          column: place.column.map { $0 + 1 }, byteOffset: offset,
          message: "NUL byte inside the text; loaded, shown as \\0", action: .loaded))
    }
    let extra = (digest.invalidUTF8Count > 0 ? 1 : 0)
    return (problems, digest.invalidUTF8Count + digest.nulCount + extra)
  }
}

extension EvidenceTable {
  /// The 0-based row and column holding byte `offset`, and the row's line (nil outside any row).
  func place(ofOffset offset: Int) -> (row: Int?, column: Int?, line: Int?) {
    // The last row that starts at or before the offset.
    var lo = 0, hi = rowCount - 1, found = -1
    while lo <= hi {
      let mid = (lo + hi) / 2
      if byteOffset(ofRow: mid) <= offset { found = mid; lo = mid + 1 } else { hi = mid - 1 }
    }
    // Before the first row: the header (or a skipped title); its line is counted from the start.
    guard found >= 0 else { return (nil, nil, 1 + countLines(from: 0, to: offset)) }
    let (s, local) = locate(found)
    let cursor = segments[s].cursor(s)
    var column: Int?
    for c in 0..<baseColumnCount {
      if let (a, b) = rawRange(cursor, local: local, column: c), offset >= a, offset <= b { column = c; break }
    }
    return (found, column, segments[s].lines.line(of: local) + countLines(from: byteOffset(ofRow: found), to: offset))
  }

  private func countLines(from a: Int, to b: Int) -> Int {
    var n = 0
    for i in a..<b where base[i] == 10 { n += 1 }
    return n
  }
}
