import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `gemba [NOTEBOOK]`, `gemba verify NOTEBOOK`, …: parses the command line and
/// runs one mode. Exit codes: 0 success; 1 the work found a problem; 2 usage or unreadable file.
struct CommandLineTool {
  let arguments: [String]
  let environment: [String: String]

  static let usage = """
    usage: gemba [NOTEBOOK] [--keep-going]
                 open NOTEBOOK (created if absent; default notebook.md) in the interactive shell;
                 with stdin not a terminal, run the commands read from stdin as cells (batch mode)
           gemba verify NOTEBOOK [--chain HEX] [--trust KEY.pub] [--trust-folder-keys]
                 check the notebook's integrity chain (and that it still holds the approved
                 chain value HEX, printed at sign-off and in the record)
           gemba replay NOTEBOOK [--update NEW.md] [--allow-outside] [--allow-writes]
                 re-run every cell in a fresh session and compare outputs; exit 0 only if all match
           gemba export NOTEBOOK --format \(ExportFormat.names.joined(separator: "|")) [-o FILE] [--sop SOP.md]
                 [--paper a4|letter]
                 write the reviewable record (or the revised SOP and FILE.diff); stdout without -o;
                 8d is Markdown (HTML when FILE ends .html), a3 one A3 landscape HTML page;
                 HTML prints on A4 unless --paper letter (the A3 is scaled whole onto --paper)
           gemba NOTEBOOK --fork NEW.md
                 start NEW.md from the cells of NOTEBOOK whose chain holds (after an edit broke it), and open it
           gemba key new NAME
                 make NAME's Ed25519 key pair for signed sign-offs (private key under ~/.config/gemba/keys,
                 public key printed and written to NAME.pub)
           gemba register index PATH… [--db URL]
                 fold every notebook under PATH into a register (SQLite at PATH/.gemba/register.db, or --db)
           gemba register actions|investigations|causes|problems|kpis [OPTIONS] [--format table|csv|json|html]
                 ask the register: overdue actions, reviews due, recurring causes, KPIs
                 (`gemba register --help` lists each question's options; docs/register.md explains them)
           gemba --help | --version

    options:
      --keep-going     in batch mode, run on after a failing command (exit 1 at the end)
      --allow-outside  let the notebook read evidence outside its own folder
      --allow-writes   let `replay` write the exports a notebook contains (otherwise only checked):
                       new files, or files an earlier replay of it wrote; never a notebook, .gemba/ or evidence
      --trust KEY.pub  with `verify`: a public key whose signatures are trusted (repeatable; also
                       read: your own ~/.config/gemba/trusted-keys); verify then fails unless a
                       sign-off carries a signature trusted under its signer's name
      --trust-folder-keys  with `verify`: also trust .gemba/trusted-keys beside the notebook (the
                       sender's folder: only for a folder you trust; ignored without this flag)

    Inside gemba, type `help` for the commands and `help VERB` for one with an example.
    """

  /// Options that take a value, and the flags, across all modes.
  static let valued: Set<String> = [
    "--update", "--format", "-o", "--output", "--sop", "--chain", "--trust", "--fork", "--paper",
  ]
  static let flags: Set<String> = ["--keep-going", "--allow-outside", "--allow-writes", "--trust-folder-keys"]

  /// Runs the mode; any failure is a `Diagnostic`, drawn here once, and its kind decides the exit code.
  func run() -> Int32 {
    do {
      return try runMode()
    } catch {
      let source = error.origin.flatMap { Paths.read($0) } ?? ""
      let color = Terminal(environment: environment).allowsColor && isatty(2) == 1
      Console.err(
        DiagnosticRenderer(color: color).render(error, source: source)
          + (error.kind == .usage ? "  = `gemba --help` shows every mode and option" : ""))
      return error.exitCode
    }
  }

  private func runMode() throws(Diagnostic) -> Int32 {
    // The register has its own options (--db, --format table…); it parses them itself.
    if arguments.first == "register" { return try register(Array(arguments.dropFirst())) }
    var positional: [String] = []
    var options: [String: String] = [:]
    var trusted: [String] = []  // --trust may be given again for each key file
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      switch argument {
      case "-h", "--help":
        Console.out(Self.usage)
        return 0
      case "--version", "-V":
        Console.out("gemba \(Gemba.version)")
        return 0
      case _ where Self.flags.contains(argument):
        options[argument] = ""
      case _ where Self.valued.contains(argument):
        guard index < arguments.count else { throw usageError("\(argument) needs a value") }
        options[argument == "--output" ? "-o" : argument] = arguments[index]
        if argument == "--trust" { trusted.append(arguments[index]) }
        index += 1
      default:
        if argument.hasPrefix("-") && argument != "-" {
          throw usageError("unknown option \(argument)")
        }
        positional.append(argument)
      }
    }
    switch positional.first {
    case "verify":
      guard positional.count == 2 else { throw usageError("verify takes one notebook") }
      return try verify(
        positional[1], anchor: options["--chain"], trust: trusted,
        trustFolderKeys: options["--trust-folder-keys"] != nil, allowOutside: options["--allow-outside"] != nil)
    case "key":
      guard positional.count == 3, positional[1] == "new" else { throw usageError("usage: gemba key new NAME") }
      return try newKey(positional[2])
    case "replay":
      guard positional.count == 2 else { throw usageError("replay takes one notebook") }
      return try replay(
        positional[1], update: options["--update"], allowOutside: options["--allow-outside"] != nil,
        allowWrites: options["--allow-writes"] != nil)
    case "export":
      guard positional.count == 2 else { throw usageError("export takes one notebook") }
      guard let format = options["--format"] else {
        throw usageError("export needs --format \(ExportFormat.names.joined(separator: "|"))")
      }
      return try export(
        positional[1], format: format, output: options["-o"], sop: options["--sop"], paper: options["--paper"],
        allowOutside: options["--allow-outside"] != nil)
    default:
      guard positional.count <= 1 else { throw usageError("expected one notebook, got \(positional.count)") }
      if let fork = options["--fork"] {
        guard let source = positional.first else { throw usageError("--fork NEW.md takes the notebook to fork from") }
        try forkNotebook(source, into: fork)
        return try open(
          fork, keepGoing: options["--keep-going"] != nil, allowOutside: options["--allow-outside"] != nil)
      }
      return try open(
        positional.first ?? "notebook.md", keepGoing: options["--keep-going"] != nil,
        allowOutside: options["--allow-outside"] != nil)
    }
  }

  private func usageError(_ message: String) -> Diagnostic {
    Diagnostic.error(.usage, message).about(.usage)
  }

  private func open(_ path: String, keepGoing: Bool, allowOutside: Bool) throws(Diagnostic) -> Int32 {
    let terminal = Terminal(environment: environment)
    let interactive = terminal.stdinIsTTY
    let runner = try NotebookRunner(
      path: path, environment: environment,
      displayStyle: interactive ? terminal.displayStyle : .record, allowOutside: allowOutside, interactive: interactive)
    // Drift is said where a person decides: always in the shell, and in batch mode when something moved.
    if runner.file.readOnly {
      Console.err(
        "note: \(path) is read-only: what you type runs and is shown, but is not recorded;"
          + " `save COPY.md` writes a copy with the new cells")
    }
    func sayIntegrity() {
      if let report = runner.integrityReport, interactive || !report.clean, runner.session.cells.count > 0 {
        Console.err((report.clean ? "" : "warning: ") + report.line + report.advice.map { "\n  = \($0)" }.joined())
      }
    }
    guard interactive else {
      sayIntegrity()
      // Line by line as input arrives: a killed batch keeps every cell it ran.
      let result = runner.runScript(origin: "stdin", keepGoing: keepGoing) { readLine(strippingNewline: true) }
      // A batch's cells are its point: when none could be kept, the run did not do its job.
      let lost = runner.unrecordedCells
      if runner.file.readOnly, lost > 0 {
        let refusal = Diagnostic.file(
          .notebookReadOnly,
          "\(path) is read-only: nothing was recorded (\(lost) \(lost == 1 ? "cell" : "cells") ran and"
            + " \(lost == 1 ? "was" : "were") only shown)",
          notes: ["make it writable, or work in a copy (`save COPY.md` in the shell keeps the new cells)"])
        Console.err(DiagnosticRenderer().render(refusal, source: ""))
        return 1
      }
      return result == .failed ? 1 : 0
    }
    let cells = runner.session.cells.count
    Console.err(
      "gemba \(Gemba.version) — \(path) (" + (cells == 0 ? "new notebook" : "\(cells) cells") + ")"
        + "\ntype `help` for commands; Tab completes; Ctrl-D saves and quits")
    sayIntegrity()
    InteractiveShell(host: runner, historyPath: historyPath(), color: terminal.allowsColor).run()
    return 0
  }

  /// `$XDG_STATE_HOME/gemba/history`, else `~/.local/state/gemba/history`.
  private func historyPath() -> String? { UserFolders.state("history", environment: environment) }
}
