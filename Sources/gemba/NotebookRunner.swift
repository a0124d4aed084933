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

  enum Result { case ok, failed, quit }

  init(path: String, environment: [String: String], displayStyle: TerminalStyle, allowOutside: Bool = false,
    interactive: Bool = false) throws(Diagnostic)
  {
    self.environment = environment
    self.folder = Paths.folder(of: path)
    self.file = try NotebookFile(path: path)
    let files = NotebookFolder(policy: PathPolicy(folder: folder, allowOutside: allowOutside), interactive: interactive,
      writesExports: true)
    self.session = Session(displayStyle: displayStyle, workspace: EvidenceWorkspace(files: files))
    let text = try file.readAll()
    if text.isEmpty {
      try file.append(NotebookFormat.header)
      session.openedChain = .verified(cells: 0)
      return
    }
    let document = NotebookFormat.parse(text)
    if let problem = document.problems.first {
      var refusal = problem.about(.file, in: path)
      refusal.notes.append("the notebook was not changed")
      throw refusal
    }
    let chain = Verification.verify(document)
    if case .failed(let message, let line) = chain {
      // New cells must not chain onto cells someone edited: that would vouch for them.
      throw Diagnostic.file(message, origin: path, line: line,
        notes: ["the notebook was not changed; gemba appends only to a notebook whose chain holds",
          "`gemba verify \(path)` names the first edited cell; `gemba replay \(path) --update NEW.md` writes a new notebook from it"])
    }
    session.openedChain = chain
    // A pure fold over the stored cells: no evidence is read (v1 cells excepted, which stored none).
    for cell in document.cells {
      do {
        try session.restore(cell)
      } catch {
        throw Diagnostic.file("cell \(cell.number) cannot be rebuilt: \(error.message)", origin: path,
          line: error.span?.start.line ?? cell.line, notes: error.notes + ["the notebook was not changed; `gemba verify \(path)` and `gemba replay \(path)` show what differs"])
      }
    }
  }

  /// The banner's line on the chain and the evidence, and advice when something moved.
  var integrityReport: (line: String, clean: Bool, advice: [String])? {
    guard let state = session.integrity else { return nil }
    return ("integrity: " + state.summary, state.isClean, state.advice)
  }

  var nextCellNumber: Int { session.nextCellNumber }

  func submit(_ source: String) -> Bool {
    run(source, line: 1, script: source, origin: nil) != .quit
  }

  func finish() {
    Console.err("saved \(file.path) (\(session.cells.count) cells)")
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

  /// Runs one command; prints output to stdout, problems to stderr.
  func run(_ source: String, line: Int, script: String, origin: String?) -> Result {
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
        try file.append(NotebookFormat.render(cell))
      } catch {
        Console.err("error: \(error.message)\n  = the command ran but its cell was not saved; gemba stops to lose nothing more")
        exit(1)
      }
      if !display.isEmpty { Console.out(display) }
      for write in session.writes {
        do {
          try Paths.write(write.content, to: Paths.resolve(write.path.value, in: folder))
        } catch {
          report(.error(error.message, at: write.path.span,
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
    switch command {
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
          report(.error("that is this notebook's own file", at: path.span), script: script, firstLine: firstLine, origin: origin)
          return .failed
        }
        try Paths.write(try file.readAll(), to: target)
        Console.out("saved a copy to \(path.value) (\(session.cells.count) cells); this session goes on in \(file.path)")
        return .ok
      } catch {
        report(.error(error.message, at: path.span, notes: error.notes), script: script, firstLine: firstLine, origin: origin)
        return .failed
      }
    case .run(let path):
      guard runDepth < 8 else {
        report(.error("`run` nested too deeply (a script that runs itself?)", at: path.span), script: script, firstLine: firstLine, origin: origin)
        return .failed
      }
      let target = Paths.resolve(path.value, in: folder)
      guard let text = Paths.read(target) else {
        report(.error("cannot read script \(path.value)", at: path.span, notes: ["paths are relative to the notebook's folder"]),
          script: script, firstLine: firstLine, origin: origin)
        return .failed
      }
      runDepth += 1
      defer { runDepth -= 1 }
      return runScript(text, origin: path.value, keepGoing: false)
    default:
      return .ok
    }
  }
}
