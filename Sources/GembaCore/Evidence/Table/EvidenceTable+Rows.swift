/// A valid pointer for empty byte ranges.
enum EmptyBytes {
  nonisolated(unsafe) static let pointer: UnsafePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.initialize(to: 0)
    return UnsafePointer(p)
  }()
}

extension EvidenceTable {
  /// Visits the rows in `range` (positions in the table) with their segment's cells and local
  /// index: one part of a scan split across cores.
  func forEachRow(in range: Range<Int>, _ body: (Int, SegmentCursor, Int) -> Void) {
    for (s, segment) in segments.enumerated() {
      let first = max(range.lowerBound, segment.firstRow),
        end = min(range.upperBound, segment.firstRow + segment.rowCount)
      guard first < end else { continue }
      let cursor = segment.cursor(s)
      for row in first..<end { body(row, cursor, row - segment.firstRow) }
    }
  }

  /// Visits rows (all, or the given ones) with their segment's cells and local index.
  /// Ascending row lists walk the segments in step instead of searching for each row.
  @inline(__always)
  func forEachRow(_ rows: [Int32]?, _ body: (Int, SegmentCursor, Int) -> Void) {
    let cursors = segments.indices.map { segments[$0].cursor($0) }
    guard let rows else {
      var position = 0
      for (s, segment) in segments.enumerated() {
        let cursor = cursors[s]
        for local in 0..<segment.rowCount { body(position, cursor, local); position += 1 }
      }
      return
    }
    var s = 0
    var previous = -1
    for (position, r32) in rows.enumerated() {
      let row = Int(r32)
      if row < previous { s = locate(row).segment }
      previous = row
      while s + 1 < segments.count && segments[s + 1].firstRow <= row { s += 1 }
      body(position, cursors[s], row - segments[s].firstRow)
    }
  }
}
