import GembaCore

/// Placeholder line reader until the readline shell lands (branch `shell`).
final class InteractiveShell {
  let host: any ShellHost
  init(host: some ShellHost, historyPath: String?, color: Bool) { self.host = host }
  func run() {
    var pending = ""
    while true {
      Console.out(pending.isEmpty ? "gemba [\(host.nextCellNumber)]> " : "   ...> ")
      guard let line = readLine() else { break }
      pending += pending.isEmpty ? line : "\n" + line
      if Lexer.needsContinuation(pending) { continue }
      let source = pending
      pending = ""
      if !host.submit(source) { break }
    }
    host.finish()
  }
}
