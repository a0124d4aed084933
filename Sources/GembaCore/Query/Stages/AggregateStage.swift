import Foundation

/// `sum|avg|median|p90 COL [by COL…]`.
public struct AggregateSpec: Hashable, Sendable {
  public enum Function: String, Hashable, Sendable, CaseIterable {
    case sum, avg, median, p90
  }
  public var function: Function
  public var column: ColumnRef
  public var by: [ColumnRef]
}

/// Sums, means, medians and 90th percentiles of a numeric column, overall or per group.
///
/// Percentiles interpolate linearly between the two nearest ranks (pandas' `quantile`, DuckDB's
/// `quantile_cont`). Empty cells are left out and counted; a cell that is not a number stops the
/// query with its row.
enum AggregateStage {
  static func apply(_ spec: AggregateSpec, to relation: Relation, evidence: String) throws(Diagnostic) -> ComputedTable
  {
    let column = try relation.resolve(spec.column, evidence: evidence)
    let type = relation.type(of: column)
    guard type == .integer || type == .decimal else {
      throw Diagnostic.error(
        .notNumeric,
        "`\(spec.function.rawValue)` needs a numeric column; `\(relation.name(of: column))` is \(type.label)",
        at: spec.column.span,
        notes: [
          "a duration is made with derive: `derive d = days(Closed - Opened)`, then `\(spec.function.rawValue) d`"
        ])
    }
    var groupColumns: [Int] = []
    for ref in spec.by { groupColumns.append(try relation.resolve(ref, evidence: evidence)) }
    let groups = groupIds(relation, columns: groupColumns)
    let reader = relation.reader(column)
    var values = [[Double]](repeating: [], count: groups.labels.count)
    var empty = [Int](repeating: 0, count: groups.labels.count)
    var bad: (Int, String)?
    // A derived numeric column is read as the numbers it holds, never written out as text.
    let derived = relation.forEachDerivedNumber(column: column) { position, v in
      if let v { values[groups.ids[position]].append(v) } else { empty[groups.ids[position]] += 1 }
    }
    if !derived {
      relation.forEachValue(column: column) { position, p, n in
        let g = groups.ids[position]
        if n == 0 { empty[g] += 1; return }
        guard let v = reader.number(p, n) else {
          if bad == nil { bad = (position, String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)) }
          return
        }
        values[g].append(v)
      }
    }
    if let (position, text) = bad {
      throw Diagnostic.error(
        .notNumeric,
        "\(DeriveStage.rowName(relation, position)): `\(relation.name(of: column))` is `\(text)`, not a number",
        at: spec.column.span, notes: ["keep the numbers first: `where \(relation.name(of: column)) >= 0`"])
    }
    let title = "\(spec.function.rawValue) \(relation.name(of: column))"
    let anyEmpty = empty.contains { $0 > 0 }
    var rows: [[String]] = []
    for g in groups.labels.indices {
      let value = statistic(spec.function, values[g])
      if let value, !value.isFinite {
        // Only a sum can leave Double's range (a mean, median or percentile lies among the values).
        throw Diagnostic.error(
          .beyondDoubleRange,
          "the sum of `\(relation.name(of: column))`\(groups.labels[g].isEmpty ? "" : " for " + groups.labels[g].joined(separator: ", ")) passes the largest number a Double holds (about 1.8e308)",
          at: spec.column.span, notes: ["`avg \(relation.name(of: column))` still gives the mean"])
      }
      let stat = value.map { format($0) } ?? ""
      rows.append(groups.labels[g] + [String(values[g].count), stat] + (anyEmpty ? [String(empty[g])] : []))
    }
    let order = rows.indices.sorted { a, b in
      values[a].count != values[b].count
        ? values[a].count > values[b].count : rows[a].lexicographicallyPrecedes(rows[b])
    }
    let byNames = groupColumns.map { relation.name(of: $0) }
    return ComputedTable(
      columns: byNames + ["n", title] + (anyEmpty ? ["empty"] : []),
      types: groupColumns.map { relation.type(of: $0) } + [.integer, .decimal] + (anyEmpty ? [.integer] : []),
      rows: order.map { rows[$0] })
  }

  /// A dense group id per row and each group's labels (one group, no labels, without `by`).
  static func groupIds(_ relation: Relation, columns: [Int]) -> (ids: [Int], labels: [[String]]) {
    guard !columns.isEmpty else { return ([Int](repeating: 0, count: relation.rowCount), [[]]) }
    var interners = columns.map { _ in ValueInterner() }
    var perColumn: [[Int32]] = []
    for (i, column) in columns.enumerated() {
      var ids: [Int32] = []
      ids.reserveCapacity(relation.rowCount)
      relation.forEachValue(column: column) { _, p, n in ids.append(Int32(interners[i].id(p, n))) }
      perColumn.append(ids)
    }
    if columns.count == 1 {
      return (perColumn[0].map { Int($0) }, (0..<interners[0].count).map { [interners[0].string($0)] })
    }
    var index: [[Int32]: Int] = [:]
    var labels: [[String]] = []
    var ids: [Int] = []
    ids.reserveCapacity(relation.rowCount)
    for row in 0..<relation.rowCount {
      let key = perColumn.map { $0[row] }
      if let g = index[key] { ids.append(g); continue }
      index[key] = labels.count
      ids.append(labels.count)
      labels.append(key.enumerated().map { interners[$0.offset].string(Int($0.element)) })
    }
    return (ids, labels)
  }

  static func statistic(_ f: AggregateSpec.Function, _ values: [Double]) -> Double? {
    switch f {
    // Compensated: a million values near 1e9 summed plainly drift in the 3rd decimal.
    case .sum: return values.compensatedSum()
    case .avg: return values.isEmpty ? nil : mean(values)
    case .median: return quantile(values, 0.5)
    case .p90: return quantile(values, 0.9)
    }
  }

  /// The mean; when the sum passes Double's range (1e308 + 1e308), the mean of the values scaled
  /// down by a power of two, scaled back: exact steps, and a mean always lies among the values.
  static func mean(_ values: [Double]) -> Double {
    let plain = values.compensatedSum() / Double(values.count)
    guard !plain.isFinite, values.allSatisfy(\.isFinite) else { return plain }
    let scale = Double(sign: .plus, exponent: -(Int.bitWidth - values.count.leadingZeroBitCount + 1), significand: 1)
    return values.lazy.map { $0 * scale }.compensatedSum() / Double(values.count) / scale
  }

  /// Linear interpolation between the closest ranks (pandas' default, DuckDB's `quantile_cont`).
  static func quantile(_ values: [Double], _ q: Double) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let h = Double(sorted.count - 1) * q
    let lo = Int(h.rounded(.down))
    guard lo + 1 < sorted.count else { return sorted[lo] }
    return sorted[lo] + (h - Double(lo)) * (sorted[lo + 1] - sorted[lo])
  }

  /// Six decimals, or six significant digits where six decimals would not show them (a mean of
  /// 8.1e-10 is not 0), trailing zeros dropped, in the shortest text that reads back as the
  /// rounded value (tiny values in scientific form, `8.2e-10`); whole numbers without `.0`.
  static func format(_ x: Double) -> String {
    var rounded = x
    // Below 1e-290 the places needed pass what the scaling can hold: the shortest text is exact.
    if x.isFinite, x != 0, abs(x) >= 1e-290 {
      let places = min(max(6, NumberFormat.places(forSignificant: 6, of: x)), 300)
      // Two steps past 22 places, where 10^places is no longer exact; none where the places are
      // below the value's own last bit (a sum near 2e12 keeps every digit it has).
      let scale = pow(10, Double(min(places, 22))), rest = pow(10, Double(places - min(places, 22)))
      let scaled = (x * rest) * scale
      if abs(scaled) < 0x1p52 { rounded = scaled.rounded() / scale / rest }
    }
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
    return "\(rounded)"
  }
}
