import CReadline
import GembaCore
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// GNU readline, set up for gemba: completion through `Completer`, Ctrl-C that
/// clears the line, bracketed paste as the user has it (or off, for clean transcripts).
///
/// Readline is one global editor, so this is one global: its C callbacks reach the shell through
/// the `nonisolated(unsafe)` state below (main thread only); the SIGINT handler and the threads
/// that wait on a command share only the atomic flags (lock-free, so safe in a signal handler).
enum LineEditor {
  /// The shell's completion: (current line, cursor as a UTF-8 offset) → candidates.
  nonisolated(unsafe) static var complete: ((String, Int) -> Completion)?
  /// The primary prompt, for the SIGINT handler to put back (it cannot build one).
  nonisolated(unsafe) static var primaryPrompt: UnsafeMutablePointer<CChar>?
  /// True while `readline()` is waiting for input: only then does Ctrl-C touch the line.
  /// Written by the main thread around `readline()`, read by the SIGINT handler.
  static let reading = Atomic<Bool>(false)
  /// Set by Ctrl-C during `readline()` (the handler); cleared and read by `read` on the main
  /// thread: the command in progress is abandoned.
  static let interrupted = Atomic<Bool>(false)
  /// Set by Ctrl-C while a command runs (not while reading); taken by the one waiting on the
  /// command (`CancellableQuery` or `LoadProgressDisplay`), which stops it.
  private static let cancelRequested = Atomic<Bool>(false)

  /// Whether Ctrl-C was pressed since the last call (or `forgetCancelRequest`); clears the
  /// request in the same step, so one Ctrl-C cancels one command.
  static func takeCancelRequest() -> Bool {
    cancelRequested.exchange(false, ordering: .sequentiallyConsistent)
  }

  /// Drops a Ctrl-C pressed before the command that is about to start.
  static func forgetCancelRequest() {
    cancelRequested.store(false, ordering: .sequentiallyConsistent)
  }

  /// The SIGINT handler's half.
  fileprivate static func requestCancel() {
    cancelRequested.store(true, ordering: .sequentiallyConsistent)
  }

  static func install(bracketedPaste: Bool, complete: @escaping (String, Int) -> Completion) {
    self.complete = complete
    reading.store(false, ordering: .sequentiallyConsistent)
    interrupted.store(false, ordering: .sequentiallyConsistent)
    forgetCancelRequest()
    gemba_rl_set_name("gemba")  // `$if gemba` in ~/.inputrc
    gemba_rl_set_word_breaks(Completer.wordBreakCharacters)
    gemba_rl_set_quote_characters(Completer.quoteCharacters)
    gemba_rl_set_completion(gembaAttemptCompletion)
    gemba_rl_set_sort_matches(0)  // the completer's order: C1, C1.1, C2, … C10
    _ = rl_initialize()  // reads INPUTRC / ~/.inputrc once, so our overrides come after it
    if !bracketedPaste { gemba_rl_bind_variable("enable-bracketed-paste", "off") }
    signal(SIGINT, gembaInterrupt)
    // A parent may have started us with SIGINT blocked (test runners do): Ctrl-C must work.
    var interrupt = sigset_t()
    sigemptyset(&interrupt)
    sigaddset(&interrupt, SIGINT)
    sigprocmask(SIG_UNBLOCK, &interrupt, nil)
  }

  static func uninstall() {
    signal(SIGINT, SIG_DFL)
    complete = nil
    free(primaryPrompt)
    primaryPrompt = nil
  }

  /// One line from the user, or nil at Ctrl-D on an empty line; `interrupted` when
  /// Ctrl-C was pressed while it was being read.
  static func read(prompt: String, primary: String) -> (line: String?, interrupted: Bool) {
    free(primaryPrompt)
    primaryPrompt = strdup(primary)
    interrupted.store(false, ordering: .sequentiallyConsistent)
    reading.store(true, ordering: .sequentiallyConsistent)
    let raw = readline(prompt)
    reading.store(false, ordering: .sequentiallyConsistent)
    defer { free(raw) }
    return (raw.map { String(cString: $0) }, interrupted.load(ordering: .sequentiallyConsistent))
  }
}

extension LineEditor {
  /// Moves past the prompt left by Ctrl-D; readline already did when bracketed paste is on.
  static func endLineAfterEOF() {
    let paste = rl_variable_value("enable-bracketed-paste").map { String(cString: $0) }
    if paste != "on" { Console.out("") }
  }
}

/// SIGINT: like psql, Ctrl-C drops what was typed and shows a fresh primary prompt.
/// Readline has already echoed `^C` and cleaned up; this runs from its signal handling.
private func gembaInterrupt(_ signal: Int32) {
  guard LineEditor.reading.load(ordering: .sequentiallyConsistent) else {
    LineEditor.requestCancel()  // only a flag: nothing else is safe in a signal handler
    return
  }
  LineEditor.interrupted.store(true, ordering: .sequentiallyConsistent)
  gemba_rl_restart_line(LineEditor.primaryPrompt)
}

/// `rl_attempted_completion_function`: the matches for the word readline found
/// between `start` and `end`, as `rl_completion_matches` would build them
/// (the common prefix first, then each match, then NULL).
private func gembaAttemptCompletion(_ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32)
  -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
{
  gemba_rl_completion_over(1)  // never fall back to readline's own file names
  guard let complete = LineEditor.complete, let buffer = gemba_rl_line_buffer() else { return nil }
  let bytes = Array(UnsafeBufferPointer(start: buffer, count: strlen(buffer))).map { UInt8(bitPattern: $0) }
  let cursor = min(Int(end), bytes.count)
  let completion = complete(String(decoding: bytes[..<cursor], as: UTF8.self), cursor)
  let typed = text.map { String(cString: $0) } ?? ""
  let matches = LineEditor.matches(completion, readlineStart: Int(start), line: bytes)
  guard !matches.isEmpty else { return nil }
  if completion.continues {
    gemba_rl_set_append_char(0)  // `evidence/` goes on with a file name
    gemba_rl_suppress_quote(1)
  }
  let first = matches.count == 1 ? matches[0] : LineEditor.commonPrefix(matches, atLeast: typed)
  let list = [first] + (matches.count == 1 ? [] : matches)
  let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: list.count + 1)
  for (i, match) in list.enumerated() { array[i] = strdup(match) }
  array[list.count] = nil
  return array
}

extension LineEditor {
  /// The completer's candidates rewritten to replace what readline replaces: the text
  /// from `readlineStart` to the cursor (the two agree on words; this covers any difference).
  static func matches(_ completion: Completion, readlineStart: Int, line: [UInt8]) -> [String] {
    let from = min(completion.replaceFrom, line.count)
    let start = min(readlineStart, line.count)
    if from == start { return completion.candidates }
    if from > start {
      let head = String(decoding: line[start..<from], as: UTF8.self)
      return completion.candidates.map { head + $0 }
    }
    return completion.candidates.compactMap { candidate in
      let utf8 = Array(candidate.utf8)
      return utf8.count >= start - from ? String(decoding: utf8[(start - from)...], as: UTF8.self) : nil
    }
  }

  /// What Tab inserts when several match: their longest common prefix, or what was
  /// typed when that is shorter (`Pro` against `problem`, `process`).
  static func commonPrefix(_ matches: [String], atLeast typed: String) -> String {
    var prefix = Array(matches[0])
    for match in matches.dropFirst() {
      let chars = Array(match)
      var n = 0
      while n < min(prefix.count, chars.count), prefix[n] == chars[n] { n += 1 }
      prefix.removeSubrange(n...)
    }
    return prefix.count >= typed.count ? String(prefix) : typed
  }
}
