/// A column a `derive` stage computed over a table's rows, kept beside the file's bytes so the
/// view over a million rows stays a view: no row is copied, and later stages read the new column
/// as they read any other (`EvidenceTable(extending:with:)`).
///
/// Cells are stored as the text the derive wrote (`2.35`, `2017-12-31 23:59:58`), one byte run
/// per table row; rows the view did not hold stay empty.
final class DerivedColumn: @unchecked Sendable {
  let name: String
  let profile: ColumnProfile
  // Written once while the column is built, read only afterwards.
  private let bytes: UnsafeMutablePointer<UInt8>
  private let starts: [UInt32]
  private let ends: [UInt32]

  init(name: String, profile: ColumnProfile, text: [UInt8], starts: [UInt32], ends: [UInt32]) {
    self.name = name
    self.profile = profile
    let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, text.count))
    text.withUnsafeBufferPointer { if let b = $0.baseAddress { storage.initialize(from: b, count: text.count) } }
    bytes = storage
    self.starts = starts
    self.ends = ends
  }

  deinit { bytes.deallocate() }

  var base: UnsafePointer<UInt8> { UnsafePointer(bytes) }

  /// The byte range of a table row's cell in `base`.
  @inline(__always) func range(row: Int) -> (Int, Int) { (Int(starts[row]), Int(ends[row])) }

  func text(row: Int) -> String {
    let (s, e) = range(row: row)
    return String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self)
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
    DerivedColumn(name: name, profile: ColumnProfile(type: type, values: values), text: text, starts: starts, ends: ends)
  }
}
