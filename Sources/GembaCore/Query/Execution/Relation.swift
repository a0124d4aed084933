/// The rows flowing between pipeline stages: a view of an evidence table, or a small table
/// built by an aggregate (`count by team` → team, count).
enum Relation {
  /// Rows of `table` (nil: all, in order), showing `columns`.
  case view(EvidenceTable, rows: [Int32]?, columns: [Int])
  /// A computed table of text cells.
  case computed(ComputedTable)

  var columnNames: [String] {
    switch self {
    case .view(let t, _, let columns): return columns.map { t.columns[$0] }
    case .computed(let c): return c.columns
    }
  }

  var rowCount: Int {
    switch self {
    case .view(let t, let rows, _): return rows?.count ?? t.rowCount
    case .computed(let c): return c.rows.count
    }
  }

  /// The column `ref` names (exact, then ignoring case), as an index into the underlying table
  /// (for views) or the computed columns; otherwise a diagnostic with a suggestion.
  func resolve(_ ref: ColumnRef, evidence: String) throws(Diagnostic) -> Int {
    let names = columnNames
    var index = names.firstIndex(of: ref.name)
    if index == nil {
      let matches = names.indices.filter { names[$0].lowercased() == ref.name.lowercased() }
      if matches.count == 1 { index = matches[0] }
    }
    guard let index else {
      var notes: [String] = []
      if let near = Suggestions.note(for: ref.name, in: names) { notes.append(near) }
      let listed = names.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
      notes.append("columns: " + listed + (names.count > 12 ? ", … (\(names.count) in all)" : ""))
      throw Diagnostic.error(.unknownColumn, "no column `\(ref.name)` in \(evidence)", at: ref.span, notes: notes)
    }
    if case .view(_, _, let columns) = self { return columns[index] }
    return index
  }

  /// Calls `body(row, bytes, length)` with each row's trimmed value of `column` (see `resolve`).
  /// `row` is the position in the relation.
  func forEachValue(column: Int, _ body: (Int, UnsafePointer<UInt8>, Int) -> Void) {
    switch self {
    case .view(let table, let rows, _) where column >= table.baseColumnCount:
      // A derived column: its own bytes, already trimmed, by table row.
      let derived = table.derivedColumns[column - table.baseColumnCount]
      let base = derived.base  // first: a numeric column writes its text now
      if let rows {
        for (position, row) in rows.enumerated() {
          let (s, e) = derived.range(row: Int(row))
          body(position, base + s, e - s)
        }
      } else {
        for row in 0..<table.rowCount {
          let (s, e) = derived.range(row: row)
          body(row, base + s, e - s)
        }
      }
    case .view(let table, let rows, _):
      table.forEachRow(rows) { position, cursor, local in
        withTrimmedBytes(table.base, table.value(cursor, local: local, column: column)) { p, n in body(position, p, n) }
      }
    case .computed(let c):
      for (i, row) in c.rows.enumerated() {
        withTrimmedBytes(EmptyBytes.pointer, .text(row[column])) { p, n in body(i, p, n) }
      }
    }
  }

  /// Calls `body(position, number or nil when empty)` for a column a `derive` computed as numbers,
  /// without writing them as text; false (and no call) for any other column.
  func forEachDerivedNumber(column: Int, _ body: (Int, Double?) -> Void) -> Bool {
    guard case .view(let table, let rows, _) = self, column >= table.baseColumnCount,
      table.derivedColumns[column - table.baseColumnCount].holdsNumbers
    else { return false }
    let derived = table.derivedColumns[column - table.baseColumnCount]
    if let rows {
      for (position, row) in rows.enumerated() { body(position, derived.number(row: Int(row))) }
    } else {
      for row in 0..<table.rowCount { body(row, derived.number(row: row)) }
    }
    return true
  }

  /// The text of one cell (untrimmed), by position in the relation.
  func text(row position: Int, column: Int) -> String {
    switch self {
    case .view(let table, let rows, _):
      return table.cell(row: rows.map { Int($0[position]) } ?? position, column: column)
    case .computed(let c): return c.rows[position][column]
    }
  }

  /// How to read the column's cells as numbers or instants (its format).
  func reader(_ column: Int) -> ValueReader {
    switch self {
    case .view(let table, _, _): return table.reader(column)
    case .computed(let c): return ValueReader(type: c.types[column], format: c.formats?[column] ?? .standard)
    }
  }

  func type(of column: Int) -> ColumnType {
    switch self {
    case .view(let table, _, _): return table.columnType(column)
    case .computed(let c): return c.types[column]
    }
  }
}

/// A small table made by a stage, cells as text.
struct ComputedTable: Sendable {
  var columns: [String]
  var types: [ColumnType]
  var rows: [[String]]
  /// How each column writes its dates and numbers, when it came from evidence (nil: standard).
  var formats: [ValueFormat]? = nil
}

extension Relation {
  /// `transform` of each row's trimmed value of `column`, by position. A whole long table is
  /// read in parts on all cores (`EvidenceTable.mapColumn`); anything else in one pass.
  func mapValues(column: Int, _ transform: @escaping @Sendable (UnsafePointer<UInt8>, Int) -> Double) -> [Double] {
    let count = rowCount
    guard case .view(let table, nil, _) = self, column < table.baseColumnCount, count >= Self.parallelThreshold else {
      var out: [Double] = []
      out.reserveCapacity(count)
      forEachValue(column: column) { _, p, n in out.append(transform(p, n)) }
      return out
    }
    return table.mapColumn(column, transform)
  }

  /// From this many rows, `mapValues` and `internValues` read in parts on all cores.
  static let parallelThreshold = EvidenceTable.parallelRows

  /// Whether a base column's typed reading (ids, instants) serves these rows: all of a table's
  /// rows, a large share of them, or a reading already made. A few rows of a long table are read
  /// from their text rather than reading the whole column for them.
  private func readsWholeColumn(_ table: EvidenceTable, _ rows: [Int32]?, readAlready: Bool) -> Bool {
    guard let rows else { return true }
    return readAlready || rows.count >= Self.parallelThreshold || rows.count * 4 >= table.rowCount
  }

  /// Each row's instant in base date/time `column` by the column's reader (NaN where none), from
  /// the table's reading of the column when `readsWholeColumn`; nil otherwise.
  func instants(column: Int) -> [Double]? {
    guard case .view(let table, let rows, _) = self, column < table.baseColumnCount,
      readsWholeColumn(table, rows, readAlready: table.hasInstantColumn(column))
    else { return nil }
    let all = table.instantColumn(column)
    guard let rows else { return all }
    return rows.map { all[Int($0)] }
  }
}

extension Relation {
  /// Each row's trimmed value of `column` as a dense id, ids in order of first appearance, and
  /// the interner holding the values. A base column is read once per table
  /// (`EvidenceTable.internedColumn`); a subset of its rows renumbers the table's ids.
  func internValues(column: Int) -> (ids: [Int32], values: ValueInterner) {
    internValues(column: column, atMost: nil)!
  }

  /// `internValues`, or nil as soon as the column shows more than `limit` distinct values (a
  /// comparison by a column of a million ids says so at once instead of interning them all).
  func internValues(column: Int, atMost limit: Int?) -> (ids: [Int32], values: ValueInterner)? {
    let most = limit ?? Int.max
    if case .view(let table, let rows, _) = self, column < table.baseColumnCount,
      readsWholeColumn(table, rows, readAlready: table.hasInternedColumn(column))
    {
      guard let rows else { return table.internedColumn(column, atMost: limit) }
      // The whole column may hold more values than these rows: the limit is the rows' own.
      guard let whole = table.internedColumn(column, atMost: nil) else { return nil }
      // The rows' own ids, again in order of their first appearance among these rows.
      var renumber = [Int32](repeating: -1, count: whole.values.count)
      var values = ValueInterner()
      var ids: [Int32] = []
      ids.reserveCapacity(rows.count)
      for row in rows {
        let id = Int(whole.ids[Int(row)])
        if renumber[id] < 0 {
          renumber[id] = Int32(values.id(whole.values.string(id)))
          if values.count > most { return nil }
        }
        ids.append(renumber[id])
      }
      return (ids, values)
    }
    var interner = ValueInterner()
    var ids: [Int32] = []
    ids.reserveCapacity(rowCount)
    forEachValue(column: column) { _, p, n in ids.append(Int32(interner.id(p, n))) }
    return interner.count > most ? nil : (ids, interner)
  }
}
