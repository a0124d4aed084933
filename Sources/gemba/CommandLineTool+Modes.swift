import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The modes that read a notebook without opening it for writing: `replay`, `export`, `verify`.
extension CommandLineTool {
  /// `gemba replay NOTEBOOK [--update NEW.md]`: every cell again in a fresh session; exit 0
  /// only when every output matched.
  func replay(_ path: String, update: String?, allowOutside: Bool, allowWrites: Bool) -> Int32 {
    guard let text = Paths.read(path) else {
      Console.err("error: cannot read \(path)")
      return 2
    }
    if let update, Paths.absolute(update) == Paths.absolute(path) {
      Console.err("error: --update writes a new notebook; it never overwrites \(path)")
      return 2
    }
    let document = NotebookFormat.parse(text)
    let folder = Paths.folder(of: path)
    let files = NotebookFolder(policy: PathPolicy(folder: folder, allowOutside: allowOutside))
    let session = Session(displayStyle: .record, workspace: EvidenceWorkspace(files: files))
    // As when the cells were typed: the session's own cells hold; evidence is hashed as it is now.
    session.openedChain = .verified(cells: 0)
    let report = Replay.run(document, in: session) { writes in
      // Exports inside someone else's notebook are checked (their digests compared), not written.
      guard allowWrites else { return }
      for write in writes {
        try? Paths.write(write.content, to: Paths.resolve(write.path.value, in: folder))
      }
    }
    Console.out(Replay.render(report, notebook: path))
    if let update {
      let notebook = NotebookFormat.header + report.newCells.map(NotebookFormat.render).joined()
      do {
        try Paths.write(notebook, to: update)
        Console.err("wrote \(update) (\(report.newCells.count) cells with today's outputs)")
      } catch {
        Console.err("error: \(error.message)")
        return 2
      }
    }
    return report.allMatched ? 0 : 1
  }

  /// `gemba verify NOTEBOOK`: the chain over every cell, then each loaded evidence file
  /// hashed again (hashing only, no parsing).
  func verify(_ path: String, anchor: String?, allowOutside: Bool) -> Int32 {
    guard let text = Paths.read(path) else {
      Console.err("error: cannot read \(path)")
      return 2
    }
    let document = NotebookFormat.parse(text)
    guard case .verified(let cells) = Verification.verify(document, anchor: anchor) else {
      if case .failed(let message, let line) = Verification.verify(document, anchor: anchor) {
        Console.err("\(path):\(line): verify failed: \(message)")
      }
      return 1
    }
    // The evidence: hashing only, no parsing. Paths stay inside the notebook's folder.
    let workspace = EvidenceWorkspace(files: NotebookFolder(policy: PathPolicy(folder: Paths.folder(of: path),
      allowOutside: allowOutside)))
    // The files in effect, from a fold over the stored cells (an undone load is not evidence).
    let fold = Session()
    var records: [EvidenceRecord]? = []
    for cell in document.cells where records != nil {
      if (try? fold.restore(cell)) == nil { records = nil }
    }
    records = records.map { _ in fold.investigation.evidence }
    // A v1 notebook stored no data: every load cell's printed digest.
    let loads = records ?? Verification.evidenceLoads(document).map { load in
      EvidenceRecord(name: load.spec.name?.value ?? load.spec.path.value, path: load.spec.path.value, format: "", rows: 0,
        columns: 0, bytes: 0, sha256: load.recorded, cell: load.cell)
    }
    let states = EvidenceState.check(loads) { path throws(Diagnostic) in try workspace.digest(of: path) }
    for state in states {
      let line = document.cells.first { $0.number == state.cell }?.line ?? 1
      let prefix = "\(path):\(line): verify failed: cell \(state.cell) loaded \(state.path)"
      switch state.condition {
      case .asLoaded: continue
      case .changed(let now):
        Console.err("\(prefix) with sha256 \(state.sha256.prefix(16)); the file now has \(now.prefix(16)): the evidence changed")
        return 1
      case .missing(let reason):
        Console.err("\(prefix): \(reason)")
        return 1
      }
    }
    let files = Set(states.map(\.path))
    Console.out("verified: \(cells) cells" + (files.isEmpty ? "" : ", \(files.count) evidence file" + (files.count == 1 ? "" : "s")))
    return 0
  }

  /// `gemba export NOTEBOOK --format F [-o FILE] [--sop SOP.md]`: the record as the
  /// notebook stands, without opening it for writing.
  func export(_ path: String, format: String, output: String?, sop: String?, allowOutside: Bool) -> Int32 {
    guard let text = Paths.read(path) else {
      Console.err("error: cannot read \(path)")
      return 2
    }
    let document = NotebookFormat.parse(text)
    if let problem = document.problems.first {
      Console.err("error: \(path):\(problem.span?.start.line ?? 1): \(problem.message)")
      return 2
    }
    let folder = Paths.folder(of: path)
    let files = NotebookFolder(policy: PathPolicy(folder: folder, allowOutside: allowOutside))
    let session = Session(displayStyle: .record, workspace: EvidenceWorkspace(files: files))
    // A fold over the stored cells: the record shows what was seen, whatever the files hold now.
    for cell in document.cells {
      do { try session.restore(cell) } catch {
        Console.err("error: \(path):\(error.span?.start.line ?? cell.line): cell \(cell.number) cannot be rebuilt: \(error.message)")
        return 1
      }
    }
    session.openedChain = Verification.verify(document)
    // -o and --sop are paths the user typed here: relative to the current folder.
    let here = PathPolicy(folder: ".", allowOutside: true)
    let target = output ?? "-"
    let nowhere = SourceSpan(at: SourcePosition(line: 1, column: 1))
    do {
      let sopText = try sop.map { s throws(Diagnostic) in (name: s, text: try EvidenceWorkspace(files: NotebookFolder(policy: here)).readDocument(Located(s, at: nowhere))) }
      let result = try Export.files(format: Located(format, at: nowhere), path: Located(target, at: nowhere), sop: sopText,
        investigation: session.investigation, cells: session.cells, time: Clock.now(environment: environment),
        integrity: session.integrity)
      for write in result.writes {
        if write.path.value == "-" {
          Console.out(write.content)
        } else if write.path.value == "-.diff" {
          Console.err("the SOP diff needs a file: use -o FILE")
        } else {
          try Paths.write(write.content, to: write.path.value)
        }
      }
      if target != "-" { Console.err(result.message) }
      return 0
    } catch let error as Diagnostic {
      Console.err("error: \(error.message)" + error.notes.map { "\n  = \($0)" }.joined())
      return 2
    } catch let error as NotebookFile.OpenError {
      Console.err("error: \(error.message)")
      return 2
    } catch {
      Console.err("error: \(error)")
      return 2
    }
  }
}
