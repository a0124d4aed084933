import Foundation
import Testing
@testable import GembaCore

/// The docs' command list is derived from the catalogs, never written twice.
@Suite struct CommandReferenceTests {
  static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/commands.md")

  @Test func docsCommandsMatchesTheCatalogs() throws {
    let generated = HelpRenderer.reference()
    if ProcessInfo.processInfo.environment["GEMBA_RECORD_DOCS"] == "1" {
      try generated.write(to: Self.file, atomically: true, encoding: .utf8)
    }
    let stored = try String(contentsOf: Self.file, encoding: .utf8)
    #expect(stored == generated, "docs/commands.md is out of date: GEMBA_RECORD_DOCS=1 swift test --filter CommandReference")
  }

  @Test(arguments: CommandCatalog.verbs.map(\.name))
  func everyVerbHasAKind(name: String) throws {
    let spec = try #require(CommandCatalog.spec(name))
    #expect(!HelpRenderer.natures(of: spec).isEmpty)
  }
}
