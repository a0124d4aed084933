/// What the edge captured for one cell, so that applying a command is a pure
/// function and replay is the same fold: the cell's number and time, the chain
/// before it, and anything read from evidence while it ran.
public struct CellContext: Sendable, Equatable {
  public var number: Int
  /// ISO-8601 UTC, e.g. `2026-11-20T10:04:11Z`.
  public var time: String
  /// The chain value of the previous cell (what a sign-off approves).
  public var previousChain: String
  /// Citations already resolved against evidence (excerpts, query results).
  public var citations: [Citation] = []
  /// The evidence a `load` read.
  public var loaded: EvidenceRecord?
  /// Ids to reuse instead of allocating (redo gives items back their old ids).
  public var reusedIDs: [ItemID] = []

  public init(number: Int, time: String, previousChain: String = "") {
    self.number = number
    self.time = time
    self.previousChain = previousChain
  }
}
