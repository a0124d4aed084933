/// One executed command as the notebook stores it.
public struct Cell: Sendable, Equatable {
  public var number: Int
  /// ISO-8601 UTC.
  public var time: String
  public var chain: String
  /// The command as typed (may span lines).
  public var command: String
  /// What it printed (no colour).
  public var output: String
  /// The line of the notebook file where the cell's header is (0 when not from a file).
  public var line: Int

  public init(number: Int, time: String, chain: String, command: String, output: String, line: Int = 0) {
    self.number = number
    self.time = time
    self.chain = chain
    self.command = command
    self.output = output
    self.line = line
  }
}
