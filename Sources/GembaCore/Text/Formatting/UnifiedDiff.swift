/// A unified diff that `git apply` and `patch` accept: three lines of context, correct
/// hunk headers (including empty ranges), and `\ No newline at end of file` markers.
enum UnifiedDiff {
  static func make(old: String, new: String, oldLabel: String, newLabel: String, context: Int = 3) -> String {
    guard old != new else { return "" }
    // Each line keeps whether it ends in a newline, so a changed final newline is a change.
    let a = lines(old), b = lines(new)
    let edits = LineDiff.diff(a, b)
    var positions: [(old: Int, new: Int)] = []
    var oldLine = 0, newLine = 0
    for edit in edits {
      positions.append((oldLine, newLine))
      switch edit {
      case .same: oldLine += 1; newLine += 1
      case .removed: oldLine += 1
      case .added: newLine += 1
      }
    }
    var ranges: [Range<Int>] = []
    for (i, edit) in edits.enumerated() where !edit.isSame {
      let range = max(0, i - context)..<min(edits.count, i + context + 1)
      if let last = ranges.last, last.upperBound >= range.lowerBound {
        ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        ranges.append(range)
      }
    }
    var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
    for range in ranges {
      let slice = edits[range]
      let oldCount = slice.filter { !$0.isAdded }.count
      let newCount = slice.filter { !$0.isRemoved }.count
      // An empty range names the line before it (0 at the start of the file).
      let oldStart = positions[range.lowerBound].old + (oldCount == 0 ? 0 : 1)
      let newStart = positions[range.lowerBound].new + (newCount == 0 ? 0 : 1)
      out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
      for edit in slice {
        switch edit {
        case .same(let s): emit(" ", s, into: &out)
        case .removed(let s): emit("-", s, into: &out)
        case .added(let s): emit("+", s, into: &out)
        }
      }
    }
    return out
  }

  /// Lines split at `\n` bytes, each keeping its `\n` (Swift reads `\r\n` as one Character,
  /// so splitting Characters would miss CRLF lines).
  static func lines(_ text: String) -> [String] {
    var out = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map {
      String(decoding: $0, as: UTF8.self) + "\n"
    }
    if text.utf8.last == UInt8(ascii: "\n") || text.isEmpty {
      out.removeLast()
    } else {
      out[out.count - 1] = String(decoding: out[out.count - 1].utf8.dropLast(), as: UTF8.self)
    }
    return out
  }

  static func emit(_ sign: String, _ line: String, into out: inout String) {
    if line.utf8.last == UInt8(ascii: "\n") {
      out += sign + line
    } else {
      out += sign + line + "\n\\ No newline at end of file\n"
    }
  }
}
