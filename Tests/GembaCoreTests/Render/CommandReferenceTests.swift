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
    #expect(
      stored == generated, "docs/commands.md is out of date: GEMBA_RECORD_DOCS=1 swift test --filter CommandReference")
  }

  @Test(arguments: CommandCatalog.verbs.map(\.name))
  func everyVerbHasAKind(name: String) throws {
    let spec = try #require(CommandCatalog.spec(name))
    #expect(!HelpRenderer.natures(of: spec).isEmpty)
  }
}

/// A verb the session dispatches by its route must be handled where that route leads: a change
/// in `Investigation.apply`, a view in `TerminalViews.view(_:)`, a question in the workspace. The
/// switches are exhaustive; this runs every catalog example through them.
@Suite struct CommandDispatchTests {
  @Test(arguments: CommandCatalog.verbs.map(\.name))
  func everyExampleReachesItsHandler(name: String) throws {
    let spec = try #require(CommandCatalog.spec(name))
    for source in [spec.example, spec.name] {
      guard let command = try? Parser.parse(source) else { continue }
      let session = Session(evidence: FakeDesk())
      if case .rejected(let d) = session.run(command, source: source, time: "2026-11-20T10:00:00Z") {
        // E0903: the handler its route leads to has no case for it.
        #expect(d.code != .unhandledCommand, "`\(source)` has no case where its nature leads: \(d.message)")
      }
    }
  }
}
