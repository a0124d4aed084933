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
  /// What the cell read, as stored JSON (format v2; nil for a cell that read nothing,
  /// and for every v1 cell). Kept as the exact text so the chain hashes what is on disk.
  public var data: String?
  /// The line of the notebook file where the cell's header is (0 when not from a file).
  public var line: Int

  public init(
    number: Int, time: String, chain: String, command: String, output: String, data: String? = nil,
    line: Int = 0
  ) {
    self.number = number
    self.time = time
    self.chain = chain
    self.command = command
    self.output = output
    self.data = data
    self.line = line
  }

  /// The stored payload, decoded; a payload that does not decode is a diagnostic naming the cell.
  public func decodedData() throws(Diagnostic) -> CellData? {
    guard let data else { return nil }
    return try CellData.decode(data, cell: number, line: line)
  }
}
