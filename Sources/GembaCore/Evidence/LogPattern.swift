/// A custom log layout (`--pattern`): a regular expression whose named groups become columns.
///
/// Swift's `Regex` backtracks, so what it may run on untrusted lines is bounded before it runs:
/// patterns with nested quantifiers (`(a+)+`), backreferences or more than four unbounded
/// quantifiers are refused, and lines longer than `lineLimit` are not matched (they are listed).
// @unchecked: the compiled Regex is not Sendable; a pattern is used by the one job that reads the lines.
struct LogPattern: @unchecked Sendable {
  let regex: Regex<AnyRegexOutput>
  let names: [String]

  static let lineLimit = 8 << 10

  init(_ pattern: String) throws(LayoutError) {
    if let problem = Self.problem(in: pattern) { throw LayoutError(layout: pattern, reason: problem) }
    do {
      regex = try Regex(pattern)
    } catch {
      throw LayoutError(layout: pattern, reason: "it is not a valid regular expression (\(error))")
    }
    names = Self.groupNames(pattern)
  }

  /// Why a pattern may not run on untrusted lines, or nil when it may.
  static func problem(in pattern: String) -> String? {
    let names = groupNames(pattern)
    if names.isEmpty { return "it has no named group; write (?<name>…) for each column" }
    if Set(names).count != names.count { return "two groups have the same name" }
    let chars = Array(pattern)
    var depthHasQuantifier: [Bool] = [false]
    var unbounded = 0
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "\\" {
        if i + 1 < chars.count, chars[i + 1].isNumber || chars[i + 1] == "k" { return "backreferences are not allowed (they can take exponential time)" }
        i += 2
        continue
      }
      if c == "[" {  // skip a class
        i += 1
        while i < chars.count && chars[i] != "]" { i += chars[i] == "\\" ? 2 : 1 }
      } else if c == "(" {
        depthHasQuantifier.append(false)
      } else if c == ")" {
        let inner = depthHasQuantifier.popLast() ?? false
        if depthHasQuantifier.isEmpty { return "its parentheses do not balance" }
        let next = i + 1 < chars.count ? chars[i + 1] : " "
        if next == "*" || next == "+" || next == "{" {
          if inner { return "a repeated group contains a repetition, like (a+)+, which can take exponential time" }
          depthHasQuantifier[depthHasQuantifier.count - 1] = true
        }
        if inner { depthHasQuantifier[depthHasQuantifier.count - 1] = true }
      } else if c == "*" || c == "+" {
        unbounded += 1
        depthHasQuantifier[depthHasQuantifier.count - 1] = true
      }
      i += 1
    }
    if unbounded > 6 { return "it has more than 6 unbounded repetitions (* or +); anchor fields with literal text instead" }
    return nil
  }

  /// `(?<name>` and `(?<name>` groups, in order.
  static func groupNames(_ pattern: String) -> [String] {
    var names: [String] = []
    let chars = Array(pattern)
    var i = 0
    while i + 3 < chars.count {
      if chars[i] == "\\" { i += 2; continue }
      if chars[i] == "(" && chars[i + 1] == "?" {
        var j = i + 2
        if j < chars.count && chars[j] == "P" { j += 1 }
        if j < chars.count && chars[j] == "<" && j + 1 < chars.count && chars[j + 1] != "=" && chars[j + 1] != "!" {
          var k = j + 1
          var name = ""
          while k < chars.count && chars[k] != ">" { name.append(chars[k]); k += 1 }
          names.append(name)
        }
      }
      i += 1
    }
    return names
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
      if e - s <= LogPattern.lineLimit {
        let text = String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self)
        if let match = try? pattern.regex.firstMatch(in: text) {
          matched = true
          for (k, name) in columns.enumerated() {
            guard let range = match.output[name]?.range else { continue }
            r[2 + 2 * k] = UInt32(s + text.utf8.distance(from: text.startIndex, to: range.lowerBound))
            r[3 + 2 * k] = UInt32(s + text.utf8.distance(from: text.startIndex, to: range.upperBound))
          }
        }
      }
      if !matched && e > s {
        unmatched += 1
        if problems.count < 20 {
          let why = e - s > LogPattern.lineLimit ? "is longer than \(LogPattern.lineLimit) bytes and was not matched" : "does not match --pattern"
          problems.append(EvidenceProblem(.invalidOption, file: file, row: rows + 1, line: line, byteOffset: s,
                                          message: "the line \(why); loaded with empty columns", action: .loaded))
        }
      }
      cells.setCount(cells.count + stride)
      lines.record(row: rows, line: line)
      rows += 1
    }
    return LineTable(columns: columns, segment: TableSegment(firstRow: 0, rowCount: rows, cells: cells, lines: lines),
                     problems: problems, problemCount: unmatched)
  }
}
