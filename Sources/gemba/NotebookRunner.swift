import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs commands against one notebook: the session in memory, the file on disk.
/// Each accepted command is appended (and fsync'd) before its output is shown.
final class NotebookRunner: ShellHost {
  let session: Session
  let file: NotebookFile
  let environment: [String: String]
  /// The notebook's folder: evidence paths in cells are relative to it.
  let folder: String
  private var runDepth = 0
  /// Copies evidence typed from outside the folder into its `evidence/` (never on replay).
  private let importer: EvidenceImport
  /// The session's evidence, told the digests of files copied into `evidence/`.
  private let workspace: EvidenceWorkspace
  /// Runs `load sql` queries typed now and writes their snapshots (never on replay or opening).
  private let sqlEvidence: SQLEvidence
  /// Where cells go once the notebook cannot take them (someone changed its cells meanwhile).
  private var recovery: String?
  /// The format version of the notebook as opened, for a recovery file's header.
  private var version = NotebookFormat.version
  /// Cells not written to the notebook (read-only, or recovered elsewhere), for `save COPY`.
  private var unrecorded = ""
  /// How many cells ran that a read-only notebook could not take.
  private(set) var unrecordedCells = 0

  enum Result { case ok, failed, quit }

  init(
    path: String, environment: [String: String], displayStyle: TerminalStyle, allowOutside: Bool = false,
    interactive: Bool = false
  ) throws(Diagnostic) {
    self.environment = environment
    self.folder = Paths.folder(of: path)
    self.file = try NotebookFile(path: path)
    self.importer = EvidenceImport(policy: PathPolicy(folder: folder, allowOutside: allowOutside))
    self.sqlEvidence = SQLEvidence(folder: folder)
    let files = NotebookFolder(
      policy: PathPolicy(folder: folder, allowOutside: allowOutside), interactive: interactive,
      writesExports: true)
    self.workspace = EvidenceWorkspace(files: files)
    self.session = Session(displayStyle: displayStyle, workspace: workspace)
    // A sign-off by someone with a key (gemba key new NAME) is signed with it.
    let keys = KeyStore(environment: environment)
    session.signer = { name, message in
      keys.privateKey(for: name).flatMap { try? SignoffSignature.sign(message, privateKey: $0) }
    }
    // Records mark each sign-off against the keys this user trusts (never the folder's own list).
    session.trustedKeys = (try? TrustedKeys.load(environment: environment, notebook: path).keys) ?? [:]
    // An export is refused before its cell is recorded when it would replace the notebook or evidence.
    files.protectedFiles = { [unowned self] in protectedFiles }
    // Left by an export or a save that was killed before its rename: never anyone's file.
    if !file.readOnly { SafeFile.removeStale(in: folder) }
    var text = try file.readAll()
    if text.allSatisfy(\.isWhitespace) {
      // New, or only blank lines: it becomes a notebook (the blank lines stay before the header).
      if !file.readOnly { try file.append(NotebookFormat.header) }
      session.openedChain = .verified(cells: 0)
      return
    }
    var document = NotebookFormat.parse(text)
    if let torn = document.tornAt, !file.readOnly {
      try Self.moveTornCell(at: torn, of: &text, in: file, environment: environment)
      document = NotebookFormat.parse(text)
    }
    if let problem = document.problems.first {
      var refusal = problem.about(.file, in: path)
      refusal.notes.append("the notebook was not changed")
      throw refusal
    }
    let chain = Verification.verify(document)
    if case .failed(let message, let line) = chain {
      // New cells must not chain onto cells someone edited: that would vouch for them.
      throw Diagnostic.file(
        .verifyFailed, message, origin: path, line: line,
        notes: [
          "the notebook was not changed; gemba appends only to a notebook whose chain holds",
          "`gemba verify \(path)` names the first edited cell; `gemba \(path) --fork NEW.md` goes on in a new notebook from the cells before it",
        ])
    }
    session.openedChain = chain
    version = document.version
    // A pure fold over the stored cells: no evidence is read (v1 cells excepted, which stored none).
    for cell in document.cells {
      do {
        try session.restore(cell)
      } catch {
        var refusal = Diagnostic.file(
          .cellNotRebuilt, "cell \(cell.number) cannot be rebuilt: \(error.message)",
          origin: path,
          line: cell.line,
          notes: error.notes + [
            "the notebook was not changed; `gemba verify \(path)` and `gemba replay \(path)` show what differs"
          ])
        refusal.span = error.span ?? refusal.span
        throw refusal
      }
    }
  }

  /// Writes a cell: to the notebook, after checking that the path still names the file this
  /// session holds. An editor's save that kept every cell is followed (prose added is kept);
  /// one that changed cells stops appending there, and the cell goes to a recovery file.
  /// Returns a note for the user when something was not as expected.
  private func record(_ cell: Cell) throws(Diagnostic) -> String? {
    let text = NotebookFormat.render(cell)
    if file.readOnly {
      unrecorded += text
      unrecordedCells += 1
      return nil
    }
    if recovery == nil {
      switch file.change() {
      case .none:
        try file.append(text)
        return nil
      case .replaced, .resized:
        let before = session.cells.dropLast().map { "\($0.number) \($0.chain)" }
        if let current = try? file.readCurrent() {
          let document = NotebookFormat.parse(current)
          // Intact: the same cells, and a chain that still holds over their content.
          if document.problems.isEmpty, document.cells.map({ "\($0.number) \($0.chain)" }) == before,
            case .verified = Verification.verify(document)
          {
            if file.change() == .replaced { try file.adoptCurrent() } else { file.acceptCurrentSize() }
            try file.append(text)
            return "note: \(file.path) was changed by another program; its cells are intact, so this session goes on"
              + " appending to it (what was added between cells is kept)"
          }
        }
      case .removed:
        break
      }
      recovery = file.path + ".recovered-" + Clock.now(environment: environment).filter(\.isNumber) + ".md"
    }
    let target = recovery!
    unrecorded += text
    let first = !Paths.exists(target)
    // The recovery file is a whole notebook: every cell this session holds, the ones the other
    // program may have removed from the notebook included (a revert), so it opens and verifies.
    let whole =
      first
      ? Self.recoveryHeader(for: file.path, version: version) + session.cells.map(NotebookFormat.render).joined() : text
    try Self.appendDurably(whole, to: target)
    if !first { return "note: cell \(cell.number) was recorded in \(target), not \(file.path)" }
    return "warning: \(file.path) was changed by another program and its cells no longer match this session's;"
      + " this cell and every cell before it were written to \(target), a whole notebook (and so will the next cells be).\n"
      + "  = nothing typed is lost; compare the two files, then `quit` and `gemba \(target)` to go on there"
  }

  static func recoveryHeader(for path: String, version: Int) -> String {
    "<!-- gemba notebook v\(version) -->\n\n"
      + "<!-- recovered: \(path) was changed by another program while a session was writing to it;"
      + " this notebook holds every cell that session had -->\n"
  }

  /// Appends to a file (created if absent) and flushes it to the disk.
  static func appendDurably(_ text: String, to path: String) throws(Diagnostic) {
    let fd: Int32
    switch RegularFile.open(path, O_WRONLY | O_CREAT | O_APPEND) {
    case .success(let descriptor): fd = descriptor
    case .failure(let failure): throw .file(.fileNotWritten, "cannot write \(path): it \(failure.reason)")
    }
    defer { close(fd) }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .file(.fileNotWritten, "cannot write \(path): \(String(cString: strerror(errno)))")
      }
      offset += n
    }
    guard fsync(fd) == 0 else {
      throw .file(.fileNotWritten, "cannot flush \(path) to disk: \(String(cString: strerror(errno)))")
    }
    SafeFile.syncFolder(of: path)
  }

  /// A last cell cut short (a crash or a full disk while it was written — never acknowledged, since
  /// the prompt returns only after fsync) is moved to `NOTEBOOK.torn-TIME`, and the rest opens.
  static func moveTornCell(at line: Int, of text: inout String, in file: NotebookFile, environment: [String: String])
    throws(Diagnostic)
  {
    var offset = 0
    var current = 1
    for byte in text.utf8 {
      if current == line { break }
      offset += 1
      if byte == 10 { current += 1 }
    }
    let bytes = Array(text.utf8)
    let tail = String(decoding: bytes[offset...], as: UTF8.self)
    let stamp = Clock.now(environment: environment).filter { $0.isNumber }
    let aside = file.path + ".torn-" + stamp
    try SafeFile.write(tail, to: aside)
    try file.truncate(to: offset)
    text = String(decoding: bytes[..<offset], as: UTF8.self)
    Console.err(
      "warning: the last cell of \(file.path) (line \(line)) was cut short, by a crash or a full disk while it was"
        + " written; it was never recorded.\n  = its text was moved to \(aside); the notebook opens with the cells before it"
    )
  }

  /// The banner's line on the chain and the evidence, and advice when something moved.
  var integrityReport: (line: String, clean: Bool, advice: [String])? {
    guard let state = session.integrity else { return nil }
    return ("integrity: " + state.summary, state.isClean, state.advice)
  }

  var nextCellNumber: Int { session.nextCellNumber }

  /// Files no export or copy may replace: the notebook itself, and every evidence file it loaded.
  var protectedFiles: [String] {
    [file.path] + session.investigation.evidence.map { Paths.resolve($0.path, in: folder) }
  }

  func submit(_ source: String) -> Bool {
    run(source, line: 1, script: source, origin: nil) != .quit
  }

  func finish() {
    if file.readOnly {
      Console.err(
        "\(file.path) is read-only: the cells typed in this session were not recorded (`save COPY.md` keeps them)")
    } else if let recovery {
      Console.err("saved what \(file.path) could take; the later cells are in \(recovery)")
    } else {
      Console.err("saved \(file.path) (\(session.cells.count) cells)")
    }
  }

  /// Runs a whole script (batch input or `run FILE`), a line at a time as lines arrive.
  /// - Parameter nextLine: the next line without its newline, or nil at the end.
  /// - Returns: `.failed` if any command failed (or `check` found errors).
  func runScript(origin: String, keepGoing: Bool, nextLine: () -> String?) -> Result {
    var script = Script()
    var failed = false
    func run(_ command: Script.Command) -> Result {
      // The command's own text is all an error caret needs (re-joining the script so far made batch mode quadratic).
      self.run(command.source, line: command.line, script: command.source, origin: origin)
    }
    while true {
      let line = nextLine()
      let command: Script.Command?
      if let line {
        command = script.feed(line)
      } else {
        command = script.finish()
      }
      if let command {
        switch run(command) {
        case .ok: break
        case .quit: return failed ? .failed : .quit
        case .failed:
          failed = true
          if !keepGoing { return .failed }
        }
      }
      if line == nil { break }
    }
    return failed ? .failed : .ok
  }

  func runScript(_ text: String, origin: String, keepGoing: Bool) -> Result {
    var lines = text.splitLines().map(String.init)
    if lines.last?.isEmpty == true { lines.removeLast() }
    var iterator = lines.makeIterator()
    return runScript(origin: origin, keepGoing: keepGoing) { iterator.next() }
  }

  /// Runs one command; prints output to stdout, problems to stderr. Columns read ahead wait
  /// while it runs.
  func run(_ source: String, line: Int, script: String, origin: String?) -> Result {
    ForegroundWork.run { runCommand(source, line: line, script: script, origin: origin) }
  }

  private func runCommand(_ source: String, line: Int, script: String, origin: String?) -> Result {
    var (source, script) = (source, script)
    do {
      if let prepared = try sqlEvidence.prepare(source, firstLine: line, cells: session.cells) {
        Console.out(prepared.message)
        if script == source { script = prepared.source }
        source = prepared.source
      }
      if let adopted = try importer.adopt(source, firstLine: line) {
        Console.out(adopted.message)
        workspace.remember(adopted.sha256, of: adopted.path)
        if script == source { script = adopted.source }
        source = adopted.source
      }
    } catch {
      report(error, script: script, firstLine: line, origin: origin)
      return .failed
    }
    let time = Clock.now(environment: environment)
    switch session.run(source, time: time, firstLine: line) {
    case .empty:
      return .ok
    case .meta(let text):
      Console.out(text)
      return .ok
    case .rejected(let diagnostic):
      report(diagnostic, script: script, firstLine: line, origin: origin)
      return .failed
    case .cell(let cell, let display, let failed):
      do {
        if let note = try record(cell) { Console.err(note) }
      } catch {
        Console.err(
          DiagnosticRenderer().render(error, source: "")
            + "  = the command ran but its cell was not saved; gemba stops to lose nothing more")
        exit(1)
      }
      if !display.isEmpty { Console.out(display) }
      // After a load, while nobody has typed the next line yet (a script's next line already
      // waiting, or its end, means no pause to use), the table's columns are read ahead.
      if let loaded = workspace.takeLoadedTable(), Console.inputIsIdle() {
        loaded.readColumnsAhead { !ForegroundWork.isRunning && Console.inputIsIdle() }
      }
      for write in session.writes {
        do {
          let target = Paths.resolve(write.path.value, in: folder)
          try SafeFile.makeFolders(for: target)
          try SafeFile.write(write.content, to: target, protecting: protectedFiles)
        } catch {
          report(
            .error(
              error.code, error.message, at: write.path.span,
              notes: ["the cell is recorded but the file was not written; fix the path and export again"]),
            script: script, firstLine: line, origin: origin)
          return .failed
        }
      }
      return failed ? .failed : .ok
    case .edge(let command):
      return edge(command, script: script, firstLine: line, origin: origin)
    }
  }

  /// - Parameter script: the text the diagnostic's lines are in, starting at line `firstLine`.
  func report(_ diagnostic: Diagnostic, script: String, firstLine: Int = 1, origin: String?) {
    let renderer = DiagnosticRenderer(color: Terminal(environment: environment).allowsColor && isatty(2) == 1)
    Console.err(renderer.render(diagnostic, source: script, origin: origin, firstLine: firstLine))
  }

  private func edge(_ command: Command, script: String, firstLine: Int, origin: String?) -> Result {
    guard case .shell(let action) = command.route else { return .ok }
    switch action {
    case .quit:
      return .quit
    case .save(let path):
      guard let path else {
        Console.out("saved \(file.path) (\(session.cells.count) cells; every cell is written as it runs)")
        return .ok
      }
      do {
        let target = Paths.resolve(path.value, in: folder)
        guard Paths.absolute(target) != Paths.absolute(file.path) else {
          report(
            .error(.scriptNotRun, "that is this notebook's own file", at: path.span), script: script,
            firstLine: firstLine, origin: origin)
          return .failed
        }
        try SafeFile.write(try file.readAll() + unrecorded, to: target, protecting: protectedFiles)
        Console.out(
          "saved a copy to \(path.value) (\(session.cells.count) cells); this session goes on in \(file.path)")
        return .ok
      } catch {
        report(
          .error(error.code, error.message, at: path.span, notes: error.notes), script: script, firstLine: firstLine,
          origin: origin)
        return .failed
      }
    case .run(let path):
      guard runDepth < 8 else {
        report(
          .error(.scriptNotRun, "`run` nested too deeply (a script that runs itself?)", at: path.span), script: script,
          firstLine: firstLine, origin: origin)
        return .failed
      }
      let target = Paths.resolve(path.value, in: folder)
      guard let text = Paths.read(target) else {
        report(
          .error(
            .scriptNotRun, "cannot read script \(path.value)", at: path.span,
            notes: ["paths are relative to the notebook's folder"]),
          script: script, firstLine: firstLine, origin: origin)
        return .failed
      }
      runDepth += 1
      defer { runDepth -= 1 }
      return runScript(text, origin: path.value, keepGoing: false)
    case .help, .history, .refresh, .width:
      return .ok  // help, history and width are answered by the session, refresh before it
    }
  }
}
