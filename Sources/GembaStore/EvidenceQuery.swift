import CSQLite
import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `load sql`'s side of the database: run one read-only query with a row limit and a time limit,
/// and give back its answer as the CSV the notebook keeps as evidence.
public enum EvidenceQuery {
  public struct Answer: Sendable, Equatable {
    /// The database as messages and the notebook show it (never with a password).
    public var database: String
    public var rows: Int
    public var columns: Int
    /// The snapshot's text: comma-separated, a header row, UTF-8.
    public var csv: String
  }

  /// Runs `query` on `url` (`postgresql://…`, or `sqlite:PATH` with PATH relative to `folder`).
  /// More than `limit` rows is refused, naming the limit and how to raise it.
  public static func run(_ query: String, on url: String, limit: Int, timeoutSeconds: Int, folder: String) throws(SQLError) -> Answer {
    let database: any SQLDatabase
    var shown = SQLSourceURL.withoutPassword(url)
    if let path = SQLSourceURL.sqlitePath(url) {
      let resolved = path.hasPrefix("/") || folder == "." ? path : folder + "/" + path
      database = try SQLiteReader(path: resolved, shown: url, timeoutSeconds: timeoutSeconds)
    } else {
      let postgres = try PostgresDatabase(url: url, statementTimeoutSeconds: timeoutSeconds)
      // Evidence is read, never written: the server refuses any change this session's statements try.
      try postgres.executeScript("SET default_transaction_read_only = on")
      database = postgres
      shown = postgres.database
    }
    // One statement, wrapped so the server stops after limit + 1 rows; the line breaks keep a
    // trailing `--` comment in the query from swallowing the wrapper.
    let body = trimmedStatement(query)
    let prefix = "SELECT * FROM (\n"
    let rows: SQLRows
    do {
      rows = try database.execute(prefix + body + "\n) AS gemba_query LIMIT \(limit + 1)", [])
    } catch {
      var error = error
      error.message = shiftPosition(in: error.message, by: prefix.count)
      throw error
    }
    guard rows.rows.count <= limit else {
      throw SQLError(.other, "the query returned more than \(NumberFormat.integer(limit)) rows, the limit for `load sql`;"
        + " narrow it (WHERE, GROUP BY) or raise the limit: --limit \(limit * 10)", database: shown)
    }
    return Answer(database: shown, rows: rows.rows.count, columns: rows.columns.count, csv: SQLSnapshot.csv(rows))
  }

  /// The query without trailing semicolons and blank space (the wrapper needs one bare statement);
  /// its start is kept, so the server's character positions stay the query's.
  static func trimmedStatement(_ query: String) -> String {
    var s = Substring(query)
    while let last = s.last, last.isWhitespace || last == ";" { s.removeLast() }
    return String(s)
  }

  /// The server counts characters in the wrapped statement; the user wrote only the query.
  static func shiftPosition(in message: String, by offset: Int) -> String {
    let marker = "(at character "
    guard let start = message.range(of: marker), let end = message[start.upperBound...].firstIndex(of: " "),
      let n = Int(message[start.upperBound..<end])
    else { return message }
    return message.replacingCharacters(in: start.upperBound..<end, with: String(max(n - offset, 1)))
      .replacingOccurrences(of: "of the statement)", with: "of the query)")
  }
}

/// A query's answer as CSV (RFC 4180): a header of column names, NULL as an empty cell, numbers as
/// the shortest text that reads back the same, a field quoted when it holds a comma, a quote, a line
/// break or white space at its ends.
public enum SQLSnapshot {
  public static func csv(_ rows: SQLRows) -> String {
    var out = rows.columns.map(field).joined(separator: ",") + "\n"
    for row in rows.rows {
      out += row.map { value in
        switch value {
        case .null: ""
        case .integer(let i): String(i)
        case .real(let d): d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .text(let s): field(s)
        }
      }.joined(separator: ",")
      out += "\n"
    }
    return out
  }

  static func field(_ text: String) -> String {
    let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || text.first?.isWhitespace == true || text.last?.isWhitespace == true
    return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }
}

/// A SQLite file opened read-only for `load sql sqlite:PATH`: enough of `SQLDatabase` to read rows
/// (the register's own SQLite store is a separate, writable implementation).
final class SQLiteReader: SQLDatabase {
  let engine = SQLEngine.sqlite
  private let handle: OpaquePointer
  private let shown: String
  /// When a running statement is interrupted (checked by SQLite's progress handler).
  private let deadline: Deadline

  final class Deadline {
    let seconds: Int
    var end: timespec = timespec()
    init(seconds: Int) { self.seconds = seconds }
    func start() {
      clock_gettime(CLOCK_MONOTONIC, &end)
      end.tv_sec += seconds
    }
    var passed: Bool {
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC, &now)
      return now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec)
    }
  }

  init(path: String, shown: String, timeoutSeconds: Int) throws(SQLError) {
    self.shown = shown
    var made: OpaquePointer?
    let status = sqlite3_open_v2(path, &made, SQLITE_OPEN_READONLY, nil)
    guard status == SQLITE_OK, let made else {
      let message = made.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
      sqlite3_close(made)
      throw SQLError(.connect, "cannot open the SQLite file \(path): \(message); the path is relative to the notebook's folder",
        database: shown)
    }
    handle = made
    deadline = Deadline(seconds: timeoutSeconds)
    sqlite3_progress_handler(handle, 10_000, { context in
      Unmanaged<Deadline>.fromOpaque(context!).takeUnretainedValue().passed ? 1 : 0
    }, Unmanaged.passUnretained(deadline).toOpaque())
  }

  deinit { sqlite3_close(handle) }

  func execute(_ sql: String, _ parameters: [SQLValue]) throws(SQLError) -> SQLRows {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
      throw failure(sqlite3_errcode(handle))
    }
    defer { sqlite3_finalize(statement) }
    // SQLITE_TRANSIENT: SQLite copies the text before bind returns.
    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    for (i, value) in parameters.enumerated() {
      let index = Int32(i + 1)
      switch value {
      case .null: sqlite3_bind_null(statement, index)
      case .integer(let n): sqlite3_bind_int64(statement, index, n)
      case .real(let d): sqlite3_bind_double(statement, index, d)
      case .text(let s): sqlite3_bind_text(statement, index, s, -1, transient)
      }
    }
    let count = sqlite3_column_count(statement)
    var result = SQLRows(columns: (0..<count).map { String(cString: sqlite3_column_name(statement, $0)) })
    deadline.start()
    while true {
      let step = sqlite3_step(statement)
      if step == SQLITE_DONE { break }
      guard step == SQLITE_ROW else { throw failure(step) }
      result.rows.append((0..<count).map { c in
        switch sqlite3_column_type(statement, c) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, c))
        case SQLITE_FLOAT: .real(sqlite3_column_double(statement, c))
        default: .text(sqlite3_column_text(statement, c).map { String(cString: $0) } ?? "")
        }
      })
    }
    return result
  }

  func executeScript(_ sql: String) throws(SQLError) {
    deadline.start()
    let status = sqlite3_exec(handle, sql, nil, nil, nil)
    guard status == SQLITE_OK else { throw failure(status) }
  }

  func transaction<T>(_ body: () throws -> T) throws -> T {
    try executeScript("BEGIN")
    do {
      let value = try body()
      try executeScript("COMMIT")
      return value
    } catch {
      try? executeScript("ROLLBACK")
      throw error
    }
  }

  private func failure(_ status: Int32) -> SQLError {
    let message = String(cString: sqlite3_errmsg(handle))
    switch status & 0xff {
    case SQLITE_INTERRUPT: return SQLError(.timeout, "the query ran past its time limit (\(deadline.seconds) s)", database: shown)
    case SQLITE_PERM, SQLITE_AUTH, SQLITE_READONLY: return SQLError(.permission, message, database: shown)
    case SQLITE_CONSTRAINT: return SQLError(.constraint, message, database: shown)
    case SQLITE_ERROR: return SQLError(.syntax, message, database: shown)
    default: return SQLError(.other, message, database: shown)
    }
  }
}
