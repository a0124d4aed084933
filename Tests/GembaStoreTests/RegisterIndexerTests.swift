import Foundation
import GembaCore
import Testing

@testable import GembaStore

@Suite struct RegisterIndexerTests {
  func count(_ db: SQLiteDatabase, _ sql: String) throws -> Int64 {
    try db.execute(sql, []).rows.first?.first?.integer ?? -1
  }

  @Test func indexesNotebooksSkipsOtherFilesAndIsIncremental() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    let first = try f.notebook("a/first.md", RegisterFixtures.first)
    try f.notebook("b/second.md", RegisterFixtures.second)
    try "# Notes\nnot a notebook\n".write(
      to: f.folder.appendingPathComponent("a/README.md"), atomically: true, encoding: .utf8)
    try "<!-- gemba notebook v2 -->".write(
      to: f.folder.appendingPathComponent("a/plain.txt"), atomically: true, encoding: .utf8)
    var report = try f.index()
    #expect((report.new, report.changed, report.unchanged, report.failed) == (2, 0, 0, 0))
    #expect(report.problems.isEmpty)
    report = try f.index()
    #expect((report.new, report.changed, report.unchanged, report.failed) == (0, 0, 2, 0))
    // One more cell: the notebook's last chain value moves, so it is folded again.
    let second = try f.notebook("b/second.md", RegisterFixtures.second + ["@2026-03-01T08:00:00Z done A1"])
    report = try f.index()
    #expect((report.new, report.changed, report.unchanged, report.failed) == (0, 1, 1, 0))
    let db = try SQLiteDatabase(path: f.db)
    #expect(try count(db, "SELECT COUNT(*) FROM investigations") == 2)
    let done = (first.actions + second.actions).filter { $0.state == .done }.count
    #expect(try count(db, "SELECT COUNT(*) FROM actions WHERE state = 'done'") == Int64(done))
  }

  @Test func aMovedNotebookKeepsItsIdentityAndACopyIsReported() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    try f.notebook("first.md", RegisterFixtures.first)
    _ = try f.index()
    let db = try SQLiteDatabase(path: f.db)
    let id = try db.execute("SELECT id FROM investigations", []).rows.first?.first?.text
    try FileManager.default.createDirectory(
      at: f.folder.appendingPathComponent("closed"), withIntermediateDirectories: true)
    try FileManager.default.moveItem(
      at: f.folder.appendingPathComponent("first.md"),
      to: f.folder.appendingPathComponent("closed/renamed.md"))
    let report = try f.index()
    #expect((report.new, report.changed, report.unchanged) == (0, 0, 1))
    #expect(report.moved.count == 1)
    let rows = try db.execute("SELECT id, path FROM investigations", []).rows
    #expect(rows.count == 1)
    #expect(rows.first?[0].text == id)
    #expect(rows.first?[1].text?.hasSuffix("/closed/renamed.md") == true)
    // A copy beside it is the same investigation: reported, not indexed twice.
    try FileManager.default.copyItem(
      at: f.folder.appendingPathComponent("closed/renamed.md"),
      to: f.folder.appendingPathComponent("copy.md"))
    let again = try f.index()
    #expect(again.failed == 1)
    #expect(again.problems.contains { $0.contains("copy.md") && $0.contains("copy of") })
    #expect(try count(db, "SELECT COUNT(*) FROM investigations") == 1)
  }

  @Test func aTamperedNotebookIsStoredAsTamperedAndNeverCounted() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    try f.notebook("first.md", RegisterFixtures.first)
    try f.notebook("second.md", RegisterFixtures.second)
    _ = try f.index()
    // Edit one cell's output: the chain no longer holds.
    let url = f.folder.appendingPathComponent("second.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let edited = text.replacingOccurrences(of: "protect labels with a cover", with: "protect labels with a lid")
    #expect(edited != text)
    try edited.write(to: url, atomically: true, encoding: .utf8)
    let report = try f.index()
    #expect(report.failed == 1)
    #expect(report.problems.contains { $0.hasPrefix("tampered: ") && $0.contains("second.md") })
    let db = try SQLiteDatabase(path: f.db)
    let row = try db.execute("SELECT status, detail, state FROM investigations WHERE path LIKE '%second.md'", []).rows
      .first
    #expect(row?[0].text == "tampered")
    #expect(row?[1].text?.contains("does not match its chain value") == true)
    #expect(row?[2] == .null)
    // Nothing of it is asked about: its causes and actions are gone from the register.
    #expect(
      try count(
        db, "SELECT COUNT(*) FROM actions a JOIN investigations i ON i.id = a.investigation WHERE i.status <> 'ok'")
        == 0)
    let open = try f.questions().actions(.open, owner: nil, today: CalendarDateText("2026-04-01")!)
    #expect(!open.sections[0].rows.contains { $0[0].plain.contains("second") })
    // Still said again on the next run, even with the file unchanged.
    let next = try f.index()
    #expect(next.failed == 1)
  }

  @Test func newerFormatsUnreadableFilesAndNonNotebooksAreReportedOrSkipped() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    try f.notebook("first.md", RegisterFixtures.first)
    try "<!-- gemba notebook v3 -->\n\n<!-- cell 1 · 2030-01-01T00:00:00Z · chain 0000000000000000 -->\n"
      .write(to: f.folder.appendingPathComponent("future.md"), atomically: true, encoding: .utf8)
    var bytes = Array("\n<!-- gemba notebook v2 -->\n".utf8)
    bytes += [0xFF, 0xFE, 0x00, 0x41]
    try Data(bytes).write(to: f.folder.appendingPathComponent("binary.md"))
    try "Just notes.\n".write(to: f.folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
    let report = try f.index()
    #expect((report.new, report.failed) == (1, 2))
    #expect(report.problems.contains { $0.contains("future.md") && $0.contains("newer gemba (format v3)") })
    #expect(
      report.problems.contains { $0.hasPrefix("unreadable: ") && $0.contains("binary.md") && $0.contains("UTF-8") })
    #expect(!report.problems.contains { $0.contains("notes.md") })
    let db = try SQLiteDatabase(path: f.db)
    #expect(try count(db, "SELECT COUNT(*) FROM investigations WHERE path LIKE '%future.md'") == 0)
    #expect(try count(db, "SELECT COUNT(*) FROM investigations WHERE status = 'unreadable'") == 1)
  }

  @Test func aRegisterFromANewerGembaIsRefused() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    try f.notebook("first.md", RegisterFixtures.first)
    _ = try f.index()
    let db = try SQLiteDatabase(path: f.db)
    // One past the latest: a register written by a newer gemba.
    _ = try db.execute("UPDATE schema_version SET version = \(RegisterSchema.latest + 1)", [])
    let expected =
      "register \(f.db) has schema \(RegisterSchema.latest + 1); this gemba knows up to \(RegisterSchema.latest): upgrade gemba"
    #expect(throws: SQLError(.schema, expected, database: f.db)) { try f.index() }
    #expect(throws: SQLError(.schema, expected, database: f.db)) { try f.questions() }
  }

  @Test func migrationsAreRecordedOnceAndRunAgainAsNothing() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    let db = try SQLiteDatabase(path: f.folder.appendingPathComponent("r.db").path)
    try RegisterSchema.migrate(db, name: "r.db")
    try RegisterSchema.migrate(db, name: "r.db")
    #expect(try db.execute("SELECT version FROM schema_version", []).rows == [[.integer(Int64(RegisterSchema.latest))]])
  }
}
