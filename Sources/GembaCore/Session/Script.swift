/// Splits a script (batch input, `run FILE`) into commands: one a line, except
/// that a trailing `\` or an open string carries the command onto the next lines.
/// Fed a line at a time, so batch input runs as it arrives.
public struct Script {
  public struct Command: Sendable, Equatable {
    public var source: String
    /// The script line the command starts on (1-based).
    public var line: Int
  }

  private var pending: [String] = []
  private var continuation = Continuation()
  private var start = 1
  private var lineNumber = 0

  public init() {}

  /// Adds the next line (without its newline); returns a command once one is complete.
  public mutating func feed(_ rawLine: String) -> Command? {
    var line = rawLine
    if line.hasSuffix("\r") { line.removeLast() }
    lineNumber += 1
    if pending.isEmpty { start = lineNumber }
    pending.append(line)
    continuation.feed(line)
    guard !continuation.needsMore else { return nil }
    defer { pending = []; continuation = Continuation() }
    return Command(source: pending.joined(separator: "\n"), line: start)
  }

  /// At the end of input: whatever is left (an unterminated string, reported when parsed).
  public mutating func finish() -> Command? {
    guard !pending.isEmpty else { return nil }
    defer { pending = []; continuation = Continuation() }
    return Command(source: pending.joined(separator: "\n"), line: start)
  }

  public static func commands(in text: String) -> [Command] {
    var script = Script()
    var out: [Command] = []
    var lines = text.splitLines()
    if lines.last?.isEmpty == true { lines.removeLast() }
    for line in lines {
      if let command = script.feed(String(line)) { out.append(command) }
    }
    if let rest = script.finish() { out.append(rest) }
    return out
  }
}
