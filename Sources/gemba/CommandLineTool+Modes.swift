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
    let session = Session(displayStyle: .record)
    let folder = Paths.folder(of: path)
    session.evidence = FileEvidenceDesk(policy: PathPolicy(folder: folder, allowOutside: allowOutside))
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
    let policy = PathPolicy(folder: Paths.folder(of: path), allowOutside: allowOutside)
    var files = Set<String>()
    for load in Verification.evidenceLoads(document) {
      let prefix = "\(path):\(load.line): verify failed: cell \(load.cell) loaded \(load.spec.path.value)"
      do {
        let file = try policy.resolve(load.spec.path)
        let mapped = try MappedFile(path: file)
        let now = EvidenceHash.sha256(mapped.bytes)
        guard now.hasPrefix(load.recorded) else {
          Console.err("\(prefix) with sha256 \(load.recorded); the file now has \(now.prefix(load.recorded.count)): the evidence changed")
          return 1
        }
        files.insert(Paths.absolute(file))
      } catch let error as Diagnostic {
        Console.err("\(prefix): \(error.message)")
        return 1
      } catch let error as EvidenceError {
        Console.err("\(prefix): \(error.description)")
        return 1
      } catch {
        Console.err("\(prefix): \(error)")
        return 1
      }
    }
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
    let session = Session(displayStyle: .record)
    let desk = FileEvidenceDesk(policy: PathPolicy(folder: folder, allowOutside: allowOutside))
    session.evidence = desk
    for cell in document.cells {
      do { try session.restore(cell) } catch {
        Console.err("error: \(path):\(cell.line): cell \(cell.number) no longer runs: \(error.message)")
        return 1
      }
    }
    // -o and --sop are paths the user typed here: relative to the current folder.
    let here = PathPolicy(folder: ".", allowOutside: true)
    let target = output ?? "-"
    let nowhere = SourceSpan(at: SourcePosition(line: 1, column: 1))
    do {
      let sopText = try sop.map { s throws(Diagnostic) in (name: s, text: try FileEvidenceDesk(policy: here).readDocument(Located(s, at: nowhere))) }
      let result = try Export.files(format: Located(format, at: nowhere), path: Located(target, at: nowhere), sop: sopText,
        investigation: session.investigation, cells: session.cells, time: Clock.now(environment: environment))
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
