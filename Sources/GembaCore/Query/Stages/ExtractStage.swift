/// `extract COL "REGEX" as NAME`.
public struct ExtractSpec: Hashable, Sendable {
  public var column: ColumnRef
  public var pattern: String
  public var patternSpan: SourceSpan
  public var name: ColumnRef
}

/// A new column from the first group of a regular expression (the whole match when it has no
/// group), empty where the cell does not match. `PikeRegex` runs in time linear in the cell, so
/// `(a+)+$` on a long line answers at once instead of backtracking.
enum ExtractStage {
  static func apply(_ spec: ExtractSpec, to relation: Relation, needed: Set<String>?, evidence: String)
    throws(Diagnostic) -> (Relation, notes: [String])
  {
    let column = try relation.resolve(spec.column, evidence: evidence)
    let regex: PikeRegex
    do throws(LayoutError) {
      regex = try PikeRegex(spec.pattern)
    } catch {
      throw Diagnostic.error(
        .invalidRegex, "`\(spec.pattern)` is not a regular expression gemba reads: \(error.reason)",
        at: spec.patternSpan,
        notes: ["a group in ( ) marks what to keep, e.g. `\"user=(\\\\w+)\"`"])
    }
    let group = regex.groupNames.isEmpty ? 0 : 1
    var extracted: [String] = []
    extracted.reserveCapacity(relation.rowCount)
    var hits = 0
    relation.forEachValue(column: column) { _, p, n in
      guard let m = regex.firstMatch(p, n), let (s, e) = m[group] else { extracted.append(""); return }
      hits += 1
      extracted.append(String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self))
    }
    let kept = DeriveStage.keptColumns(relation, needed: needed)
    var rows: [[String]] = []
    rows.reserveCapacity(relation.rowCount)
    switch relation {
    case .view(let table, let rowList, _):
      let base = table.base
      table.forEachRow(rowList) { position, cursor, local in
        rows.append(
          kept.map { CellDecoder.string(base, table.value(cursor, local: local, column: $0)) } + [extracted[position]])
      }
    case .computed(let c):
      for (position, row) in c.rows.enumerated() { rows.append(kept.map { row[$0] } + [extracted[position]]) }
    }
    let computed = ComputedTable(
      columns: kept.map { relation.name(of: $0) } + [spec.name.name],
      types: kept.map { relation.type(of: $0) } + [.text], rows: rows,
      formats: kept.map { relation.reader($0).format } + [.standard])
    let note =
      "\(spec.name.name): matched in \(NumberFormat.integer(hits)) of \(NumberFormat.integer(relation.rowCount)) rows"
    return (.computed(computed), [note])
  }
}

/// `distinct COL…` and `count by A, B --percent row|col`.
enum DistinctStage {
  /// Each combination once, ordered by its values, with its row count.
  static func apply(_ refs: [ColumnRef], to relation: Relation, evidence: String) throws(Diagnostic) -> ComputedTable {
    var columns: [Int] = []
    for ref in refs { columns.append(try relation.resolve(ref, evidence: evidence)) }
    let groups = AggregateStage.groupIds(relation, columns: columns)
    var counts = [Int](repeating: 0, count: groups.labels.count)
    for g in groups.ids { counts[g] += 1 }
    let order = groups.labels.indices.sorted { a, b in
      let (x, y) = (groups.labels[a], groups.labels[b])
      for (u, v) in zip(x, y) where u != v { return Grouping.emptyLast(u, v) { $0 < $1 } }
      return false
    }
    return ComputedTable(
      columns: columns.map { relation.name(of: $0) } + ["count"],
      types: columns.map { relation.type(of: $0) } + [.integer],
      rows: order.map { groups.labels[$0] + [String(counts[$0])] })
  }
}

/// Which total a cross-tab's percentages are shares of.
public enum PercentBasis: String, Hashable, Sendable, CaseIterable {
  case row, col
}

enum PercentTable {
  /// The cross-tab with each cell as a percentage (one decimal) of its row's or column's total;
  /// the totals (`n`) close the rows or the columns.
  static func make(_ x: CrossTab, basis: PercentBasis) -> ResultTable {
    func percent(_ n: Int, of total: Int) -> String {
      guard total > 0 else { return "" }
      let v = (Double(n) * 1000 / Double(total)).rounded() / 10
      return v == v.rounded() ? String(Int(v)) + ".0" : "\(v)"
    }
    var rows: [[String]] = []
    for r in x.rowValues.indices {
      let cells = x.counts[r].indices.map { c in
        percent(x.counts[r][c], of: basis == .row ? x.rowTotals[r] : x.columnTotals[c])
      }
      rows.append([x.rowValues[r]] + cells + (basis == .row ? [String(x.rowTotals[r])] : []))
    }
    if basis == .col { rows.append(["n"] + x.columnTotals.map(String.init)) }
    let title = "\(x.rowColumn) \\ \(x.columnColumn) (% of \(basis == .row ? "row" : "column"))"
    let columns = [title] + x.columnValues + (basis == .row ? ["n"] : [])
    return ResultTable(
      columns: columns, types: [.text] + x.columnValues.map { _ in .decimal } + (basis == .row ? [.integer] : []),
      rows: rows, rowNumbers: nil, totalRows: rows.count)
  }
}
