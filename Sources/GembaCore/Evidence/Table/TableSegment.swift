/// Marks a cell that a JSON object without the key (spans layout) does not have.
let missingCell: UInt32 = .max
/// In the delimited layout's 16-bit ends: the row is too short to have this field.
let missingEnd: UInt16 = 0xFFFF
/// In the delimited layout's 16-bit ends: the end is too far from the row start; see `overflow`.
let farEnd: UInt16 = 0xFFFE

/// A run of consecutive rows scanned by one thread: their cell offsets and line numbers.
///
/// Layouts:
/// - delimited: `cells[row]` is the record start; `ends[row × columns + k]` is field k's end
///   relative to it (16 bits, so a table costs 4 + 2 × columns bytes per row); field k starts one
///   byte after field k−1 ends (one-byte delimiter).
/// - spans: `cells[row × stride …]` is `[recordStart, recordEnd, start₀, end₀, start₁, end₁, …]`.
struct TableSegment: @unchecked Sendable {
  // Immutable after loading; the buffers are only read from then on.
  var firstRow: Int
  var rowCount: Int
  let cells: OffsetBuffer
  let ends: HalfBuffer
  /// Delimited ends too far from their row start, by index into `ends`.
  var overflow: [Int: UInt32]
  var lines: LineIndex

  init(
    firstRow: Int = 0, rowCount: Int, cells: OffsetBuffer, ends: HalfBuffer = HalfBuffer(capacity: 1),
    overflow: [Int: UInt32] = [:], lines: LineIndex
  ) {
    self.firstRow = firstRow
    self.rowCount = rowCount
    self.cells = cells
    self.ends = ends
    self.overflow = overflow
    self.lines = lines
  }

  /// Whether a buffer ran out of memory while the segment was scanned (see `GrowableBuffer`).
  var exhausted: Bool { cells.exhausted || ends.exhausted }

  func cursor(_ index: Int) -> SegmentCursor {
    SegmentCursor(index: index, cells: cells.base, ends: ends.base)
  }
}

/// Raw pointers into one segment, handed to per-row code without reference counting.
struct SegmentCursor {
  let index: Int
  let cells: UnsafeMutablePointer<UInt32>
  let ends: UnsafeMutablePointer<UInt16>
}

/// A problem found by a scanner thread, before rows and lines are made absolute.
struct LocalProblem: Sendable {
  var kind: EvidenceProblem.Kind
  /// Row within the segment, nil when not in a row (a blank line).
  var row: Int?
  /// Line relative to the segment's first line.
  var line: Int
  var column: Int?
  var offset: Int
  var message: String
  var action: EvidenceProblem.Action
}
