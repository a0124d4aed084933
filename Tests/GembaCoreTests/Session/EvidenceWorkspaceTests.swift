import Testing
@testable import GembaCore

/// Files held in memory, for the evidence workspace: what the executable's notebook folder
/// does with real files, without touching the disk.
final class MemoryFiles: EvidenceFileSystem {
  var files: [String: String]
  /// Bumped on every change, so stamps change as a real file's would.
  private var versions: [String: Int] = [:]
  private(set) var opened: [String] = []

  init(_ files: [String: String]) { self.files = files }

  func set(_ path: String, _ text: String?) {
    files[path] = text
    versions[path, default: 0] += 1
  }

  var folderName: String { "/memory" }
  func locate(_ path: Located<String>) throws(Diagnostic) -> String {
    guard !path.value.hasPrefix("/") else {
      throw .error(.pathRefused, "refused to read `\(path.value)`", at: path.span)
    }
    return path.value
  }
  func kind(of file: String) -> EvidenceFileKind {
    if files[file] != nil { return .regular }
    return files.keys.contains { $0.hasPrefix(file + "/") } ? .folder : .missing
  }
  func open(_ file: String) throws(EvidenceError) -> OpenedEvidence {
    opened.append(file)
    return OpenedEvidence(bytes: ByteSource(text: files[file] ?? ""))
  }
  func readText(_ file: String) -> String? { files[file] }
  func stamp(of file: String) -> [Int]? { files[file].map { [$0.utf8.count, versions[file, default: 0]] } }
}

@Suite struct EvidenceWorkspaceTests {
  static let tickets = "ticket,source,correct\nT1,macro,no\nT2,wiki,yes\nT3,macro,no\nT4,pdf,no\n"

  @Test func aSessionLoadsQueriesAndCitesFromMemory() throws {
    let files = MemoryFiles(["evidence/tickets.csv": Self.tickets])
    let session = Session(workspace: EvidenceWorkspace(files: files))
    session.expectCell("load evidence/tickets.csv as tickets")
    #expect(session.expectCell("tickets | where correct = no | count") == "3 rows")
    session.expectCell("why \"answers differ\"")
    session.expectCell("cite W1 tickets#1-2")
    let citation = try #require(session.investigation.nodes[ItemID("W1")!]?.citations.first)
    #expect(citation.table?.columns == ["ticket", "source", "correct"])
    #expect(citation.table?.rows == [["T1", "macro", "no"], ["T2", "wiki", "yes"]])
    #expect(citation.table?.rowNumbers == [1, 2])
    #expect(citation.evidence == "tickets")
    #expect(citation.sha256 == session.investigation.evidence[0].sha256)
  }

  @Test func aRestoredLoadIsReadOnlyWhenAQueryNeedsItAndSaysWhenItChanged() throws {
    let files = MemoryFiles(["evidence/tickets.csv": Self.tickets])
    let typed = Session(workspace: EvidenceWorkspace(files: files))
    typed.expectCell("load evidence/tickets.csv as tickets")
    typed.expectCell("note \"loaded\"")

    files.set("evidence/tickets.csv", Self.tickets + "T5,macro,no\n")
    let reopened = Session(workspace: EvidenceWorkspace(files: MemoryFiles(files.files)))
    let reopenedFiles = (reopened.evidence as! EvidenceWorkspace).files as! MemoryFiles
    for cell in typed.cells { try reopened.restore(cell) }
    #expect(reopenedFiles.opened.isEmpty, "opening read a file")
    let output = reopened.expectCell("tickets | where correct = no | count")
    #expect(
      output.hasPrefix("note: evidence/tickets.csv changed since cell 1 loaded it; this ran on the file as it is now"))
    #expect(output.hasSuffix("4 rows"))
    let data = try #require(try reopened.cells.last!.decodedData())
    #expect(data.ranOn?.first?.changed == true)
    #expect(data.ranOn?.first?.loadedIn == 1)
  }

  @Test func theIntegrityLineNamesChangedAndMissingFiles() throws {
    let files = MemoryFiles(["evidence/a.csv": "x\n1\n", "evidence/b.csv": "y\n2\n"])
    let session = Session(workspace: EvidenceWorkspace(files: files))
    session.openedChain = .verified(cells: 0)
    session.expectCell("load evidence/a.csv as a")
    session.expectCell("load evidence/b.csv as b")
    #expect(session.integrity?.summary == "chain verified (2 cells); all 2 evidence files are as loaded")
    files.set("evidence/a.csv", "x\n9\n")
    files.set("evidence/b.csv", nil)
    #expect(
      session.integrity?.summary
        == "chain verified (2 cells); 1 of 2 evidence files changed since cited: evidence/a.csv; 1 of 2 evidence files missing: evidence/b.csv"
    )
    #expect(session.expectCell("status").contains("integrity: chain verified (2 cells); 1 of 2 evidence files changed"))
  }

  @Test func aFileIsHashedAgainOnlyWhenItsStampChanges() throws {
    let files = MemoryFiles(["e.csv": "x\n1\n"])
    let workspace = EvidenceWorkspace(files: files)
    let first = try workspace.digest(of: "e.csv")
    _ = try workspace.digest(of: "e.csv")
    #expect(files.opened.count == 1)
    files.set("e.csv", "x\n2\n")
    #expect(try workspace.digest(of: "e.csv") != first)
    #expect(files.opened.count == 2)
  }

  @Test func aMissingOrFolderPathIsAClearError() {
    let files = MemoryFiles(["evidence/a.csv": "x\n1\n"])
    let session = Session(workspace: EvidenceWorkspace(files: files))
    session.expectRejected("load evidence/none.csv", code: .fileNotFound)
    session.expectRejected("load evidence", code: .notARegularFile)
  }
}
