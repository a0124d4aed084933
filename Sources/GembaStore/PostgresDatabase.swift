import CLibPQ
import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The team's PostgreSQL through libpq: one connection, text-format parameters and results,
/// every failure a `SQLError` that names the server (without a password) and what to do.
public final class PostgresDatabase: SQLDatabase {
  public let engine = SQLEngine.postgresql
  /// The URL as messages show it: never with a password.
  public let database: String
  /// `numeric` values as the server's own text instead of Doubles: evidence keeps `1234.50` and all
  /// 30 digits of a `numeric(38,8)`, which a Double would round (the register's figures are Doubles).
  public var numericAsText = false
  private let connection: OpaquePointer

  /// Connects to `url` (`postgresql://user@host:port/db?sslmode=…`). A URL holding a password is
  /// refused before anything is sent: the password belongs in PGPASSWORD or ~/.pgpass.
  public convenience init(url: String, connectTimeout: Int = 5, statementTimeoutSeconds: Int? = nil) throws(SQLError) {
    let parsed: DatabaseURL
    do { parsed = try DatabaseURL(parsing: url) } catch { throw SQLError(error) }
    guard case .postgresql(let location) = parsed else {
      throw SQLError(.other, "not a PostgreSQL URL; write postgresql://USER@HOST:PORT/DATABASE", database: url)
    }
    try self.init(location, connectTimeout: connectTimeout, statementTimeoutSeconds: statementTimeoutSeconds)
  }

  /// Connects to a parsed location (which never holds a password).
  public init(_ location: DatabaseURL.PostgresLocation, connectTimeout: Int = 5, statementTimeoutSeconds: Int? = nil)
    throws(SQLError)
  {
    database = location.text
    let (keywords, values) = Self.connectionParameters(location, connectTimeout: connectTimeout)
    let made: OpaquePointer? = Self.withCStrings(keywords) { k in
      Self.withCStrings(values) { v in PQconnectdbParams(k, v, 1) }
    }
    guard let made else { throw SQLError(.connect, "libpq could not allocate a connection", database: database) }
    guard PQstatus(made) == CONNECTION_OK else {
      let error = Self.connectError(made, database: database)
      PQfinish(made)
      throw error
    }
    connection = made
    if let statementTimeoutSeconds { try setStatementTimeout(seconds: statementTimeoutSeconds) }
  }

  deinit { PQfinish(connection) }

  /// What `PQconnectdbParams` is given for `location`. expand_dbname = 1: libpq parses the URL
  /// (with its scheme in lower case, or libpq would not see a URL); the other keywords add to it.
  static func connectionParameters(_ location: DatabaseURL.PostgresLocation, connectTimeout: Int)
    -> (keywords: [String], values: [String])
  {
    (
      ["dbname", "connect_timeout", "client_encoding", "application_name"],
      [location.libpqURL, String(max(connectTimeout, 1)), "UTF8", "gemba"]
    )
  }

  /// Statements running longer than this are cancelled by the server (`timeout`); 0 or nil: no limit.
  public func setStatementTimeout(seconds: Int?) throws(SQLError) {
    try executeScript("SET statement_timeout = \(max(seconds ?? 0, 0) * 1000)")
  }

  public func execute(_ sql: String, _ parameters: [SQLValue]) throws(SQLError) -> SQLRows {
    // Without parameters the text goes as written, so a `?` operator (jsonb) in a typed query still works.
    let (text, count) = parameters.isEmpty ? (sql, 0) : SQLPlaceholders.numbered(sql)
    guard count == parameters.count else {
      throw SQLError(
        .other, "the statement has \(count) placeholders for \(parameters.count) values", database: database)
    }
    let texts: [String?] = parameters.map {
      switch $0 {
      case .null: nil
      case .integer(let i): String(i)
      case .real(let d): d.isFinite ? String(d) : (d.isNaN ? "NaN" : d > 0 ? "Infinity" : "-Infinity")
      case .text(let s): s
      }
    }
    let result = Self.withOptionalCStrings(texts) { values in
      PQexecParams(connection, text, Int32(texts.count), nil, values, nil, nil, 0)
    }
    defer { PQclear(result) }
    try check(result)
    return Self.rows(of: result, numericAsText: numericAsText)
  }

  public func executeScript(_ sql: String) throws(SQLError) {
    let result = PQexec(connection, sql)
    defer { PQclear(result) }
    try check(result)
  }

  public func transaction<T>(_ body: () throws -> T) throws -> T {
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

  // MARK: - Results and errors

  private func check(_ result: OpaquePointer?) throws(SQLError) {
    guard let result else {
      throw SQLError(.connect, "the connection failed: " + Self.text(PQerrorMessage(connection)), database: database)
    }
    switch PQresultStatus(result) {
    case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
    default: throw Self.statementError(result, connection: connection, database: database)
    }
  }

  /// Column types by OID: whole numbers and real numbers become numbers, the rest stays the server's text.
  static func rows(of result: OpaquePointer?, numericAsText: Bool = false) -> SQLRows {
    guard let result else { return SQLRows() }
    let columnCount = PQnfields(result)
    let rowCount = PQntuples(result)
    var columns: [String] = []
    var kinds: [Kind] = []
    for c in 0..<columnCount {
      columns.append(text(PQfname(result, c)))
      let oid = PQftype(result, c)
      kinds.append(numericAsText && oid == Kind.numericOID ? .text : Kind(oid: oid))
    }
    var rows: [[SQLValue]] = []
    rows.reserveCapacity(Int(rowCount))
    for r in 0..<rowCount {
      var row: [SQLValue] = []
      row.reserveCapacity(Int(columnCount))
      for c in 0..<columnCount {
        if PQgetisnull(result, r, c) == 1 { row.append(.null); continue }
        let value = text(PQgetvalue(result, r, c))
        switch kinds[Int(c)] {
        case .integer: row.append(Int64(value).map(SQLValue.integer) ?? .text(value))
        case .real: row.append(Double(value).map(SQLValue.real) ?? .text(value))
        case .text: row.append(.text(value))
        }
      }
      rows.append(row)
    }
    return SQLRows(columns: columns, rows: rows)
  }

  enum Kind {
    case integer, real, text
    static let numericOID: Oid = 1700
    init(oid: Oid) {
      switch oid {
      case 20, 21, 23: self = .integer  // int8, int2, int4
      case 700, 701, 1700: self = .real  // float4, float8, numeric
      default: self = .text
      }
    }
  }

  /// SQLSTATE → reason; the message is the server's, with its position in the statement when it gave one.
  static func statementError(_ result: OpaquePointer, connection: OpaquePointer, database: String) -> SQLError {
    func field(_ code: Character) -> String? {
      PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
    }
    guard let state = field("C") else {
      // No SQLSTATE: libpq's own failure, the connection lost mid-statement.
      return SQLError(
        .connect, "the connection to the server was lost: " + text(PQerrorMessage(connection)), database: database)
    }
    var message = field("M") ?? text(PQresultErrorMessage(result))
    if let position = field("P") { message += " (at character \(position) of the statement)" }
    if let detail = field("D") { message += "; " + detail }
    if let hint = field("H") { message += "; hint: " + hint }
    let reason: SQLError.Reason
    switch state {
    case "42501": reason = .permission
    case "57014": reason = .timeout
    case _ where state.hasPrefix("42"): reason = .syntax
    case _ where state.hasPrefix("23"): reason = .constraint
    case _ where state.hasPrefix("28"): reason = .authentication
    case _ where state.hasPrefix("08"): reason = .connect
    default: reason = .other
    }
    if reason == .timeout { message += "; the statement ran past its time limit" }
    return SQLError(reason, message + " [SQLSTATE \(state)]", database: database)
  }

  static func connectError(_ connection: OpaquePointer, database: String) -> SQLError {
    let raw = text(PQerrorMessage(connection)).trimmingWhitespace()
    let lower = raw.lowercased()
    let host = text(PQhost(connection))
    let port = text(PQport(connection))
    let place = host.hasPrefix("/") ? "the socket in \(host) (port \(port))" : "\(host):\(port)"
    if lower.contains("password authentication failed") || lower.contains("no password supplied")
      || lower.contains("authentication failed")
    {
      return SQLError(
        .authentication,
        "\(place) refused the login: \(raw); give the password in PGPASSWORD or ~/.pgpass (never in the URL)",
        database: database)
    }
    if lower.contains("permission denied") || lower.contains("not permitted to log in") {
      return SQLError(
        .permission, "\(place) refused the role: \(raw); ask the database's owner for CONNECT rights",
        database: database)
    }
    return SQLError(
      .connect,
      "the server does not answer at \(place): \(raw); is PostgreSQL running there, and the host and port right?",
      database: database)
  }

  static func text(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
  static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }

  // MARK: - C strings that live for one call

  private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    withOptionalCStrings(strings.map { Optional($0) } + [nil]) { body($0!) }
  }

  private static func withOptionalCStrings<R>(
    _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R
  ) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { $0.map { UnsafePointer($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
  }
}

extension String {
  fileprivate func trimmingWhitespace() -> String {
    var s = Substring(self)
    while s.last?.isWhitespace == true { s.removeLast() }
    while s.first?.isWhitespace == true { s.removeFirst() }
    return String(s)
  }
}
