import Foundation

/// What a table has read of its base columns (as numbers, as ids, as instants), each computed
/// once under a lock: a loaded table never changes, so a second chart on a column reads the
/// column's typed array instead of its text again.
final class ColumnCache<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var columns: [Int: Value] = [:]

  /// The column's value, read now unless one is kept that `keeps` accepts; what was read is kept
  /// when `storing` says so. Read under the lock: two charts asking at once read the column once.
  func cached(
    _ column: Int, keeps: (Value) -> Bool = { _ in true }, storing: (Value) -> Bool = { _ in true },
    _ read: () -> Value
  ) -> Value {
    lock.lock()
    defer { lock.unlock() }
    if let known = columns[column], keeps(known) { return known }
    let value = read()
    if storing(value) { columns[column] = value }
    return value
  }

  /// The column's value if one was read.
  func existing(_ column: Int) -> Value? {
    lock.lock()
    defer { lock.unlock() }
    return columns[column]
  }
}
