import Testing
@testable import GembaCore

@Suite struct DiagnosticRendererTests {
  /// Parses `source` (a script's text) from its line `firstLine`, and renders the error.
  func rendered(
    _ source: String, origin: String? = "script.gemba", commandLine: Int = 1, color: Bool = false,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    guard let command = Script.commands(in: source).first(where: { $0.line == commandLine })?.source else {
      Issue.record("no command starts on line \(commandLine)", sourceLocation: sourceLocation)
      return ""
    }
    guard
      let d = diagnostic(
        sourceLocation: sourceLocation, { () throws(Diagnostic) in try Parser.parse(command, firstLine: commandLine) })
    else { return "" }
    return DiagnosticRenderer(color: color).render(d, source: source, origin: origin)
  }

  @Test func unknownVerbInAScript() {
    let script = "title Refunds\nproblem x\nprobem Agents give different answers"
    #expect(
      rendered(script, commandLine: 3) == """
        error[E0101]: unknown command `probem`
         --> script.gemba:3:1
          |
        3 | probem Agents give different answers
          | ^^^^^^
          = did you mean `problem`?
          = type `help` for the list of commands

        """)
  }

  @Test func atThePromptThereIsNoFileName() {
    #expect(
      rendered("action F1 fix --due 2026-02-30", origin: nil) == """
        error[E0110]: `2026-02-30` is not a date: month 2 of 2026 has 28 days, not 30
         --> line 1, column 21
          |
        1 | action F1 fix --due 2026-02-30
          |                     ^^^^^^^^^^
          = write dates as YYYY-MM-DD, e.g. 2026-12-15

        """)
  }

  @Test func aMissingArgumentGetsOneCaretAfterTheInput() {
    #expect(
      rendered("not-effective A1", origin: "nb.md") == """
        error[E0109]: `not-effective` needs --because: what showed it did not work
         --> nb.md:1:17
          |
        1 | not-effective A1
          |                 ^
          = example: not-effective A2 --because reopen rate unchanged after 4 weeks

        """)
  }

  @Test func theCaretIsOnTheLineOfTheSpanInAContinuedCommand() {
    let script = "why a\nproblem x \\\n  --expectd y\nwhys"
    #expect(
      rendered(script, commandLine: 2) == """
        error[E0103]: `problem` has no option `--expectd`
         --> script.gemba:3:3
          |
        3 |   --expectd y
          |   ^^^^^^^^^
          = did you mean `--expected`?
          = usage: problem TEXT [--expected TEXT] [--actual TEXT]

        """)
  }

  @Test func tabsBeforeTheSpanKeepTheCaretAligned() {
    #expect(
      rendered("\twhys\tnow", origin: nil) == """
        error[E0106]: unexpected `now` after `whys`
         --> line 1, column 7
          |
        1 | \twhys\tnow
          | \t    \t^^^
          = usage: whys
          = quote text with spaces: "like this"

        """)
  }

  @Test func wideLineNumbersWidenTheGutter() {
    let script = String(repeating: "whys\n", count: 11) + "root W1 extra"
    #expect(
      rendered(script, commandLine: 12) == """
        error[E0106]: unexpected `extra` after `root`
         --> script.gemba:12:9
           |
        12 | root W1 extra
           |         ^^^^^
          = usage: root ID
          = quote text with spaces: "like this"

        """)
  }

  @Test func aSpanOverSeveralLinesIsUnderlinedToTheEndOfItsFirstLine() {
    let d = Diagnostic.error(
      .unexpectedToken, "this note is too long",
      at: SourceSpan(start: .init(line: 1, column: 6), end: .init(line: 3, column: 4)))
    #expect(
      DiagnosticRenderer().render(d, source: "note \"\"\"\nabc\n\"\"\"") == """
        error[E0106]: this note is too long
         --> line 1, column 6
          |
        1 | note \"\"\"
          |      ^^^

        """)
  }

  @Test func withoutASpanOnlyTheMessageAndNotes() {
    let d = Diagnostic.error(.nothingToUndo, "nothing to undo", notes: ["undo takes back the last change"])
    #expect(
      DiagnosticRenderer().render(d, source: "undo")
        == "error[E0904]: nothing to undo\n  = undo takes back the last change\n")
  }

  @Test func aSpanOutsideTheSourceShowsWhereButNoLine() {
    let d = Diagnostic(.provisionalLimits, "odd", at: SourceSpan(at: SourcePosition(line: 9, column: 2)))
    #expect(
      DiagnosticRenderer().render(d, source: "one line", origin: "f.md") == "warning[W0402]: odd\n --> f.md:9:2\n")
  }

  @Test func firstLineMapsSpansIntoAnExcerpt() {
    let d = Diagnostic.error(.querySyntax, "bad", at: SourceSpan(at: SourcePosition(line: 41, column: 3), length: 2))
    #expect(
      DiagnosticRenderer().render(d, source: "xxyy", origin: "s", firstLine: 41) == """
        error[E0303]: bad
         --> s:41:3
           |
        41 | xxyy
           |   ^^

        """)
  }

  @Test func colourPaintsTheLabelAndTheCaretOnly() {
    let text = rendered("probem x", origin: nil, color: true)
    #expect(text.hasPrefix("\u{1B}[1;31merror[E0101]\u{1B}[0m: unknown command `probem`\n"))
    #expect(text.contains("  | \u{1B}[1;31m^^^^^^\u{1B}[0m\n"))
    let warning = DiagnosticRenderer(color: true).render(Diagnostic(.provisionalLimits, "w"), source: "")
    #expect(warning == "\u{1B}[1;33mwarning[W0402]\u{1B}[0m: w\n")
  }

  @Test func crlfSourceShowsTheRightLine() {
    let d = Diagnostic.error(.querySyntax, "bad", at: SourceSpan(at: SourcePosition(line: 2, column: 1), length: 3))
    #expect(
      DiagnosticRenderer().render(d, source: "one\r\ntwo\r\nthree", origin: "s") == """
        error[E0303]: bad
         --> s:2:1
          |
        2 | two
          | ^^^

        """)
  }
}
