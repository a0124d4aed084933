import Testing
@testable import GembaCore

@Suite struct ScriptTests {
  /// Commands as `LINE: source`, one per element.
  static func describe(_ text: String) -> [String] {
    Script.commands(in: text).map { "\($0.line): \($0.source)" }
  }

  @Test(arguments: [
    ("why a\nwhy b", ["1: why a", "2: why b"]),
    ("why a\nwhy b\n", ["1: why a", "2: why b"]),
    ("", []),
    ("\n", ["1: "]),
    ("why a\n\n# a comment\nwhy b", ["1: why a", "2: ", "3: # a comment", "4: why b"]),
    (
      "problem x \\\n  --expected y \\\n  --actual z\nwhys",
      ["1: problem x \\\n  --expected y \\\n  --actual z", "4: whys"]
    ),
    ("note \"\"\"\nfirst\n\nthird\n\"\"\"\nwhys\n", ["1: note \"\"\"\nfirst\n\nthird\n\"\"\"", "6: whys"]),
    ("note \"two\nlines\"\nwhys", ["1: note \"two\nlines\"", "3: whys"]),
    ("why a # it's \"quoted\nwhys", ["1: why a # it's \"quoted", "2: whys"]),
    ("whys\nnote \"never closed\nwhys", ["1: whys", "2: note \"never closed\nwhys"]),
    ("whys\nwhy a \\", ["1: whys", "2: why a \\"]),
  ])
  func splitsIntoCommands(text: String, expected: [String]) {
    #expect(Self.describe(text) == expected)
  }

  @Test(arguments: [
    ("why a\r\nwhy b\r\n", ["1: why a", "2: why b"]),
    ("problem x \\\r\n  --expected y\r\nwhys", ["1: problem x \\\n  --expected y", "3: whys"]),
  ])
  func crlfLineEnds(text: String, expected: [String]) {
    #expect(Self.describe(text) == expected)
  }

  /// A script's errors point at the script's own lines.
  @Test func errorsNameTheScriptLine() throws {
    let script = MarkedText("title x\nproblem y \\\n  --expected z\nnote \"\"\"\na\n\"\"\"\n1️⃣probem w")
    let commands = Script.commands(in: script.text)
    #expect(commands.map(\.line) == [1, 2, 4, 7])
    let last = try #require(commands.last)
    let d = diagnostic { () throws(Diagnostic) in try Parser.parse(last.source, firstLine: last.line) }
    #expect(d?.span?.start == script[1])
  }
}
