/// What Tab can offer besides the language itself: the items of the investigation
/// as it stands, and the columns of loaded evidence.
public struct CompletionContext: Sendable, Equatable {
  /// Existing ids, in the order views show them (`C1`, `C1.1`, `C2`).
  public var ids: [ItemID]
  /// Fishbone bones, in diagram order.
  public var categories: [String]
  /// Loaded evidence names, in load order.
  public var evidence: [String]
  /// Column names of tabular evidence, by evidence name.
  public var columns: [String: [String]]

  public init(ids: [ItemID] = [], categories: [String] = [], evidence: [String] = [], columns: [String: [String]] = [:]) {
    self.ids = ids
    self.categories = categories
    self.evidence = evidence
    self.columns = columns
  }

  /// The context of `investigation`; columns come from whoever reads the evidence files.
  public init(investigation: Investigation, columns: [String: [String]] = [:]) {
    self.init(
      ids: investigation.allIDs, categories: investigation.fishbone?.categories.map(\.name) ?? [],
      evidence: investigation.evidence.map(\.name), columns: columns)
  }

  /// The ids of the given kinds, as text, in view order.
  func ids(_ kinds: ItemID.Kind...) -> [String] {
    ids.filter { kinds.contains($0.kind) }.map(\.description)
  }

  /// The columns of the evidence called `name` (exact name first, then ignoring case).
  func columns(of name: String?) -> [String] {
    guard let name else { return [] }
    if let found = columns[name] { return found }
    let key = columns.keys.sorted().first { $0.lowercased() == name.lowercased() }
    return key.flatMap { columns[$0] } ?? []
  }
}
