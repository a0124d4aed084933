import Testing
@testable import GembaCore

/// The one parser of database URLs, for the register and `load sql`.
@Suite struct DatabaseURLTests {
  @Test(arguments: [
    ("sqlite:reg.db", DatabaseURL.sqlite(path: "reg.db")),
    ("sqlite:///var/reg.db", .sqlite(path: "/var/reg.db")),
    ("SQLite:reg.db", .sqlite(path: "reg.db")),
    ("/var/reg.db", .sqlite(path: "/var/reg.db")),
  ])
  func sqlitePaths(_ text: String, _ expected: DatabaseURL) throws {
    #expect(try DatabaseURL(parsing: text) == expected)
  }

  @Test func postgresURLs() throws {
    guard case .postgresql(let l) = try DatabaseURL(parsing: "postgresql://qa@db.example:6543/capa?sslmode=require")
    else {
      Issue.record("not postgresql")
      return
    }
    #expect((l.user, l.host, l.port, l.database) == ("qa", "db.example", 6543, "capa"))
    #expect(l.options.map { "\($0.0)=\($0.1)" } == ["sslmode=require"])
    #expect(l.libpqURL == "postgresql://qa@db.example:6543/capa?sslmode=require")
  }

  /// RFC 3986 §3.1: schemes are case-insensitive. The host, port and database are the ones typed,
  /// and libpq is handed the scheme in lower case (the only spelling it takes for a URL).
  @Test(arguments: [
    ("POSTGRESQL://h:5433/db", "postgresql://h:5433/db"),
    ("PostgreSQL://h:5433/db", "postgresql://h:5433/db"),
    ("POSTGRES://h:5433/db", "postgres://h:5433/db"),
    ("pOsTgReS://h:5433/db", "postgres://h:5433/db"),
  ])
  func schemesInAnyCase(_ text: String, _ libpq: String) throws {
    guard case .postgresql(let l) = try DatabaseURL(parsing: text) else {
      Issue.record("`\(text)` is not PostgreSQL")
      return
    }
    #expect((l.host, l.port, l.database) == ("h", 5433, "db"))
    #expect(l.text == text)
    #expect(l.libpqURL == libpq)
  }

  @Test(arguments: [
    "postgresql://qa:secret@db/capa", "postgres://qa:@db/capa", "postgresql://qa@db/capa?password=secret",
    "POSTGRESQL://qa:secret@db/capa",
  ])
  func passwordsAreRefused(_ text: String) {
    #expect(throws: DatabaseURLError.self) { try DatabaseURL(parsing: text) }
    do { _ = try DatabaseURL(parsing: text) } catch {
      #expect(error.problem == .password)
      #expect(error.message == DatabaseURL.passwordAdvice)
      #expect(!error.shown.contains("secret"))
    }
  }

  @Test(arguments: ["postgresql://h:0/db", "postgresql://h:x/db", "mysql://h/db", "sqlite:", ""])
  func malformedURLsAreRefused(_ text: String) {
    #expect(throws: DatabaseURLError.self) { try DatabaseURL(parsing: text) }
  }

  @Test func percentEncodingIsDecoded() throws {
    guard case .postgresql(let l) = try DatabaseURL(parsing: "postgresql://qa%40corp@db/my%20db") else {
      Issue.record("not postgresql")
      return
    }
    #expect(l.user == "qa@corp" && l.database == "my db")
  }
}
