import Testing
@testable import GembaCore

@Suite struct StatusViewTests {
  @Test func showsTheWholeInvestigationOnOneScreen() {
    let script = statusScript.split(separator: "\n").filter { !$0.contains("signoff") }.joined(separator: "\n")
    #expect(
      TerminalViews.status(investigation(script), style: .init(width: 80)) == """
        Refund guidance

        problem   Agents give different refund answers
        expected  one answer per case
        actual    3 answers in 40% of audited tickets
        process   Refund request: 3 steps
        whys      2 whys in 1 tree
        fishbone  none yet
        causes    1 confirmed · 0 ruled out · 1 open · 1 root cause
        findings  2 findings
        actions   4 actions: 2 open · 1 done · 1 effective · 0 not effective

        open hypotheses (1)
          ? W1 Agents give different refund answers

        actions due (3)
          2026-11-28  A3  Remind agents to paste the link (no owner, open)
          2026-12-01  A2  Add the policy link to the answer macro (Ravi, done)
          2026-12-15  A1  Make the wiki the single source (Dana, open)

        sign-offs
          none yet

        check: 2 errors, 2 warnings (run `check` for details)
        """)
  }

  @Test func listsSignOffsWithTheChainTheyApproved() {
    let view = TerminalViews.status(investigation(statusScript), style: .record)
    #expect(view.contains("sign-offs (1)\n  Quality manager: Ana Ruiz · 2026-11-20T10:18:00Z · chain "))
  }

  @Test func aSignOffShowsWhatItMeans() {
    let view = TerminalViews.status(
      investigation(statusScript + "\nsignoff \"Process owner\" \"Dana Reyes\" --meaning approved"),
      style: .record)
    #expect(view.contains("\n  Process owner: Dana Reyes (approved) · "), "\(view)")
  }

  @Test func actionsWithoutADateComeLast() {
    let inv = investigation(
      """
      finding "Nobody owns the policy"
      action F1 "Name a policy owner" --owner Dana --review monthly
      action F1 "Publish the owner on the wiki" --owner Dana --due 2027-01-10 --review monthly
      action F1 "Add an owner field to the policy template" --owner Dana --due 2026-12-01 --review monthly
      """)
    #expect(TerminalViews.dueActions(inv).map(\.id.description) == ["A3", "A2", "A1"])
  }

  @Test func anEmptyInvestigationSaysWhatToDoFirst() {
    #expect(
      TerminalViews.status(Investigation(), style: .init(width: 80)) == """
        untitled investigation

        problem   not stated yet: problem TEXT --expected TEXT --actual TEXT
        process   not laid out yet
        whys      0 whys in 0 trees
        fishbone  none yet
        causes    0 confirmed · 0 ruled out · 0 open · 0 root causes
        findings  0 findings
        actions   0 actions: 0 open · 0 done · 0 effective · 0 not effective

        open hypotheses
          none

        actions due
          none

        sign-offs
          none yet

        check: 0 errors, 1 warning (run `check` for details)
        """)
  }
}
