import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// A v2 notebook stays Markdown that GitHub shows cleanly: a CommonMark parser (markdown-it,
/// run at test time) sees each data line as an HTML comment block, which renders as nothing.
@Suite(
  .enabled(
    if: ExternalProgram.runs(needing: ExternalTools.hasMarkdownIt),
    "needs python3 -m pip install markdown-it-py (scripts/bootstrap)"))
struct NotebookMarkdownTests {
  static let inspector = #"""
    import json, sys
    from markdown_it import MarkdownIt
    tokens = MarkdownIt("commonmark").parse(open(sys.argv[1], encoding="utf-8").read())
    out = {"comments": [], "fences": [], "visible": []}
    for t in tokens:
        if t.type == "html_block":
            out["comments"].append(t.content)
        elif t.type == "fence":
            out["fences"].append(t.info)
        elif t.type == "inline":
            out["visible"].append(t.content)
    print(json.dumps(out))
    """#

  @Test func dataLinesAreHiddenCommentsAndNothingElseChanges() throws {
    let session = Session.after([
      "why \"quotes differ\"",
      "load evidence/tickets.csv as tickets",
      "cite W1 tickets#3-4 --note \"a note with --> and <b>tags</b> and ``` fences\"",
      "cite W1 tickets | where correct = no | count",
      "undo",
    ])
    let text = NotebookFormat.header + session.cells.map(NotebookFormat.render).joined()
    let folder = try ExternalTools.scratch()
    let file = folder.appendingPathComponent("nb.md")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let result = try ExternalTools.run(["python3", "-c", Self.inspector, file.path])
    try #require(result.status == 0, "\(result.stderr)")
    struct Tokens: Decodable { var comments: [String]; var fences: [String]; var visible: [String] }
    let tokens = try JSONDecoder().decode(Tokens.self, from: Data(result.stdout.utf8))
    let dataLines = session.cells.compactMap(\.data)
    #expect(dataLines.count == 4)
    // Each data line is one comment block of its own, whole.
    for data in dataLines {
      #expect(tokens.comments.contains("<!-- data \(data) -->\n"))
    }
    #expect(tokens.fences == Array(repeating: ["gemba", "output"], count: session.cells.count).flatMap { $0 })
    #expect(!tokens.visible.contains { $0.contains("\"citations\"") || $0.contains("\"loaded\"") })
  }
}
