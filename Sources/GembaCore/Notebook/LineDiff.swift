/// A unified diff of two texts, line by line (Myers' algorithm), for replay reports.
public enum LineDiff {
  enum Edit: Equatable { case same(String), removed(String), added(String) }

  /// `--- label` / `+++ label` and `@@` hunks with `context` lines around each change;
  /// empty when the texts are equal.
  public static func unified(_ old: String, _ new: String, oldLabel: String, newLabel: String, context: Int = 2) -> String {
    guard old != new else { return "" }
    let a = old.splitLines().map(String.init)
    let b = new.splitLines().map(String.init)
    let edits = diff(a, b)
    var out = "--- \(oldLabel)\n+++ \(newLabel)\n"
    // Where each edit sits in the old and new text (1-based), for the hunk headers.
    var positions: [(old: Int, new: Int)] = []
    var oldLine = 1, newLine = 1
    for edit in edits {
      positions.append((oldLine, newLine))
      switch edit {
      case .same: oldLine += 1; newLine += 1
      case .removed: oldLine += 1
      case .added: newLine += 1
      }
    }
    // Hunks: each change widened by `context` lines, overlapping ranges merged.
    var ranges: [Range<Int>] = []
    for (i, edit) in edits.enumerated() where !edit.isSame {
      let range = max(0, i - context)..<min(edits.count, i + context + 1)
      if let last = ranges.last, last.upperBound >= range.lowerBound {
        ranges[ranges.count - 1] = last.lowerBound..<range.upperBound
      } else {
        ranges.append(range)
      }
    }
    for range in ranges {
      let slice = edits[range]
      let oldCount = slice.filter { !$0.isAdded }.count
      let newCount = slice.filter { !$0.isRemoved }.count
      out += "@@ -\(positions[range.lowerBound].old),\(oldCount) +\(positions[range.lowerBound].new),\(newCount) @@\n"
      for edit in slice {
        switch edit {
        case .same(let s): out += " \(s)\n"
        case .removed(let s): out += "-\(s)\n"
        case .added(let s): out += "+\(s)\n"
        }
      }
    }
    return out
  }

  static func diff(_ a: [String], _ b: [String]) -> [Edit] {
    let n = a.count, m = b.count
    let max = n + m
    var v = [Int](repeating: 0, count: 2 * max + 2)
    var trace: [[Int]] = []
    outer: for d in 0...max {
      trace.append(v)
      for k in stride(from: -d, through: d, by: 2) {
        var x = (k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max])) ? v[k + 1 + max] : v[k - 1 + max] + 1
        var y = x - k
        while x < n, y < m, a[x] == b[y] { x += 1; y += 1 }
        v[k + max] = x
        if x >= n && y >= m { trace.append(v); break outer }
      }
    }
    // Walk the trace back from the end to recover the edit script.
    var edits: [Edit] = []
    var x = n, y = m
    for d in stride(from: trace.count - 2, through: 0, by: -1) {
      let v = trace[d]
      let k = x - y
      let prevK = (k == -d || (k != d && v[k - 1 + max] < v[k + 1 + max])) ? k + 1 : k - 1
      let prevX = v[prevK + max]
      let prevY = prevX - prevK
      while x > prevX && y > prevY { edits.append(.same(a[x - 1])); x -= 1; y -= 1 }
      if d > 0 {
        if x == prevX { edits.append(.added(b[y - 1])) } else { edits.append(.removed(a[x - 1])) }
      }
      x = prevX
      y = prevY
    }
    while x > 0 && y > 0 { edits.append(.same(a[x - 1])); x -= 1; y -= 1 }
    return edits.reversed()
  }
}

extension LineDiff.Edit {
  var isSame: Bool { if case .same = self { true } else { false } }
  var isAdded: Bool { if case .added = self { true } else { false } }
  var isRemoved: Bool { if case .removed = self { true } else { false } }
}
