import Foundation

/// A loaded numeric column read as numbers once, so charts, studies and comparisons read
/// `Double`s instead of parsing each cell's text again.
///
/// Each row keeps exactly what `StatisticsBuilder.measure` and the XmR chart read from the cell's
/// trimmed text: `ValueParser.decimal` of it (nil where it is not a number), whether it is empty,
/// the digits after its point (at most 6) and, for any non-empty cell, the decimals a histogram
/// reads (`WrittenDecimals.written`, nil when written with an exponent). Only columns in the
/// standard number format are kept: one written with a decimal comma or a grouping pattern is read
/// from its text, as before.
struct NumericColumn: Sendable {
  /// The number of each row; NaN where there is none (no cell reads as NaN: `ValueParser.decimal`
  /// reads only finite numbers), so a caller can take the whole array as a measure's values.
  let values: [Double]
  /// Per row: `isNumber`, `isEmpty`, and the digits after the point (at most 6) in the low bits.
  let flags: [UInt8]
  /// Per non-empty row: the decimals written (`notExact` for an exponent).
  let written: [UInt8]

  static let isNumber: UInt8 = 0x80
  static let isEmpty: UInt8 = 0x40
  static let placesMask: UInt8 = 0x07
  static let notExact: UInt8 = 255

  /// Reads every row of `column`, or nil when a cell writes more decimals than a byte holds
  /// (such a column is read from its text as before).
  static func read(_ table: EvidenceTable, column: Int) -> NumericColumn? {
    let count = table.rowCount
    var values = [Double](repeating: .nan, count: count)
    var flags = [UInt8](repeating: 0, count: count)
    var written = [UInt8](repeating: 0, count: count)
    var fits = true
    values.withUnsafeMutableBufferPointer { vs in
      flags.withUnsafeMutableBufferPointer { fs in
        written.withUnsafeMutableBufferPointer { ws in
          // A long column in eight parts, taken in turn by whichever core is free (two halves
          // left one core idle whenever the second started late): every row is read on its own.
          let pieces = count >= parallelThreshold ? 8 : 1
          let parts = Parallel.parts(count, pieces: pieces)
          var fitted = [Bool](repeating: true, count: parts.count)
          fitted.withUnsafeMutableBufferPointer { fitted in
            let out = Output(values: vs, flags: fs, written: ws, fits: fitted)
            Parallel.run(
              parts.enumerated().map { i, part in
                { @Sendable in out.fits[i] = read(table, column: column, rows: part, into: out) }
              })
          }
          fits = !fitted.contains(false)
        }
      }
    }
    return fits ? NumericColumn(values: values, flags: flags, written: written) : nil
  }

  /// From this many rows, a column is read in parts on all cores.
  static let parallelThreshold = 200_000

  /// Where `read` writes: each part writes only its own rows, and its own slot of `fits`.
  private struct Output: @unchecked Sendable {
    let values: UnsafeMutableBufferPointer<Double>
    let flags: UnsafeMutableBufferPointer<UInt8>
    let written: UnsafeMutableBufferPointer<UInt8>
    let fits: UnsafeMutableBufferPointer<Bool>
  }

  /// Reads the rows in `rows`; false when a cell writes more decimals than a byte holds.
  private static func read(_ table: EvidenceTable, column: Int, rows: Range<Int>, into out: Output) -> Bool {
    var fits = true
    table.forEachRow(in: rows) { row, cursor, local in
      withTrimmedBytes(table.base, table.value(cursor, local: local, column: column)) { p, n in
        guard n > 0 else { out.flags[row] = isEmpty; return }
        if let v = plainInteger(p, n) {
          // Most cells of a count or a time in minutes: read in one scan, what the general
          // reading below gives them (no decimals written, none read).
          out.values[row] = v
          out.flags[row] = isNumber
          return
        }
        if let d = WrittenDecimals.written(p, n) {
          if d >= Int(notExact) { fits = false } else { out.written[row] = UInt8(d) }
        } else {
          out.written[row] = notExact
        }
        guard let v = ValueParser.decimal(p, n) else { return }
        out.values[row] = v
        out.flags[row] = isNumber | UInt8(min(WrittenDecimals.afterPoint(p, n), 6))
      }
    }
    return fits
  }
}

extension NumericColumn {
  /// Up to 15 digits with an optional sign (exact in a Double, as `ValueParser.decimal` reads
  /// them, −0 included); nil for anything else.
  @inline(__always) static func plainInteger(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    guard n <= 16 else { return nil }
    var i = 0
    let negative = p[0] == 45
    if negative || p[0] == 43 { i = 1 }
    guard i < n, n - i <= 15 else { return nil }
    var v: Int64 = 0
    while i < n {
      let d = p[i] &- 48
      guard d < 10 else { return nil }
      v = v &* 10 &+ Int64(d)
      i += 1
    }
    return negative ? -Double(v) : Double(v)
  }
}

extension EvidenceTable {
  /// The column read as numbers (`NumericColumn`), once per table, for an integer or decimal
  /// column read from the file in the standard number format; nil for any other column.
  func numericColumn(_ column: Int) -> NumericColumn? {
    guard column < baseColumnCount else { return nil }
    let owner = rootTable
    let profile = owner.columnProfile(column)
    guard profile.type == .integer || profile.type == .decimal, case .standard = profile.reader.format else {
      return nil
    }
    return owner.numberCache.cached(column) { NumericColumn.read(owner, column: column) }
  }
}
