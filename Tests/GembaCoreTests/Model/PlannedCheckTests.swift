import Foundation
import Testing
@testable import GembaCore

/// Effectiveness planned with the action and judged on the data after its date: the verdicts,
/// the fold that rebuilds them from the stored cells, and replay's recurrence.
@Suite struct PlannedCheckTests {
  /// A planned timeline counts every period to the end of the evidence unless the plan chose a
  /// span; the query is read by its tokens, so quoted text cannot pass for a stage or an option.
  @Test func aPlannedTimelineSpansTheEvidence() throws {
    #expect(
      try Session.spanningEvidence("t | where x = \"a | b\" | timeline d --every week")
        == "t | where x = \"a | b\" | timeline d --every week --span evidence")
    #expect(
      try Session.spanningEvidence("t | timeline d --every week --span rows")
        == "t | timeline d --every week --span rows")
    #expect(
      try Session.spanningEvidence("t | where note = \"--span\" | timeline d")
        == "t | where note = \"--span\" | timeline d --span evidence")
    #expect(
      try Session.spanningEvidence("t | where x = \"| timeline\" | spc d --by week")
        == "t | where x = \"| timeline\" | spc d --by week")
  }

  /// Line-B defects per week from Monday 2026-10-05, twelve weeks; line A has one a week,
  /// so the timeline runs to the last week even when line B has none.
  static func defects(_ lineB: [Int]) -> String {
    var rows = ["id,line,found_at"]
    var n = 0
    for (week, count) in lineB.enumerated() {
      let monday = day(2026, 10, 5) + week * 7
      n += 1
      rows.append("D\(n),A,\(iso(monday + 2))")
      for k in 0..<count {
        n += 1
        rows.append("D\(n),B,\(iso(monday + k % 5))")
      }
    }
    return rows.joined(separator: "\n") + "\n"
  }

  static func day(_ y: Int, _ m: Int, _ d: Int) -> Int {
    Int(DateComponents(calendar: utc, year: y, month: m, day: d).date!.timeIntervalSince1970 / 86_400)
  }
  static var utc: Calendar {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "UTC")!
    return c
  }
  static func iso(_ dayNumber: Int) -> String {
    let c = utc.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(dayNumber) * 86_400))
    return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
  }
  /// The Monday of week `i` (0-based from 2026-10-05).
  static func week(_ i: Int) -> String { iso(day(2026, 10, 5) + i * 7) }

  static let planned =
    "action F1 \"stop the fixture drifting\" --owner Sam --due 2026-11-27 --review monthly"
    + " --verify \"defects | where line = B | timeline found_at --every week\" --target \"<= 2 per week\" --after 2026-11-29"

  /// A session on `lineB`'s evidence up to an agreed, done action.
  static func agreed(_ lineB: [Int], after: String = "2026-11-29") throws -> (Session, MemoryFiles) {
    let files = MemoryFiles(["defects.csv": defects(lineB)])
    let session = Session(workspace: EvidenceWorkspace(files: files))
    let setup: [(String, String)] = [
      ("load defects.csv as defects", "2026-11-20T09:00:00Z"),
      ("finding \"the fixture drifts\"", "2026-11-20T09:01:00Z"),
      (planned.replacingOccurrences(of: "2026-11-29", with: after), "2026-11-20T09:02:00Z"),
      ("done A1", "2026-11-28T09:00:00Z"),
    ]
    for (source, time) in setup {
      guard case .cell = session.run(source, time: time) else {
        Issue.record("setup failed: \(source)")
        throw CancellationError()
      }
    }
    return (session, files)
  }

  static func output(_ outcome: Session.Outcome) -> String? {
    if case .cell(let cell, _, _) = outcome { return cell.output }
    return nil
  }

  // Twelve weeks: high before the change, low after. Week 8 starts 2026-11-30, after 2026-11-29.
  static let fixed = [6, 5, 7, 6, 6, 5, 6, 6, 2, 0, 1, 2]

  @Test func anActionMeetingItsTargetAfterTheDateIsEffective() throws {
    let (session, _) = try Self.agreed(Self.fixed)
    let output = try #require(Self.output(session.run("effective A1 --judged-by Priya", time: "2027-01-04T09:00:00Z")))
    // Judged: the weeks that start after 2026-11-29, counted here from the generator's own list.
    let cutoff = Self.day(2026, 11, 29)
    let judged = Self.fixed.indices.filter { Self.day(2026, 10, 5) + $0 * 7 > cutoff }.map { Self.fixed[$0] }
    #expect(judged.count == 4)
    let expected =
      "A1 effective: \(judged.min()!)–\(judged.max()!) per week over \(judged.count) weeks after 2026-11-29 (target <= 2 per week)"
    #expect(
      output.hasPrefix(expected + "\ncited on A1: defects | where line = B | timeline found_at --every week"),
      "\(output)")
    let action = try #require(session.investigation.action(ItemID("A1")!))
    #expect(action.state == .effective)
    #expect(action.judgedBy == "Priya")
    #expect(action.judgement?.verdict == .effective)
    #expect(action.judgement?.points == judged.count)
    #expect(action.judgement?.dataFrom == Self.week(8))
    #expect(action.judgement?.dataTo == Self.week(11))
  }

  @Test func opensAsAPureFoldToTheSameVerdict() throws {
    let (session, files) = try Self.agreed(Self.fixed)
    _ = session.run("effective A1", time: "2027-01-04T09:00:00Z")
    files.set("defects.csv", nil)  // opening reads no evidence: the cell stored what the check saw
    let opened = Session()
    for cell in session.cells { try opened.restore(cell) }
    #expect(opened.investigation == session.investigation)
    #expect(opened.investigation.action(ItemID("A1")!)?.judgement?.verdict == .effective)
  }

  @Test func aWeekOverTheTargetIsNotEffectiveAndTheFindingStaysOpen() throws {
    var weeks = Self.fixed
    weeks[10] = 4
    let (session, _) = try Self.agreed(weeks)
    let output = try #require(Self.output(session.run("effective A1", time: "2027-01-04T09:00:00Z")))
    #expect(
      output.hasPrefix("A1 not effective: 4 per week in week \(Self.week(10)) (target <= 2 per week) — F1 stays open"))
    #expect(session.investigation.action(ItemID("A1")!)?.state == .notEffective)
  }

  @Test func tooFewWeeksAfterTheDateIsInconclusiveAndStaysDone() throws {
    // After 2026-12-13 only the weeks of 12-14 and 12-21 are in the data: 2 of the 3 needed.
    let (session, _) = try Self.agreed(Self.fixed, after: "2026-12-13")
    let output = try #require(Self.output(session.run("effective A1", time: "2026-12-28T09:00:00Z")))
    let again = Self.iso(Self.day(2026, 12, 13) + 3 * 7)
    #expect(
      output.hasPrefix("A1 inconclusive: only 2 weeks after 2026-12-13 (3 needed); judge again after \(again)"),
      "\(output)")
    #expect(session.investigation.action(ItemID("A1")!)?.state == .done)
  }

  @Test func aQueryThatNoLongerRunsIsRefusedAndNothingIsLost() throws {
    let (session, files) = try Self.agreed(Self.fixed)
    files.set("defects.csv", "id,found_at\nD1,2026-12-01\n")
    _ = session.run("load defects.csv as defects", time: "2027-01-04T08:00:00Z")
    let before = (session.investigation, session.cells.count)
    guard case .rejected(let d) = session.run("effective A1", time: "2027-01-04T09:00:00Z") else {
      Issue.record("a planned check on a missing column was accepted")
      return
    }
    #expect(d.code == .plannedCheckNotRun, "\(d.message)")
    #expect(d.message.contains("line"))  // names where the query fails, in the words the user reads
    #expect(d.span?.start.column == 11)  // at A1 in what was typed
    #expect(session.investigation == before.0 && session.cells.count == before.1)
  }

  @Test func effectiveWithNoEvidenceAndNoPlannedCheckSaysWhatItNeeds() {
    let session = Session.after(["finding x", "action F1 fix --owner a --due 2026-12-01 --review weekly", "done A1"])
    let d = session.expectRejected("effective A1", code: .missingOption)
    #expect(d?.span?.start.column == 13)
  }

  @Test func aJudgementDateBeforeTheDayOfAgreementIsRefused() {
    let session = Session.after(["finding x"])
    let input = MarkedText(
      "action F1 fix --verify \"d | timeline t --every week\" --target \"= 0\" --after 1️⃣2026-11-01")
    let d = session.expectRejected(input.text, code: .judgedTooEarly)
    #expect(d?.span?.start == input[1])
  }

  @Test(
    arguments: [
      (
        "action F1 x --verify \"d | timeline t --every week\" --target \"<= 1️⃣two2️⃣\" --after 2026-12-01",
        .invalidOptionValue
      ),
      (
        "action F1 x --verify \"d | timeline t --every week\" --target \"1️⃣about2️⃣ 2\" --after 2026-12-01",
        .invalidOptionValue
      ),
      (
        "action F1 x --verify \"d | timeline t --every week\" --target \"<= 2 per 1️⃣fortnight2️⃣\" --after 2026-12-01",
        .invalidOptionValue
      ),
      (
        "action F1 x --verify \"d | timeline t --every day\" --target \"<= 2 per 1️⃣week2️⃣\" --after 2026-12-01",
        .invalidOptionValue
      ),
      (
        "action F1 x --verify \"d | timeline t --every week\" --target \"1️⃣no2️⃣ rule-1 points\" --after 2026-12-01",
        .invalidOptionValue
      ),
      // Inside the quoted query, the column is where it stands in the line.
      ("action F1 x --verify \"d | where t1️⃣\" --target \"= 0\" --after 2026-12-01", .querySyntax),
      (
        "action F1 x --verify \"d | where t = 1 | 1️⃣count2️⃣\" --target \"= 0\" --after 2026-12-01",
        .invalidOptionValue
      ),
      (
        "action F1 x 1️⃣--verify2️⃣ \"d | timeline t\" --after 2026-12-01",
        .missingOption
      ),
    ] as [(String, DiagnosticCode?)])
  func aPlannedCheckThatCannotWorkIsRefusedWhenAgreed(marked: String, code: DiagnosticCode?) {
    let input = MarkedText(marked)
    guard let d = diagnostic({ () throws(Diagnostic) in try Parser.parse(input.text) }) else { return }
    if let code { #expect(d.code == code, "\(d.message)") }
    #expect(d.span?.start == input[1], "\(d.message)")
  }

  @Test(arguments: [
    ("<= 2", CheckTarget.value(.atMost, bound: 2, percent: false, per: nil)),
    ("< 2 per week", .value(.below, bound: 2, percent: false, per: .week)),
    (">= 95%", .value(.atLeast, bound: 0.95, percent: true, per: nil)),
    ("= 0", .value(.equal, bound: 0, percent: false, per: nil)),
    ("p below 0.031", .value(.below, bound: 0.031, percent: false, per: nil)),
    ("no rule-1 points", .noPointBeyondLimits),
    ("no points beyond the limits", .noPointBeyondLimits),
    ("below LCL", .belowLowerLimit),
  ])
  func theTargetGrammar(text: String, target: CheckTarget) {
    #expect(CheckTarget.parse(stored: text) == target)
  }

  @Test func chartTargetsReadEachPointsLimits() {
    let plan = PlannedCheck(
      query: "d | spc x --by week", target: "no rule-1 points", after: CalendarDate("2026-01-04")!)
    var chart = CitedChart(
      kind: .control, title: "x per week", measure: .values(column: "x"),
      labels: ["2026-01-05", "2026-01-12", "2026-01-19", "2026-01-26"],
      values: [9, 3, 4, 11], centre: 4, upper: 10, lower: 0)
    let c = Citation(kind: .query, reference: plan.query, excerpt: "", cell: 1, chart: chart)
    let missed = plan.judge(c, doneAt: nil, at: "2026-02-01T00:00:00Z")
    #expect(missed.verdict == .notEffective)
    #expect(missed.seen == "11 in week 2026-01-26, beyond the limits (UCL 10)")
    chart.values[3] = 10
    let met = plan.judge(
      Citation(kind: .query, reference: plan.query, excerpt: "", cell: 1, chart: chart), doneAt: nil,
      at: "2026-02-01T00:00:00Z")
    #expect(met.verdict == .effective)
    #expect(met.seen == "no point beyond the limits over 4 weeks after 2026-01-04")
  }

  @Test func theCutOffIsTheLaterOfTheDateAndTheDayTheActionWasDone() {
    let plan = PlannedCheck(query: "q", target: "<= 2", after: CalendarDate("2026-01-04")!)
    #expect(plan.cutoff(doneAt: "2026-01-20T10:00:00Z") == CalendarDate("2026-01-20"))
    #expect(plan.cutoff(doneAt: "2026-01-02T10:00:00Z") == CalendarDate("2026-01-04"))
  }

  @Test func replayReportsARecurrenceWhenTheDefectReturns() throws {
    let (session, files) = try Self.agreed(Self.fixed)
    _ = session.run("effective A1", time: "2027-01-04T09:00:00Z")
    let text = NotebookFormat.header + session.cells.map(NotebookFormat.render).joined()
    // The defect returns: five line-B rows in the week of 2027-01-11.
    let monday = Self.day(2027, 1, 11)
    let returned = (0..<5).map { "R\($0),B,\(Self.iso(monday + $0))" }.joined(separator: "\n")
    files.set("defects.csv", Self.defects(Self.fixed) + returned + "\n")
    let report = Replay.run(NotebookFormat.parse(text), in: Session(workspace: EvidenceWorkspace(files: files)))
    #expect(report.recurrences.count == 1)
    let rendered = Replay.render(report, notebook: "nb.md")
    #expect(
      rendered.contains(
        "recurrence: A1 was judged effective at cell 5; on today's evidence: 5 per week in week 2027-01-11 (target <= 2 per week)"
      ),
      "\(rendered)")
    #expect(!report.allMatched)
    #expect(report.stale.isEmpty)  // said once, as a recurrence
  }
}
