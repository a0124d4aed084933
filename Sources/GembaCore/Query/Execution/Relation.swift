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
  /// read in parts on all cores (each row on its own, written to its own place); anything else
  /// in one pass.
  func mapValues(column: Int, _ transform: @escaping @Sendable (UnsafePointer<UInt8>, Int) -> Double) -> [Double] {
    let count = rowCount
    guard case .view(let table, nil, _) = self, column < table.baseColumnCount, count >= Self.parallelThreshold else {
      var out: [Double] = []
      out.reserveCapacity(count)
      forEachValue(column: column) { _, p, n in out.append(transform(p, n)) }
      return out
    }
    return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      let out = DisjointWrites(buffer: buffer)
      Parallel.run(
        Parallel.parts(count, pieces: 8).map { part in
          { @Sendable in
            table.forEachRow(in: part) { row, cursor, local in
              withTrimmedBytes(table.base, table.value(cursor, local: local, column: column)) { p, n in
                (out.buffer.baseAddress! + row).initialize(to: transform(p, n))
              }
            }
          }
        })
      initialized = count
    }
  }

  /// From this many rows, `mapValues` and `internValues` read in parts on all cores.
  static let parallelThreshold = 200_000
}

extension Relation {
  /// Each row's trimmed value of `column` as a dense id, ids in order of first appearance, and
  /// the interner holding the values. A whole long table is interned in parts on all cores, each
  /// with its own interner; the parts' values are then given ids part after part, each part's in
  /// its own order of appearance, which is the order of first appearance over all the rows.
  func internValues(column: Int) -> (ids: [Int32], values: ValueInterner) {
    internValues(column: column, atMost: nil)!
  }

  /// `internValues`, or nil as soon as the column shows more than `limit` distinct values (a
  /// comparison by a column of a million ids says so at once instead of interning them all).
  func internValues(column: Int, atMost limit: Int?) -> (ids: [Int32], values: ValueInterner)? {
    let count = rowCount
    let most = limit ?? Int.max
    guard case .view(let table, nil, _) = self, column < table.baseColumnCount, count >= Self.parallelThreshold else {
      var interner = ValueInterner()
      var ids: [Int32] = []
      ids.reserveCapacity(count)
      forEachValue(column: column) { _, p, n in ids.append(Int32(interner.id(p, n))) }
      return interner.count > most ? nil : (ids, interner)
    }
    let parts = Parallel.parts(count, pieces: 8)
    let locals = parts.map { _ in ResultBox(ValueInterner()) }
    let tooMany = parts.map { _ in ResultBox(false) }
    var ids = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
      let out = DisjointWrites(buffer: buffer)
      Parallel.run(
        parts.indices.map { k in
          { @Sendable in
            var interner = ValueInterner()
            // In blocks, so a part stops soon after it passes the limit.
            for start in stride(from: parts[k].lowerBound, to: parts[k].upperBound, by: 1 << 14) {
              table.forEachRow(in: start..<min(start + (1 << 14), parts[k].upperBound)) { row, cursor, local in
                withTrimmedBytes(table.base, table.value(cursor, local: local, column: column)) { p, n in
                  (out.buffer.baseAddress! + row).initialize(to: Int32(interner.id(p, n)))
                }
              }
              if interner.count > most { tooMany[k].value = true; break }
            }
            locals[k].value = interner
          }
        })
      // Every place is written unless a part stopped early, and then the ids are not returned.
      initialized = tooMany.contains { $0.value } ? 0 : count
    }
    if tooMany.contains(where: { $0.value }) { return nil }
    var global = ValueInterner()
    let globalIDs = locals.map { local in (0..<local.value.count).map { Int32(global.id(local.value.string($0))) } }
    if global.count > most { return nil }
    let renumbered = parts.indices.filter { k in globalIDs[k].indices.contains { globalIDs[k][$0] != Int32($0) } }
    if !renumbered.isEmpty {
      ids.withUnsafeMutableBufferPointer { buffer in
        let out = DisjointWrites(buffer: buffer)
        Parallel.run(
          renumbered.map { k in
            { @Sendable in for i in parts[k] { out.buffer[i] = globalIDs[k][Int(out.buffer[i])] } }
          })
      }
    }
    return (ids, global)
  }
}
