import Foundation
import Testing

@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct EvidenceSessionTests {
  /// Each bad file is refused with a message naming the file and where; the session goes
  /// on and what came before is kept.
  @Test(arguments: [
    ("ragged.csv", "a,b,c\n1,2,3\n4,5\n"),
    ("quote.csv", "a,b\n1,\"open\n"),
    ("empty.csv", ""),
    ("binary.csv", "PK\u{03}\u{04}\u{00}\u{00}binary"),
  ])
  func aBadFileIsReportedAndTheSessionGoesOn(file: String, content: String) throws {
    let folder = try GembaProcess.scratchFolder("bad\(file)")
    try Data(content.utf8).write(to: folder.appendingPathComponent(file))
    let script = "why \"before\"\nload \(file) as bad\nwhy \"after\"\nwhys\n"
    let result = try GembaProcess.run(["nb.md", "--keep-going"], stdin: script, in: folder)
    #expect(result.stdout.contains("W1 before"))
    #expect(result.stdout.contains("W2 after"))
    #expect(result.stderr.contains(file) || result.stdout.contains(file), "\(result.stderr)")
    let notebook = try GembaProcess.read(folder.appendingPathComponent("nb.md"))
    #expect(notebook.contains("why \"after\""))
  }

  @Test func aMissingFileNamesThePathAndSuggestsNothingWrong() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try GembaProcess.run(["nb.md"], stdin: "load evidence/nope.csv as t\n", in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("evidence/nope.csv"))
    #expect(result.stderr.contains("--> stdin:1:6"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 0)
  }

  @Test func queriesAndCitationsRunInBatchAndReplay() throws {
    let folder = try GembaProcess.scratchFolder()
    let csv =
      "id,team,reopened,opened_at\n1,Billing,yes,2026-10-01T09:00\n2,Refunds,no,2026-10-02T10:00\n"
      + "3,Billing,yes,2026-10-03T11:00\n4,\"Support, Tier 2\",yes,2026-10-04T12:00\n"
    try csv.write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
    let script = """
      load t.csv as tickets
      tickets | where reopened = yes | count by team
      why "reopens cluster in Billing"
      cite W1 tickets#1-3
      cite W1 tickets | where team = Billing | count
      timeline
      """
    let result = try GembaProcess.run(["nb.md"], stdin: script, in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("│ Billing         │     2 │"))
    #expect(result.stdout.contains("│ Support, Tier 2 │     1 │"))
    #expect(result.stdout.contains("cited on W1: tickets | where team = Billing | count\n  2 rows"))
    #expect(result.stdout.contains("2026-10-01T09:00  ▸ tickets#1: 1 · Billing · yes"))
    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(replay.stdout == "replay: 6 cells, 6 matched, 0 differed, 0 drifted, 0 stale\n")
  }

  /// `run FILE` inside a session: a template of commands runs as cells.
  @Test func runExecutesAScriptAsCellsAndStopsAtItsFirstError() throws {
    let folder = try GembaProcess.scratchFolder()
    try "# weekly review template\nwhy \"a\"\nwhy W1 \"b\"\n".write(
      to: folder.appendingPathComponent("template.gemba"), atomically: true, encoding: .utf8)
    try "why \"c\"\nconfirm W9\nwhy \"never\"\n".write(
      to: folder.appendingPathComponent("broken.gemba"), atomically: true, encoding: .utf8)
    let ok = try GembaProcess.run(["nb.md"], stdin: "title T\nrun template.gemba\nwhys\n", in: folder)
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(ok.stdout.contains("W1.1 b"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 4)
    let broken = try GembaProcess.run(["nb.md"], stdin: "run broken.gemba\n", in: folder)
    #expect(broken.status == 1)
    #expect(broken.stderr.contains("--> broken.gemba:2:9"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 5)
  }
}
