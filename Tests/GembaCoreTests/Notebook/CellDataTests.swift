import Testing
@testable import GembaCore

/// Cells carry what they read: the payload's encoding, its place in the file and the chain,
/// and opening as a fold that reads no evidence.
@Suite struct CellDataTests {
  static let script = [
    "why \"agents quote different windows\"",
    "load evidence/tickets.csv as tickets",
    "cite W1 tickets#3-4 --note \"two --> tricky <notes> & more\"",
    "cite W1 tickets | where correct = no | count",
    "why W1 \"the macro lags\"",
    "load evidence/scratch.csv as scratch",
    "undo",
    "confirm W1 --because the counts differ",
    "undo",
    "redo",
  ]

  @Test func thePayloadIsOneLineThatCannotCloseItsComment() throws {
    let citation = Citation(kind: .rows, reference: "t#1", excerpt: "a --> b\n<script>&", note: "x -->", cell: 3)
    let text = CellData(citations: [citation]).encoded()
    #expect(!text.contains("-->") && !text.contains("<") && !text.contains(">") && !text.contains("\n"))
    let decoded = try CellData.decode(text, cell: 3, line: 1)
    #expect(decoded.citations == [citation])
  }

  @Test func cellsKeepTheirDataThroughTheFileAndTheChainCoversIt() throws {
    let session = Session.after(Self.script)
    let text = NotebookFormat.header + session.cells.map(NotebookFormat.render).joined()
    let document = NotebookFormat.parse(text)
    #expect(document.problems.isEmpty)
    #expect(document.cells.map(\.data) == session.cells.map(\.data))
    #expect(document.cells[1].data?.contains("\"loaded\"") == true)
    #expect(document.cells[6].data == CellData(undid: 6).encoded())
    #expect(document.cells[9].data == CellData(redid: 8).encoded())
    #expect(Verification.verify(document) == .verified(cells: 10))
    // Editing what a cell saw breaks the chain at that cell.
    var edited = document
    edited.cells[2].data = edited.cells[2].data!.replacingOccurrences(of: "rows tickets#3-4", with: "rows tickets#3-5")
    guard case .failed(let message, _) = Verification.verify(edited) else {
      Issue.record("an edited payload verified")
      return
    }
    #expect(message.hasPrefix("cell 3 does not match its chain value"))
  }

  @Test func openingIsAFoldThatReadsNoEvidence() throws {
    let typed = Session.after(Self.script)
    let opened = Session()  // no evidence desk at all: any read would fail
    for cell in typed.cells { try opened.restore(cell) }
    #expect(opened.investigation == typed.investigation)
    #expect(opened.investigation.nodes[ItemID("W1")!]?.citations.map(\.excerpt) == ["rows tickets#3-4", "42"])
    #expect(opened.investigation.evidence.map(\.name) == ["tickets"])
    // The stored undo took back the confirmation (cell 8), the redo gave it back.
    #expect(opened.investigation.nodes[ItemID("W1")!]?.status == .confirmed)
    #expect(opened.chain == typed.chain)
  }

  @Test func anUndoTakesBackTheCellItTookBackWhenTyped() throws {
    let typed = Session.after(["why a", "why b", "undo"])
    // A stored undo names cell 1: rebuilding it takes back `why a`, not the last change.
    var cells = typed.cells
    let data = CellData(undid: 1).encoded()
    cells[2].data = data
    cells[2].chain = Chain.next(
      after: cells[1].chain, number: 3, time: cells[2].time, command: "undo", output: cells[2].output,
      data: data)
    let opened = Session()
    for cell in cells { try opened.restore(cell) }
    #expect(opened.investigation.whyRoots.map(\.description) == ["W2"])
  }

  @Test(
    arguments: [
      ("{\"loaded\":,}", .malformedNotebook),
      ("{\"version\":99}", .newerNotebook),
      ("{\"loaded\":{\"record\":{\"name\":\"t\"}},\"version\":1}", .malformedNotebook),
    ] as [(String, DiagnosticCode)])
  func aPayloadThatDoesNotDecodeIsRefusedWithItsCell(payload: String, code: DiagnosticCode) throws {
    let typed = Session.after(["why a", "load evidence/t.csv as t"])
    var cell = typed.cells[1]
    cell.data = payload
    cell.line = 12
    let opened = Session()
    try opened.restore(typed.cells[0])
    #expect {
      try opened.restore(cell)
    } throws: { error in
      guard let d = error as? Diagnostic else { return false }
      // The cell is named in the message, which is what the user reads to find it.
      return d.code == code && d.message.hasPrefix("cell 2 ") && d.span?.start.line == 12
    }
  }
}

/// A v1 notebook (cells without data) opens, verifies, and takes new cells with data.
@Suite struct VersionOneNotebookTests {
  /// The cells of `commands` as v1 wrote them: no data, chained without it.
  static func versionOne(_ commands: [String]) -> String {
    let typed = Session.after(commands)
    var chain = Chain.genesis
    var text = "<!-- gemba notebook v1 -->\n"
    for var cell in typed.cells {
      cell.data = nil
      chain = Chain.next(after: chain, number: cell.number, time: cell.time, command: cell.command, output: cell.output)
      cell.chain = chain
      text += NotebookFormat.render(cell)
    }
    return text
  }

  @Test func opensVerifiesAndAppendsCellsWithData() throws {
    let text = Self.versionOne(["why a", "load evidence/t.csv as t", "cite W1 t#2"])
    let document = NotebookFormat.parse(text)
    #expect(document.version == 1)
    #expect(Verification.verify(document) == .verified(cells: 3))
    let session = Session(evidence: FakeDesk())
    for cell in document.cells { try session.restore(cell) }  // v1: loads and citations asked again
    #expect(session.investigation.nodes[ItemID("W1")!]?.citations.count == 1)
    session.expectCell("cite W1 t#3")
    #expect(session.cells.last?.data != nil)
    let appended = text + NotebookFormat.render(session.cells.last!)
    let reread = NotebookFormat.parse(appended)
    #expect(reread.cells.last?.data == session.cells.last?.data)
    #expect(Verification.verify(reread) == .verified(cells: 4))
  }
}
