import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The interactive shell on a terminal: a readline prompt with the cell number,
/// history across sessions, Tab completion, and psql's keys — Ctrl-C clears the
/// line (and abandons a command still open), Ctrl-D on an empty line saves and quits.
///
/// The host runs each complete command; the shell only owns the terminal.
final class InteractiveShell {
  private let host: any ShellHost
  private let history: ShellHistory?
  private let color: Bool
  /// The lines of a command still open (a `"""` string, a trailing `\`), joined by newlines.
  private var pending = ""
  /// Whether `pending` is complete, advanced a line at a time (linear in the command's length).
  private var continuation = Continuation()

  init(host: some ShellHost, historyPath: String?, color: Bool) {
    self.host = host
    self.history = historyPath.flatMap(ShellHistory.init(path:))
    self.color = color
  }

  /// Reads and runs commands until Ctrl-D or `quit`, then calls `host.finish()` once.
  func run() {
    let cleanPaste =
      getenv("GEMBA_TEST_PTY").map { String(cString: $0) == "1" } ?? false
      || getenv("TERM").map { String(cString: $0) == "dumb" } ?? false
    LineEditor.install(bracketedPaste: !cleanPaste) { [unowned self] line, cursor in complete(line, cursor: cursor) }
    defer { LineEditor.uninstall() }
    while true {
      let read = LineEditor.read(prompt: pending.isEmpty ? primaryPrompt : continuationPrompt, primary: primaryPrompt)
      if read.interrupted {
        pending = ""
        continuation = Continuation()
      }
      guard let line = read.line else {
        // Ctrl-D. A command still open is kept in history, so nothing typed is lost.
        if !pending.isEmpty { history?.add(pending) }
        LineEditor.endLineAfterEOF()
        break
      }
      pending += pending.isEmpty ? line : "\n" + line
      // A pasted block arrives as one read holding line breaks.
      for part in line.split(separator: "\n", omittingEmptySubsequences: false) { continuation.feed(String(part)) }
      if continuation.needsMore { continue }
      let source = pending
      pending = ""
      continuation = Continuation()
      guard source.contains(where: { !$0.isWhitespace }) else { continue }
      history?.add(source)  // failed commands too: the user can recall and fix them
      if !host.submit(source) { break }
    }
    host.finish()
  }

  // MARK: - Prompts

  var primaryPrompt: String { paint("gemba [\(host.nextCellNumber)]>") + " " }
  var continuationPrompt: String { paint("   ...>") + " " }

  /// Bold cyan when colour is allowed; the escapes are wrapped in \u{1}…\u{2} so readline
  /// does not count them as columns.
  private func paint(_ text: String) -> String {
    color ? "\u{1}\u{1B}[1;36m\u{2}\(text)\u{1}\u{1B}[0m\u{2}" : text
  }

  // MARK: - Completion

  /// Completes the word at `cursor` in the current line, reading the open command's
  /// earlier lines too; offsets in the result are relative to the current line.
  private func complete(_ line: String, cursor: Int) -> Completion {
    let source = host as? any ShellCompletionSource
    let values: CompletionContext.ValueSource? = source.map { source in
      // Tab runs on the shell's thread, between commands: the source is not used concurrently.
      nonisolated(unsafe) let source = source
      return { evidence, column in source.evidenceValues(evidence, column) }
    }
    let context = CompletionContext(
      investigation: host.session.investigation, columns: source?.evidenceColumns ?? [:], values: values)
    let folder = source?.folder ?? "."
    let completer = Completer(context: context) { ShellFiles.list($0, in: folder) }
    // Ctrl-C at `...>` dropped the open command, but `pending` is cleared only when this read
    // returns: a Tab before then completes the fresh line on its own.
    let dropped = LineEditor.interrupted.load(ordering: .sequentiallyConsistent)
    let before = pending.isEmpty || dropped ? "" : pending + "\n"
    var completion = completer.complete(before + line, cursor: before.utf8.count + cursor)
    completion.replaceFrom = max(0, completion.replaceFrom - before.utf8.count)
    return completion
  }
}
