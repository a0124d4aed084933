/// What the shell knows about each verb: its options, its help, an example, and how its
/// arguments become a `Command`. The parser, `help`, Tab completion and `docs/commands.md`
/// all read this one table (its entries are in the `CommandCatalog+GROUP.swift` files).
public struct VerbSpec: Sendable {
  public enum Group: String, Sendable, CaseIterable {
    case problem = "Problem and process"
    case analysis = "Five whys and fishbone"
    case judgement = "Judgement and actions"
    case corrective = "Corrective-action record"
    case evidence = "Evidence"
    case session = "Session"
  }
  public var name: String
  public var group: Group
  public var usage: String
  public var summary: String
  public var example: String
  public var options: [OptionSpec]
  /// Turns the verb's arguments into its command, or a diagnostic pointing at the wrong token.
  var build: @Sendable (inout Arguments) throws(Diagnostic) -> Command

  public func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
}

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

public enum CommandCatalog {
  public static let verbs: [VerbSpec] =
    problemVerbs + analysisVerbs + judgementVerbs + correctiveVerbs + evidenceVerbs
    + sessionVerbs

  public static func spec(_ name: String) -> VerbSpec? { verbs.first { $0.name == name } }
  public static var verbNames: [String] { verbs.map(\.name) }

}
