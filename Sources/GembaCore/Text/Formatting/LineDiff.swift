/// A unified diff of two texts, line by line (Myers' algorithm), for replay reports.
public enum LineDiff {
  enum Edit: Equatable {
    case same(String)
    case removed(String)
    case added(String)
  }

  /// `--- label` / `+++ label` and `@@` hunks with `context` lines around each change;
  /// empty when the texts are equal. The same writer as the SOP diff (`UnifiedDiff`).
  public static func unified(_ old: String, _ new: String, oldLabel: String, newLabel: String, context: Int = 2)
    -> String
  {
    // Cell outputs carry no final newline; end both with one so no "\ No newline" markers appear.
    guard old != new else { return "" }
    return UnifiedDiff.make(old: old + "\n", new: new + "\n", oldLabel: oldLabel, newLabel: newLabel, context: context)
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
