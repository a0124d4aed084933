/// `contain TEXT --owner NAME [--due YYYY-MM-DD]`: an interim action (K1).
public struct ContainSpec: Hashable, Sendable {
  public var text: String
  public var owner: String
  public var due: CalendarDate?
}
