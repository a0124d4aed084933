/// An option of a verb or a query stage: how many values it takes and what kind, for parsing,
/// help and Tab completion alike.
public struct OptionSpec: Sendable {
  public enum Arity: Sendable {
    /// `--keep-going`
    case flag
    /// `--due 2026-12-01`: exactly one value.
    case single
    /// `--because the macro lags policy`: every word up to the next option, joined by spaces.
    case text
    /// `--cause C1 C2`: every value up to the next option.
    case list
  }
  /// What Tab offers for the option's value.
  public enum ValueKind: Sendable {
    case free, date, path, evidence, column
    case id(ItemID.Kind)
    case choice([String])
  }
  public var name: String
  public var arity: Arity
  public var value: ValueKind
  public var hint: String

  public init(_ name: String, _ arity: Arity, _ value: ValueKind = .free, hint: String = "") {
    self.name = name
    self.arity = arity
    self.value = value
    self.hint = hint
  }
}
