import Foundation
import GembaTestSupport
import Testing
@testable import GembaStore

/// Against the real server `scripts/start-postgres` starts (GEMBA_TEST_PG_URL); skipped without one,
/// failed without one under CI.
@Suite(.enabled(if: TestPostgres.runs, TestPostgres.skipReason), .serialized)
struct PostgresDatabaseTests {
  /// A table of its own per test, so the tests never see each other's rows.
  func table(_ db: PostgresDatabase, _ name: String = #function) throws -> String {
    let table = "t_" + name.lowercased().filter { $0.isLetter || $0.isNumber } + "_\(UInt32.random(in: 0...UInt32.max))"
    try db.executeScript(
      "CREATE TABLE \(table) (i integer, b bigint, s smallint, f double precision, r real, n numeric(10,2), t text, d date, ok boolean)"
    )
    return table
  }

  @Test func valuesRoundTripByColumnType() throws {
    let db = try PostgresDatabase(url: TestPostgres.requireURL())
    let t = try table(db)
    _ = try db.execute(
      "INSERT INTO \(t) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
      [
        .integer(42), .integer(9_007_199_254_740_993), .integer(-7), .real(0.1), .real(2.5), .real(1234.5),
        .text("naïve, \"quoted\"\nline"),
        .text("2026-03-01"), .text("true"),
      ])
    _ = try db.execute("INSERT INTO \(t) (i) VALUES (?)", [.null])
    let rows = try db.execute("SELECT i, b, s, f, r, n, t, d, ok FROM \(t) ORDER BY i NULLS LAST", [])
    #expect(rows.columns == ["i", "b", "s", "f", "r", "n", "t", "d", "ok"])
    #expect(rows.rows.count == 2)
    #expect(
      rows.rows[0] == [
        .integer(42), .integer(9_007_199_254_740_993), .integer(-7), .real(0.1), .real(2.5), .real(1234.5),
        .text("naïve, \"quoted\"\nline"), .text("2026-03-01"), .text("t"),
      ])
    #expect(rows.rows[1] == Array(repeating: SQLValue.null, count: 9))
    // psql, an independent reader, sees what was written.
    #expect(
      try TestPostgres.psql("SELECT b, n FROM \(t) WHERE i = 42", url: TestPostgres.requireURL())
        == "9007199254740993|1234.50")
  }

  @Test func questionMarksInsideStringsAreNotParameters() throws {
    let db = try PostgresDatabase(url: TestPostgres.requireURL())
    let rows = try db.execute("SELECT 'why?' AS a, ? AS b, \"?\" FROM (SELECT 1 AS \"?\") q -- really?", [.text("x")])
    #expect(rows.rows == [[.text("why?"), .text("x"), .integer(1)]])
    #expect(throws: SQLError.self) { try db.execute("SELECT ?, ?", [.integer(1)]) }
  }

  @Test func aThrowingTransactionRollsBack() throws {
    let db = try PostgresDatabase(url: TestPostgres.requireURL())
    let t = try table(db)
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try db.transaction {
        _ = try db.execute("INSERT INTO \(t) (i) VALUES (?)", [.integer(1)])
        throw Stop()
      }
    }
    try db.transaction { _ = try db.execute("INSERT INTO \(t) (i) VALUES (?)", [.integer(2)]) }
    #expect(try TestPostgres.psql("SELECT string_agg(i::text, ',') FROM \(t)", url: TestPostgres.requireURL()) == "2")
  }

  @Test func aPortWithNoServerIsAConnectError() throws {
    let url = try TestPostgres.requireURL()
    let dead = url.replacingOccurrences(of: #":\d+/"#, with: ":1/", options: .regularExpression)
    let error = try #require(throws: SQLError.self) { try PostgresDatabase(url: dead, connectTimeout: 2) }
    #expect(error.reason == .connect)
    #expect(error.message.contains("127.0.0.1:1"))
    #expect(error.database == dead)
  }

  @Test func aWrongPasswordIsAnAuthenticationError() throws {
    let url = try TestPostgres.url(role: "gemba_pw")
    setenv("PGPASSWORD", "wrong", 1)
    defer { unsetenv("PGPASSWORD") }
    let error = try #require(throws: SQLError.self) { try PostgresDatabase(url: url) }
    #expect(error.reason == .authentication)
    #expect(error.message.contains("password authentication failed"))
    #expect(error.message.contains("PGPASSWORD"))
  }

  @Test func aRoleWithoutRightsIsAPermissionError() throws {
    let db = try PostgresDatabase(url: TestPostgres.url(role: "gemba_norights"))
    let error = try #require(throws: SQLError.self) { try db.execute("SELECT * FROM gemba_private", []) }
    #expect(error.reason == .permission)
    #expect(error.message.contains("permission denied"))
  }

  @Test func badSQLIsASyntaxErrorWithThePosition() throws {
    let db = try PostgresDatabase(url: TestPostgres.requireURL())
    let error = try #require(throws: SQLError.self) { try db.execute("SELECT 1 FRM nowhere", []) }
    #expect(error.reason == .syntax)
    #expect(error.message.contains("syntax error at or near \"nowhere\""))
    #expect(error.message.contains("at character 14"))
    let missing = try #require(throws: SQLError.self) { try db.execute("SELECT * FROM no_such_table", []) }
    #expect(missing.reason == .syntax)
    #expect(missing.message.contains("does not exist"))
  }

  @Test func aBrokenConstraintIsAConstraintError() throws {
    let db = try PostgresDatabase(url: TestPostgres.requireURL())
    let t = try table(db)
    try db.executeScript("ALTER TABLE \(t) ADD PRIMARY KEY (i)")
    _ = try db.execute("INSERT INTO \(t) (i) VALUES (1)", [])
    let error = try #require(throws: SQLError.self) { try db.execute("INSERT INTO \(t) (i) VALUES (1)", []) }
    #expect(error.reason == .constraint)
  }

  @Test func aStatementPastItsTimeLimitIsCancelled() throws {
    let db = try PostgresDatabase(url: TestPostgres.requireURL(), statementTimeoutSeconds: 1)
    let start = Date()
    let error = try #require(throws: SQLError.self) { try db.execute("SELECT pg_sleep(5)", []) }
    #expect(error.reason == .timeout)
    #expect(Date().timeIntervalSince(start) < 4)
    // The connection goes on after a cancelled statement.
    #expect(try db.execute("SELECT 1", []).rows == [[.integer(1)]])
  }

  @Test(arguments: [
    "postgresql://gemba:secret@127.0.0.1:1/gemba_test", "postgresql://gemba@127.0.0.1:1/gemba_test?password=secret",
  ])
  func aURLWithAPasswordIsRefusedBeforeConnecting(url: String) throws {
    // Port 1 has no server: a connect error would mean it tried.
    let error = try #require(throws: SQLError.self) { try PostgresDatabase(url: url) }
    #expect(error.reason == .authentication)
    #expect(error.message.contains("PGPASSWORD or ~/.pgpass"))
    #expect(!error.database.contains("secret"))
  }
}
