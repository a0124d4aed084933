import Testing

@testable import GembaCore

/// A diagnostic quotes text from elsewhere (finding 10 of issue 24): every control character in it,
/// colour sequences included, is written out, and the caret still sits under what it marks.
@Suite struct EscapedDiagnosticTests {
  static let sequences = [
    "\u{1B}[8m", "\u{1B}[30;40m", "\u{1B}[38;5;196m", "\u{1B}]8;;https://evil.example/\u{1B}\\",
    "\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}", "\u{1B}[2A\u{1B}[10D", "\r", "\u{9B}31m",
  ]

  func raw(_ text: String) -> Bool {
    text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
  }

  @Test(arguments: sequences)
  func quotedTextIsWrittenOutAndTheCaretStaysUnderTheMark(_ sequence: String) {
    // `oops` is marked: columns 12 to 15 of the line, after the sequence.
    let line = "note \"a\(sequence)\" oops"
    let column = line.count - 3
    let d = Diagnostic.error(
      .unexpectedToken, "unexpected `x\(sequence)`",
      at: SourceSpan(at: SourcePosition(line: 1, column: column), length: 4),
      notes: ["a note \(sequence)"])
    for color in [false, true] {
      let text = DiagnosticRenderer(color: color).render(d, source: line, origin: "nb\(sequence).md")
      // Only the renderer's own colour (when asked for) is an escape: strip it, then nothing raw remains.
      var plain = text
      for code in ["1;31", "1;33", "0"] { plain = plain.replacing("\u{1B}[\(code)m", with: "") }
      #expect(!raw(plain), "\(text.debugDescription)")
      if !color {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let quoted = lines.first { $0.hasPrefix("1 | ") }.map(String.init) ?? ""
        let caret = lines.first { $0.contains("^") }.map(String.init) ?? ""
        let at = quoted.range(of: "oops").map { quoted.distance(from: quoted.startIndex, to: $0.lowerBound) }
        let mark = caret.firstIndex(of: "^").map { caret.distance(from: caret.startIndex, to: $0) }
        #expect(at != nil && at == mark, "\(text)")
        #expect(caret.filter { $0 == "^" }.count == 4)
      }
    }
  }
}
