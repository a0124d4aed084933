/// A custom log layout (`--pattern`): a regular expression whose named groups become columns.
///
/// Matched by `PikeRegex`, in time linear in the line (at most `PikeRegex`'s program size per
/// byte), so a pattern cannot make an untrusted log take exponential time; backreferences and
/// lookaround, which need backtracking, are refused. Lines longer than `lineLimit` are listed,
/// not matched.
struct LogPattern: Sendable {
  let regex: PikeRegex
  /// The named groups, in order: the columns.
  let names: [String]
  /// Group numbers of `names`.
  let groups: [Int]

  static let lineLimit = 64 << 10

  init(_ pattern: String) throws(LayoutError) {
    regex = try PikeRegex(pattern)
    var names: [String] = [], groups: [Int] = []
    for (k, name) in regex.groupNames.enumerated() {
      if let name { names.append(name); groups.append(k + 1) }
    }
    guard !names.isEmpty else {
      throw LayoutError(layout: pattern, reason: "it has no named group; write (?<name>…) for each column")
    }
    guard Set(names).count == names.count else {
      throw LayoutError(layout: pattern, reason: "two groups have the same name")
    }
    self.names = names
    self.groups = groups
  }

  /// Why a pattern cannot be used, or nil when it can.
  static func problem(in pattern: String) -> String? {
    do { _ = try LogPattern(pattern); return nil } catch { return error.reason }
  }
}

extension LineReader {
  /// Lines split by a `--pattern`: its named groups as columns. A line that does not match (or is
  /// longer than `LogPattern.lineLimit`) keeps its row with empty cells and is listed.
  func readPattern(_ pattern: LogPattern) -> LineTable {
    let columns = pattern.names
    let stride = 2 * columns.count + 2
    let cells = OffsetBuffer(capacity: 4096)
    var lines = LineIndex()
    var rows = 0
    var problems: [EvidenceProblem] = []
    var unmatched = 0
    forEachLine { s, e, line in
      cells.reserve(stride)
      let r = cells.base + cells.count
      r[0] = UInt32(s); r[1] = UInt32(e)
      for k in 0..<columns.count { r[2 + 2 * k] = missingCell; r[3 + 2 * k] = missingCell }
      var matched = false
      if e - s <= LogPattern.lineLimit, let match = pattern.regex.firstMatch(base + s, e - s) {
        matched = true
        for (k, group) in pattern.groups.enumerated() {
          guard let range = match[group] else { continue }
          r[2 + 2 * k] = UInt32(s + range.0)
          r[3 + 2 * k] = UInt32(s + range.1)
        }
      }
      if !matched && e > s {
        unmatched += 1
        if problems.count < 20 {
          let why =
            e - s > LogPattern.lineLimit
            ? "is longer than \(LogPattern.lineLimit) bytes and was not matched" : "does not match --pattern"
          problems.append(
            EvidenceProblem(
              .invalidOption, file: file, row: rows + 1, line: line, byteOffset: s,
              message: "the line \(why); loaded with empty columns", action: .loaded))
        }
      }
      cells.setCount(cells.count + stride)
      lines.record(row: rows, line: line)
      rows += 1
    }
    return LineTable(
      columns: columns, segment: TableSegment(firstRow: 0, rowCount: rows, cells: cells, lines: lines),
      problems: problems, problemCount: unmatched)
  }
}
