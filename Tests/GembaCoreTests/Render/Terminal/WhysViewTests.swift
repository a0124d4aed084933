import Testing
@testable import GembaCore

@Suite struct WhysViewTests {
  let session = """
    why "Agents give different refund answers"
    why W1 "They read different sources"
    why W1.1 "Policy lives in three places"
    why W1.1 "Agents are new"
    cite W1.1 tickets#12-14
    confirm W1.1 --because "tickets quote wiki, macro and PDF"
    rule-out W1.1.2 --because "tenure shows no effect"
    root W1.1.1
    why "Refunds are slow"
    """

  @Test func drawsEveryTreeWithMarksRationaleAndCitations() {
    let view = TerminalViews.whys(investigation(session), style: .init(width: 80))
    #expect(
      view == """
        five whys · 2 trees, 5 whys
        ? hypothesis  ✓ confirmed  ✗ ruled out  ★ root cause

        ? W1 Agents give different refund answers
        └─ ✓ W1.1 They read different sources  · 1 citation
           │      confirmed: tickets quote wiki, macro and PDF
           ├─ ? W1.1.1 Policy lives in three places  ★ root cause
           └─ ✗ W1.1.2 Agents are new
                       ruled out: tenure shows no effect

        ? W2 Refunds are slow
        """)
  }

  @Test func fallsBackToASCII() {
    let view = TerminalViews.whys(investigation(session), style: .init(unicode: false, width: 80))
    #expect(
      view == """
        five whys - 2 trees, 5 whys
        [?] hypothesis  [v] confirmed  [x] ruled out  [*] root cause

        [?] W1 Agents give different refund answers
        `-- [v] W1.1 They read different sources  - 1 citation
            |        confirmed: tickets quote wiki, macro and PDF
            |-- [?] W1.1.1 Policy lives in three places  [*] root cause
            `-- [x] W1.1.2 Agents are new
                           ruled out: tenure shows no effect

        [?] W2 Refunds are slow
        """)
    let ascii = view.unicodeScalars.allSatisfy { $0.isASCII }
    #expect(ascii)
  }

  @Test func wrapsLongAnswersUnderTheirTextKeepingTheTrunk() {
    let view = TerminalViews.whys(investigation(session), style: .init(width: 36))
    #expect(
      view.contains(
        """
        ? W1 Agents give different refund
        │    answers
        └─ ✓ W1.1 They read different
           │      sources  · 1 citation
           │      confirmed: tickets quote
           │      wiki, macro and PDF
           ├─ ? W1.1.1 Policy lives in three
           │           places  ★ root cause
           └─ ✗ W1.1.2 Agents are new
        """))
  }

  @Test func flagsAConfirmedAnswerWithoutEvidence() {
    let view = TerminalViews.whys(
      investigation(
        """
        why "Refunds are slow"
        confirm W1
        """), style: .record)
    #expect(view.hasSuffix("✓ W1 Refunds are slow  · no evidence"))
  }

  @Test func colourMarksStatusAndIds() {
    let view = TerminalViews.whys(investigation(session), style: .init(color: true))
    #expect(view.contains("\u{1B}[32m✓\u{1B}[0m \u{1B}[1mW1.1\u{1B}[0m"))  // green confirmed, bold id
    #expect(view.contains("\u{1B}[31m✗\u{1B}[0m"))  // red ruled out
    #expect(view.contains("\u{1B}[33m?\u{1B}[0m"))  // yellow hypothesis
  }

  @Test func saysHowToStartWhenEmpty() {
    #expect(TerminalViews.whys(Investigation(), style: .record) == "no five-whys trees yet: start one with `why TEXT`")
  }
}
