import Testing
@testable import GembaCore

@Suite struct FishboneViewTests {
  let session = """
    fishbone "Agents give inconsistent refund answers" --template 6M
    cause Method "Policy lives in three places"
    cause C1 "Wiki not updated after policy change"
    cause Machine "Macro text is stale"
    cause Manpower "Agents are new"
    rule-out C3 --because "tenure shows no effect"
    cite C1 tickets#3
    confirm C1
    root C1
    """

  @Test func drawsBonesAboveAndBelowTheSpineWithTheEffectAtTheHead() {
    let view = TerminalViews.fishbone(investigation(session), style: .record)
    #expect(
      view == """
        fishbone · 6 bones, 4 causes · 6M template
        ? hypothesis  ✓ confirmed  ✗ ruled out  ★ root cause

        Manpower                 Method                   Machine
        ✗ C3 Agents are new      ✓ C1 Policy lives in     ? C2 Macro text is
                                 │    three places             stale
                                 │    ★ root cause
                                 │    · 1 citation
                                 └─ ? C1.1 Wiki not
                                           updated after
                                           policy change
                              ╲                        ╲                        ╲  ┌─────────────────────┐
        ───────────────────────┼────────────────────────┼────────────────────────┼▶│ Agents give         │
                              ╱                        ╱                        ╱  │ inconsistent refund │
        no causes yet            no causes yet            no causes yet            │ answers             │
        Material                 Measurement              Environment              └─────────────────────┘
        """)
  }

  @Test func becomesATreeWhenColumnsWouldBeTooNarrow() {
    let view = TerminalViews.fishbone(investigation(session), style: .init(width: 60))
    #expect(
      view.hasSuffix(
        """
        effect: Agents give inconsistent refund answers
        ├─ Manpower
        │  └─ ✗ C3 Agents are new
        ├─ Method
        │  └─ ✓ C1 Policy lives in three places
        │     │    ★ root cause  · 1 citation
        │     └─ ? C1.1 Wiki not updated after policy change
        ├─ Machine
        │  └─ ? C2 Macro text is stale
        ├─ Material
        │  no causes yet
        ├─ Measurement
        │  no causes yet
        └─ Environment
           no causes yet
        """))
  }

  @Test func asciiDiagramUsesOnlyASCII() {
    let view = TerminalViews.fishbone(investigation(session), style: .init(unicode: false, width: 120))
    #expect(view.contains("+>| Agents give"))
    #expect(view.contains("[v] C1 Policy lives in three"))
    let ascii = view.unicodeScalars.allSatisfy { $0.isASCII }
    #expect(ascii)
  }

  @Test func oneBoneStillHasAHead() {
    let view = TerminalViews.fishbone(
      investigation(
        """
        fishbone "Late refunds"
        category Policy
        """), style: .init(width: 40))
    #expect(
      view.hasSuffix(
        """
        Policy
        no causes yet
                             ╲  ┌──────────────┐
        ──────────────────────┼▶│ Late refunds │
                                └──────────────┘
        """))
  }

  @Test(arguments: [
    ("fishbone \"Late refunds\"", "effect: Late refunds\nno bones yet: add one with `category NAME`"),
    ("title Refunds", "no fishbone yet: fishbone \"EFFECT\" --template 6M|8P|4S"),
  ])
  func saysWhatIsMissing(_ script: String, _ expected: String) {
    #expect(TerminalViews.fishbone(investigation(script), style: .record).hasSuffix(expected))
  }

  @Test(arguments: [40, 60, 80, 100, 140])
  func neverWiderThanTheScreen(_ width: Int) {
    for unicode in [true, false] {
      let view = TerminalViews.fishbone(investigation(session), style: .init(unicode: unicode, width: width))
      for line in view.split(separator: "\n") {
        #expect(TerminalViews.Text.width(line) <= width, "\(line)")
      }
    }
  }
}
