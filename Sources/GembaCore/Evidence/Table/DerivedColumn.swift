import Foundation

/// A column a `derive` stage computed over a table's rows, kept beside the file's bytes so the
/// view over a million rows stays a view: no row is copied, and later stages read the new column
/// as they read any other (`EvidenceTable(extending:with:)`).
///
/// Cells are the text the derive wrote (`2.35`, `2017-12-31 23:59:58`), one byte run per table
/// row; rows the view did not hold stay empty. A numeric result is kept as numbers and written
/// as text only when a later stage reads its cells (a `count by` on another column never does).
final class DerivedColumn: @unchecked Sendable {
  let name: String
  let profile: ColumnProfile
  /// Per table row, NaN for empty: set for a numeric result, whose text is made on first use.
  private let numbers: [Double]?
  private let lock = NSLock()
  // Written once (at init, or on first use under the lock), read only afterwards.
  private var bytes: UnsafeMutablePointer<UInt8>?
  private var starts: [UInt32] = []
  private var ends: [UInt32] = []

  init(name: String, profile: ColumnProfile, text: [UInt8], starts: [UInt32], ends: [UInt32]) {
    self.name = name
    self.profile = profile
    numbers = nil
    bytes = Self.copy(text)
    self.starts = starts
    self.ends = ends
  }

  init(name: String, profile: ColumnProfile, numbers: [Double]) {
    self.name = name
    self.profile = profile
    self.numbers = numbers
  }

  deinit { bytes?.deallocate() }

  private static func copy(_ text: [UInt8]) -> UnsafeMutablePointer<UInt8> {
    let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, text.count))
    text.withUnsafeBufferPointer { if let b = $0.baseAddress { storage.initialize(from: b, count: text.count) } }
    return storage
  }

  /// The text of every cell, made from the numbers the first time it is asked for.
  private func materialized() -> UnsafePointer<UInt8> {
    lock.lock()
    defer { lock.unlock() }
    if let bytes { return UnsafePointer(bytes) }
    var builder = DerivedColumnBuilder(rowCount: numbers!.count, expectedRows: numbers!.count)
    for (row, x) in numbers!.enumerated() where !x.isNaN { _ = builder.set(row: row, DerivedColumn.text(x)) }
    let storage = Self.copy(builder.text)
    (starts, ends) = builder.offsets
    bytes = storage
    return UnsafePointer(storage)
  }

  var base: UnsafePointer<UInt8> { materialized() }

  /// The byte range of a table row's cell in `base` (read `base` first).
  @inline(__always) func range(row: Int) -> (Int, Int) { (Int(starts[row]), Int(ends[row])) }

  /// A table row's value as a number, when the column holds numbers (no text is made).
  func number(row: Int) -> Double? {
    guard let numbers else { return nil }
    let x = numbers[row]
    return x.isNaN ? nil : x
  }

  var holdsNumbers: Bool { numbers != nil }

  func text(row: Int) -> String {
    let b = materialized()
    let (s, e) = range(row: row)
    return String(decoding: UnsafeBufferPointer(start: b + s, count: e - s), as: UTF8.self)
  }
}

/// Builds a `DerivedColumn` cell by cell, in any row order.
struct DerivedColumnBuilder {
  private(set) var text: [UInt8] = []
  private var starts: [UInt32]
  private var ends: [UInt32]

  init(rowCount: Int, expectedRows: Int) {
    starts = [UInt32](repeating: 0, count: rowCount)
    ends = [UInt32](repeating: 0, count: rowCount)
    text.reserveCapacity(expectedRows * 6)
  }

  var offsets: ([UInt32], [UInt32]) { (starts, ends) }

  /// False when the column's text would pass what 32-bit offsets reach (the caller then copies rows).
  @inline(__always) mutating func set(row: Int, _ value: String) -> Bool {
    var value = value
    let start = text.count
    value.withUTF8 { text.append(contentsOf: $0) }
    guard text.count <= Int(UInt32.max) else { return false }
    starts[row] = UInt32(start)
    ends[row] = UInt32(text.count)
    return true
  }

  func build(name: String, type: ColumnType, values: Int) -> DerivedColumn {
    DerivedColumn(
      name: name, profile: ColumnProfile(type: type, values: values), text: text, starts: starts, ends: ends)
  }
}

extension DerivedColumn {
  /// A computed number's text: 15 significant digits in their shortest form, whole numbers
  /// without `.0` (`NumberFormat.computed`).
  static func text(_ x: Double) -> String { NumberFormat.computed(x) }
}
