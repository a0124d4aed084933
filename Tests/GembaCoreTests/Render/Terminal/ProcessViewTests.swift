import Testing
@testable import GembaCore

@Suite struct ProcessViewTests {
  let session = """
    process "Refund request" intake "policy lookup" answer close
    step "supervisor approval" --after S3 --owner "Team lead"
    finding "Wiki and macro disagree on the 30-day rule" --step S2
    finding "Answer sent without a policy link" --step S2>S3
    finding "Approval queue has no due time" --step S5 --evidence queue#4-9
    finding "Nobody owns the policy"
    """

  @Test func showsTheFlowThenFindingsPerStepAndHandoff() {
    #expect(
      TerminalViews.process(investigation(session), style: .init(width: 80)) == """
        process Refund request · 5 steps, 4 findings
        S1 intake → S2 policy lookup ●1 ─●1→ S3 answer → S5 supervisor approval ●1 →
        S4 close

        S1 intake · no findings
        S2 policy lookup · 1 finding
           F1 Wiki and macro disagree on the 30-day rule
        S2>S3 handoff policy lookup → answer · 1 finding
           F2 Answer sent without a policy link
        S3 answer · no findings
        S5 supervisor approval (owner: Team lead) · 1 finding
           F3 Approval queue has no due time
        S4 close · no findings
        at no step · 1 finding
           F4 Nobody owns the policy
        """)
  }

  /// A step inserted with `--after` and then renamed: every view and export lists it where it
  /// sits in the process (S3 → S5 → S4), not by id, with its amended name and owner.
  @Test func anInsertedAndAmendedStepIsShownInProcessOrder() {
    let inv = investigation(session + "\namend S5 --name \"lead approval\" --owner \"Ops lead\"")
    let view = TerminalViews.process(inv, style: .init(unicode: false, width: 120))
    #expect(view.contains("S1 intake -> S2 policy lookup *1 -*1-> S3 answer -> S5 lead approval *1 -> S4 close"))
    #expect(view.contains("S5 lead approval (owner: Ops lead) - 1 finding"))
    let record = Record(investigation: inv, cells: [], generatedAt: "t")
    #expect(record.process.steps.map(\.id) == ["S1", "S2", "S3", "S5", "S4"])
    #expect(record.process.steps[3].name == "lead approval")
    let markdown = MarkdownRecordRenderer().render(record)
    let order = ["**S3** answer", "**S5** lead approval (owner: Ops lead)", "**S4** close"].map {
      markdown.range(of: $0)?.lowerBound
    }
    #expect(order.allSatisfy { $0 != nil } && order.map { $0! } == order.map { $0! }.sorted())
  }

  @Test func asciiFlowUsesArrowsAndCounts() {
    let view = TerminalViews.process(investigation(session), style: .init(unicode: false, width: 100))
    #expect(view.contains("S1 intake -> S2 policy lookup *1 -*1-> S3 answer -> S5 supervisor approval *1 -> S4 close"))
  }

  @Test func aStepWithFindingsStandsOutInColour() {
    let view = TerminalViews.process(investigation(session), style: .init(color: true))
    #expect(view.contains("\u{1B}[1;33mS2 policy lookup ●1\u{1B}[0m"))
    #expect(view.contains("\u{1B}[2mS1 intake · no findings\u{1B}[0m"))
  }

  @Test(arguments: [
    ("title Refunds", "no process yet: process NAME STEP..."),
    ("finding \"Nobody owns the policy\"", "no process yet: process NAME STEP...\n1 finding at no step yet"),
  ])
  func saysHowToStart(_ script: String, _ expected: String) {
    #expect(TerminalViews.process(investigation(script), style: .record) == expected)
  }
}
