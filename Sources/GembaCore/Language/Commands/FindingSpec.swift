public struct FindingSpec: Hashable, Sendable {
  public var text: String
  public var location: Located<StepLocation>?
  public var causes: [Located<ItemID>]
  public var evidence: [CitationTarget]
}
