import Testing
@testable import GembaCore

/// The review as a whole: its order, its text, and a record that passes.
@Suite struct CheckReviewTests {
  /// A small investigation done the way a quality manager wants it.
  static let sound = """
    \(statedProblem)
    process "Refund request" intake "policy lookup" answer
    why "Refund answers differ"
    why W1 "Agents read different sources"
    why W1.1 "The refund policy lives in three places with no owner"
    cite W1.1.1 tickets#12-14
    confirm W1.1.1 --because "wiki, macro and PDF disagree"
    root W1.1.1
    finding "Wiki and macro disagree on the 30-day rule" --step S2 --cause W1.1.1
    action F1 "Make the wiki the single source; the macro links to it" --owner Dana --due 2026-12-15 --review monthly --standard "Policy changes go to the wiki first"
    done A1
    effective A1 --evidence tickets#40-60
    """

  @Test func aSoundInvestigationIsClean() {
    let review = Check.review(investigation(Self.sound))
    #expect(review.isEmpty)
    #expect(Check.render(review, style: .record) == "check: clean — no weaknesses found")
    #expect(Check.render(review, style: .init(unicode: false)) == "check: clean - no weaknesses found")
  }

  @Test func errorsComeFirstThenTheRecordThenItemsInOrder() {
    let lines = checkLines(
      """
      why "Answers differ"
      why W1 "Agent forgot the rule"
      root W1.1
      finding "Nobody owns the policy"
      action F1 "Retrain agents"
      """)
    #expect(
      lines == [
        "error W1.1 root cause blames a person: \"Agent\" \"forgot\"",
        "error A1 action has no owner, no due date, no review cadence",
        "error A1 action only retrains or reminds (\"retrain\")",
        "warning - no problem statement",
        "warning W1 why chain ends at W1.1, which names no process, step, standard or system",
        "warning W1.1 root cause is still a hypothesis",
        "warning F1 finding is at no process step",
        "warning F1 finding is tied to no cause",
      ])
  }

  @Test func rendersGroupedBySeverityWithAdviceAndASummary() {
    let review = Check.review(
      investigation(
        """
        \(statedProblem)
        process Refunds intake answer
        why "Answers differ"
        why W1 "Agent forgot the rule"
        root W1.1
        finding "Nobody owns the policy" --cause W1.1
        """))
    #expect(
      Check.render(review, style: .init(width: 80)) == """
        error    W1.1  root cause blames a person: "Agent" "forgot"
                       → name what in the process made it likely (a screen, a form, a
                         step, a standard): which check, standard or tool was missing at
                         that step? Record that answer (why W1.1 TEXT), mark it as the
                         root cause, and unroot W1.1

        warning  W1    why chain ends at W1.1, which names no process, step, standard or
                       system
                       → keep asking why under W1.1 (why W1.1 TEXT) until the answer
                         names the step, standard, check or tool that let it happen;
                         branch where there is more than one answer
        warning  W1.1  root cause is still a hypothesis
                       → test it on evidence: cite W1.1 REF, then confirm W1.1 --because
                         TEXT
        warning  F1    finding is at no process step
                       → record where the gap appears (amend F1 --step S2, or --step
                         S2>S3 for a handoff) so the SOP change lands on that step

        check: 1 error, 3 warnings
        """)
  }

  @Test func colourMarksSeverityOnlyWhenAsked() {
    let review = Check.review(investigation("finding \"Nobody owns the policy\""))
    #expect(
      Check.render(review, style: .init(color: true)).hasPrefix(
        "\u{1B}[1;33mwarning\u{1B}[0m  \u{1B}[1m—\u{1B}[0m   no problem statement"))
    #expect(!Check.render(review, style: .record).contains("\u{1B}"))
  }

  @Test func theSessionFailsBatchModeOnlyOnErrors() {
    let session = Session(evidence: StubEvidenceDesk())
    _ = session.run("finding \"Nobody owns the policy\"", time: "2026-11-20T10:00:00Z")
    guard case .cell(_, _, let warningsOnly) = session.run("check", time: "2026-11-20T10:01:00Z") else {
      Issue.record("check did not record a cell")
      return
    }
    _ = session.run("action F1 \"Retrain agents\"", time: "2026-11-20T10:02:00Z")
    guard case .cell(let cell, _, let withErrors) = session.run("check", time: "2026-11-20T10:03:00Z") else {
      Issue.record("check did not record a cell")
      return
    }
    #expect(!warningsOnly)
    #expect(withErrors)
    #expect(cell.output.hasSuffix("check: 2 errors, 4 warnings"))
  }
}
