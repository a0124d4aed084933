import Foundation

/// Turns a relation's columns into the statistics engine's inputs (`compare`, `spc --chart`,
/// `capability`) and its results into query results. Bad input is a diagnostic at the column.
enum StatisticsBuilder {
  /// A numeric column read once: its values by position (NaN where not a number: no cell reads
  /// as NaN), and the most decimals any value was written with.
  struct Measure {
    var values: [Double]
    var precision: Int
    var skipped: Int
    /// As a histogram reads them (`WrittenDecimals.written`): the most decimals written
    /// and whether none had an exponent; nil unless asked for.
    var written: (decimals: Int, exact: Bool)? = nil

    /// The numbers alone, in order (the values themselves when none is missing).
    var numbers: [Double] {
      guard skipped > 0 else { return values }
      var out: [Double] = []
      out.reserveCapacity(values.count - skipped)
      for v in values where !v.isNaN { out.append(v) }
      return out
    }
  }

  /// - Parameter written: also read what a histogram needs of the text (`Measure.written`).
  static func measure(
    _ relation: Relation, column: Int, ref: ColumnRef, evidence: String,
    written: Bool = false
  ) throws(Diagnostic) -> Measure {
    var values: [Double] = []
    var places = 0, skipped = 0, empty = 0
    var writtenDecimals = 0, exact = true
    if case .view(let table, let rows, _) = relation, let numeric = table.numericColumn(column) {
      // A numeric column's numbers, read once per table: the same values, decimals and counts.
      // The whole table takes the column's own array (no copy: each row is a page fault saved).
      var placesSeen: UInt8 = 0, writtenSeen: UInt8 = 0
      func note(_ row: Int) {
        let f = numeric.flags[row]
        guard f & NumericColumn.isNumber != 0 else {
          skipped += 1
          if f & NumericColumn.isEmpty != 0 { empty += 1 }
          return
        }
        placesSeen = max(placesSeen, f & NumericColumn.placesMask)
        if written {
          let w = numeric.written[row]
          if w == NumericColumn.notExact { exact = false } else { writtenSeen = max(writtenSeen, w) }
        }
      }
      if let rows {
        values.reserveCapacity(rows.count)
        for row in rows { note(Int(row)); values.append(numeric.values[Int(row)]) }
      } else {
        for row in 0..<table.rowCount { note(row) }
        values = numeric.values
      }
      places = Int(placesSeen)
      writtenDecimals = Int(writtenSeen)
    } else {
      values.reserveCapacity(relation.rowCount)
      measureText(
        relation, column: column, written: written, into: &values, places: &places, skipped: &skipped, empty: &empty,
        writtenDecimals: &writtenDecimals, exact: &exact)
    }
    let name = relation.name(of: column)
    if values.count - skipped == 0 {
      throw Diagnostic.error(
        .notNumeric, "`\(name)` has no numeric values in \(evidence)", at: ref.span,
        notes: ["a chart or a study needs numbers; `evidence` shows each column's type"])
    }
    if skipped - empty > 0, relation.type(of: column) == .text {
      throw Diagnostic.error(
        .notNumeric,
        "`\(name)` is not a numeric column: \(NumberFormat.integer(skipped - empty)) of \(NumberFormat.integer(values.count)) values are not numbers",
        at: ref.span, notes: ["filter them out first (`where \(name) != …`), or chart a numeric column"])
    }
    try ChartBuilder.withinDoubleRange(values, count: values.count - skipped, name: name, span: ref.span)
    return Measure(
      values: values, precision: min(places, 6), skipped: skipped, written: written ? (writtenDecimals, exact) : nil)
  }

  /// `measure` from the cells' text (computed tables, derived and non-numeric columns).
  private static func measureText(
    _ relation: Relation, column: Int, written: Bool, into values: inout [Double], places: inout Int,
    skipped: inout Int, empty: inout Int, writtenDecimals: inout Int, exact: inout Bool
  ) {
    relation.forEachValue(column: column) { _, p, n in
      let v = ValueParser.decimal(p, n)
      if v == nil { skipped += 1; if n == 0 { empty += 1 } }
      values.append(v ?? .nan)
      if v != nil, places < 6 { places = max(places, WrittenDecimals.afterPoint(p, n)) }
      if written, v != nil {
        if let d = WrittenDecimals.written(p, n) { writtenDecimals = max(writtenDecimals, d) } else { exact = false }
      }
    }
  }

  /// Interned text of a column by position: ids in order of first appearance, and the labels.
  static func labels(_ relation: Relation, column: Int) -> (ids: [Int32], names: [String]) {
    let (ids, interner) = relation.internValues(column: column)
    return (ids, (0..<interner.count).map { ChartBuilder.label(interner.string($0)) })
  }

  /// The first date/time column's value by position (NaN where none), and its name, for `--by`,
  /// `--split` and date baselines.
  static func times(
    _ relation: Relation, column: Int? = nil, why: String, span: SourceSpan,
    evidence: String
  ) throws(Diagnostic) -> (values: [Double], column: String) {
    let index = column ?? relation.columnIndices.first { relation.type(of: $0) == .dateTime }
    guard let index else {
      throw Diagnostic.error(
        .noDates, "\(why) needs a date/time column in \(evidence)", at: span,
        notes: ["dates look like 2026-03-01 or 2026-03-01T10:04:11Z; `evidence` shows each column's type"])
    }
    // The column's own reading (a US or European layout, `--date-format`, a log's time, epoch or
    // Excel days), the one `where` and timelines use: one reading of dates for the whole product.
    // A loaded column's instants are read once per table.
    if let read = relation.instants(column: index) { return (read, relation.name(of: index)) }
    let reader = relation.reader(index)
    return (relation.mapValues(column: index) { p, n in reader.instant(p, n) ?? .nan }, relation.name(of: index))
  }
}
