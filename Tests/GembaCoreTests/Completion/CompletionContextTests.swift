import Testing
@testable import GembaCore

@Suite struct CompletionContextTests {
  /// The context of a real session: ids in view order, bones in diagram order.
  @Test func readsTheInvestigation() throws {
    let session = Session()
    for command in [
      "process refunds intake lookup reply",
      "why \"answers differ\"",
      "fishbone \"answers differ\" --template none",
      "category Systems",
      "category \"Physical evidence\"",
      "cause Systems \"macro lags policy\"",
      "cause Systems \"wiki and PDF disagree\"",
      "cause C1 \"macro edited by hand\"",
      "finding \"agents use the macro\" --step S2",
    ] {
      guard case .cell = session.run(command, time: "2026-11-02T10:00:00Z") else {
        Issue.record("`\(command)` was rejected")
        return
      }
    }
    let context = CompletionContext(investigation: session.investigation, columns: ["Tickets": ["team"]])
    #expect(context.ids(.cause) == ["C1", "C1.1", "C2"])
    #expect(context.ids(.step) == ["S1", "S2", "S3"])
    #expect(context.categories == ["Systems", "Physical evidence"])
    #expect(context.columns(of: "tickets") == ["team"])
    let completer = Completer(context: context)
    #expect(completer.complete("confirm C").candidates == ["C1", "C1.1", "C2"])
    #expect(completer.complete("cause ").candidates == ["Systems", "\"Physical evidence\"", "C1", "C1.1", "C2"])
  }
}
