import Foundation
import GembaTestSupport
import Testing

/// `load sql` from the built binary against the real server (GEMBA_TEST_PG_URL): the snapshot, the
/// counts psql gives, replay without the server, a changed answer, failures that record nothing.
@Suite(
  .enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"),
  .enabled(if: TestPostgres.runs, TestPostgres.skipReason), .serialized)
struct LoadSQLPostgresTests {
  /// A fresh table of 500 complaints, named for the test.
  func complaints(_ name: String = #function) throws -> (url: String, table: String) {
    let url = try TestPostgres.requireURL()
    let table = "complaints_" + name.lowercased().filter { $0.isLetter } + "_\(UInt32.random(in: 0...UInt32.max))"
    _ = try TestPostgres.psql(
      """
      CREATE TABLE \(table) (id int, channel text, amount numeric(10,2), opened timestamp, note text);
      INSERT INTO \(table) SELECT g, (ARRAY['phone','email','chat'])[g % 3 + 1], g * 1.25,
        timestamp '2026-01-01' + g * interval '97 minutes', CASE WHEN g % 7 = 0 THEN NULL ELSE 'n, "q" ' || g END
      FROM generate_series(1, 500) g;
      """, url: url)
    return (url, table)
  }

  func run(_ script: String, in folder: URL, _ arguments: [String] = ["nb.md"]) throws -> GembaProcess.Result {
    try GembaProcess.run(arguments, stdin: script, in: folder, timeout: 60)
  }

  @Test func theSnapshotCountsWhatPsqlCounts() throws {
    let (url, table) = try complaints()
    let folder = try GembaProcess.scratchFolder()
    let result = try run(
      """
      load sql "SELECT * FROM \(table) WHERE amount > 100" --db \(url) as c
      c | where channel = phone and amount < 400 | count
      """, in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let expected = try TestPostgres.psql(
      "SELECT count(*) FROM \(table) WHERE amount > 100 AND channel = 'phone' AND amount < 400", url: url)
    #expect(result.stdout.contains("\n\(expected) rows\n"), "\(result.stdout)")
    let all = try TestPostgres.psql("SELECT count(*) FROM \(table) WHERE amount > 100", url: url)
    #expect(result.stdout.contains("ran the query on \(url): \(all) rows × 5 columns → evidence/c.sql.csv"))
    let notebook = try GembaProcess.read(folder.appendingPathComponent("nb.md"))
    #expect(notebook.contains("as c --snapshot evidence/c.sql.csv\n"))
    #expect(notebook.contains("  query on \(url): SELECT * FROM \(table) WHERE amount > 100"))
    // The snapshot is the server's answer: psql's CSV of the same rows has the same number of records.
    let csv = try GembaProcess.read(folder.appendingPathComponent("evidence/c.sql.csv"))
    #expect(csv.hasPrefix("id,channel,amount,opened,note\n"))
  }

  /// A `numeric` is evidence as the server wrote it: trailing zeros and digits past a Double's
  /// 17 are kept, equal to psql's text of the same values.
  @Test func numericValuesKeepTheServersDigits() throws {
    let url = try TestPostgres.requireURL()
    let table = "amounts_\(UInt32.random(in: 0...UInt32.max))"
    _ = try TestPostgres.psql(
      """
      CREATE TABLE \(table) (id int, amount numeric(38,8), price numeric(10,2));
      INSERT INTO \(table) VALUES (1, 12345678901234567890.12345678, 1234.50), (2, -0.00000001, 0.10);
      """, url: url)
    let folder = try GembaProcess.scratchFolder()
    let result = try run("load sql \"SELECT * FROM \(table) ORDER BY id\" --db \(url) as a\n", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let expected = try TestPostgres.psql(
      "COPY (SELECT * FROM \(table) ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)", url: url)
    let csv = try GembaProcess.read(folder.appendingPathComponent("evidence/a.sql.csv"))
    #expect(csv == expected + "\n")
  }

  @Test func replayAndOpeningNeverContactTheServer() throws {
    let (url, table) = try complaints()
    let folder = try GembaProcess.scratchFolder()
    #expect(
      try run("load sql \"SELECT id, channel FROM \(table)\" --db \(url) as c\nc | count by channel\n", in: folder)
        .status == 0)
    // Gone from the server: a replay that ran the query again would fail or differ.
    _ = try TestPostgres.psql("DROP TABLE \(table)", url: url)
    let replay = try run("", in: folder, ["replay", "nb.md"])
    #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    #expect(replay.stdout.contains("2 matched, 0 differed, 0 drifted"))
    let opened = try run("c | count\n", in: folder)
    #expect(opened.status == 0, "\(opened.stderr)")
    #expect(opened.stdout.contains("500 rows"))
    // A changed snapshot is drift, like any evidence file.
    let snapshot = folder.appendingPathComponent("evidence/c.sql.csv")
    try (GembaProcess.read(snapshot) + "501,phone\n").write(to: snapshot, atomically: true, encoding: .utf8)
    let drifted = try run("", in: folder, ["replay", "nb.md"])
    #expect(drifted.status == 1)
    #expect(drifted.stdout.contains("drifted: cell 1 `load sql"))
  }

  @Test func aChangedAnswerIsReported() throws {
    let (url, table) = try complaints()
    let folder = try GembaProcess.scratchFolder()
    #expect(try run("load sql \"SELECT * FROM \(table)\" --db \(url) as c\n", in: folder).status == 0)
    _ = try TestPostgres.psql(
      "INSERT INTO \(table) (id, channel) SELECT g, 'chat' FROM generate_series(501, 512) g", url: url)
    let refreshed = try run("refresh c\nc | count\n", in: folder)
    #expect(refreshed.status == 0, "\(refreshed.stderr)")
    #expect(refreshed.stdout.contains("the server's answer changed since cell 1: 500 rows → 512 rows"))
    #expect(refreshed.stdout.contains("→ evidence/c-2.sql.csv"))
    #expect(refreshed.stdout.contains("\n512 rows\n"))
    // Both snapshots stay: cell 1 still replays on its own.
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("evidence/c.sql.csv").path))
    let again = try run("load sql \"SELECT * FROM \(table)\" --db \(url) as c\n", in: folder)
    #expect(again.stdout.contains("the server's answer is the same as in cell 2 (512 rows)"))
    let replay = try run("", in: folder, ["replay", "nb.md"])
    #expect(replay.status == 0, "\(replay.stdout)")
  }

  @Test func failingSQLRecordsNothingAndTheSessionGoesOn() throws {
    let (url, table) = try complaints()
    let folder = try GembaProcess.scratchFolder()
    let result = try run(
      """
      load sql "SELECT id FRM \(table)" --db \(url) as bad
      load sql "SELECT pg_sleep(5)" --db \(url) as slow --timeout 1
      load sql "SELECT * FROM \(table)" --db \(url) as big --limit 100
      load sql "SELECT * FROM gemba_private" --db \(try TestPostgres.url(role: "gemba_norights")) as p
      load sql "SELECT count(*) AS n FROM \(table)" --db \(url) as n
      """, in: folder, ["nb.md", "--keep-going"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("syntax error at or near"))
    #expect(result.stderr.contains("canceling statement due to statement timeout"))
    #expect(
      result.stderr.contains(
        "more than 100 rows, the limit for `load sql`; narrow it (WHERE, GROUP BY) or raise the limit: --limit 1000"))
    #expect(result.stderr.contains("permission denied for table gemba_private"))
    #expect(
      result.stdout.contains("loaded n: 1 rows × 1 columns") || result.stdout.contains("loaded n: 1 row × 1 column"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 1)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("evidence").path)
    #expect(files == ["n.sql.csv"])
  }
}

/// `load sql` without a server: a SQLite file, and the password refusal (which never connects).
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct LoadSQLTests {
  @Test func aSQLiteFileMadeByPythonCountsAsPythonCounts() throws {
    let folder = try GembaProcess.scratchFolder()
    let db = folder.appendingPathComponent("data/q.db")
    try FileManager.default.createDirectory(at: db.deletingLastPathComponent(), withIntermediateDirectories: true)
    let count = try TestPostgres.python(
      """
      import sqlite3, sys
      c = sqlite3.connect(sys.argv[1])
      c.execute("CREATE TABLE rejects (id INTEGER, line TEXT, width REAL, note TEXT)")
      c.executemany("INSERT INTO rejects VALUES (?, ?, ?, ?)",
        [(i, "L" + str(i % 4), 10 + (i % 13) * 0.25, None if i % 5 == 0 else "a, \\"b\\"") for i in range(1, 301)])
      c.commit()
      print(c.execute("SELECT count(*) FROM rejects WHERE line = 'L2' AND width > 11").fetchone()[0])
      """, [db.path])
    let result = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        load sql "SELECT * FROM rejects;" --db sqlite:data/q.db as r
        r | where line = L2 and width > 11 | count
        """, in: folder, timeout: 60)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\n\(count) rows\n"), "\(result.stdout)")
    #expect(result.stdout.contains("300 rows × 4 columns → evidence/r.sql.csv"))
    // Read-only: a query that writes is refused by SQLite itself.
    let write = try GembaProcess.run(
      ["nb.md"], stdin: "load sql \"SELECT 1; DELETE FROM rejects\" --db sqlite:data/q.db as w\n",
      in: folder, timeout: 60)
    #expect(write.status == 1)
    #expect(
      try TestPostgres.python(
        "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM rejects').fetchone()[0])",
        [db.path]) == "300")
  }

  @Test func aURLWithAPasswordIsRefusedAndTheNotebookIsUnchanged() throws {
    let folder = try GembaProcess.scratchFolder()
    let notebook = folder.appendingPathComponent("nb.md")
    #expect(try GembaProcess.run(["nb.md"], stdin: "note first\n", in: folder, timeout: 30).status == 0)
    let before = try Data(contentsOf: notebook)
    // Port 1: nothing listens, so a connect error would mean gemba tried to connect.
    let result = try GembaProcess.run(
      ["nb.md"], stdin: "load sql \"SELECT 1\" --db postgresql://qa:s3cret@127.0.0.1:1/capa as x\n",
      in: folder, timeout: 30)
    #expect(result.status == 1)
    #expect(result.stderr.contains("the URL holds a password; use PGPASSWORD or ~/.pgpass"))
    #expect(!result.stderr.contains("does not answer"))
    #expect(try Data(contentsOf: notebook) == before)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("evidence").path))
  }

  /// An upper-case scheme reaches libpq with its host and port: the connect error names
  /// 127.0.0.1:1 (port 1: nothing listens), not the local socket libpq falls back to when it
  /// does not see a URL.
  @Test(arguments: ["POSTGRESQL://qa@127.0.0.1:1/capa", "PostgreSQL://qa@127.0.0.1:1/capa"])
  func anUpperCaseSchemeConnectsToTheHostAndPortTyped(url: String) throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try GembaProcess.run(
      ["nb.md"], stdin: "load sql \"SELECT 1\" --db \(url) as x\n", in: folder, timeout: 30)
    #expect(result.status == 1)
    #expect(result.stderr.contains("the server does not answer at 127.0.0.1:1"), "\(result.stderr)")
  }
}
