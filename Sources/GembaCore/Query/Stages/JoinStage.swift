/// `join OTHER on KEY [--left]`.
public struct JoinSpec: Hashable, Sendable {
  /// The other evidence's name, where it was typed.
  public var other: ColumnRef
  public var key: ColumnRef
  public var left: Bool
  /// The key's name in the other evidence when it differs: `on agent = agent_id`.
  public var otherKey: ColumnRef? = nil
  /// The other evidence, filled in by the workspace before the query runs.
  public var table: JoinedEvidence?

  public static func == (a: JoinSpec, b: JoinSpec) -> Bool {
    a.other == b.other && a.key == b.key && a.left == b.left && a.otherKey == b.otherKey
  }
  public func hash(into h: inout Hasher) {
    h.combine(other)
    h.combine(key)
    h.combine(left)
    h.combine(otherKey)
  }
}

/// A loaded table handed to a `join` (identity is the table's).
public struct JoinedEvidence: @unchecked Sendable {
  public let table: EvidenceTable
  public init(_ table: EvidenceTable) { self.table = table }
}

/// Hash join on the key's text (trimmed, exact); an empty key matches nothing, as NULL in SQL.
enum JoinStage {
  /// A join that would make more rows than this is refused, with the count it would make.
  static let maxRows = 5_000_000

  static func apply(
    _ spec: JoinSpec, to relation: Relation, needed: Set<String>?, evidence: String,
    maxRows: Int = JoinStage.maxRows
  ) throws(Diagnostic) -> (Relation, notes: [String]) {
    guard let other = spec.table?.table else {
      throw Diagnostic.error(.unknownEvidence, "no evidence named `\(spec.other.name)` to join", at: spec.other.span)
    }
    let leftKey = try relation.resolve(spec.key, evidence: evidence)
    let right = Relation.view(other, rows: nil, columns: Array(0..<other.columnCount))
    let rightKey = try right.resolve(
      spec.otherKey ?? ColumnRef(relation.name(of: leftKey), span: spec.key.span), evidence: other.name)
    // Right side: key id → its rows, chained through `next` (no array per key).
    var interner = ValueInterner()
    var head: [Int32] = []
    var next = [Int32](repeating: -1, count: other.rowCount)
    var rightCount: [Int32] = []
    right.forEachValue(column: rightKey) { row, p, n in
      guard n > 0 else { return }
      let id = interner.id(p, n)
      if id == head.count { head.append(-1); rightCount.append(0) }
      next[row] = head[id]
      head[id] = Int32(row)
      rightCount[id] += 1
    }
    let rightKeys = head.count
    var matchIds = [Int32](repeating: -1, count: relation.rowCount)
    var total = 0, matched = 0
    var rightUsed = [Bool](repeating: false, count: rightKeys)
    relation.forEachValue(column: leftKey) { position, p, n in
      guard n > 0 else { if spec.left { total += 1 }; return }
      if let id = interner.existingID(p, n) {
        matchIds[position] = Int32(id)
        total += Int(rightCount[id])
        matched += 1
        rightUsed[id] = true
      } else if spec.left {
        total += 1
      }
    }
    if total > maxRows {
      let repeated = (0..<rightKeys).filter { rightCount[$0] > 1 && rightUsed[$0] }.count
      throw Diagnostic.error(
        .resultTooLarge,
        "`join \(other.name) on \(spec.key.name)` would make \(NumberFormat.integer(total)) rows;"
          + " gemba stops at \(NumberFormat.integer(maxRows))", at: spec.key.span,
        notes: [
          "\(NumberFormat.integer(repeated)) key values repeat in \(other.name) as well as here (many-to-many)",
          "make the key unique on one side first, e.g. `\(other.name) | distinct \(spec.key.name)`, or filter with `where`",
        ])
    }
    let kept = DeriveStage.keptColumns(relation, needed: needed)
    let leftNames = Set(kept.map { relation.name(of: $0).lowercased() })
    var rightColumns = (0..<other.columnCount).filter { $0 != rightKey }
    if let needed {
      rightColumns = rightColumns.filter {
        needed.contains(other.columns[$0].lowercased())
          || needed.contains((other.name + "." + other.columns[$0]).lowercased())
      }
    }
    let rightNames = rightColumns.map {
      leftNames.contains(other.columns[$0].lowercased()) ? other.name + "." + other.columns[$0] : other.columns[$0]
    }
    var rows: [[String]] = []
    rows.reserveCapacity(total)
    let empty = [String](repeating: "", count: rightColumns.count)
    func emit(_ leftCells: [String], _ position: Int) {
      let id = matchIds[position]
      if id < 0 {
        if spec.left { rows.append(leftCells + empty) }
        return
      }
      var r = head[Int(id)]
      var chain: [Int32] = []
      while r >= 0 { chain.append(r); r = next[Int(r)] }
      for row in chain.reversed() {
        rows.append(leftCells + rightColumns.map { other.cell(row: Int(row), column: $0) })
      }
    }
    switch relation {
    case .view(let table, let rowList, _):
      let base = table.base
      table.forEachRow(rowList) { position, cursor, local in
        guard spec.left || matchIds[position] >= 0 else { return }
        emit(kept.map { CellDecoder.string(base, table.value(cursor, local: local, column: $0)) }, position)
      }
    case .computed(let c):
      for (position, row) in c.rows.enumerated() { emit(kept.map { row[$0] }, position) }
    }
    let computed = ComputedTable(
      columns: kept.map { relation.name(of: $0) } + rightNames,
      types: kept.map { relation.type(of: $0) } + rightColumns.map { other.columnType($0) }, rows: rows,
      formats: kept.map { relation.reader($0).format } + rightColumns.map { other.reader($0).format })
    let unmatched = relation.rowCount - matched
    let unusedRight = (0..<rightKeys).filter { !rightUsed[$0] }.count
    var note =
      "join \(other.name) on \(relation.name(of: leftKey)): \(NumberFormat.integer(matched)) of \(NumberFormat.integer(relation.rowCount)) rows matched"
    if unmatched > 0 {
      note +=
        ", \(NumberFormat.integer(unmatched)) unmatched "
        + (spec.left ? "(kept, with empty \(other.name) cells)" : "(dropped; --left keeps them)")
    }
    if unusedRight > 0 {
      note +=
        "; \(NumberFormat.integer(unusedRight)) of \(NumberFormat.integer(rightKeys)) \(other.name) keys matched no row"
    }
    return (.computed(computed), [note])
  }
}
