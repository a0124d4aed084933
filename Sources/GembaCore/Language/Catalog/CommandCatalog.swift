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

public enum CommandCatalog {
  public static let verbs: [VerbSpec] =
    problemVerbs + analysisVerbs + judgementVerbs + correctiveVerbs + evidenceVerbs
    + sessionVerbs

  public static func spec(_ name: String) -> VerbSpec? { verbs.first { $0.name == name } }
  public static var verbNames: [String] { verbs.map(\.name) }

}
