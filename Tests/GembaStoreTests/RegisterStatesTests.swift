import Foundation
import GembaCore
import GembaTestSupport
import Testing

@testable import GembaStore

/// The states of a CAPA log (docs/register.md, "States"): closed once every action is judged
/// effective, dated by the last such judgement or a `verified` sign-off after it; a sign-off alone
/// closes nothing. Expected answers come from the notebooks' own text and from SQL written here.
@Suite(.serialized) struct RegisterStatesTests {
  var engines: [SQLEngine] { TestPostgres.runs ? [.sqlite, .postgresql] : [.sqlite] }

  /// The first cells, titled by `name` (the first cell is a notebook's identity).
  static func start(_ name: String) -> [String] { ["@2026-05-01T09:00:00Z title Seal leaks \(name)"] + rest }
  static let rest = [
    "@2026-05-01T09:00:00Z problem Seals leak after the press change",
    "@2026-05-01T09:00:00Z fishbone \"Seal leaks\" --template 6M",
    "@2026-05-02T09:00:00Z cause Machine \"the press overheats the seal\"",
    "@2026-05-03T09:00:00Z confirm C1 --because every leaking seal came from press 2",
    "@2026-05-03T09:01:00Z root C1",
    "@2026-05-04T09:00:00Z finding \"seals deform at the press\" --cause C1",
    "@2026-05-04T09:01:00Z action F1 \"retime the press\" --owner \"Sam Lee\" --due 2026-05-20",
    "@2026-05-04T09:02:00Z load checks.csv as checks",
  ]

  /// Each notebook, the state its text gives, and the closing moment its text gives (the time of
  /// the cell named in the comment).
  static let cases: [(name: String, commands: [String], state: String, closed: String?)] = [
    // Signed while the action is open: approved, not closed.
    (
      "signed-open.md",
      start("signed-open.md") + ["@2026-05-05T09:00:00Z signoff \"Quality manager\" \"Ann Lee\" --meaning approved"],
      "signed", nil
    ),
    // Signed and the action done: the effectiveness review is still owed.
    (
      "signed-done.md",
      start("signed-done.md") + [
        "@2026-05-05T09:00:00Z signoff \"Quality manager\" \"Ann Lee\" --meaning approved",
        "@2026-05-10T09:00:00Z done A1",
      ], "awaiting-effectiveness", nil
    ),
    // Judged effective, never signed: closed when judged (the `effective` cell).
    (
      "effective.md",
      start("effective.md") + [
        "@2026-05-10T09:00:00Z done A1",
        "@2026-06-10T09:00:00Z effective A1 --evidence checks#2",
      ], "closed", "2026-06-10T09:00:00Z"
    ),
    // Verified by a sign-off after the judgement: closed at that sign-off (the last one).
    (
      "verified.md",
      start("verified.md") + [
        "@2026-05-05T09:00:00Z signoff \"Quality manager\" \"Ann Lee\" --meaning approved",
        "@2026-05-10T09:00:00Z done A1",
        "@2026-06-10T09:00:00Z effective A1 --evidence checks#2",
        "@2026-06-12T09:00:00Z signoff \"Quality manager\" \"Ann Lee\" --meaning verified",
        "@2026-06-15T09:00:00Z signoff \"Plant manager\" \"Bo Chen\" --meaning verified",
      ], "closed", "2026-06-15T09:00:00Z"
    ),
    // A `verified` sign-off before the judgement verifies nothing of it: closed when judged.
    (
      "verified-early.md",
      start("verified-early.md") + [
        "@2026-05-05T09:00:00Z signoff \"Quality manager\" \"Ann Lee\" --meaning verified",
        "@2026-05-10T09:00:00Z done A1",
        "@2026-06-10T09:00:00Z effective A1 --evidence checks#2",
      ], "closed", "2026-06-10T09:00:00Z"
    ),
    // Judged not effective after a sign-off: signed, not closed, not awaiting.
    (
      "not-effective.md",
      start("not-effective.md") + [
        "@2026-05-05T09:00:00Z signoff \"Quality manager\" \"Ann Lee\" --meaning approved",
        "@2026-05-10T09:00:00Z done A1",
        "@2026-06-10T09:00:00Z not-effective A1 --because leaks went on",
      ], "signed", nil
    ),
    // Nothing signed, root cause confirmed, action open.
    ("working.md", start("working.md"), "root-cause-found", nil),
  ]

  /// The rule written as SQL over the base tables (not the fold): the top three states and the closing moment.
  static let ruleSQL = """
    SELECT i.label,
      CASE WHEN n.actions > 0 AND n.effective = n.actions THEN 'closed'
        WHEN n.actions > 0 AND n.done = n.actions THEN 'awaiting-effectiveness'
        WHEN EXISTS (SELECT 1 FROM signoffs s WHERE s.investigation = i.id) THEN 'signed'
        ELSE 'earlier' END,
      CASE WHEN n.actions > 0 AND n.effective = n.actions THEN COALESCE(
        (SELECT MAX(s.signed_at) FROM signoffs s WHERE s.investigation = i.id AND s.meaning = 'verified' AND s.signed_at >= n.judged),
        n.judged) END
    FROM investigations i JOIN (
      SELECT investigation, COUNT(*) AS actions, SUM(CASE WHEN state = 'effective' THEN 1 ELSE 0 END) AS effective,
        SUM(CASE WHEN state IN ('done', 'effective') THEN 1 ELSE 0 END) AS done, MAX(judged_at) AS judged
      FROM actions GROUP BY investigation) n ON n.investigation = i.id
    WHERE i.status = 'ok' ORDER BY i.label
    """

  @Test func statesAndClosureFollowTheCAPARule() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    for c in Self.cases { try f.notebook(c.name, c.commands) }
    for engine in engines {
      let r = try f.register(engine)
      defer { r.drop() }
      try r.index([f.folder.path])
      let listed = try r.questions().investigations(state: nil).sections[0]
      let stateColumn = listed.columns.firstIndex(of: "state")!, closedColumn = listed.columns.firstIndex(of: "closed")!
      for c in Self.cases {
        let row = listed.rows.first { $0[0].plain.hasSuffix(c.name) }
        #expect(row?[stateColumn].plain == c.state, "\(engine) \(c.name)")
        #expect(row?[closedColumn].plain == (c.closed.map { String($0.prefix(10)) } ?? ""), "\(engine) \(c.name)")
      }
      // The rule in SQL agrees with the fold for every notebook with actions.
      for row in try r.rows(Self.ruleSQL) {
        let label = row[0].text!, name = URL(fileURLWithPath: label).lastPathComponent
        let c = Self.cases.first { $0.name == name }!
        #expect(
          row[1].text == (["closed", "awaiting-effectiveness", "signed"].contains(c.state) ? c.state : "earlier"),
          "\(engine) \(name)")
        #expect(row[2].text == c.closed, "\(engine) \(name)")
      }
      // `--state` lists what the states say, and `kpis` counts them.
      for state in RegisterQuestions.states {
        let expected = Self.cases.filter { $0.state == state }.map(\.name).sorted()
        let rows = try r.questions().investigations(state: state).sections[0].rows
        #expect(
          rows.map { URL(fileURLWithPath: $0[0].plain).lastPathComponent }.sorted() == expected, "\(engine) \(state)")
      }
      let byState = try r.questions().kpis().sections[2].rows.prefix(RegisterQuestions.states.count)
      #expect(
        byState.map { "\($0[0].plain)=\($0[1].plain)" }
          == RegisterQuestions.states.map { s in "\(s)=\(Self.cases.filter { $0.state == s }.count)" }, "\(engine)")
    }
  }

  /// The refund example: approved on 2026-11-20 with A2 open; A2 judged effective and the record
  /// signed `verified` in the follow-up. Closed at the cell that holds that sign-off.
  @Test func theRefundExampleClosesAtItsVerifiedSignoff() throws {
    let notebook = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("notebooks/refund-guidance/refund-guidance.md")
    let text = try String(contentsOf: notebook, encoding: .utf8)
    // The time in the header of the cell whose command is the verified sign-off.
    var cellTime: String?, verifiedAt: String?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("<!-- cell ") { cellTime = line.split(separator: "·")[1].trimmingCharacters(in: .whitespaces) }
      if line.hasPrefix("signoff "), line.contains("--meaning verified") { verifiedAt = cellTime }
    }
    let f = try RegisterFixtures()
    defer { f.remove() }
    try FileManager.default.copyItem(at: notebook, to: f.folder.appendingPathComponent("refund-guidance.md"))
    for engine in engines {
      let r = try f.register(engine)
      defer { r.drop() }
      try r.index([f.folder.path])
      let rows = try r.rows("SELECT state, closed_at FROM investigations")
      #expect(verifiedAt != nil)
      #expect(rows == [[.text("closed"), .optional(verifiedAt)]], "\(engine)")
    }
  }
}
