/// Where a register lives: an SQLite file (`sqlite:PATH` or a plain path) or a PostgreSQL
/// server (`postgresql://user@host:port/db?sslmode=require`). A URL never carries a password:
/// it would end up in a notebook, a shell history or a process list.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
  case sqlite(path: String)
  case postgresql(PostgresLocation)

  public struct PostgresLocation: Sendable, Equatable {
    public var user: String?
    public var host: String?
    public var port: Int?
    public var database: String?
    /// `sslmode=require`, `application_name=…`: passed to libpq as written.
    public var options: [(String, String)]
    /// The URL as given (it holds no password).
    public var text: String

    public static func == (a: Self, b: Self) -> Bool {
      a.user == b.user && a.host == b.host && a.port == b.port && a.database == b.database && a.text == b.text
        && a.options.map { "\($0.0)=\($0.1)" } == b.options.map { "\($0.0)=\($0.1)" }
    }
  }

  public static let passwordRefusal =
    "the register URL holds a password; use PGPASSWORD or ~/.pgpass so it never enters a notebook or a shell history"

  public init(parsing text: String) throws(SQLError) {
    if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
      self = .postgresql(try Self.parsePostgres(text))
    } else if text.hasPrefix("sqlite:") {
      let path = String(text.dropFirst("sqlite:".count))
      // `sqlite:///abs/path` as SQLAlchemy spells it, and `sqlite:path`.
      let plain = path.hasPrefix("//") ? String(path.dropFirst(2)) : path
      guard !plain.isEmpty else { throw SQLError(.connect, "sqlite: needs a file path, e.g. sqlite:.gemba/register.db", database: text) }
      self = .sqlite(path: plain)
    } else if text.contains("://") {
      throw SQLError(.connect, "unknown register URL: use sqlite:PATH, a file path, or postgresql://user@host:port/db",
        database: text)
    } else {
      guard !text.isEmpty else { throw SQLError(.connect, "the register path is empty", database: text) }
      self = .sqlite(path: text)
    }
  }

  public var description: String {
    switch self {
    case .sqlite(let path): path
    case .postgresql(let location): location.text
    }
  }

  private static func parsePostgres(_ text: String) throws(SQLError) -> PostgresLocation {
    let scheme = text.hasPrefix("postgresql://") ? "postgresql://" : "postgres://"
    var rest = Substring(text.dropFirst(scheme.count))
    var options: [(String, String)] = []
    if let question = rest.firstIndex(of: "?") {
      for pair in rest[rest.index(after: question)...].split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        let key = decode(parts[0])
        // A password in the query string is as much a leak as one before the `@`.
        if key == "password" { throw SQLError(.authentication, passwordRefusal, database: redacted(text)) }
        options.append((key, parts.count > 1 ? decode(parts[1]) : ""))
      }
      rest = rest[..<question]
    }
    var database: String?
    if let slash = rest.firstIndex(of: "/") {
      let name = decode(rest[rest.index(after: slash)...])
      database = name.isEmpty ? nil : name
      rest = rest[..<slash]
    }
    var user: String?
    if let at = rest.lastIndex(of: "@") {
      let credentials = rest[..<at]
      if credentials.contains(":") { throw SQLError(.authentication, passwordRefusal, database: redacted(text)) }
      user = credentials.isEmpty ? nil : decode(credentials)
      rest = rest[rest.index(after: at)...]
    }
    var host: String? = rest.isEmpty ? nil : decode(rest)
    var port: Int?
    // `[::1]:5432` or `host:5432`.
    if let hostText = host, let colon = hostText.lastIndex(of: ":"), !hostText.hasSuffix("]") {
      guard let number = Int(hostText[hostText.index(after: colon)...]), (1...65535).contains(number) else {
        throw SQLError(.connect, "the port in the register URL is not a number from 1 to 65535", database: text)
      }
      port = number
      host = String(hostText[..<colon])
    }
    return PostgresLocation(user: user, host: host, port: port, database: database, options: options, text: text)
  }

  /// The URL with anything after `user:` up to `@` replaced, for the refusal message.
  static func redacted(_ text: String) -> String {
    guard let start = text.range(of: "://")?.upperBound, let at = text[start...].lastIndex(of: "@"),
      let colon = text[start..<at].firstIndex(of: ":")
    else { return String(text.prefix { $0 != "?" }) }
    return String(text[..<colon]) + ":…" + String(text[at...].prefix { $0 != "?" })
  }

  /// Percent-decoding (`%40` → `@`).
  static func decode(_ text: Substring) -> String {
    var bytes: [UInt8] = []
    var iterator = Array(text.utf8).makeIterator()
    while let byte = iterator.next() {
      if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
        let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Opens the register at `url`: SQLite here, PostgreSQL through `PostgresDatabase`.
public func openDatabase(_ url: DatabaseURL) throws(SQLError) -> any SQLDatabase {
  switch url {
  case .sqlite(let path):
    return try SQLiteDatabase(path: path)
  case .postgresql(let location):
    // The team's server answers quickly or not at all: a register question should not hang.
    return try PostgresDatabase(url: location.text, connectTimeout: 5)
  }
}
