/// A database URL as `load sql --db` and the register take it: `postgresql://user@host:port/db?sslmode=…`
/// or `sqlite:PATH`. Pure text handling, so the parser can refuse a password before any cell is written
/// and every message can name the database without one.
public enum SQLSourceURL {
  public static let passwordAdvice =
    "the URL holds a password; use PGPASSWORD or ~/.pgpass so it never enters a notebook or a shell history"

  /// True for `postgresql://` and `postgres://` URLs (libpq's two schemes).
  public static func isPostgres(_ url: String) -> Bool {
    let lower = url.lowercased()
    return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
  }

  /// `sqlite:PATH` → PATH (also `sqlite://PATH`); nil for another scheme.
  public static func sqlitePath(_ url: String) -> String? {
    guard url.lowercased().hasPrefix("sqlite:") else { return nil }
    var rest = String(url.dropFirst("sqlite:".count))
    if rest.hasPrefix("//") { rest.removeFirst(2) }
    return rest.isEmpty ? nil : rest
  }

  /// Whether the URL carries a password: `user:secret@` in its authority or `password=` among its parameters.
  public static func holdsPassword(_ url: String) -> Bool {
    guard let parts = split(url) else { return false }
    return parts.password != nil || parts.query.contains { key($0) == "password" }
  }

  /// The URL with any password removed (for messages and the notebook).
  public static func withoutPassword(_ url: String) -> String {
    guard let parts = split(url) else { return url }
    var out = parts.scheme + "://"
    if let user = parts.user { out += user + "@" }
    out += parts.rest
    let kept = parts.query.filter { key($0) != "password" }
    if !kept.isEmpty { out += "?" + kept.joined(separator: "&") }
    return out
  }

  private struct Parts {
    var scheme: String
    var user: String?
    var password: Substring?
    /// Host, port and path: the authority after the user, up to the query.
    var rest: String
    var query: [Substring]
  }

  private static func split(_ url: String) -> Parts? {
    guard isPostgres(url), let colon = url.firstIndex(of: ":") else { return nil }
    let scheme = String(url[..<colon])
    var body = url[url.index(colon, offsetBy: 3)...]
    var query: [Substring] = []
    if let q = body.firstIndex(of: "?") {
      query = body[body.index(after: q)...].split(separator: "&", omittingEmptySubsequences: true)
      body = body[..<q]
    }
    // The user information ends at the last `@` before the path (a password may hold `@` encoded or not).
    let authorityEnd = body.firstIndex(of: "/") ?? body.endIndex
    var user: String?
    var password: Substring?
    if let at = body[..<authorityEnd].lastIndex(of: "@") {
      let info = body[..<at]
      if let c = info.firstIndex(of: ":") {
        user = String(info[..<c])
        let secret = info[info.index(after: c)...]
        password = secret.isEmpty ? nil : secret
      } else {
        user = String(info)
      }
      body = body[body.index(after: at)...]
    }
    return Parts(scheme: scheme, user: user, password: password, rest: String(body), query: query)
  }

  /// A parameter's key, percent-decoded and lowercased (`pass%77ord=` is still a password).
  private static func key(_ parameter: Substring) -> String {
    let raw = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
    var bytes: [UInt8] = []
    var i = raw.utf8.startIndex
    let utf8 = raw.utf8
    while i < utf8.endIndex {
      let b = utf8[i]
      if b == UInt8(ascii: "%"), let j = utf8.index(i, offsetBy: 2, limitedBy: utf8.endIndex), j < utf8.endIndex,
        let value = UInt8(String(decoding: utf8[utf8.index(after: i)...j], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        i = utf8.index(after: j)
      } else {
        bytes.append(b)
        i = utf8.index(after: i)
      }
    }
    return String(decoding: bytes, as: UTF8.self).lowercased()
  }
}
