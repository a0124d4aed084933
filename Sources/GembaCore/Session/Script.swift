/// Splits a script (batch input, `run FILE`) into commands: one a line, except
/// that a trailing `\` or an open string carries the command onto the next lines.
public enum Script {
  public struct Command: Sendable, Equatable {
    public var source: String
    /// The script line the command starts on (1-based).
    public var line: Int
  }

  public static func commands(in text: String) -> [Command] {
    var out: [Command] = []
    var pending: [String] = []
    var start = 1
    let lines = text.splitLines()
    for (index, raw) in lines.enumerated() {
      var line = String(raw)
      if line.hasSuffix("\r") { line.removeLast() }
      if index == lines.count - 1 && line.isEmpty && pending.isEmpty { break }
      if pending.isEmpty { start = index + 1 }
      pending.append(line)
      let source = pending.joined(separator: "\n")
      if !Lexer.needsContinuation(source) {
        out.append(Command(source: source, line: start))
        pending = []
      }
    }
    if !pending.isEmpty { out.append(Command(source: pending.joined(separator: "\n"), line: start)) }
    return out
  }
}
