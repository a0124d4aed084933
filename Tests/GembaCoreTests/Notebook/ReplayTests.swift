import Foundation
import Testing
@testable import GembaCore

@Suite struct ReplayTests {
  static let time = "2026-11-20T10:00:00Z"

  /// A notebook's text made by really running `commands`.
  func notebook(_ commands: [String]) -> String {
    let session = Session()
    for command in commands {
      guard case .cell = session.run(command, time: Self.time) else {
        Issue.record("setup command failed: \(command)")
        return ""
      }
    }
    return NotebookFormat.header + session.cells.map(NotebookFormat.render).joined()
  }

  @Test func anUntouchedNotebookMatchesEveryCell() {
    let text = notebook(["why \"a\"", "why W1 \"b\"", "whys", "signoff QA Sam"])
    let report = Replay.run(NotebookFormat.parse(text), in: Session())
    #expect(report.allMatched)
    #expect(report.summary == "replay: 4 cells, 4 matched, 0 differed, 0 drifted, 0 stale")
    #expect(report.newCells.map(\.chain) == NotebookFormat.parse(text).cells.map(\.chain))
  }

  @Test func anEditedCommandReplaysAndShowsWhatItNowDoes() {
    var text = notebook(["why \"a\"", "why W1 \"b\"", "whys"])
    text = text.replacingOccurrences(of: "why W1 \"b\"\n```", with: "why W1 \"c\"\n```")
    let report = Replay.run(NotebookFormat.parse(text), in: Session())
    #expect(!report.allMatched)
    #expect(report.differed.map(\.cell) == [2, 3])
    #expect(report.differed[0].detail.contains("-W1.1 b\n+W1.1 c"))
    #expect(report.summary == "replay: 3 cells, 1 matched, 2 differed, 0 drifted, 0 stale")
  }

  @Test func aCellThatNowFailsIsReportedAndReplayGoesOn() {
    var text = notebook(["why \"a\"", "confirm W1", "why \"b\""])
    text = text.replacingOccurrences(of: "confirm W1\n", with: "confirm W7\n")
    let report = Replay.run(NotebookFormat.parse(text), in: Session())
    #expect(report.differed.map(\.cell) == [2])
    #expect(report.differed[0].detail.hasPrefix("the cell now fails: there is no why W7"))
    #expect(report.matched == 2)
  }

  @Test func proseBetweenCellsIsNotPartOfTheRecord() {
    var text = notebook(["why \"a\"", "note hello"])
    text = text.replacingOccurrences(
      of: "\n<!-- cell 2", with: "\n## A reviewer's remark\n\nLooks right.\n\n<!-- cell 2")
    #expect(Replay.run(NotebookFormat.parse(text), in: Session()).allMatched)
    #expect(Verification.verify(NotebookFormat.parse(text)) == .verified(cells: 2))
  }

  @Test func aTruncatedNotebookReplaysWhatItHasAndSaysWhereItStopped() {
    let text = notebook(["why \"a\"", "note hello"])
    let cut = String(text.dropLast(6))
    let report = Replay.run(NotebookFormat.parse(cut), in: Session())
    #expect(report.cells == 1)
    #expect(report.stopped != nil)
    #expect(!report.allMatched)
    #expect(Replay.render(report, notebook: "nb.md").contains("stopped: nb.md:"))
  }

  /// A finding made on a file changed since it was loaded prints a `note:` line first; replay
  /// still names the finding the citation supports, not the first word of that output.
  @Test func aStaleFindingIsNamedByItsIdEvenWhenItsOutputStartsWithANote() throws {
    let loaded = Session(workspace: EvidenceWorkspace(files: MemoryFiles(["t.csv": "id,ok\n1,no\n2,yes\n"])))
    loaded.expectCell("load t.csv as t")
    // Opened again once the file has changed: the finding's query runs on the new file, and says so.
    let typed = Session(workspace: EvidenceWorkspace(files: MemoryFiles(["t.csv": "id,ok\n1,no\n2,yes\n3,no\n"])))
    for cell in loaded.cells { try typed.restore(cell) }
    let output = typed.expectCell("finding \"answers differ\" --evidence t | where ok = no | count")
    try #require(output.hasPrefix("note: t.csv changed since cell 1"), "the setup needs the note: \(output)")
    let text = NotebookFormat.header + typed.cells.map(NotebookFormat.render).joined()

    let today = MemoryFiles(["t.csv": "id,ok\n1,no\n2,yes\n3,no\n4,no\n"])
    let report = Replay.run(NotebookFormat.parse(text), in: Session(workspace: EvidenceWorkspace(files: today)))
    #expect(report.stale.map(\.item) == ["F1"])
    #expect(Replay.render(report, notebook: "nb.md").contains("stale: F1 cites `t | where ok = no | count` (cell 2)"))
  }

  @Test(arguments: [
    ("loaded in 12 ms", "loaded in #ms"),
    ("took 1.5 s, 30 MB/s", "took #s, #MB/s"),
    ("W1 reason 12", "W1 reason 12"),
  ])
  func durationsAreMasked(input: String, masked: String) {
    #expect(Replay.mask(input) == masked)
  }
}

@Suite struct LineDiffTests {
  @Test func equalTextsHaveNoDiff() {
    #expect(LineDiff.unified("a\nb", "a\nb", oldLabel: "x", newLabel: "y") == "")
  }

  @Test func oneChangedLineWithContext() {
    let old = "1\n2\n3\n4\n5\n6\n7"
    let new = "1\n2\n3\nFOUR\n5\n6\n7"
    #expect(
      LineDiff.unified(old, new, oldLabel: "then", newLabel: "now") == """
        --- then
        +++ now
        @@ -2,5 +2,5 @@
         2
         3
        -4
        +FOUR
         5
         6

        """)
  }

  @Test func separateChangesMakeSeparateHunks() {
    let old = (1...20).map(String.init).joined(separator: "\n")
    let new = old.replacingOccurrences(of: "\n3\n", with: "\nthree\n").replacingOccurrences(of: "\n17\n", with: "\n")
    let diff = LineDiff.unified(old, new, oldLabel: "a", newLabel: "b")
    #expect(diff.components(separatedBy: "@@ -").count - 1 == 2)
    #expect(diff.contains("@@ -1,5 +1,5 @@"))
    #expect(diff.contains("@@ -15,5 +15,4 @@"))
  }
}
