/// `amend ID …`: correct an item after the fact (a missing owner, a finding's step),
/// as a cell of its own so the record shows what changed and when.
public struct AmendSpec: Hashable, Sendable {
  public var id: Located<ItemID>
  public var text: String?
  /// A step's name (a step has a name, the other items a text).
  public var name: String?
  public var owner: String?
  public var due: CalendarDate?
  public var review: ReviewCadence?
  public var standard: String?
  public var location: Located<StepLocation>?
}
