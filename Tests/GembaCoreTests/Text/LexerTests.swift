import Testing
@testable import GembaCore

@Suite struct LexerTests {
  /// Tokens as `w:word`, `s:"string"`, `o:option`, `|`, separated by spaces.
  static func describe(_ tokens: [Token]) -> String {
    tokens.map { t in
      switch t.kind {
      case .word: "w:\(t.text)"
      case .string: "s:" + CommandSummary.q(t.text)
      case .option: "o:\(t.text)"
      case .pipe: "|"
      }
    }.joined(separator: " ")
  }

  func expectTokens(_ source: String, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      let tokens = try Lexer.tokenize(source)
      #expect(Self.describe(tokens) == expected, sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected lexer error: \(error.message)", sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: [
    // Bare words
    ("problem Agents differ", "w:problem w:Agents w:differ"),
    ("  why\tit   broke  ", "w:why w:it w:broke"),
    ("", ""),
    ("   ", ""),
    ("a\"b\"", "w:a s:\"b\""),
    // Double-quoted strings and their escapes
    (#"note "say \"hi\"""#, #"w:note s:"say \"hi\"""#),
    (#"note "a\\b""#, #"w:note s:"a\\b""#),
    (#"note "one\ntwo""#, #"w:note s:"one\ntwo""#),
    (#"note "tab\tx""#, #"w:note s:"tab\tx""#),
    (#"note "keep \q as is""#, #"w:note s:"keep \\q as is""#),
    (#"note """#, #"w:note s:"""#),
    ("note \"spans\ntwo lines\"", #"w:note s:"spans\ntwo lines""#),
    (#"note "a # not a comment | nor a pipe""#, #"w:note s:"a # not a comment | nor a pipe""#),
    // Triple-quoted strings
    ("note \"\"\"\nfirst\n  second\n\"\"\"", #"w:note s:"first\n  second""#),
    ("note \"\"\"inline\"\"\"", #"w:note s:"inline""#),
    ("note \"\"\"a \"quoted\" b\n\"\"\" done", #"w:note s:"a \"quoted\" b" w:done"#),
    ("note \"\"\"\n\\n stays\n\"\"\"", #"w:note s:"\\n stays""#),
    // Comments only where a token could start
    ("why it broke # the team agrees", "w:why w:it w:broke"),
    ("# a whole-line comment", ""),
    ("cite C1 tickets#12 tickets#12-40", "w:cite w:C1 w:tickets#12 w:tickets#12-40"),
    ("why a#b", "w:why w:a#b"),
    (##"note "x"#y"##, #"w:note s:"x""#),
    ("why a # comment \"open quote", "w:why w:a"),
    // Continuation
    ("problem x \\\n  --expected y", "w:problem w:x o:expected w:y"),
    ("why a\\\nb", "w:why w:a w:b"),
    ("why a \\", "w:why w:a"),
    ("path a\\b", "w:path w:a\\b"),
    // Pipes
    (
      "tickets | where reopened = yes | count by team", "w:tickets | w:where w:reopened w:= w:yes | w:count w:by w:team"
    ),
    ("tickets|count", "w:tickets | w:count"),
    // Options
    ("problem x --expected one --actual two", "w:problem w:x o:expected w:one o:actual w:two"),
    ("note -- --5 -x --rule-out", "w:note w:-- w:--5 w:-x o:rule-out"),
    ("note \"--expected\"", #"w:note s:"--expected""#),
  ])
  func tokens(source: String, expected: String) {
    expectTokens(source, expected)
  }

  @Test(arguments: [
    // CRLF line ends (a script saved on Windows) and pasted non-breaking spaces are white space.
    ("problem x \\\r\n  --expected y", "w:problem w:x o:expected w:y"),
    ("why a\r\n", "w:why w:a"),
    ("why\u{00A0}it broke", "w:why w:it w:broke"),
    ("why it\u{2003}broke\u{000C}", "w:why w:it w:broke"),
  ])
  func otherWhiteSpace(source: String, expected: String) {
    expectTokens(source, expected)
  }

  @Test(arguments: [
    // Each marker pair is one token: 1️⃣…2️⃣, 3️⃣…4️⃣, …
    "1️⃣problem2️⃣ 3️⃣\"a b\"4️⃣ 5️⃣--expected6️⃣ 7️⃣x8️⃣",
    "1️⃣tickets2️⃣ 3️⃣|4️⃣5️⃣where6️⃣",
    "1️⃣note2️⃣ 3️⃣\"\"\"\nfirst line\nsecond\n\"\"\"4️⃣ 5️⃣tail6️⃣",
    "1️⃣problem2️⃣ \\\n   3️⃣--actual4️⃣ 5️⃣\"two\nlines\"6️⃣",
    "\t1️⃣why2️⃣ 3️⃣\"é✓\"4️⃣ 5️⃣x🙂y6️⃣",
  ])
  func spans(marked: String) throws {
    let input = MarkedText(marked)
    let tokens = try Lexer.tokenize(input.text)
    let expected = (0..<tokens.count).map { SourceSpan(start: input[2 * $0 + 1], end: input[2 * $0 + 2]) }
    #expect(tokens.map(\.span) == expected)
  }

  @Test func firstLineOffsetsEveryLine() throws {
    let input = MarkedText("1️⃣why2️⃣ \\\n3️⃣a4️⃣", firstLine: 12)
    let tokens = try Lexer.tokenize(input.text, firstLine: 12)
    #expect(
      tokens.map(\.span) == [SourceSpan(start: input[1], end: input[2]), SourceSpan(start: input[3], end: input[4])])
  }

  @Test(arguments: [
    ("note \"open", true),
    ("note \"closed\"", false),
    ("note \"\"\"\nfirst line", true),
    ("note \"\"\"\nfirst line\n\"\"\"", false),
    (#"note "escaped quote \""#, true),
    (#"note "escaped backslash \\""#, false),
    ("why a \\", true),
    ("why a\\", true),
    ("why a \\\nb", false),
    ("why a \\ ", false),
    ("why a", false),
    ("", false),
    ("# a comment with \"a quote", false),
    ("why a # comment ending in \\", false),
  ])
  func needsContinuation(source: String, expected: Bool) {
    #expect(Lexer.needsContinuation(source) == expected)
  }

  @Test(
    arguments: [
      ("why 1️⃣\"abc", .unterminatedString, 1),
      ("problem x \\\n  --expected 1️⃣\"never closed", .unterminatedString, 1),
      ("note 1️⃣\"\"\"\nline one\nline two", .unterminatedString, 3),
      ("note 1️⃣\"ends in an escaped quote\\\"", .unterminatedString, 1),
    ] as [(String, DiagnosticCode, Int)])
  func unterminatedStringIsReportedAtItsOpeningQuote(marked: String, code: DiagnosticCode, width: Int) {
    let input = MarkedText(marked)
    guard let d = diagnostic({ () throws(Diagnostic) in try Lexer.tokenize(input.text) }) else { return }
    #expect(d.severity == .error)
    #expect(d.code == code)
    #expect(d.span == SourceSpan(at: input[1], length: width))
    #expect(!d.notes.isEmpty)
  }
}
