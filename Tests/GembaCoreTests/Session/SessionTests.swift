import Testing
@testable import GembaCore

@Suite struct SessionTests {
  // MARK: - Cells

  @Test func cellsAreNumberedTimedAndChained() throws {
    let session = Session.after(["title Refunds", "why agents differ", "problem x \\\n  --expected y", "whys", "undo"])
    #expect(session.cells.map(\.number) == [1, 2, 3, 4, 5])
    #expect(session.cells.map(\.time) == [cellTime(1), cellTime(2), cellTime(3), cellTime(4), cellTime(5)])
    #expect(
      session.cells.map(\.command) == [
        "title Refunds", "why agents differ", "problem x \\\n  --expected y", "whys", "undo",
      ])
    #expect(session.cells[0].output == "title: Refunds")
    #expect(session.cells[4].output == "undid cell 3: problem x \\")
    var previous = Chain.genesis
    for cell in session.cells {
      #expect(
        cell.chain
          == Chain.next(
            after: previous, number: cell.number, time: cell.time, command: cell.command, output: cell.output,
            data: cell.data))
      previous = cell.chain
    }
    #expect(session.chain == previous)
    #expect(session.nextCellNumber == 6)
  }

  @Test func anEmptySessionStartsAtGenesis() {
    let session = Session()
    #expect(session.chain == Chain.genesis)
    #expect(session.nextCellNumber == 1)
  }

  @Test func aTrailingNewlineIsNotPartOfTheCommand() {
    let session = Session.after(["why a\n"])
    #expect(session.cells.first?.command == "why a")
  }

  @Test func signoffApprovesThePreviousCellsChain() throws {
    let session = Session.after(["title Refunds", "why a"])
    let approved = session.chain
    session.expectCell(
      "signoff QM \"Priya Shah\"", output: "signed off by Priya Shah (QM) at \(cellTime(3)), chain \(approved)")
    #expect(session.investigation.signoffs.first?.chain == approved)
  }

  // MARK: - Commands that record no cell

  @Test(arguments: ["help", "help action", "HELP Problem", "history"])
  func helpAndHistoryPrintWithoutACell(source: String) {
    let session = Session.after(["why a"])
    guard case .meta(let text) = session.run(source, time: cellTime(2)) else {
      Issue.record("`\(source)` is not a meta command")
      return
    }
    #expect(!text.isEmpty)
    #expect(session.cells.count == 1)
  }

  @Test(arguments: ["save", "save copy.md", "run script.gemba", "quit"])
  func edgeCommandsAreLeftToTheExecutable(source: String) {
    let session = Session.after(["why a"])
    guard case .edge(let command) = session.run(source, time: cellTime(2)) else {
      Issue.record("`\(source)` is not an edge command")
      return
    }
    #expect(CommandSummary.describe(command) == CommandSummary.describe(try! Parser.parse(source)!))
    #expect(session.cells.count == 1)
  }

  /// An export is a cell: the session renders the files, the edge writes them.
  @Test func exportIsACellWhoseFilesTheEdgeWrites() {
    let session = Session.after(["why a"])
    guard case .cell(let cell, _, _) = session.run("export md out.md", time: cellTime(2)) else {
      Issue.record("export did not record a cell")
      return
    }
    #expect(cell.output.hasPrefix("exported md → out.md · "))
    #expect(session.writes.map(\.path.value) == ["out.md"])
    #expect(session.writes.first?.content.contains("W1") == true)
    _ = session.run("whys", time: cellTime(3))
    #expect(session.writes.isEmpty)
  }

  @Test(arguments: ["", "   ", "# a comment", "\\"])
  func blankInputIsNothing(source: String) {
    let session = Session()
    guard case .empty = session.run(source, time: cellTime(1)) else {
      Issue.record("`\(source)` did something")
      return
    }
    #expect(session.cells.isEmpty)
  }

  @Test func historyListsTheCells() {
    let session = Session.after(Array(repeating: "whys", count: 9) + ["note \"\"\"\nfirst\nsecond\n\"\"\""])
    guard case .meta(let text) = session.run("history", time: cellTime(11)) else {
      Issue.record("history is not a meta command")
      return
    }
    #expect(
      text == (1...9).map { "[ \($0)] whys" }.joined(separator: "\n")
        + "\n[10] note \"\"\"\n     first\n     second\n     \"\"\"")
    guard case .meta(let empty) = Session().run("history", time: cellTime(1)) else {
      Issue.record("history on an empty session is not a meta command")
      return
    }
    #expect(empty == "no cells yet")
  }

  @Test func helpForAnUnknownVerbSuggestsOne() {
    let session = Session()
    session.expectRejected(
      "help probem", code: .unknownHelpTopic,
      notes: ["did you mean `problem`?", "type `help` for the list of commands and query stages"])
  }

  // MARK: - Rejected commands change nothing

  static let setup = [
    "load evidence/tickets.csv as tickets",
    "process Refunds intake lookup reply",
    "why agents differ",
    "fishbone effect --template 6M",
    "cause Method policy in three places",
    "rule-out C1 --because one place in fact",
    "finding macro lags --step S2",
    "action F1 regenerate macros --owner Dana",
  ]

  @Test(
    arguments: [
      ("probem x", .unknownCommand),
      ("why \"open", .unterminatedString),
      ("why W2 x", .unknownID),
      ("cause Mehtod x", .unknownID),
      ("action F2 x", .unknownID),
      ("effective A1 --evidence tickets#3", .conflictingState),
      ("root C1", .conflictingState),
      ("process again a b", .conflictingState),
      ("cite W1 wiki#3", .unknownEvidence),
      ("cite W1 tickets#1 wiki#3", .unknownEvidence),
      ("finding x --step S1 --evidence wiki", .unknownEvidence),
      ("load missing.csv", .fileNotFound),
      ("wiki | count", .unknownEvidence),
      ("show wiki", .unknownEvidence),
      ("redo", .nothingToUndo),
    ] as [(String, DiagnosticCode)])
  func aRejectedCommandChangesNothing(source: String, code: DiagnosticCode) {
    let session = Session.after(Self.setup)
    session.expectRejected(source, code: code)
    // …and the session goes on.
    session.expectCell("why W1 next", output: "W1.1 next")
  }

  @Test func withoutEvidenceLoadAndCiteAreRejected() {
    let session = Session()
    session.expectRejected("load a.csv", code: .evidenceUnavailable)
    session.expectCell("why a")
    session.expectRejected("cite W1 t#1", code: .evidenceUnavailable)
    session.expectRejected("t | count", code: .evidenceUnavailable)
  }

  @Test func evidenceIsReadAtTheEdgeAndStoredWithTheCitation() throws {
    let session = Session.after(Self.setup)
    session.expectCell(
      "cite W1 tickets#3 tickets | count --note per team",
      output: "cited on W1: tickets#3\n  rows tickets#3\ncited on W1: tickets | count\n  42")
    let node = try #require(session.investigation.nodes[ItemID("W1")!])
    #expect(
      node.citations == [
        Citation(kind: .rows, reference: "tickets#3", excerpt: "rows tickets#3", note: "per team", cell: 9),
        Citation(kind: .query, reference: "tickets | count", excerpt: "42", note: "per team", cell: 9),
      ])
    #expect(session.cells[0].output == "loaded tickets: 40 rows × 3 columns · sha256 abababababababab")
    #expect(session.investigation.evidence.map(\.name) == ["tickets"])
    session.expectCell("tickets | where team = B | count", output: "result of tickets | where team = B | count")
  }

  // MARK: - Undo and redo

  @Test func idsAreNeverReusedAfterUndo() {
    let session = Session.after(["why a"])
    session.expectCell("undo", output: "undid cell 1: why a")
    #expect(session.ids.isEmpty)
    session.expectCell("why b", output: "W2 b")
    session.expectCell("why W2 c", output: "W2.1 c")
    session.expectCell("undo", output: "undid cell 4: why W2 c")
    session.expectCell("why W2 d", output: "W2.2 d")
    for (source, output) in [
      ("process P a b", "process P: S1 a → S2 b"), ("undo", "undid cell 7: process P a b"),
      ("process Q c", "process Q: S3 c"),
    ] {
      session.expectCell(source, output: output)
    }
  }

  @Test func redoGivesBackTheSameIDs() {
    let session = Session.after(["why a", "why W1 b", "fishbone f --template 4S", "cause Systems s"])
    let before = session.investigation
    session.expectCell("undo", output: "undid cell 4: cause Systems s")
    session.expectCell("undo", output: "undid cell 3: fishbone f --template 4S")
    session.expectCell("undo", output: "undid cell 2: why W1 b")
    #expect(session.ids == ["W1"])
    session.expectCell("redo", output: "redid cell 2: why W1 b")
    session.expectCell("redo", output: "redid cell 3: fishbone f --template 4S")
    session.expectCell("redo", output: "redid cell 4: cause Systems s")
    #expect(session.investigation == before)
    #expect(session.ids == ["W1", "W1.1", "C1"])
    session.expectRejected("redo", code: .nothingToUndo)
  }

  @Test func undoOfNothingIsAnError() {
    let session = Session()
    session.expectRejected("undo", code: .nothingToUndo)
    session.expectRejected("redo", code: .nothingToUndo)
    session.expectCell("whys")
    session.expectRejected("undo", code: .nothingToUndo)
    session.expectCell("why a")
    session.expectCell("undo")
    session.expectRejected("undo", code: .nothingToUndo)
  }

  @Test func undoTakesBackChangesNotViews() {
    let session = Session.after(["why a", "why b", "whys", "status"])
    session.expectCell("undo", output: "undid cell 2: why b")
    #expect(session.ids == ["W1"])
  }

  @Test func aNewChangeEndsRedo() {
    let session = Session.after(["why a", "undo", "why b"])
    session.expectRejected("redo", code: .nothingToUndo)
    #expect(session.ids == ["W2"])
  }

  @Test func undoKeepsLaterStateExactlyAsAFoldOverFewerChanges() {
    let session = Session.after(Self.setup + ["done A1", "cite W1 tickets#2"])
    session.expectCell("undo")
    session.expectCell("undo")
    var expected = Session.after(Self.setup).investigation
    expected.counters = session.investigation.counters
    #expect(session.investigation == expected)
  }

  @Test func undoAfterAView() {
    let session = Session.after(["note first", "whys", "note \"\"\"\nsecond line one\nline two\n\"\"\""])
    session.expectCell("undo", output: "undid cell 3: note \"\"\"")
    #expect(session.investigation.notes == [Note(cell: 1, text: "first")])
  }

  // MARK: - Restore: a notebook's cells rebuild the state

  static let rich =
    setup + [
      "why W1 macros lag the policy",
      "cite W1.1 tickets#3-5 --note wrong window",
      "undo",
      "why W1 the wiki is out of date",
      "undo",
      "redo",
      "confirm W1.2 --because wiki edit log",
      "root W1.2",
      "done A1",
      "effective A1 --evidence tickets | where reopened = yes | count",
      "event 2026-10-03 window changed --evidence tickets#7",
      "signoff QM Priya",
      "whys",
      "note \"\"\"\nagreed:\n  one policy page\n\"\"\"",
    ]

  @Test func restoringStoredCellsRebuildsTheSameSession() throws {
    let original = Session.after(Self.rich)
    let restored = Session(evidence: FakeDesk())
    for cell in original.cells { try restored.restore(cell) }
    #expect(restored.investigation == original.investigation)
    #expect(restored.cells == original.cells)
    #expect(restored.chain == original.chain)
    // Both go on identically, undo included.
    for source in ["why W1 next", "undo", "undo", "why W1 after"] {
      let a = original.expectCell(source)
      let b = restored.expectCell(source)
      #expect(a == b)
    }
    #expect(restored.investigation == original.investigation)
    #expect(restored.cells == original.cells)
  }

  @Test func restoringFromTheNotebookTextRebuildsTheSameSession() throws {
    let original = Session.after(Self.rich)
    let text = NotebookFormat.header + original.cells.map(NotebookFormat.render).joined()
    let document = NotebookFormat.parse(text)
    #expect(document.problems.isEmpty)
    let restored = Session(evidence: FakeDesk())
    for cell in document.cells { try restored.restore(cell) }
    #expect(restored.investigation == original.investigation)
    #expect(restored.cells.map(\.chain) == original.cells.map(\.chain))
    #expect(restored.chain == original.chain)
  }

  @Test func restoringACellThatNoLongerAppliesIsAnError() {
    let session = Session()
    let cell = Cell(number: 1, time: cellTime(1), chain: "00", command: "why W4 x", output: "W4.1 x")
    #expect(throws: Diagnostic.self) { try session.restore(cell) }
    #expect(session.cells.isEmpty)
    let comment = Cell(number: 1, time: cellTime(1), chain: "00", command: "# nothing", output: "")
    let d = diagnostic { () throws(Diagnostic) in try session.restore(comment) }
    #expect(d?.code == .malformedNotebook)
  }
}
