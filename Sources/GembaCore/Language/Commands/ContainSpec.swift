/// `contain TEXT --owner NAME [--due YYYY-MM-DD] [--where TEXT] [--from YYYY-MM-DD]`: an interim action (K1).
public struct ContainSpec: Hashable, Sendable {
  public var text: String
  public var owner: String
  public var due: CalendarDate?
  /// Where it applies (a line, a warehouse, stock at the customer): the 8D's D3 scope.
  public var scope: String? = nil
  /// From when it applies.
  public var from: CalendarDate? = nil
}

/// `contained Kx … --checked N --found N`: how many parts the containment checked and how many of
/// them it found bad (a sort's result, as the VDA 8D's D3 asks for it).
public struct SortCount: Hashable, Sendable {
  public var checked: Int?
  public var found: Int?
}
