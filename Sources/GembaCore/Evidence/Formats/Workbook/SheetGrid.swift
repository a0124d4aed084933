/// The cells of one worksheet as they were scanned: their text in one buffer (cells of a row
/// separated by a tab, rows by a line break), each cell's column and end, each row's sheet row
/// number. Rows without a value are dropped. `table(…)` lays it out as an evidence table.
final class SheetGrid: @unchecked Sendable {
  // Filled by one loader job, read only after that job finished (Parallel.run returns).
  static let maxColumns = 16_384
  let text = GrowableBuffer<UInt8>(capacity: 1 << 20)
  let cellColumns = GrowableBuffer<UInt16>(capacity: 1 << 12)
  let cellEnds = GrowableBuffer<UInt32>(capacity: 1 << 12)
  let rowStarts = GrowableBuffer<UInt32>(capacity: 1 << 10)
  let rowFirstCells = GrowableBuffer<UInt32>(capacity: 1 << 10)
  let rowNumbers = GrowableBuffer<UInt32>(capacity: 1 << 10)
  private(set) var minColumn = Int.max
  private(set) var maxColumn = -1
  /// Text past this many bytes cannot be addressed by 32-bit offsets.
  static let textLimit = Int(UInt32.max) - (1 << 20)
  private(set) var tooLarge = false
  /// Whether a buffer ran out of memory while the sheet was scanned (its contents are garbage).
  var exhausted: Bool {
    text.exhausted || cellColumns.exhausted || cellEnds.exhausted || rowStarts.exhausted || rowFirstCells.exhausted
      || rowNumbers.exhausted
  }

  /// `kind`: an error value in the cell (`.errorCell`), or another note on it (`.workbook`).
  struct Note { var gridRow: Int; var column: Int; var kind: EvidenceProblem.Kind; var message: String }
  /// Error cells and other things loaded but worth saying, in sheet order (the first 200).
  private(set) var notes: [Note] = []
  private(set) var noteCount = 0
  private(set) var errorCount = 0

  /// The first thing that makes the sheet unreadable as it stands (a shared string that does
  /// not exist, a row 0, a row written twice), naming its cell: the load is refused with it,
  /// as openpyxl fails and Excel offers to repair the file. Nil when the sheet reads.
  private(set) var damage: String?
  /// The first row whose number is not above the row before it (`row`, after `previous`):
  /// the rows are put in order by `sortRows()` and a warning says so.
  private(set) var unordered: (row: Int, previous: Int)?
  private var highestRow = 0

  private var rowNumber = 0
  private var rowStart = 0
  private var rowFirstCell = 0
  private var rowHasText = false
  private var rowLastColumn = -1
  private var cellStart = 0

  func beginRow(_ number: Int) {
    if number < 1 { markDamaged("has a row numbered \(number) (rows are numbered from 1)") }
    if number <= highestRow && unordered == nil { unordered = (number, highestRow) }
    highestRow = max(highestRow, number)
    rowNumber = number
    rowStart = text.count
    rowFirstCell = cellColumns.count
    rowHasText = false
    rowLastColumn = -1
  }

  @inline(__always) func beginCell(_ column: Int) {
    // Cells come in column order; one that does not may repeat a cell of its row.
    if column <= rowLastColumn { checkRepeated(column) }
    rowLastColumn = max(rowLastColumn, column)
    currentColumn = column
    if cellColumns.count > rowFirstCell { text.append(9) }
    cellStart = text.count
  }

  private func checkRepeated(_ column: Int) {
    for k in rowFirstCell..<cellColumns.count where Int(cellColumns[k]) == column {
      // The later value is the one laid out (`XlsxTableBuilder` writes a row's cells in order).
      note(
        column,
        "cell \(Self.reference(column: column, row: rowNumber)) is written twice; the second value was kept, as openpyxl and calamine read it"
      )
      return
    }
  }

  /// Keeps the first damage found.
  func markDamaged(_ what: String) {
    if damage == nil { damage = what }
  }

  /// `B12` for column 1, row 12.
  static func reference(column: Int, row: Int) -> String {
    var letters: [Character] = []
    var c = column + 1
    while c > 0 {
      let digit = (c - 1) % 26
      letters.insert(Character(Unicode.Scalar(UInt8(65 + digit))), at: 0)
      c = (c - 1) / 26
    }
    return String(letters) + "\(row)"
  }

  /// The reference of the cell being written (for notes and damage).
  var currentReference: String { Self.reference(column: currentColumn, row: rowNumber) }

  /// Puts the rows in order of their numbers, as Excel shows them, when the XML wrote them out
  /// of order; a row number written twice is damage. Each row's text stays where it is: only
  /// the row and cell indexes move (a row's cells stay together), and notes follow their rows.
  func sortRows() {
    let count = rowCount
    let order = (0..<count).sorted { (rowNumbers[$0], $0) < (rowNumbers[$1], $1) }
    for k in 1..<max(count, 1) where rowNumbers[order[k]] == rowNumbers[order[k - 1]] {
      markDamaged("has row \(rowNumbers[order[k]]) twice")
      return
    }
    let firsts = (0..<count).map { Int(rowFirstCells[$0]) }
    let ends = (0..<count).map { $0 + 1 < count ? Int(rowFirstCells[$0 + 1]) : cellColumns.count }
    let columns = (0..<cellColumns.count).map { cellColumns[$0] }
    let cellEndsCopy = (0..<cellEnds.count).map { cellEnds[$0] }
    let starts = (0..<count).map { rowStarts[$0] }
    let numbers = (0..<count).map { rowNumbers[$0] }
    var newIndex = Array(repeating: 0, count: count)
    var k = 0
    for (i, old) in order.enumerated() {
      newIndex[old] = i
      rowStarts[i] = starts[old]
      rowNumbers[i] = numbers[old]
      rowFirstCells[i] = UInt32(truncatingIfNeeded: k)
      for c in firsts[old]..<ends[old] {
        cellColumns[k] = columns[c]
        cellEnds[k] = cellEndsCopy[c]
        k += 1
      }
    }
    for n in notes.indices where notes[n].gridRow < count { notes[n].gridRow = newIndex[notes[n].gridRow] }
  }

  @inline(__always) func endCell() {
    let column = currentColumn
    cellColumns.append(UInt16(column))
    cellEnds.append(UInt32(truncatingIfNeeded: text.count))
    if text.count > cellStart { rowHasText = true }
    if column < minColumn { minColumn = column }
    if column > maxColumn { maxColumn = column }
  }

  /// Set by the scanner before `beginCell`/`endCell`.
  var currentColumn = 0

  func endRow() {
    guard cellColumns.count > rowFirstCell else { return }
    guard rowHasText else {
      // Only empty values: a blank row, dropped as a CSV blank line is.
      cellColumns.setCount(rowFirstCell)
      cellEnds.setCount(rowFirstCell)
      text.setCount(rowStart)
      return
    }
    text.append(10)
    rowStarts.append(UInt32(truncatingIfNeeded: rowStart))
    rowFirstCells.append(UInt32(truncatingIfNeeded: rowFirstCell))
    rowNumbers.append(UInt32(truncatingIfNeeded: rowNumber))
    if text.count > Self.textLimit { tooLarge = true }
  }

  var rowCount: Int { rowStarts.count }

  func note(_ column: Int, _ message: String, kind: EvidenceProblem.Kind = .workbook) {
    noteCount += 1
    if notes.count < DelimitedTableSink.problemLimit {
      notes.append(Note(gridRow: rowCount, column: column, kind: kind, message: message))
    }
  }

  func noteError(_ column: Int, _ value: String) {
    errorCount += 1
    note(column, "Excel error value \(value) (a formula's cached error); loaded as that text", kind: .errorCell)
  }

  /// Row `i`'s cells as text, `width` columns from `minColumn` (for header rows and tests).
  func record(_ i: Int, width: Int) -> [String] {
    var out = Array(repeating: "", count: width)
    forEachCell(i) { column, s, e in
      let k = column - minColumn
      if k >= 0 && k < width {
        out[k] = String(decoding: UnsafeBufferPointer(start: text.base + s, count: e - s), as: UTF8.self)
      }
    }
    return out
  }

  /// Calls `body(column, start, end)` for each cell of row `i`.
  @inline(__always) func forEachCell(_ i: Int, _ body: (Int, Int, Int) -> Void) {
    let first = Int(rowFirstCells[i])
    let last = i + 1 < rowCount ? Int(rowFirstCells[i + 1]) : cellColumns.count
    var start = Int(rowStarts[i])
    for k in first..<last {
      let end = Int(cellEnds[k])
      body(Int(cellColumns[k]), start, end)
      start = end + 1
    }
  }
}
