import Dispatch
import Foundation
import GembaTestSupport
import GembaCore
import Testing

@testable import GembaStore

/// The same notebooks indexed into SQLite and into PostgreSQL (a fresh schema per test): every
/// question's answer is the same on both, and equals plain SQL written here over the base tables
/// (the grouping as it was before `cause_groups`: a join to `wordings`, names lowercased by the
/// database), run on each engine.
@Suite(.enabled(if: TestPostgres.runs, TestPostgres.skipReason), .serialized)
struct RegisterEnginesTests {
  /// The hand-written fixtures, 40 generated notebooks, and one tampered notebook, in one folder.
  func notebooks() throws -> RegisterFixtures {
    let f = try RegisterFixtures()
    try f.notebook("first.md", RegisterFixtures.first)
    try f.notebook("second.md", RegisterFixtures.second)
    try f.notebook("capa.md", RegisterFixtures.corrective)
    try f.notebook(
      "signed.md",
      ["title Signed", "problem \"it broke\"", "signoff \"Quality manager\" \"Ann Lee\" --meaning approved"])
    try f.notebook(
      "bent.md", ["title Bent", "problem \"the lid bends\"", "contain \"hold the lids\" --owner \"Ann Lee\""])
    let bent = f.folder.appendingPathComponent("bent.md")
    try (try String(contentsOf: bent, encoding: .utf8)).replacingOccurrences(
      of: "hold the lids", with: "hold the boxes"
    )
    .write(to: bent, atomically: true, encoding: .utf8)
    try Self.generate(40, into: f.folder.appendingPathComponent("gen"))
    return f
  }

  static func generate(_ count: Int, into folder: URL) throws {
    let generate = Process()
    generate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scripts/gen-notebooks")
    generate.arguments = ["python3", script.path, String(count), folder.path]
    try generate.run()
    generate.waitUntilExit()
    #expect(generate.terminationStatus == 0)
  }

  /// Every question, in every form the command line asks it.
  func answers(_ r: TestRegister) throws -> [String: RegisterAnswer] {
    let q = try r.questions()
    var out: [String: RegisterAnswer] = [:]
    for asOf in ["2024-06-01", "2025-06-01", "2026-01-05", "2026-03-10"] {
      let today = CalendarDateText(asOf)!
      out["actions \(asOf)"] = try q.actions(.open, owner: nil, today: today)
      out["overdue \(asOf)"] = try q.actions(.overdue, owner: nil, today: today)
      out["overdue 3 \(asOf)"] = try q.actions(.overdue, owner: nil, today: today, limit: 3)
      out["review \(asOf)"] = try q.actions(.dueReview, owner: nil, today: today)
      out["tom \(asOf)"] = try q.actions(.open, owner: "TOM REYES", today: today)
      out["containments \(asOf)"] = try q.containments(overdue: false, owner: nil, today: today)
      out["containments overdue \(asOf)"] = try q.containments(overdue: true, owner: nil, today: today)
    }
    out["investigations"] = try q.investigations(state: nil)
    out["investigations 5"] = try q.investigations(state: nil, limit: 5)
    for state in RegisterQuestions.states { out["state \(state)"] = try q.investigations(state: state) }
    out["causes"] = try q.recurringCauses()
    out["causes 4"] = try q.recurringCauses(limit: 4)
    out["problems"] = try q.recurringProblems()
    out["problems 7"] = try q.recurringProblems(limit: 7)
    out["kpis"] = try q.kpis()
    return out
  }

  @Test func everyAnswerIsTheSameOnBothEnginesAndEqualsPlainSQL() throws {
    let f = try notebooks()
    defer { f.remove() }
    let lite = try f.register(.sqlite), pg = try f.register(.postgresql)
    defer { pg.drop() }
    let liteReport = try lite.index([f.folder.path])
    let pgReport = try pg.index([f.folder.path])
    #expect(liteReport == pgReport)
    #expect(liteReport.failed == 1)
    #expect(liteReport.new == 44)
    let a = try answers(lite), b = try answers(pg)
    #expect(a.keys.sorted() == b.keys.sorted())
    for key in a.keys.sorted() { #expect(a[key] == b[key], "\(key)") }
    // Something to compare: each question has rows.
    for key in [
      "overdue 2026-03-10", "review 2026-03-10", "containments overdue 2026-03-10", "causes", "problems",
      "state contained",
    ] {
      #expect(!(a[key]?.sections[0].rows.isEmpty ?? true), "\(key) is empty")
    }
    for r in [lite, pg] { try crossCheck(r, answers: a) }
  }

  /// The answers against SQL written here, on `r`'s engine.
  func crossCheck(
    _ r: TestRegister, answers a: [String: RegisterAnswer], sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    func strings(_ rows: [[SQLValue]]) -> [[String]] { rows.map { $0.map { RegisterAnswer.Value($0).plain } } }
    for asOf in ["2024-06-01", "2026-03-10"] {
      let day = SQLValue.integer(Int64(CalendarDateText(asOf)!.day))
      let overdue = try r.rows(
        """
        SELECT i.label, a.action_id FROM actions a, investigations i
        WHERE i.id = a.investigation AND i.status = 'ok' AND a.state = 'open' AND a.due_day < ? ORDER BY 1, 2
        """, [day])
      #expect(
        a["overdue \(asOf)"]!.sections[0].rows.map { [$0[0].plain, $0[1].plain] }.sorted {
          $0.lexicographicallyPrecedes($1)
        }
          == strings(overdue), sourceLocation: sourceLocation)
      let limited = a["overdue 3 \(asOf)"]!.sections[0]
      #expect(
        limited.rows.count == min(3, overdue.count) && limited.more == overdue.count - limited.rows.count,
        sourceLocation: sourceLocation)
      let review = try r.rows(
        """
        SELECT i.label, a.action_id FROM actions a, investigations i
        WHERE i.id = a.investigation AND i.status = 'ok' AND a.state IN ('done', 'effective') AND a.review_due_day <= ? ORDER BY 1, 2
        """, [day])
      #expect(
        a["review \(asOf)"]!.sections[0].rows.map { [$0[0].plain, $0[1].plain] }.sorted {
          $0.lexicographicallyPrecedes($1)
        }
          == strings(review), sourceLocation: sourceLocation)
      let contained = try r.rows(
        """
        SELECT i.label, k.containment_id FROM containments k, investigations i
        WHERE i.id = k.investigation AND i.status = 'ok' AND k.state = 'open' AND k.due_day < ? ORDER BY 1, 2
        """, [day])
      #expect(
        a["containments overdue \(asOf)"]!.sections[0].rows.map { [$0[0].plain, $0[1].plain] }
          .sorted { $0.lexicographicallyPrecedes($1) } == strings(contained), sourceLocation: sourceLocation)
    }
    for state in RegisterQuestions.states {
      let labels = try r.rows(
        "SELECT label FROM investigations WHERE status = 'ok' AND state = ? ORDER BY label", [.text(state)])
      #expect(
        a["state \(state)"]!.sections[0].rows.map { [$0[0].plain] } == strings(labels), sourceLocation: sourceLocation)
    }
    let all = try r.rows("SELECT COUNT(*) FROM investigations", [])
    #expect(a["investigations 5"]!.sections[0].more == Int(all[0][0].integer ?? 0) - 5, sourceLocation: sourceLocation)

    // Recurring causes, the way the question was asked before cause_groups.
    let members = [
      (
        "wording",
        """
        SELECT DISTINCT c.kind || ':' || c.category || ':' || w.wording_group AS grp, c.investigation, c.cause_id, c.text AS shown
        FROM causes c JOIN investigations i ON i.id = c.investigation AND i.status = 'ok'
        JOIN wordings w ON w.kind = 'cause' AND w.category = c.category AND w.terms = c.terms
        WHERE c.status <> 'ruled-out' AND c.terms <> ''
        """
      ),
      (
        "step",
        """
        SELECT DISTINCT LOWER(s.step_name) AS grp, c.investigation, c.cause_id, s.step_name AS shown
        FROM causes c JOIN investigations i ON i.id = c.investigation AND i.status = 'ok'
        JOIN finding_causes fc ON fc.investigation = c.investigation AND fc.cause_id = c.cause_id
        JOIN (SELECT investigation, finding_id, step_name FROM findings WHERE step_name IS NOT NULL
              UNION SELECT investigation, finding_id, to_step_name FROM findings WHERE to_step_name IS NOT NULL) s
          ON s.investigation = fc.investigation AND s.finding_id = fc.finding_id
        WHERE c.status <> 'ruled-out'
        """
      ),
      (
        "SOP",
        """
        SELECT DISTINCT LOWER(a.standard) AS grp, c.investigation, c.cause_id, a.standard AS shown
        FROM causes c JOIN investigations i ON i.id = c.investigation AND i.status = 'ok'
        JOIN finding_causes fc ON fc.investigation = c.investigation AND fc.cause_id = c.cause_id
        JOIN actions a ON a.investigation = fc.investigation AND a.finding_id = fc.finding_id
        WHERE c.status <> 'ruled-out' AND a.standard IS NOT NULL
        """
      ),
    ]
    var expected: [[String]] = []
    for (basis, sql) in members {
      let groups = try r.rows(
        """
        SELECT MIN(m.shown), COUNT(DISTINCT m.investigation), COUNT(*), SUM(CASE WHEN c.status = 'confirmed' THEN 1 ELSE 0 END)
        FROM (\(sql)) m JOIN causes c ON c.investigation = m.investigation AND c.cause_id = m.cause_id
        GROUP BY m.grp HAVING COUNT(DISTINCT m.investigation) >= 2
        ORDER BY COUNT(DISTINCT m.investigation) DESC, m.grp
        """, [])
      expected += strings(groups).map { [basis] + $0 }
    }
    let causes = a["causes"]!.sections[0]
    #expect(
      causes.rows.map { [$0[0].plain, $0[2].plain, $0[3].plain, $0[4].plain, $0[5].plain] } == expected,
      sourceLocation: sourceLocation)
    #expect(a["causes 4"]!.sections[0].rows == Array(causes.rows.prefix(4)), sourceLocation: sourceLocation)
    #expect(a["causes 4"]!.sections[0].more == max(0, causes.rows.count - 4), sourceLocation: sourceLocation)

    // Recurring problems, with the wordings joined as before.
    let problems = try r.rows(
      """
      \(RegisterCrossCheck.effectiveActionsByGroup)
      firsts AS (
        SELECT basis, grp, MIN(judged_at || ' ' || label || ' ' || action_id) AS first FROM effective GROUP BY basis, grp
      ),
      \(RegisterCrossCheck.problemsAndCausesByGroup)
      SELECT l.label, x.basis, x.shown FROM later x JOIN firsts f ON f.basis = x.basis AND f.grp = x.grp
      JOIN investigations l ON l.id = x.id
      WHERE l.first_cell_at > f.first
      ORDER BY l.label, x.basis DESC, x.shown, f.first
      """, [])
    let shown = a["problems"]!.sections[0].rows
    #expect(shown.map { [$0[0].plain, $0[2].plain, $0[3].plain] } == strings(problems), sourceLocation: sourceLocation)
    #expect(a["problems 7"]!.sections[0].rows == Array(shown.prefix(7)), sourceLocation: sourceLocation)

    // KPIs: states, the containment median, the Pareto.
    let kpis = a["kpis"]!
    let states = Dictionary(
      uniqueKeysWithValues: try r.rows(
        "SELECT state, COUNT(*) FROM investigations WHERE status = 'ok' GROUP BY state", []
      ).map { ($0[0].text!, Int($0[1].integer!)) })
    #expect(
      kpis.sections[2].rows.prefix(RegisterQuestions.states.count).map { "\($0[0].plain)=\($0[1].plain)" }
        == RegisterQuestions.states.map { "\($0)=\(states[$0] ?? 0)" }, sourceLocation: sourceLocation)
    let days = try r.rows(
      "SELECT contained_day - first_day FROM investigations WHERE status = 'ok' AND contained_day IS NOT NULL", []
    )
    .map { Int($0[0].integer!) }.sorted()
    let median =
      days.isEmpty
      ? nil
      : days.count % 2 == 1
        ? Double(days[days.count / 2])
        : Double(days[days.count / 2 - 1] + days[days.count / 2]) / 2
    #expect(
      kpis.sections[0].rows[0][1] == (median.map { .number($0, places: 1) } ?? .empty), sourceLocation: sourceLocation)
    let pareto = try r.rows(
      """
      SELECT category, COUNT(*) FROM causes c JOIN investigations i ON i.id = c.investigation
      WHERE i.status = 'ok' AND kind = 'fishbone' AND c.status = 'confirmed' GROUP BY category ORDER BY COUNT(*) DESC, category
      """, [])
    #expect(
      kpis.sections[3].rows.map { [$0[0].plain, $0[1].plain] } == strings(pareto), sourceLocation: sourceLocation)
    // The record's counts and the actions' shares, over the tables that hold the items.
    let record = try r.rows(
      """
      SELECT (SELECT COUNT(DISTINCT investigation) FROM team), (SELECT COUNT(DISTINCT investigation) FROM containments),
        (SELECT COUNT(DISTINCT investigation) FROM escapes), (SELECT COUNT(DISTINCT investigation) FROM extent_checks),
        (SELECT COUNT(*) FROM actions WHERE check_query IS NOT NULL), (SELECT COUNT(*) FROM actions),
        (SELECT COUNT(*) FROM actions WHERE effective = 1), (SELECT COUNT(*) FROM actions WHERE effective IS NOT NULL)
      """, [])
    let parts = kpis.sections[4].rows, key = kpis.sections[1].rows
    #expect(
      [parts[0][1], parts[1][1], parts[3][1], parts[4][1], parts[5][1], parts[5][2], key[0][2], key[1][3]].map(\.plain)
        == strings(record)[0], sourceLocation: sourceLocation)
  }

  @Test func reindexingAfterAChangeKeepsBothEnginesEqual() throws {
    let f = try notebooks()
    defer { f.remove() }
    let lite = try f.register(.sqlite), pg = try f.register(.postgresql)
    defer { pg.drop() }
    try lite.index([f.folder.path])
    try pg.index([f.folder.path])
    // The second notebook gains a cause worded like one in the first, and a notebook moves.
    try f.notebook(
      "second.md", RegisterFixtures.second + ["@2026-03-01T08:00:00Z cause Method \"nobody owns the label condition\""])
    try FileManager.default.moveItem(
      at: f.folder.appendingPathComponent("first.md"), to: f.folder.appendingPathComponent("a-first.md"))
    let liteReport = try lite.index([f.folder.path]), pgReport = try pg.index([f.folder.path])
    #expect(liteReport == pgReport)
    #expect((liteReport.changed, liteReport.moved.count) == (1, 1))
    let a = try answers(lite), b = try answers(pg)
    for key in a.keys.sorted() { #expect(a[key] == b[key], "\(key)") }
    #expect(a["causes"]!.sections[0].rows.contains { $0[6].plain.contains("a-first.md") })
    for r in [lite, pg] { try crossCheck(r, answers: a) }
  }

  @Test func twoIndexersIntoOnePostgresRegisterNeitherFailNorDuplicate() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    try Self.generate(60, into: f.folder)
    let pg = try f.register(.postgresql)
    defer { pg.drop() }
    let url = pg.url
    let folder = f.folder.path
    let results = UnsafeMutableBufferPointer<Result<RegisterIndexer.Report, any Error>?>.allocate(capacity: 2)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let shared = results
    DispatchQueue.concurrentPerform(iterations: 2) { i in
      shared[i] = Result {
        let db = try PostgresDatabase(url: url)
        return try RegisterIndexer(db: db, name: url).index([folder], now: "2026-04-01T00:00:00Z")
      }
    }
    let reports = try results.map { try #require($0).get() }
    #expect(reports.map(\.failed) == [0, 0])
    // Between them every notebook is new exactly once; the other saw it as unchanged.
    #expect(reports.map(\.new).reduce(0, +) == 60)
    #expect(reports.map(\.total) == [60, 60])
    #expect(try pg.rows("SELECT COUNT(*), COUNT(DISTINCT path) FROM investigations") == [[.integer(60), .integer(60)]])
    // Nothing lost: the same rows as one indexer writes into SQLite.
    let lite = try f.register(.sqlite)
    try lite.index([folder])
    for table in RegisterTables.children + ["wordings"] {
      let sql = "SELECT COUNT(*) FROM \(table)"
      #expect(try pg.rows(sql) == lite.rows(sql), "\(table)")
    }
  }
}
