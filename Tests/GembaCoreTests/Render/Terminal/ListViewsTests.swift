import Testing
@testable import GembaCore

/// Actions in every state, for the `actions` and `status` views.
let statusScript = """
  title Refund guidance
  problem "Agents give different refund answers" --expected "one answer per case" --actual "3 answers in 40% of audited tickets"
  process "Refund request" intake "policy lookup" answer
  why "Agents give different refund answers"
  why W1 "Policy lives in three places"
  cite W1.1 tickets#12
  confirm W1.1
  root W1.1
  finding "Wiki and macro disagree" --step S2 --cause W1.1
  finding "No link to the policy in answers" --step S2>S3 --cause W1.1
  action F1 "Make the wiki the single source" --owner Dana --due 2026-12-15 --review monthly --standard "Policy changes go to the wiki first"
  action F2 "Add the policy link to the answer macro" --owner Ravi --due 2026-12-01 --review weekly
  action F2 "Remind agents to paste the link" --due 2026-11-28
  done A2
  action F1 "Archive the PDF copy" --owner Dana --due 2026-12-10 --review quarterly
  done A4
  effective A4 --evidence tickets#40
  signoff "Quality manager" "Ana Ruiz"
  """

@Suite struct ListViewsTests {
  @Test func findingsTableShowsWhereCausesAndEvidence() {
    let inv = investigation(
      """
      process "Refund request" intake "policy lookup" answer
      why "Agents give different refund answers"
      confirm W1 --because "audit"
      finding "Wiki and macro disagree on the 30-day rule" --step S2 --cause W1 --evidence tickets#3 tickets#9
      finding "Nobody owns the policy"
      """)
    #expect(
      TerminalViews.findings(inv, style: .init(width: 100)) == """
        ┌────┬─────────┬────────────────────────────────────────────┬────────┬──────────┐
        │ id │ where   │ finding                                    │ causes │ evidence │
        ├────┼─────────┼────────────────────────────────────────────┼────────┼──────────┤
        │ F1 │ S2      │ Wiki and macro disagree on the 30-day rule │ W1 ✓   │ 2        │
        │ F2 │ no step │ Nobody owns the policy                     │ —      │ 0        │
        └────┴─────────┴────────────────────────────────────────────┴────────┴──────────┘
        """)
  }

  @Test func actionsTableMarksAndListsMissingCommitments() {
    #expect(
      TerminalViews.actions(investigation(statusScript), style: .init(width: 100)) == """
        ┌────┬─────────┬────────────────────────┬───────┬────────────┬─────────────────────────┬───────────┐
        │ id │ finding │ action                 │ owner │ due/review │ standard                │ state     │
        ├────┼─────────┼────────────────────────┼───────┼────────────┼─────────────────────────┼───────────┤
        │ A1 │ F1      │ Make the wiki the      │ Dana  │ 2026-12-15 │ Policy changes go to    │ open      │
        │    │         │ single source          │       │ monthly    │ the wiki first          │           │
        ├────┼─────────┼────────────────────────┼───────┼────────────┼─────────────────────────┼───────────┤
        │ A2 │ F2      │ Add the policy link to │ Ravi  │ 2026-12-01 │ —                       │ done      │
        │    │         │ the answer macro       │       │ weekly     │                         │           │
        ├────┼─────────┼────────────────────────┼───────┼────────────┼─────────────────────────┼───────────┤
        │ A3 │ F2      │ Remind agents to paste │ —     │ 2026-11-28 │ —                       │ open      │
        │    │         │ the link               │       │ —          │                         │           │
        ├────┼─────────┼────────────────────────┼───────┼────────────┼─────────────────────────┼───────────┤
        │ A4 │ F1      │ Archive the PDF copy   │ Dana  │ 2026-12-10 │ —                       │ effective │
        │    │         │                        │       │ quarterly  │                         │           │
        └────┴─────────┴────────────────────────┴───────┴────────────┴─────────────────────────┴───────────┘
        ⚠ A3 has no owner, no review cadence
        """)
  }

  @Test func narrowScreensGetOneCardPerAction() {
    let view = TerminalViews.actions(investigation(statusScript), style: .init(width: 50))
    #expect(
      view.contains(
        """
        A3 ───────────────────────────────
          finding     F2
          action      Remind agents to paste the link
          owner       —
          due/review  2026-11-28
                      —
          standard    —
          state       open
        """))
    #expect(view.hasSuffix("⚠ A3 has no owner, no review cadence"))
  }

  @Test func missingFieldsAreRedOnlyWithColour() {
    let inv = investigation(statusScript)
    #expect(TerminalViews.actions(inv, style: .init(color: true)).contains("│ \u{1B}[1;31m—\u{1B}[0m     │"))
    #expect(!TerminalViews.actions(inv, style: .init(color: false)).contains("\u{1B}"))
  }

  @Test(arguments: [
    ("findings", "no findings yet: finding TEXT --step Sx --cause ID"),
    ("actions", "no actions yet: action Fx TEXT --owner NAME --due YYYY-MM-DD --review monthly"),
  ])
  func saysHowToStart(_ view: String, _ expected: String) {
    let draw = view == "findings" ? TerminalViews.findings : TerminalViews.actions
    #expect(draw(Investigation(), .record) == expected)
  }
}
