import Foundation
import Testing
@testable import GembaCore

/// The codes are a contract with scripts and tests: unique, well-formed, and listed in the docs.
@Suite struct DiagnosticCodeTests {
  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/diagnostics.md")

  @Test func docsDiagnosticsMatchesTheEnum() throws {
    let generated = DiagnosticCode.reference()
    if ProcessInfo.processInfo.environment["GEMBA_RECORD_DOCS"] == "1" {
      try generated.write(to: Self.file, atomically: true, encoding: .utf8)
    }
    let stored = try String(contentsOf: Self.file, encoding: .utf8)
    #expect(
      stored == generated, "docs/diagnostics.md is out of date: GEMBA_RECORD_DOCS=1 swift test --filter DiagnosticCode")
  }

  /// The docs list each code once, from the enum: every case's line is in the stored file.
  @Test(arguments: DiagnosticCode.allCases)
  func everyCodeIsInTheDocs(code: DiagnosticCode) throws {
    let stored = try String(contentsOf: Self.file, encoding: .utf8)
    #expect(stored.components(separatedBy: "| \(code.code) |").count == 2, "\(code.code) should be listed once")
  }

  @Test func noTwoCasesShareACode() {
    var seen: [String: DiagnosticCode] = [:]
    for code in DiagnosticCode.allCases {
      #expect(seen[code.code] == nil, "\(code) and \(seen[code.code].map { "\($0)" } ?? "") share \(code.code)")
      seen[code.code] = code
    }
    #expect(seen.count == DiagnosticCode.allCases.count)
  }

  @Test(arguments: DiagnosticCode.allCases)
  func codeIsALetterAndFourDigitsInAKnownBlock(code: DiagnosticCode) {
    let text = code.code
    #expect(text.count == 5)
    #expect(text.first == "E" || text.first == "W")
    #expect(text.dropFirst().allSatisfy { $0.isASCII && $0.isNumber })
    #expect(code.area != nil, "\(text) is in no area's block")
    #expect(!code.summary.isEmpty && !code.summary.contains("\n"))
  }

  @Test func severityFollowsTheLetter() {
    #expect(Diagnostic(.unknownColumn, "x").severity == .error)
    #expect(Diagnostic(.provisionalLimits, "x").severity == .warning)
    #expect(Diagnostic.file(.notebookNotFound, "x").severity == .error)
  }

  @Test func rendererShowsTheCodeAsCompilersDo() {
    let source = "tickets | count by teem"
    let d = Diagnostic.error(
      .unknownColumn, "no column `teem` in tickets",
      at: SourceSpan(start: SourcePosition(line: 1, column: 20), end: SourcePosition(line: 1, column: 24)),
      notes: ["did you mean `team`?"])
    let text = DiagnosticRenderer().render(d, source: source)
    #expect(
      text == """
        error[E0301]: no column `teem` in tickets
         --> line 1, column 20
          |
        1 | tickets | count by teem
          |                    ^^^^
          = did you mean `team`?

        """)
    let warning = DiagnosticRenderer().render(Diagnostic(.provisionalLimits, "limits come from 5 points"), source: "")
    #expect(warning == "warning[W0402]: limits come from 5 points\n")
  }
}
