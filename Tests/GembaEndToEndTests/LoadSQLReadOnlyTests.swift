import Foundation
import GembaTestSupport
import Testing

/// Issue 24, finding 13: `load sql` has no side effects. Its query runs in a read-only
/// transaction, and a PostgreSQL superuser (whose functions act even then) is refused unless
/// `--allow-superuser`. The server's own tables are the independent answer (through psql).
@Suite(
  .enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"),
  .enabled(if: TestPostgres.runs, TestPostgres.skipReason), .serialized)
struct LoadSQLReadOnlyTests {
  func run(_ script: String, in folder: URL) throws -> GembaProcess.Result {
    try GembaProcess.run(["nb.md"], stdin: script, in: folder, timeout: 60)
  }

  func largeObjects(_ url: String) throws -> Int {
    Int(try TestPostgres.psql("SELECT count(*) FROM pg_largeobject_metadata", url: url)) ?? -1
  }

  /// A second session that sleeps, named so it can be found, and its process id.
  func sleeper(_ url: String, name: String) throws -> (Process, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", "-X", "-q", url, "-c", "SET application_name = '\(name)'; SELECT pg_sleep(60)"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    for _ in 0..<100 {
      let pid = try TestPostgres.psql(
        "SELECT pid FROM pg_stat_activity WHERE application_name = '\(name)'", url: url)
      if !pid.isEmpty { return (process, pid) }
      usleep(100_000)
    }
    process.terminate()
    throw CancellationError()
  }

  @Test func aSuperuserConnectionIsRefusedSoItsFunctionsNeverRun() throws {
    let superuser = try TestPostgres.url(role: "postgres")
    let folder = try GembaProcess.scratchFolder()
    let name = "gemba_sleeper_\(UInt32.random(in: 0...UInt32.max))"
    let (process, pid) = try sleeper(superuser, name: name)
    defer { process.terminate() }
    let before = try largeObjects(superuser)
    let result = try run(
      """
      load sql "SELECT lo_import('/etc/hostname') AS oid" --db \(superuser) as imported
      load sql "SELECT pg_terminate_backend(\(pid)) AS ended" --db \(superuser) as ended
      """, in: folder)
    #expect(result.status != 0)
    #expect(result.stderr.contains("superuser"), "\(result.stderr)")
    #expect(result.stderr.contains("--allow-superuser"), "\(result.stderr)")
    #expect(try largeObjects(superuser) == before)
    #expect(
      try TestPostgres.psql("SELECT count(*) FROM pg_stat_activity WHERE pid = \(pid)", url: superuser) == "1",
      "the other session was ended")
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 0)
  }

  @Test func withAllowSuperuserWhatTheQueryDidIsRolledBack() throws {
    let superuser = try TestPostgres.url(role: "postgres")
    let folder = try GembaProcess.scratchFolder()
    let before = try largeObjects(superuser)
    // PostgreSQL lets lo_import run in a read-only transaction; the transaction is never
    // committed, so the large object it made is gone when gemba disconnects.
    _ = try run(
      "load sql \"SELECT lo_import('/etc/hostname') AS oid\" --db \(superuser) as imported --allow-superuser\n",
      in: folder)
    #expect(try largeObjects(superuser) == before)
    // A plain query is allowed, and the flag is kept in the cell, so `refresh` runs it the same way.
    let plain = try run(
      "load sql \"SELECT 1 AS one\" --db \(superuser) as one --allow-superuser\nrefresh one\n", in: folder)
    #expect(plain.status == 0, "\(plain.stderr)")
    let notebook = try GembaProcess.read(folder.appendingPathComponent("nb.md"))
    let commands = notebook.components(separatedBy: "```gemba\n").dropFirst().map { $0.prefix { $0 != "\n" } }
    // The lo_import cell too: it ran, and what it made was rolled back.
    #expect(commands.count == 3, "\(notebook)")
    #expect(commands.allSatisfy { $0.contains(" --allow-superuser") }, "\(commands)")
  }

  @Test func anOrdinaryRoleCannotWriteEvenThroughAFunction() throws {
    let url = try TestPostgres.requireURL()
    let folder = try GembaProcess.scratchFolder()
    let table = "written_\(UInt32.random(in: 0...UInt32.max))"
    _ = try TestPostgres.psql(
      """
      CREATE TABLE \(table) (n int);
      CREATE FUNCTION \(table)_add() RETURNS int LANGUAGE sql AS 'INSERT INTO \(table) VALUES (1) RETURNING n';
      """, url: url)
    let result = try run("load sql \"SELECT \(table)_add() AS n\" --db \(url) as n\n", in: folder)
    #expect(result.status != 0)
    #expect(result.stderr.contains("read-only transaction"), "\(result.stderr)")
    #expect(try TestPostgres.psql("SELECT count(*) FROM \(table)", url: url) == "0")
  }
}
