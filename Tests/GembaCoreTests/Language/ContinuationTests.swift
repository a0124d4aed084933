import Testing
@testable import GembaCore

/// The line-by-line continuation state agrees with the lexer, which decides it over the whole text.
@Suite struct ContinuationTests {
  static func incremental(_ lines: [String]) -> Bool {
    var state = Continuation()
    for line in lines { state.feed(line) }
    return state.needsMore
  }

  @Test(arguments: [
    ["note \"open"], ["note \"open", "closed\""], ["note \"\"\"", "text", "\"\"\""],
    ["note \"\"\"", "a \"quoted\" word"],
    ["why a \\"], ["why a \\", "b"], ["note # \"not a string"], ["cite W1 t#12 \"x"], ["note \"a\\\"b\""],
    ["note \"ends in backslash \\", "still open\""], ["note \"\"\"x\"\"\" \\"], ["t | where a = \"b\" # c \"d"],
    ["note \"\"\"", "\"\"\" tail \"x"], ["note \"a\"\"b"], ["|#x \"y"], ["note\\"],
  ])
  func agreesWithTheLexer(lines: [String]) {
    #expect(Self.incremental(lines) == Lexer.needsContinuation(lines.joined(separator: "\n")), "\(lines)")
  }

  @Test func agreesWithTheLexerOnRandomText() {
    var generator = SplitMix(seed: 42)
    let pieces = ["a", " ", "\"", "\"\"\"", "\\", "#", "|", "x#", "\\\"", "\n"]
    for _ in 0..<3000 {
      var text = ""
      for _ in 0..<Int(generator.next() % 12) { text += pieces[Int(generator.next() % UInt64(pieces.count))] }
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      #expect(Self.incremental(lines) == Lexer.needsContinuation(text), "\(text.debugDescription)")
    }
  }
}

/// A small deterministic generator, so a failure can be reproduced.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
