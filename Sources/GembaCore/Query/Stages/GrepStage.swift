/// `grep PATTERN` in a pipeline: keeps rows whose text (as written in the file) matches.
enum GrepStage {
  static func filter(_ relation: Relation, _ grep: EvidenceGrep) -> Relation {
    switch relation {
    case .view(let t, let rows, let columns):
      var kept: [Int32] = []
      if rows == nil {
        // One pass over the file; each match is placed in its row (rows are in file order).
        var row = 0
        let end = t.rowCount == 0 ? 0 : t.recordRange(row: t.rowCount - 1).upperBound
        grep.forEachMatch(t.base, t.rowCount == 0 ? 0 : t.byteOffset(ofRow: 0), end) { hit, lineEnd in
          while row + 1 < t.rowCount && t.byteOffset(ofRow: row + 1) <= hit { row += 1 }
          let range = t.recordRange(row: row)
          if hit < range.upperBound && (kept.last.map { Int($0) != row } ?? true) { kept.append(Int32(row)) }
          return max(lineEnd, range.upperBound)
        }
      } else {
        for r in rows! {
          let range = t.recordRange(row: Int(r))
          if grep.matches(t.base, range.lowerBound, range.upperBound) { kept.append(r) }
        }
      }
      return .view(t, rows: kept, columns: columns)
    case .computed(var c):
      c.rows = c.rows.filter { row in row.contains { grep.matches($0) } }
      return .computed(c)
    }
  }

  static func matches(_ t: EvidenceTable, rows: [Int32], pattern: String, limit: Int) -> GrepMatches {
    let listed = rows.prefix(limit).map { r in
      GrepMatches.Match(row: Int(r) + 1, line: t.lineNumber(ofRow: Int(r)), text: t.rawText(ofRow: Int(r)))
    }
    return GrepMatches(pattern: pattern, matches: listed, total: rows.count)
  }
}
