/// The line of each row, stored as runs: a row's line is its index plus the run's offset, and a
/// new run starts only where a quoted line break, blank line or comment shifts the count.
struct LineIndex: Sendable {
  private var rows: [Int32] = []
  private var offsets: [Int32] = []

  mutating func record(row: Int, line: Int) {
    let offset = Int32(truncatingIfNeeded: line - row)
    if offsets.last != offset {
      rows.append(Int32(truncatingIfNeeded: row))
      offsets.append(offset)
    }
  }

  func line(of row: Int) -> Int {
    var lo = 0, hi = rows.count - 1
    guard hi >= 0 else { return row + 1 }
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if Int(rows[mid]) <= row { lo = mid } else { hi = mid - 1 }
    }
    return row + Int(offsets[lo])
  }

  mutating func shift(by lines: Int) {
    for i in offsets.indices { offsets[i] &+= Int32(truncatingIfNeeded: lines) }
  }
}
