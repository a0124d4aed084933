import Testing
@testable import GembaCore

/// `load sql`: what the parser accepts, and what it refuses before any cell is written.
@Suite struct LoadSQLParserTests {
  func sql(_ source: String) throws -> (LoadSpec, SQLLoadSpec) {
    guard case .load(let spec)? = try Parser.parse(source), let sql = spec.sql else {
      Issue.record("`\(source)` is not a load sql")
      throw CancellationError()
    }
    return (spec, sql)
  }

  @Test func aTypedQueryHasNoSnapshotYet() throws {
    let (spec, sql) = try sql(
      #"load sql "SELECT id, 'a|b' FROM t WHERE x = 'y'" --db postgresql://qa@db:5432/capa as t"#)
    #expect(sql.query.value == "SELECT id, 'a|b' FROM t WHERE x = 'y'")
    #expect(sql.database.value == "postgresql://qa@db:5432/capa")
    #expect(spec.name?.value == "t")
    #expect(sql.snapshot == nil)
    #expect(sql.rowLimit == 1_000_000 && sql.timeoutSeconds == 60)
    #expect(spec.format?.value == "csv" && spec.delimiter?.value == "comma")
  }

  @Test func theRecordedCellLoadsItsSnapshot() throws {
    let (spec, sql) = try sql(
      #"load sql "SELECT 1" --db sqlite:data/q.db as one --limit 10 --timeout 5 --snapshot evidence/one.sql.csv"#)
    #expect(spec.path.value == "evidence/one.sql.csv")
    #expect(sql.snapshot?.value == "evidence/one.sql.csv")
    #expect(sql.rowLimit == 10 && sql.timeoutSeconds == 5)
  }

  @Test func aFileNamedSqlIsStillAFile() throws {
    guard case .load(let spec)? = try Parser.parse("load sql as notes") else { Issue.record("not a load"); return }
    #expect(spec.sql == nil)
    #expect(spec.path.value == "sql")
  }

  @Test(
    arguments: [
      (#"load sql "SELECT 1" --db postgresql://qa:secret@db/capa as t"#, .invalidDatabaseURL),
      (#"load sql "SELECT 1" --db postgresql://qa@db/capa?password=secret as t"#, .invalidDatabaseURL),
      (#"load sql "SELECT 1" --db postgresql://qa@db/capa"#, .missingArgument),
      (#"load sql "SELECT 1" as t"#, .missingArgument),
      (#"load sql "SELECT 1" --db mysql://qa@db/capa as t"#, .invalidDatabaseURL),
      (#"load sql "SELECT 1" --db POSTGRESQL://qa:secret@db/capa as t"#, .invalidDatabaseURL),
      (#"load sql "SELECT 1" --db data/q.db as t"#, .invalidDatabaseURL),
      (#"load sql "SELECT 1" --db sqlite:q.db as t --limit 0"#, .invalidOptionValue),
      (#"load sql "SELECT 1" --db sqlite:q.db as t --sheet 2"#, .optionNotApplicable),
      (#"load data.csv --db sqlite:q.db"#, .optionNotApplicable),
    ] as [(String, DiagnosticCode)])
  func refusedBeforeAnythingRuns(source: String, code: DiagnosticCode) {
    #expect {
      _ = try Parser.parse(source)
    } throws: { error in
      (error as? Diagnostic)?.code == code
    }
  }

  @Test func passwordsAreFoundAndRemoved() {
    #expect(DatabaseURL.holdsPassword("postgresql://a:b@h/d"))
    #expect(DatabaseURL.holdsPassword("POSTGRES://a:b@h/d"))
    #expect(DatabaseURL.holdsPassword("postgres://a@h/d?sslmode=require&pass%77ord=x"))
    #expect(!DatabaseURL.holdsPassword("postgresql://a@h:5432/d?sslmode=require"))
    #expect(!DatabaseURL.holdsPassword("sqlite:a:b@c.db"))
    #expect(
      DatabaseURL.withoutPassword("postgresql://a:b@h:1/d?password=x&sslmode=require")
        == "postgresql://a@h:1/d?sslmode=require")
  }

  /// Schemes are case-insensitive (RFC 3986): the URL `load sql` keeps parses to the host, port and
  /// database typed, and what libpq is handed carries them (a scheme libpq does not know as
  /// written would send it to the local socket).
  @Test(arguments: ["POSTGRESQL://h:5433/db", "PostgreSQL://h:5433/db", "Postgres://h:5433/db"])
  func anUpperCaseSchemeKeepsHostAndPort(url: String) throws {
    let (_, sql) = try sql(#"load sql "SELECT 1" --db \#(url) as t"#)
    #expect(sql.database.value == url)
    guard case .postgresql(let location) = try DatabaseURL(parsing: sql.database.value) else {
      Issue.record("`\(url)` is not PostgreSQL")
      return
    }
    #expect(location.host == "h" && location.port == 5433 && location.database == "db")
    #expect(location.libpqURL.hasPrefix("postgres") && location.libpqURL.lowercased() == url.lowercased())
  }

  @Test func aBadPortIsRefusedBeforeAnythingRuns() {
    #expect(throws: Diagnostic.self) { try Parser.parse(#"load sql "SELECT 1" --db postgresql://h:99999/db as t"#) }
  }
}
