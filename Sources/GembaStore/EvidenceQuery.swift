import GembaCore

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
  /// It runs in a read-only transaction (SQLite: a read-only connection with `query_only`), and
  /// a PostgreSQL superuser is refused unless `allowSuperuser`: read-only stops writes to tables,
  /// not what a superuser's functions do (`pg_terminate_backend`, `pg_read_file`).
  public static func run(
    _ query: String, on url: String, limit: Int, timeoutSeconds: Int, folder: String, allowSuperuser: Bool = false
  ) throws(SQLError) -> Answer {
    let database: any SQLDatabase
    let shown: String
    let parsed: DatabaseURL
    do { parsed = try DatabaseURL(parsing: url) } catch { throw SQLError(error) }
    switch parsed {
    case .sqlite(let path):
      let resolved = path.hasPrefix("/") || folder == "." ? path : folder + "/" + path
      let sqlite = try SQLiteDatabase(readingOnly: resolved, shown: url, timeoutSeconds: timeoutSeconds)
      // Read-only twice over: the connection's flag, and no statement that writes (an ATTACH'd file).
      try sqlite.executeScript("PRAGMA query_only = ON")
      database = sqlite
      shown = url
    case .postgresql(let location):
      let postgres = try PostgresDatabase(location, statementTimeoutSeconds: timeoutSeconds)
      postgres.numericAsText = true
      // Evidence is read, never written: the server refuses any change this session's statements try.
      try postgres.executeScript("SET default_transaction_read_only = on")
      let superuser = try postgres.execute("SELECT current_setting('is_superuser')", []).rows.first?.first
      if superuser == .text("on"), !allowSuperuser {
        throw SQLError(
          .permission,
          "the connection's role is a superuser, whose functions act even in a read-only transaction"
            + " (ending other sessions, reading server files); connect as a role with SELECT rights only,"
            + " or add --allow-superuser", database: postgres.database)
      }
      // The query's own transaction, read-only from its first statement.
      try postgres.executeScript("BEGIN READ ONLY")
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
      // Never committed: what a function did even in a read-only transaction (lo_import) is undone.
      if case .postgresql = parsed { try database.executeScript("ROLLBACK") }
    } catch {
      var error = error
      error.message = shiftPosition(in: error.message, by: prefix.count)
      throw error
    }
    guard rows.rows.count <= limit else {
      throw SQLError(
        .other,
        "the query returned more than \(NumberFormat.integer(limit)) rows, the limit for `load sql`;"
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

/// A query's answer as CSV (RFC 4180): a header of column names, NULL as an empty cell, a
/// PostgreSQL `numeric` as the server wrote it (`1234.50`), other numbers as the shortest text that
/// reads back the same, a field quoted when it holds a comma, a quote, a line
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
    let needsQuotes =
      text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
      || text.first?.isWhitespace == true || text.last?.isWhitespace == true
    return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }
}
