/// `count by A` and `count by A, B`.
enum Grouping {
  /// Value and count per distinct value, most frequent first (ties by value).
  static func countBy(_ relation: Relation, column: Int, name: String) -> ComputedTable {
    var interner = ValueInterner()
    var counts: [Int] = []
    relation.forEachValue(column: column) { _, p, n in
      let id = interner.id(p, n)
      if id == counts.count { counts.append(0) }
      counts[id] += 1
    }
    let groups = (0..<interner.count).map { (ChartBuilder.label(interner.string($0)), counts[$0]) }
      .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    return ComputedTable(
      columns: [name, "count"], types: [relation.type(of: column), .integer],
      rows: groups.map { [$0.0, String($0.1)] })
  }

  /// `less` on the texts, with empty text after everything else.
  static func emptyLast(_ a: String, _ b: String, _ less: (String, String) -> Bool) -> Bool {
    if a.isEmpty != b.isEmpty { return !a.isEmpty }
    return less(a, b)
  }

  /// - Parameters: interned, columnsInterned: the rows and columns columns' `internValues`, when the caller has them.
  static func crossTab(
    _ relation: Relation, rows: Int, rowName: String, columns: Int, columnName: String,
    interned: (ids: [Int32], values: ValueInterner)? = nil,
    columnsInterned: (ids: [Int32], values: ValueInterner)? = nil
  ) -> CrossTab {
    let (rowIds, rowInterner) = interned ?? relation.internValues(column: rows)
    let (columnIds, columnInterner) = columnsInterned ?? relation.internValues(column: columns)
    var pairs: [Int: Int] = [:]
    let width = columnInterner.count
    if rowInterner.count * width <= 1 << 20 {
      // Few pairs possible: counted in a dense table, then kept as the pairs that occur.
      var dense = [Int](repeating: 0, count: rowInterner.count * width)
      for i in rowIds.indices { dense[Int(rowIds[i]) * width + Int(columnIds[i])] += 1 }
      for (k, n) in dense.enumerated() where n > 0 { pairs[(k / width) << 32 | k % width] = n }
    } else {
      for i in rowIds.indices { pairs[Int(rowIds[i]) << 32 | Int(columnIds[i]), default: 0] += 1 }
    }
    var rowTotals = [Int](repeating: 0, count: rowInterner.count)
    var columnTotals = [Int](repeating: 0, count: columnInterner.count)
    for (key, n) in pairs { rowTotals[key >> 32] += n; columnTotals[key & 0xFFFF_FFFF] += n }
    // Dates and numbers in their own order (cohorts, weeks, sizes read left to right);
    // anything else by total, largest first, ties by label.
    func order(_ totals: [Int], _ interner: ValueInterner, _ type: ColumnType) -> [Int] {
      switch type {
      case .dateTime:
        return totals.indices.sorted { Grouping.emptyLast(interner.string($0), interner.string($1)) { $0 < $1 } }
      case .integer, .decimal:
        return totals.indices.sorted {
          let (a, b) = (Double(interner.string($0)), Double(interner.string($1)))
          switch (a, b) {
          case (let x?, let y?): return x != y ? x < y : interner.string($0) < interner.string($1)
          case (_?, nil): return true
          case (nil, _?): return false
          case (nil, nil): return interner.string($0) < interner.string($1)
          }
        }
      case .boolean, .text:
        return totals.indices.sorted {
          totals[$0] != totals[$1] ? totals[$0] > totals[$1] : interner.string($0) < interner.string($1)
        }
      }
    }
    let rowOrder = order(rowTotals, rowInterner, relation.type(of: rows))
    let columnOrder = order(columnTotals, columnInterner, relation.type(of: columns))
    let counts = rowOrder.map { r in columnOrder.map { c in pairs[r << 32 | c] ?? 0 } }
    return CrossTab(
      rowColumn: rowName, columnColumn: columnName,
      rowValues: rowOrder.map { ChartBuilder.label(rowInterner.string($0)) },
      columnValues: columnOrder.map { ChartBuilder.label(columnInterner.string($0)) },
      counts: counts, rowTotals: rowOrder.map { rowTotals[$0] }, columnTotals: columnOrder.map { columnTotals[$0] },
      total: rowTotals.reduce(0, +))
  }
}

/// `sort COL [desc]`: typed, stable, empty cells last.
enum Sorting {
  static func sort(_ relation: Relation, by column: Int, descending: Bool) -> Relation {
    let type = relation.type(of: column)
    let reader = relation.reader(column)
    var numbers: [Double?] = []
    var texts: [String] = []
    relation.forEachValue(column: column) { _, p, n in
      switch type {
      case .integer, .decimal: numbers.append(reader.number(p, n))
      case .dateTime: numbers.append(reader.instant(p, n))
      case .boolean: numbers.append(ValueParser.boolean(p, n).map { $0 ? 1 : 0 })
      case .text: texts.append(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
      }
    }
    var order = Array(0..<relation.rowCount)
    if type == .text {
      order.sort { a, b in
        let (x, y) = (texts[a], texts[b])
        if x.isEmpty != y.isEmpty { return y.isEmpty }
        if x != y { return descending ? x > y : x < y }
        return a < b
      }
    } else {
      order.sort { a, b in
        switch (numbers[a], numbers[b]) {
        case let (x?, y?) where x != y: return descending ? x > y : x < y
        case (nil, _?): return false
        case (_?, nil): return true
        default: return a < b
        }
      }
    }
    switch relation {
    case .view(let t, let rows, let columns):
      return .view(t, rows: order.map { rows?[$0] ?? Int32($0) }, columns: columns)
    case .computed(var c):
      c.rows = order.map { c.rows[$0] }
      return .computed(c)
    }
  }
}
