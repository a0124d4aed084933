import Testing
@testable import GembaCore

@Suite struct TimelineViewTests {
  @Test func sortsByTimeKeepingEntryOrderForTheSameInstant() {
    let inv = investigation(
      """
      event 2026-11-03 "Macro edited"
      event "2026-11-01 09:30" "Policy v3 published to the wiki" --evidence wiki#2
      event 2026-11-01T09:30 "Same minute, entered later"
      event 2026-10-15 "A very long event description that has to wrap on a narrow screen because it goes on"
      """)
    #expect(
      TerminalViews.timeline(inv, style: .init(width: 60)) == """
        timeline · 4 events
        2026-10-15        A very long event description that has to
                          wrap on a narrow screen because it goes on
        2026-11-01 09:30  Policy v3 published to the wiki · wiki#2
        2026-11-01T09:30  Same minute, entered later
        2026-11-03        Macro edited
        """)
  }

  @Test func saysHowToAddAnEvent() {
    #expect(
      TerminalViews.timeline(Investigation(), style: .record)
        == "no events yet: event WHEN TEXT (cited rows with a date or time join the timeline too)")
  }
}
