import Foundation
import Synchronization

/// What a table has read of its base columns (as numbers, as ids, as instants), each computed
/// once: a loaded table never changes, so a second chart on a column reads the column's typed
/// array instead of its text again.
final class ColumnCache<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [Int: Entry] = [:]

  /// One column's value and its own lock: a chart reading one column does not wait for the
  /// reading ahead of another (`EvidenceTable.readColumnsAhead`).
  private final class Entry: @unchecked Sendable {
    let lock = NSLock()
    var value: Value?
  }

  private func entry(_ column: Int) -> Entry {
    lock.lock()
    defer { lock.unlock() }
    if let known = entries[column] { return known }
    let made = Entry()
    entries[column] = made
    return made
  }

  /// The column's value, read now unless one is kept that `keeps` accepts; what was read is kept
  /// when `storing` says so. Read under the column's lock: two readers of one column read it once.
  func cached(
    _ column: Int, keeps: (Value) -> Bool = { _ in true }, storing: (Value) -> Bool = { _ in true },
    _ read: () -> Value
  ) -> Value {
    let entry = entry(column)
    entry.lock.lock()
    defer { entry.lock.unlock() }
    if let known = entry.value, keeps(known) { return known }
    let value = read()
    if storing(value) { entry.value = value }
    return value
  }

  /// The column's value if one was read (waiting for a reading under way).
  func existing(_ column: Int) -> Value? {
    let entry = entry(column)
    entry.lock.lock()
    defer { entry.lock.unlock() }
    return entry.value
  }
}

extension EvidenceTable {
  /// Reads each base column's typed form (numbers, instants, ids of a column with at most
  /// `limitedReading` values) on a background queue, so the first chart after a load reads no
  /// text. Called while the facilitator types the next line; what it reads is exactly what the
  /// first use would read, so no answer depends on whether it ran.
  ///
  /// Numbers first, then dates, then ids (the cheapest and most charted first), and before each
  /// column it waits while `idle` says a command runs or a line waits: reading ahead on both cores
  /// while the facilitator's own command runs would slow that command down. A command that needs
  /// a column not read yet reads it itself (the reading holds no lock between columns).
  public func readColumnsAhead(while idle: @escaping @Sendable () -> Bool = { true }) {
    let owner = rootTable
    DispatchQueue.global(qos: .utility).async {
      var numbers: [Int] = [], dates: [Int] = [], texts: [Int] = []
      for column in 0..<owner.baseColumnCount {
        switch owner.columnType(column) {
        case .integer, .decimal: numbers.append(column)
        case .dateTime: dates.append(column)
        case .boolean, .text: texts.append(column)
        }
      }
      func step(_ read: () -> Void) {
        while !idle() { usleep(5_000) }
        read()
      }
      for column in numbers { step { _ = owner.numericColumn(column) } }
      for column in dates { step { _ = owner.instantColumn(column) } }
      for column in texts { step { _ = owner.internedColumn(column, atMost: Self.limitedReading) } }
    }
  }
}

/// Whether one of the facilitator's commands is running, for work done ahead in the background
/// to step aside (it runs on the same two cores).
public enum ForegroundWork {
  private static let running = Atomic<Int>(0)

  /// Runs `body` as foreground work.
  public static func run<T>(_ body: () throws -> T) rethrows -> T {
    running.add(1, ordering: .sequentiallyConsistent)
    defer { running.subtract(1, ordering: .sequentiallyConsistent) }
    return try body()
  }

  public static var isRunning: Bool { running.load(ordering: .sequentiallyConsistent) > 0 }
}
