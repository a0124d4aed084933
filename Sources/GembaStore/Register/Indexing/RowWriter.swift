/// Inserts rows for the indexer. SQLite runs one prepared statement per row at once (no round
/// trip to save); PostgreSQL's rows wait and go as multi-row `INSERT`s, across notebooks, so a
/// first index is a few statements per hundred notebooks rather than fifteen per notebook.
///
/// Waiting rows are invisible to other statements, so the indexer calls `flush()` before any
/// statement that reads or changes what a waiting row could touch (RegisterIndexer.write).
struct RowWriter {
  private struct Pending {
    var head: String
    var suffix: String
    var columns: Int
    var rows: [[SQLValue]] = []
  }

  let db: any SQLDatabase
  /// Tables in the order they were first given (investigations first: the others refer to it).
  private var order: [String] = []
  private var pending: [String: Pending] = [:]
  private var values = 0
  /// Values waiting before they are sent; one statement takes at most 30,000 (PostgreSQL's limit is 65,535).
  static let flushAbove = 20_000

  init(db: any SQLDatabase) { self.db = db }

  /// `INSERT INTO table (columns) VALUES …` plus `suffix` (an `ON CONFLICT` clause) for each row.
  mutating func insert(_ table: String, columns: [String], rows: [[SQLValue]], suffix: String = "") throws {
    guard !rows.isEmpty else { return }
    let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
    guard db.engine == .postgresql else {
      let tuple = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
      // One prepared statement, reused for every row of every notebook.
      for row in rows { _ = try db.execute(head + tuple + suffix, row) }
      return
    }
    let key = table + suffix
    if pending[key] == nil {
      order.append(key)
      pending[key] = Pending(head: head, suffix: suffix, columns: columns.count)
    }
    pending[key]!.rows += rows
    values += rows.count * columns.count
  }

  /// Sends the waiting rows once there are many. Called between notebooks, never inside one:
  /// a notebook's investigations row must go before (or with) its other rows.
  mutating func flushIfFull() throws {
    if values > Self.flushAbove { try flush() }
  }

  /// Sends every waiting row, table by table in the order first given.
  mutating func flush() throws {
    guard values > 0 else { return }
    for key in order {
      guard let table = pending[key], !table.rows.isEmpty else { continue }
      let tuple = "(" + Array(repeating: "?", count: table.columns).joined(separator: ", ") + ")"
      let perStatement = max(1, 30_000 / table.columns)
      for start in stride(from: 0, to: table.rows.count, by: perStatement) {
        let batch = table.rows[start..<min(start + perStatement, table.rows.count)]
        _ = try db.execute(
          table.head + Array(repeating: tuple, count: batch.count).joined(separator: ", ") + table.suffix,
          batch.flatMap { $0 })
      }
    }
    order = []
    pending = [:]
    values = 0
  }
}
