/// Where a database lives, as `load sql --db` and the register take it: an SQLite file
/// (`sqlite:PATH`, or a plain path for the register) or a PostgreSQL server
/// (`postgresql://user@host:port/db?sslmode=require`). The one parser of these URLs: pure text
/// handling, so a password is refused before any cell is written and every message can name the
/// database without one. Schemes are case-insensitive (RFC 3986 §3.1): `POSTGRESQL://` is PostgreSQL.
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

    /// The URL libpq is handed: as given, with the scheme in lower case. libpq knows its schemes
    /// only as `postgresql://` and `postgres://`; it would read `POSTGRESQL://h:5433/db` as a
    /// database name and connect to the local socket, ignoring the host and port.
    public var libpqURL: String {
      guard let colon = text.firstIndex(of: ":") else { return text }
      return text[..<colon].lowercased() + text[colon...]
    }

    public static func == (a: Self, b: Self) -> Bool {
      a.user == b.user && a.host == b.host && a.port == b.port && a.database == b.database && a.text == b.text
        && a.options.map { "\($0.0)=\($0.1)" } == b.options.map { "\($0.0)=\($0.1)" }
    }
  }

  public static let passwordAdvice =
    "the URL holds a password; use PGPASSWORD or ~/.pgpass so it never enters a notebook or a shell history"

  /// Parses `text`; a plain path (no scheme) is an SQLite file. A password is refused.
  public init(parsing text: String) throws(DatabaseURLError) {
    if let pieces = Self.pieces(text) {
      self = .postgresql(try Self.location(pieces, text: text))
    } else if let rest = Self.sqliteRest(text) {
      // `sqlite:///abs/path` as SQLAlchemy spells it, and `sqlite:path`.
      let path = rest.hasPrefix("//") ? rest.dropFirst(2) : rest
      guard !path.isEmpty else {
        throw DatabaseURLError(.malformed, "sqlite: needs a file path, e.g. sqlite:.gemba/register.db", shown: text)
      }
      self = .sqlite(path: String(path))
    } else if text.contains("://") {
      throw DatabaseURLError(
        .malformed, "unknown database URL: use sqlite:PATH, a file path, or postgresql://user@host:port/db",
        shown: text)
    } else {
      guard !text.isEmpty else { throw DatabaseURLError(.malformed, "the database path is empty", shown: text) }
      self = .sqlite(path: text)
    }
  }

  public var description: String {
    switch self {
    case .sqlite(let path): path
    case .postgresql(let location): location.text
    }
  }

  /// True when `text` starts with a scheme gemba reads (`postgresql://`, `postgres://`, `sqlite:`),
  /// in any case: `load sql` takes only URLs, not plain paths.
  public static func hasScheme(_ text: String) -> Bool { pieces(text) != nil || sqliteRest(text) != nil }

  /// Whether the URL carries a password: `user:secret@` in its authority or `password=` among its parameters.
  public static func holdsPassword(_ text: String) -> Bool {
    guard let pieces = pieces(text) else { return false }
    return pieces.password != nil || pieces.query.contains { key($0) == "password" }
  }

  /// The URL with any password removed, otherwise as typed (for messages and the notebook).
  public static func withoutPassword(_ text: String) -> String {
    guard let p = pieces(text) else { return text }
    var out = String(p.scheme) + "://"
    if let user = p.user { out += user + "@" }
    out += p.hostAndPort
    if let path = p.path { out += "/" + path }
    let kept = p.query.filter { key($0) != "password" }
    if !kept.isEmpty { out += "?" + kept.joined(separator: "&") }
    return out
  }

  /// A PostgreSQL URL cut at its delimiters, nothing decoded: what the parser and `withoutPassword` both read.
  struct Pieces {
    var scheme: Substring
    var user: Substring?
    /// What follows `user:` up to the `@` (empty for `user:@`, which still writes a password).
    var password: Substring?
    var hostAndPort: Substring
    /// After the first `/` of the authority: the database name.
    var path: Substring?
    var query: [Substring]
  }

  /// The pieces of a `postgresql://` or `postgres://` URL (any case); nil for another scheme.
  static func pieces(_ text: String) -> Pieces? {
    guard let separator = text.range(of: "://") else { return nil }
    let scheme = text[..<separator.lowerBound]
    guard ["postgresql", "postgres"].contains(scheme.lowercased()) else { return nil }
    var rest = text[separator.upperBound...]
    var query: [Substring] = []
    if let question = rest.firstIndex(of: "?") {
      query = rest[rest.index(after: question)...].split(separator: "&")
      rest = rest[..<question]
    }
    var path: Substring?
    if let slash = rest.firstIndex(of: "/") {
      path = rest[rest.index(after: slash)...]
      rest = rest[..<slash]
    }
    var user: Substring?
    var password: Substring?
    // The user information ends at the last `@` (a password may hold `@`, encoded or not).
    if let at = rest.lastIndex(of: "@") {
      let info = rest[..<at]
      if let colon = info.firstIndex(of: ":") {
        user = info[..<colon]
        password = info[info.index(after: colon)...]
      } else {
        user = info
      }
      rest = rest[rest.index(after: at)...]
    }
    return Pieces(scheme: scheme, user: user, password: password, hostAndPort: rest, path: path, query: query)
  }

  /// What follows `sqlite:` (any case); nil for another scheme.
  static func sqliteRest(_ text: String) -> Substring? {
    guard text.prefix(7).lowercased() == "sqlite:" else { return nil }
    return text.dropFirst(7)
  }

  private static func location(_ p: Pieces, text: String) throws(DatabaseURLError) -> PostgresLocation {
    // A password in the query string is as much a leak as one before the `@`.
    guard p.password == nil, !p.query.contains(where: { key($0) == "password" }) else {
      throw DatabaseURLError(.password, passwordAdvice, shown: withoutPassword(text))
    }
    let options = p.query.map { pair in
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
    }
    var host: String? = p.hostAndPort.isEmpty ? nil : decode(p.hostAndPort)
    var port: Int?
    // `[::1]:5432` or `host:5432`.
    if let hostText = host, let colon = hostText.lastIndex(of: ":"), !hostText.hasSuffix("]") {
      guard let number = Int(hostText[hostText.index(after: colon)...]), (1...65535).contains(number) else {
        throw DatabaseURLError(.malformed, "the port in the URL is not a number from 1 to 65535", shown: text)
      }
      port = number
      host = String(hostText[..<colon])
    }
    let database = p.path.map(decode).flatMap { $0.isEmpty ? nil : $0 }
    return PostgresLocation(
      user: p.user.flatMap { $0.isEmpty ? nil : decode($0) }, host: host, port: port,
      database: database, options: options, text: text)
  }

  /// A parameter's key, percent-decoded and lowercased (`pass%77ord=` is still a password).
  private static func key(_ parameter: Substring) -> String {
    decode(parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").lowercased()
  }

  /// Percent-decoding (`%40` → `@`); a `%` not followed by two hex digits stays as written.
  static func decode(_ text: Substring) -> String {
    let utf8 = Array(text.utf8)
    var bytes: [UInt8] = []
    var i = 0
    while i < utf8.count {
      if utf8[i] == UInt8(ascii: "%"), i + 2 < utf8.count,
        let value = UInt8(String(decoding: utf8[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        i += 3
      } else {
        bytes.append(utf8[i])
        i += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// Why a database URL was refused; `shown` is the URL without any password.
public struct DatabaseURLError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Problem: Sendable, Equatable {
    /// The URL holds a password (refused: it would reach a notebook or a shell history).
    case password
    /// Not a URL gemba can read: an unknown scheme, an empty path, a bad port.
    case malformed
  }
  public var problem: Problem
  public var message: String
  public var shown: String

  public init(_ problem: Problem, _ message: String, shown: String) {
    self.problem = problem
    self.message = message
    self.shown = shown
  }

  public var description: String { "\(shown): \(message)" }
}
