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
  func replay(_ path: String, update: String?, allowOutside: Bool, allowWrites: Bool) throws(Diagnostic) -> Int32 {
    let text = try Paths.readNotebook(path)
    if let update, Paths.absolute(update) == Paths.absolute(path) {
      throw Diagnostic.error(.usage, "--update writes a new notebook; it never overwrites \(path)").about(.usage)
    }
    let document = NotebookFormat.parse(text)
    let folder = Paths.folder(of: path)
    let files = NotebookFolder(policy: PathPolicy(folder: folder, allowOutside: allowOutside))
    let session = Session(displayStyle: .record, workspace: EvidenceWorkspace(files: files))
    // As when the cells were typed: the session's own cells hold; evidence is hashed as it is now.
    session.openedChain = .verified(cells: 0)
    // The records' marks on sign-offs come from the keys this user trusts, never the folder's.
    session.trustedKeys = (try? TrustedKeys.load(environment: environment, notebook: path).keys) ?? [:]
    // Exports inside someone else's notebook are checked (their digests compared), not written;
    // with --allow-writes they are written, inside the notebook's folder only (unless --allow-outside),
    // and only as new files or over files an earlier replay of this notebook wrote (ReplayWrites):
    // never over a notebook, `.gemba/` or evidence.
    let writePolicy = PathPolicy(folder: folder, allowOutside: allowOutside)
    let ownWrites = ReplayWrites(notebook: path, environment: environment)
    var refusedWrites: [Diagnostic] = []
    let report = Replay.run(document, in: session) { writes in
      guard allowWrites else { return }
      for write in writes {
        do throws(Diagnostic) {
          let target = try writePolicy.resolveForWriting(write.path)
          if let why = ownWrites.refusal(of: SafeFile.canonical(target)) {
            throw Diagnostic.file(
              .writeRefused, why, notes: ["the replay went on; nothing was written to \(write.path.value)"])
          }
          // `export md record/x.md` with no `record/` yet: made inside the folder, as the session did.
          try SafeFile.makeFolders(for: target)
          try SafeFile.write(
            write.content, to: target,
            protecting: [path] + session.investigation.evidence.map { Paths.resolve($0.path, in: folder) })
          ownWrites.record(SafeFile.canonical(target), content: write.content)
        } catch {
          // One line a refusal, with its code; the cell's own span points into the notebook, not here.
          var refusal = error
          refusal.message = "not written: \(write.path.value): \(error.message)"
          refusal.span = nil
          refusedWrites.append(refusal)
        }
      }
    }
    Console.out(Replay.render(report, notebook: path))
    for refusal in refusedWrites { Console.err(DiagnosticRenderer(color: false).render(refusal, source: "")) }
    if let update {
      let notebook = NotebookFormat.header + report.newCells.map(NotebookFormat.render).joined()
      try SafeFile.write(notebook, to: update, protecting: [path])
      Console.err("wrote \(update) (\(report.newCells.count) cells with today's outputs)")
    }
    return report.allMatched ? 0 : 1
  }

  /// `gemba verify NOTEBOOK`: the chain over every cell, then each loaded evidence file
  /// hashed again (hashing only, no parsing).
  func verify(
    _ path: String, anchor: String?, trust: [String] = [], trustFolderKeys: Bool = false, allowOutside: Bool
  ) throws(Diagnostic) -> Int32 {
    let text = try Paths.readNotebook(path)
    let document = NotebookFormat.parse(text)
    func failed(_ message: String, line: Int) -> Diagnostic {
      Diagnostic.file(.verifyFailed, "verify failed: " + message, origin: path, line: line).about(.failedCheck)
    }
    let chain = Verification.verify(document, anchor: anchor)
    guard case .verified(let cells) = chain else {
      if case .failed(let message, let line) = chain { throw failed(message, line: line) }
      return 1
    }
    // The evidence: hashing only, no parsing. Paths stay inside the notebook's folder.
    let workspace = EvidenceWorkspace(
      files: NotebookFolder(
        policy: PathPolicy(
          folder: Paths.folder(of: path),
          allowOutside: allowOutside)))
    // The files in effect, from a fold over the stored cells (an undone load is not evidence).
    let fold = Session()
    var records: [EvidenceRecord]? = []
    for cell in document.cells where records != nil {
      if (try? fold.restore(cell)) == nil { records = nil }
    }
    records = records.map { _ in fold.investigation.supersededEvidence + fold.investigation.evidence }
    // A v1 notebook stored no data: every load cell's printed digest.
    let loads =
      records
      ?? Verification.evidenceLoads(document).map { load in
        EvidenceRecord(
          name: load.spec.name?.value ?? load.spec.path.value, path: load.spec.path.value, format: "", rows: 0,
          columns: 0, bytes: 0, sha256: load.recorded, cell: load.cell)
      }
    let states = EvidenceState.check(loads) { path throws(Diagnostic) in try workspace.digest(of: path) }
    for state in states {
      let line = document.cells.first { $0.number == state.cell }?.line ?? 1
      let loaded = "cell \(state.cell) loaded \(state.path)"
      switch state.condition {
      case .asLoaded: continue
      case .changed(let now):
        throw failed(
          "\(loaded) with sha256 \(state.sha256.prefix(16)); the file now has \(now.prefix(16)): the evidence changed",
          line: line)
      case .missing(let reason):
        throw failed("\(loaded): \(reason)", line: line)
      }
    }
    let files = Set(states.map(\.path))
    // Signatures: each checked against the keys the person verifying trusts (their own list,
    // --trust files; the notebook folder's list only with --trust-folder-keys).
    let trust = try TrustedKeys.load(
      environment: environment, notebook: path, files: trust, folderKeys: trustFolderKeys)
    let signatures = SignatureReport.check(document, trusted: trust.keys)
    if signatures.hasInvalid {
      let bad = signatures.entries.first { $0.status == .invalid }!
      throw failed(
        "the signature of cell \(bad.cell) (\(bad.role) \(bad.name)) does not match what it approved", line: bad.line)
    }
    Console.out(
      "verified: \(cells) cells"
        + (files.isEmpty ? "" : ", \(files.count) evidence file" + (files.count == 1 ? "" : "s")))
    for line in trust.notes + signatures.lines(total: cells) { Console.out(line) }
    // Asked to check signatures, a notebook no trusted key signed fails: stripping the signed
    // sign-off, or typing one by hand, must not pass as approved.
    if (!trust.files.isEmpty || trustFolderKeys) && signatures.trustedCount == 0 {
      throw Diagnostic.file(
        .noTrustedSignature,
        "verify failed: no sign-off carries a signature trusted under its signer's name"
          + (signatures.entries.isEmpty
            ? " (the notebook has no sign-off)"
            : " (\(signatures.entries.count) sign-off\(signatures.entries.count == 1 ? "" : "s"): "
              + signatures.entries.map { "cell \($0.cell) \($0.status.words)" }.joined(separator: ", ") + ")"),
        origin: path, line: signatures.entries.first?.line ?? 1,
        notes: ["the chain holds, but nobody you trust approved these cells"]
      ).about(.failedCheck)
    }
    if anchor == nil, cells > 0 {
      // The chain is checked from its start: removing whole cells from the end leaves it intact.
      Console.err(
        "note: the chain holds up to cell \(cells); cells removed from the end would not show."
          + " `--chain HEX` with the last chain value you were given (a record, a sign-off) checks that too")
    }
    return 0
  }

  /// `gemba key new NAME`: a key pair for signed sign-offs.
  func newKey(_ name: String) throws(Diagnostic) -> Int32 {
    let store = KeyStore(environment: environment)
    let publicKey = try store.create(for: name)
    let line = SigningKeys.publicKeyLine(publicKey, name: name)
    let file = SigningKeys.slug(name) + ".pub"
    try SafeFile.write(line + "\n", to: file)
    Console.out(line)
    Console.err(
      "private key: \(store.path(for: name)!) (readable by you only); public key written to \(file)"
        + "\n  = whoever verifies adds the public key to their own trusted keys (\(TrustedKeys.userFile(environment: environment) ?? "~/.config/gemba/trusted-keys")), or passes --trust \(file), so `gemba verify` trusts \(name)'s sign-offs"
    )
    return 0
  }

  /// `gemba NOTEBOOK --fork NEW.md`: a new notebook from the cells whose chain holds.
  func forkNotebook(_ path: String, into fork: String) throws(Diagnostic) {
    guard !Paths.exists(fork) else {
      throw Diagnostic.file(.fileExists, "\(fork) exists; --fork writes a new notebook, never over one").about(.usage)
    }
    let document = NotebookFormat.parse(try Paths.readNotebook(path))
    var intact: [Cell] = []
    var chain = Chain.genesis
    for cell in document.cells {
      let expected = Chain.next(
        after: chain, number: cell.number, time: cell.time, command: cell.command,
        output: cell.output, data: cell.data)
      guard expected == cell.chain else { break }
      intact.append(cell)
      chain = expected
    }
    try SafeFile.write(NotebookFormat.header + intact.map(NotebookFormat.render).joined(), to: fork, protecting: [path])
    Console.err(
      "forked \(fork) from the \(intact.count) intact cell\(intact.count == 1 ? "" : "s") of \(path) (of \(document.cells.count)); \(path) is unchanged"
    )
  }

  /// `gemba export NOTEBOOK --format F [-o FILE] [--sop SOP.md]`: the record as the
  /// notebook stands, without opening it for writing.
  func export(
    _ path: String, format: String, output: String?, sop: String?, paper: String?, allowOutside: Bool
  ) throws(Diagnostic) -> Int32 {
    let text = try Paths.readNotebook(path)
    let document = NotebookFormat.parse(text)
    if let problem = document.problems.first { throw problem.about(.file, in: path) }
    let folder = Paths.folder(of: path)
    let files = NotebookFolder(policy: PathPolicy(folder: folder, allowOutside: allowOutside))
    let session = Session(displayStyle: .record, workspace: EvidenceWorkspace(files: files))
    // A fold over the stored cells: the record shows what was seen, whatever the files hold now.
    for cell in document.cells {
      do { try session.restore(cell) } catch {
        throw Diagnostic.file(
          .cellNotRebuilt, "cell \(cell.number) cannot be rebuilt: \(error.message)", origin: path,
          line: error.span?.start.line ?? cell.line, notes: error.notes)
      }
    }
    session.openedChain = Verification.verify(document)
    // -o and --sop are paths the user typed here: relative to the current folder.
    let here = PathPolicy(folder: ".", allowOutside: true)
    let target = output ?? "-"
    let nowhere = SourceSpan(at: SourcePosition(line: 1, column: 1))
    do throws(Diagnostic) {
      let size = try paper.map { name throws(Diagnostic) in
        guard let size = Paper(rawValue: name.lowercased()) else {
          throw Diagnostic.error(.invalidOptionValue, "`--paper` takes a4 or letter, not `\(name)`", at: nowhere)
        }
        return Located(size, at: nowhere)
      }
      let sopText = try sop.map { s throws(Diagnostic) in
        (
          name: s,
          text: try EvidenceWorkspace(files: NotebookFolder(policy: here)).readDocument(Located(s, at: nowhere))
        )
      }
      let result = try Export.files(
        format: Located(format, at: nowhere), path: Located(target, at: nowhere), sop: sopText, paper: size,
        investigation: session.investigation, cells: session.cells, time: Clock.now(environment: environment),
        integrity: session.integrity,
        trusted: (try? TrustedKeys.load(environment: environment, notebook: path).keys) ?? [:])
      for write in result.writes {
        if write.path.value == "-" {
          Console.out(write.content)
        } else if write.path.value == "-.diff" {
          Console.err("the SOP diff needs a file: use -o FILE")
        } else {
          try SafeFile.write(
            write.content, to: write.path.value,
            protecting: [path] + session.investigation.evidence.map { Paths.resolve($0.path, in: folder) })
        }
      }
      if target != "-" { Console.err(result.message) }
      return 0
    } catch {
      // What was typed on the command line (a format, a path): a usage problem.
      guard error.kind == .input else { throw error }
      var usage = error.about(.usage)
      usage.span = nil  // the command line has no lines to point into
      throw usage
    }
  }
}
