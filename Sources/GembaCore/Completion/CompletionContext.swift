/// What Tab can offer besides the language itself: the items of the investigation
/// as it stands, and the columns of loaded evidence.
public struct CompletionContext: Sendable, Equatable {
  /// The values of a column (evidence name, column name), most frequent first; empty when the
  /// table is not in memory (Tab never reads a file).
  public typealias ValueSource = @Sendable (_ evidence: String, _ column: String) -> [String]

  /// Existing ids, in the order views show them (`C1`, `C1.1`, `C2`).
  public var ids: [ItemID]
  /// Fishbone bones, in diagram order.
  public var categories: [String]
  /// Loaded evidence names, in load order.
  public var evidence: [String]
  /// Column names of tabular evidence, by evidence name.
  public var columns: [String: [String]]
  public var values: ValueSource?

  public init(
    ids: [ItemID] = [], categories: [String] = [], evidence: [String] = [], columns: [String: [String]] = [:],
    values: ValueSource? = nil
  ) {
    self.ids = ids
    self.categories = categories
    self.evidence = evidence
    self.columns = columns
    self.values = values
  }

  /// The context of `investigation`; columns and values come from whoever reads the evidence files.
  public init(investigation: Investigation, columns: [String: [String]] = [:], values: ValueSource? = nil) {
    self.init(
      ids: investigation.allIDs, categories: investigation.fishbone?.categories.map(\.name) ?? [],
      evidence: investigation.evidence.map(\.name), columns: columns, values: values)
  }

  /// Equal when they offer the same words; the value source is a way of reading, not a value.
  public static func == (a: Self, b: Self) -> Bool {
    a.ids == b.ids && a.categories == b.categories && a.evidence == b.evidence && a.columns == b.columns
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
