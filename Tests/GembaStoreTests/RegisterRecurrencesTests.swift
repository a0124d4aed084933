import Foundation
import GembaTestSupport
import GembaCore
import Testing

@testable import GembaStore

/// `problems --recurring` is kept as a table the indexer refreshes for the groups each run
/// touches (Recurrences). After every kind of change an incremental run makes — an action
/// judged effective, then not effective; a notebook moved; wordings regrouped (two groups
/// joined by a new notebook, split again when it stops being a notebook) — the answer equals
/// the same question asked of the base tables in SQL written here, on SQLite and, when a server
/// is given, on PostgreSQL.
@Suite(.serialized) struct RegisterRecurrencesTests {
  /// A problem worded like `RegisterFixtures.first`'s (same group), with an action done but not yet judged.
  static let early = [
    "@2026-01-01T09:00:00Z title Early scan failures",
    "@2026-01-01T09:00:00Z problem Labels fail to scan at the pick station",
    "@2026-01-01T09:00:00Z fishbone \"Scan failures\" --template 6M",
    "@2026-01-01T09:05:00Z cause Machine \"the scanner fails on scuffed labels\"",
    "@2026-01-01T09:06:00Z finding \"scuffed labels\" --cause C1",
    "@2026-01-01T09:07:00Z action F1 \"clean the scanner window\" --owner \"Ann Lee\" --due 2026-01-03",
    "@2026-01-02T09:00:00Z done A1",
  ]
  /// Early's action judged effective on 2026-01-04, before first.md started.
  static let judged = [
    "@2026-01-04T09:00:00Z load checks.csv as checks", "@2026-01-04T09:01:00Z effective A1 --evidence checks#2",
  ]
  /// Another group: its words share only "label" and "fail" with the scan failures.
  static let pallets = [
    "@2025-12-01T09:00:00Z title Wet pallets",
    "@2025-12-01T09:00:00Z problem Labels fail on wet pallets",
    "@2025-12-01T09:05:00Z finding \"pallets stored outside\"",
    "@2025-12-01T09:07:00Z action F1 \"store pallets indoors\" --owner \"Tom Reyes\" --due 2025-12-03",
    "@2025-12-02T09:00:00Z done A1",
    "@2025-12-20T09:00:00Z load checks.csv as checks",
    "@2025-12-20T09:01:00Z effective A1 --evidence checks#2",
  ]
  /// Similar to both groups' wordings: the two become one group (named by a new smallest word set).
  static let bridge = [
    "@2026-03-05T09:00:00Z title Both",
    "@2026-03-05T09:00:00Z problem Labels fail to scan at pick on wet pallets",
  ]

  var engines: [SQLEngine] { TestPostgres.runs ? [.sqlite, .postgresql] : [.sqlite] }

  @Test func theKeptAnswerFollowsEveryChange() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    try f.notebook("first.md", RegisterFixtures.first)
    try f.notebook("second.md", RegisterFixtures.second)
    try f.notebook("early.md", Self.early)
    try f.notebook("pallets.md", Self.pallets)
    try RegisterEnginesTests.generate(30, into: f.folder.appendingPathComponent("gen"))
    let registers = try engines.map { try f.register($0) }
    defer { registers.forEach { $0.drop() } }
    /// Indexes into every register and checks the answer; returns it as text.
    func step(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [[String]] {
      var answers: [[[String]]] = []
      for r in registers {
        try r.index([f.folder.path])
        let rows = try r.questions().recurringProblems().sections[0].rows
        #expect(
          rows.map { $0.map(\.plain) } == (try Self.expected(r)), "\(what), \(r.db.engine)",
          sourceLocation: sourceLocation)
        let limited = try r.questions().recurringProblems(limit: 3).sections[0]
        #expect(
          limited.rows == Array(rows.prefix(3)) && limited.more == max(0, rows.count - 3), "\(what)",
          sourceLocation: sourceLocation)
        answers.append(rows.map { $0.map(\.plain) })
      }
      #expect(Set(answers).count == 1, "\(what): engines differ", sourceLocation: sourceLocation)
      return answers[0]
    }
    // Labels are paths as found from the folder given to `index`.
    func at(_ name: String) -> String { f.folder.path + "/" + name }
    func named(_ rows: [[String]], _ name: String) -> [[String]] { rows.filter { $0[0] == at(name) } }

    let before = try step("first index")
    #expect(named(before, "second.md").contains { $0[4] == at("first.md") })
    #expect(named(before, "first.md").isEmpty)

    // Early's action judged effective before first.md started: it becomes its groups' first, so
    // first.md now recurs too, and second.md names early.md.
    try f.notebook("early.md", Self.early + Self.judged)
    let effective = try step("an action judged effective")
    #expect(named(effective, "first.md").contains { $0[4] == at("early.md") && $0[5] == "A1" })
    #expect(named(effective, "second.md").allSatisfy { $0[4] == at("early.md") })

    // Not effective after all: first.md's action is the first again.
    try f.notebook(
      "early.md",
      Self.early + Self.judged
        + ["@2026-01-20T09:00:00Z not-effective A1 --because \"the failures came back\""])
    #expect(try step("the action judged not effective") == before)

    // Judged effective again, then moved: the label changes in the rows and in the first action.
    try f.notebook("early.md", Self.early + Self.judged)
    _ = try step("effective again")
    try FileManager.default.createDirectory(
      at: f.folder.appendingPathComponent("closed"), withIntermediateDirectories: true)
    try FileManager.default.moveItem(
      at: f.folder.appendingPathComponent("early.md"),
      to: f.folder.appendingPathComponent("closed/early.md"))
    let moved = try step("a notebook moved")
    #expect(named(moved, "first.md").contains { $0[4] == at("closed/early.md") })
    #expect(!moved.contains { $0[4] == at("early.md") })

    // A notebook worded like both groups joins them: pallets.md's action (December) is now the
    // first of the scan failures too.
    try f.notebook("bridge.md", Self.bridge)
    let joined = try step("two wording groups joined")
    #expect(named(joined, "first.md").contains { $0[2] == "problem" && $0[4] == at("pallets.md") })

    // The bridge stops being a notebook: it leaves the register and the groups split again.
    try "# notes\n".write(to: f.folder.appendingPathComponent("bridge.md"), atomically: true, encoding: .utf8)
    let split = try step("the groups split again")
    let joinedBack = split.filter { $0[0] == at("first.md") && $0[2] == "problem" && $0[4] == at("pallets.md") }
    #expect(joinedBack.isEmpty)
    #expect(named(split, "first.md") == named(moved, "first.md"))
  }

  /// `problems --recurring` asked of the base tables (`wordings` joined, as before the answer was
  /// kept), each row as the report shows it.
  static func expected(_ r: TestRegister) throws -> [[String]] {
    try r.rows(
      """
      \(RegisterCrossCheck.effectiveActionsByGroup)
      firsts AS (
        SELECT e.basis, e.grp, e.judged_at, e.label, e.action_id FROM effective e
        WHERE NOT EXISTS (SELECT 1 FROM effective o WHERE o.basis = e.basis AND o.grp = e.grp
          AND (o.judged_at < e.judged_at OR (o.judged_at = e.judged_at AND (o.label < e.label
            OR (o.label = e.label AND o.action_id < e.action_id)))))
      ),
      \(RegisterCrossCheck.problemsAndCausesByGroup)
      SELECT l.label, p.statement, x.basis, x.shown, f.label, f.action_id, f.judged_at, l.first_cell_at
      FROM later x JOIN firsts f ON f.basis = x.basis AND f.grp = x.grp
      JOIN investigations l ON l.id = x.id LEFT JOIN problems p ON p.investigation = l.id
      WHERE l.first_cell_at > f.judged_at
      ORDER BY l.label, x.basis DESC, x.shown, f.judged_at, f.label, f.action_id
      """
    ).map { row in
      row.enumerated().map { index, value in
        let text = RegisterAnswer.Value(value).plain
        return index >= 6 ? String(text.prefix(10)) : text
      }
    }
  }
}
