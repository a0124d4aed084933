/// Lays a scanned sheet out as an evidence table: the used range (first to last column with a
/// value), `--skip` rows dropped, `--header-rows` rows as names, each row's line its sheet row.
enum XlsxTableBuilder {
  /// A table's cell offsets may take at most this much memory (a sheet 16,384 columns wide and
  /// many rows long is refused rather than exhausting memory).
  static let layoutLimit = 1 << 31

  static func build(
    _ grid: SheetGrid, name: String, path: String, sheet: String, sheets: [String], sha256: String,
    bytes: ByteSource, options: LoadOptions
  ) throws(EvidenceError) -> LoadResult {
    guard grid.rowCount > 0 else {
      throw XlsxLoader.refusal(
        path, "sheet `\(sheet)` is empty", hint: "choose another sheet with --sheet NAME or --sheet N")
    }
    let width = grid.maxColumn - grid.minColumn + 1
    let skip = min(options.skipRows, grid.rowCount)
    let headerCount = min(options.headerRows, grid.rowCount - skip)
    let first = skip + headerCount
    let rows = grid.rowCount - first
    let stride = 2 * width + 2
    guard rows * stride * 4 <= layoutLimit else {
      throw XlsxLoader.refusal(
        path,
        "sheet `\(sheet)` spans \(NumberFormat.integer(width)) columns × \(NumberFormat.integer(rows)) rows, too wide to load",
        hint: "delete the unused columns in Excel (or copy the used range to a new sheet) and save again")
    }
    var problems: [EvidenceProblem] = []
    var problemCount = 0
    var columns: [String]
    if headerCount > 0 {
      let records = (skip..<first).map { grid.record($0, width: width) }
      let header = HeaderNames.make(records, line: Int(grid.rowNumbers[skip]), offset: 0)
      columns = header.names
      if headerCount == 1, let title = records.last,
        HeaderNames.looksLikeTitle(title, next: first < grid.rowCount ? grid.record(first, width: width) : nil)
      {
        // A merged title above the header (Excel's usual report layout).
        problems.append(
          EvidenceProblem(
            .titleRow, file: path, line: Int(grid.rowNumbers[skip]),
            message:
              "sheet row \(grid.rowNumbers[skip]) looks like a title above the header; load it with --skip \(skip + 1) to use the next row as the header",
            action: .loaded))
        problemCount += 1
      }
      for p in header.problems {
        problems.append(
          EvidenceProblem(p.kind, file: path, line: p.line, column: p.column, message: p.message, action: p.action))
      }
      problemCount += header.problems.count
    } else {
      columns = (1...width).map { "column_\($0)" }
    }
    let cells = OffsetBuffer(capacity: max(1, rows * stride))
    // Written through `base` below without `reserve`: it must really have that room.
    if cells.exhausted { throw EvidenceLoader.outOfMemory(path) }
    var lines = LineIndex()
    for i in first..<grid.rowCount {
      let local = i - first
      let r = cells.base + local * stride
      (r + 2).initialize(repeating: missingCell, count: 2 * width)
      var recordEnd = Int(grid.rowStarts[i])
      grid.forEachCell(i) { column, s, e in
        let k = column - grid.minColumn
        r[2 + 2 * k] = UInt32(truncatingIfNeeded: s)
        r[3 + 2 * k] = UInt32(truncatingIfNeeded: e)
        recordEnd = e
      }
      r[0] = grid.rowStarts[i]
      r[1] = UInt32(truncatingIfNeeded: recordEnd)
      lines.record(row: local, line: Int(grid.rowNumbers[i]))
    }
    cells.setCount(rows * stride)
    for note in grid.notes where note.gridRow >= first {
      problems.append(
        EvidenceProblem(
          note.kind, file: path,
          row: note.gridRow - first + 1, line: Int(grid.rowNumbers[min(note.gridRow, grid.rowCount - 1)]),
          column: note.column - grid.minColumn + 1, message: note.message, action: .loaded))
    }
    problemCount += grid.noteCount
    let (memory, count) = grid.text.release()
    let text = ByteSource(adopting: memory, count: count)
    let segment = TableSegment(firstRow: 0, rowCount: rows, cells: cells, lines: lines)
    let table = EvidenceTable(
      name: name, format: .xlsx, path: path, sha256: sha256, columns: columns, source: text,
      layout: .spans, segments: [segment], encoding: .plain, fileByteCount: bytes.count,
      sheet: sheet, sheets: sheets)
    return LoadResult(table: table, problems: problems, problemCount: problemCount)
  }
}
