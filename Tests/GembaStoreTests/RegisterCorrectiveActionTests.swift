import Foundation
import GembaCore
import Testing

@testable import GembaStore

/// The corrective-action parts in the register: each answer against the fixture's own script
/// and the session's fold, worked out here without the register's code.
@Suite struct RegisterCorrectiveActionTests {
  func fixtures() throws -> (RegisterFixtures, Investigation) {
    let f = try RegisterFixtures()
    let inv = try f.notebook("capa.md", RegisterFixtures.corrective)
    try f.notebook("first.md", RegisterFixtures.first)
    try f.notebook(
      "signed.md",
      ["title Signed", "problem \"it broke\"", "signoff \"Quality manager\" \"Ann Lee\" --meaning approved"])
    _ = try f.index()
    return (f, inv)
  }

  func rows(_ f: RegisterFixtures, _ sql: String) throws -> [[SQLValue]] {
    try SQLiteDatabase(path: f.db).execute(sql, []).rows
  }

  /// The time of the fixture line that holds `text`.
  func time(of text: String) -> String {
    let line = RegisterFixtures.corrective.first { $0.contains(text) }!
    return String(line.dropFirst().prefix { $0 != " " })
  }

  @Test func thePartsAreStoredAsTheNotebookHasThem() throws {
    let (f, inv) = try fixtures()
    defer { f.remove() }
    let capa = "(SELECT id FROM investigations WHERE path LIKE '%capa.md')"
    #expect(
      try rows(f, "SELECT name, role FROM team WHERE investigation = \(capa) ORDER BY name")
        == [[.text("Dana Ortiz"), .text("champion")], [.text("Sam Lee"), .text("leader")]])
    #expect(
      try rows(
        f,
        "SELECT containment_id, owner, due, state, verified_at FROM containments WHERE investigation = \(capa) ORDER BY cell"
      )
        == [
          [.text("K1"), .text("Sam Lee"), .text("2026-01-04"), .text("verified"), .text(time(of: "contained K1"))],
          [.text("K2"), .text("Dana Ortiz"), .text("2026-01-03"), .text("open"), .null],
        ])
    #expect(
      try rows(f, "SELECT escape_id, step_id, step_name FROM escapes WHERE investigation = \(capa)")
        == [[.text("E1"), .text("S3"), .text("seal")]])
    #expect(
      try rows(
        f,
        "SELECT extent_id, action_id, none_reason FROM extent_checks WHERE investigation = \(capa) ORDER BY extent_id")
        == [[.text("X1"), .text("A1"), .null], [.text("X2"), .null, .text("not used since 2024")]])
    let action = try #require(inv.actions.first)
    #expect(action.state == .done)
    #expect(
      try rows(
        f,
        """
        SELECT check_query, check_target, check_after, verdict, last_judged_at, judged_by, state
        FROM actions WHERE investigation = \(capa) AND action_id = 'A1'
        """) == [
          [
            .text("defects | timeline found_at --every week"), .text("<= 2 per week"), .text("2026-01-11"),
            .text("inconclusive"), .text(time(of: "effective A1")), .text("Dana Ortiz"), .text("done"),
          ]
        ])
    #expect(try rows(f, "SELECT meaning FROM signoffs") == [[.text("approved")]])
  }

  @Test func anEscapePointsWhysAreStoredWithTheirParentAndJudgement() throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    let script = [
      "@2026-01-02T09:00:00Z process Make cut press inspect pack",
      "@2026-01-02T09:01:00Z escape \"inspection passed it\" --step S3",
      "@2026-01-02T09:02:00Z why E1 \"the gauge checks length, not flatness\"",
      "@2026-01-02T09:03:00Z why E1.1 \"the control plan lists length only\"",
      "@2026-01-03T09:00:00Z rule-out E1.1.1 --because the plan lists both",
      "@2026-01-03T09:01:00Z root E1.1",
    ]
    _ = try f.notebook("escape.md", script)
    _ = try f.index()
    // Cells 3 and 4 created the whys; cell 5 judged E1.1.1 (`root` marks, it does not judge).
    // Written from the script above, not from gemba's fold.
    let expected: [[SQLValue]] = [
      [
        .text("E1.1"), .text("E1"), .text("E1"), .text("the gauge checks length, not flatness"), .text("hypothesis"),
        .integer(1), .integer(3), .null, .null,
      ],
      [
        .text("E1.1.1"), .text("E1"), .text("E1.1"), .text("the control plan lists length only"), .text("ruled-out"),
        .integer(0), .integer(4), .integer(5), .text("2026-01-03T09:00:00Z"),
      ],
    ]
    #expect(
      try rows(
        f,
        """
        SELECT why_id, escape_id, parent_id, text, status, is_root, cell, judged_cell, judged_at FROM escape_whys ORDER BY why_id
        """) == expected)
  }

  @Test func containedMeansAVerifiedContainmentAndNoConfirmedRootCause() throws {
    let (f, _) = try fixtures()
    defer { f.remove() }
    let states = try rows(f, "SELECT label, state, contained_at FROM investigations ORDER BY label")
    #expect(
      states == [
        [.text(f.folder.path + "/capa.md"), .text("contained"), .text(time(of: "contained K1"))],
        // every action done or effective: that comes before containment
        [.text(f.folder.path + "/first.md"), .text("awaiting-effectiveness"), .null],
        [.text(f.folder.path + "/signed.md"), .text("signed"), .null],
      ])
    let listed = try f.questions().investigations(state: "contained").sections[0].rows
    #expect(listed.map { $0[0].plain } == [f.folder.path + "/capa.md"])
  }

  @Test func daysToContainmentRunFromTheFirstCellToTheFirstVerifiedContainment() throws {
    let (f, _) = try fixtures()
    defer { f.remove() }
    let formatter = ISO8601DateFormatter()
    let start = formatter.date(from: String(time(of: "title").prefix(10)) + "T00:00:00Z")!
    let verified = formatter.date(from: String(time(of: "contained K1").prefix(10)) + "T00:00:00Z")!
    let days = Calendar(identifier: .gregorian).dateComponents([.day], from: start, to: verified).day!
    let figures = try f.questions().kpis().sections[0].rows
    #expect(figures[0][0].plain == "days to containment")
    #expect(figures[0][1] == .number(Double(days), places: 1))
    #expect(figures[0][2] == .integer(1))
    let record = try f.questions().kpis().sections[4].rows
    #expect(
      record.map { "\($0[0].plain)=\($0[1].plain)/\($0[2].plain)" } == [
        "with a team=1/3", "with a containment=1/3", "with a verified containment=1/3", "with an escape point=1/3",
        "with extent considered=1/3", "actions with a planned check=1/5",
      ])
  }

  @Test(arguments: ["2026-01-03", "2026-01-04", "2026-02-01"])
  func overdueContainmentsAreTheUnverifiedOnesPastTheirDate(_ asOf: String) throws {
    let (f, inv) = try fixtures()
    defer { f.remove() }
    let today = CalendarDate(asOf)!
    let expected = inv.containments.filter { $0.state == .open && ($0.due.map { $0 < today } ?? false) }.map(
      \.id.description)
    let report = try f.questions().containments(overdue: true, owner: nil, today: CalendarDateText(asOf)!)
    #expect(report.sections[0].rows.map { $0[1].plain } == expected)
    // `actions --overdue` says so too.
    let actions = try f.questions().actions(.overdue, owner: nil, today: CalendarDateText(asOf)!)
    #expect(actions.sections[0].notes.contains { $0.hasPrefix("\(expected.count) containment") } == !expected.isEmpty)
    let all = try f.questions().containments(overdue: false, owner: "dana ortiz", today: CalendarDateText(asOf)!)
    #expect(all.sections[0].rows.map { $0[1].plain } == ["K2"])
  }

  @Test func aReviewFallsDueOneCadenceAfterTheLastJudgement() throws {
    let (f, _) = try fixtures()
    defer { f.remove() }
    // Done on 2026-01-10, judged (inconclusive) on 2026-01-27: monthly from the judgement.
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let formatter = ISO8601DateFormatter()
    let judged = formatter.date(from: String(time(of: "effective A1").prefix(10)) + "T00:00:00Z")!
    let due = calendar.date(byAdding: .month, value: 1, to: judged)!
    let dayBefore = calendar.date(byAdding: .day, value: -1, to: due)!
    func text(_ d: Date) -> String { String(formatter.string(from: d).prefix(10)) }
    func capaDue(_ asOf: String) throws -> [String] {
      try f.questions().actions(.dueReview, owner: nil, today: CalendarDateText(asOf)!).sections[0].rows
        .filter { $0[0].plain.hasSuffix("capa.md") }.map { $0[9].plain }
    }
    #expect(try capaDue(text(dayBefore)) == [])
    #expect(try capaDue(text(due)) == [text(due)])
  }
}
