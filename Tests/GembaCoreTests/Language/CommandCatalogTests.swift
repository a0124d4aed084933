import Testing
@testable import GembaCore

/// The catalog is what `help` shows and what the parser reads: every example in it must
/// parse, to the command its verb names, so help never shows something that fails.
@Suite struct CommandCatalogTests {
  /// The verb a parsed command came from (chart verbs parse to a query ending in their stage).
  static func verb(of command: Command) -> String {
    switch command {
    case .title: "title"
    case .problem: "problem"
    case .defineProcess, .showProcess: "process"
    case .addStep: "step"
    case .why: "why"
    case .showWhys: "whys"
    case .defineFishbone, .showFishbone: "fishbone"
    case .addCategory: "category"
    case .addCause: "cause"
    case .setStatus(_, .confirmed, _): "confirm"
    case .setStatus: "rule-out"
    case .markRoot: "root"
    case .unroot: "unroot"
    case .amend: "amend"
    case .finding: "finding"
    case .action: "action"
    case .done: "done"
    case .effective: "effective"
    case .notEffective: "not-effective"
    case .cite: "cite"
    case .event: "event"
    case .showTimeline: "timeline"
    case .check: "check"
    case .status: "status"
    case .showFindings: "findings"
    case .showActions: "actions"
    case .signoff: "signoff"
    case .team: "team"
    case .isNot: "isnot"
    case .contain: "contain"
    case .contained: "contained"
    case .escape: "escape"
    case .elsewhere: "elsewhere"
    case .caseIdentity: "case"
    case .lift: "lift"
    case .load: "load"
    case .listEvidence: "evidence"
    case .show: "show"
    case .query(let q): q.stages.last?.first?.text ?? "query"
    case .metric: "metric"
    case .compareShares: "compare"
    case .note: "note"
    case .undo: "undo"
    case .redo: "redo"
    case .history: "history"
    case .help: "help"
    case .save: "save"
    case .export: "export"
    case .run: "run"
    case .quit: "quit"
    case .refresh: "refresh"
    case .width: "width"
    }
  }

  @Test(arguments: CommandCatalog.verbs.map(\.name))
  func exampleParsesToItsOwnVerb(name: String) throws {
    let spec = try #require(CommandCatalog.spec(name))
    #expect(spec.example.hasPrefix(name + " ") || spec.example == name, "the example starts with the verb")
    let command = try #require(try Parser.parse(spec.example))
    #expect(Self.verb(of: command) == name)
  }

  @Test(arguments: CommandCatalog.verbs.map(\.name))
  func usageStartsWithTheVerbAndNamesEveryOption(name: String) throws {
    let spec = try #require(CommandCatalog.spec(name))
    #expect(spec.usage.hasPrefix(name))
    for option in spec.options where name != "metric" {
      #expect(spec.usage.contains("--" + option.name), "usage mentions --\(option.name)")
    }
    #expect(!spec.summary.isEmpty)
  }

  @Test func namesAreUniqueAndLowerCase() {
    let names = CommandCatalog.verbNames
    #expect(Set(names).count == names.count)
    #expect(names.allSatisfy { $0 == $0.lowercased() })
    #expect(CommandCatalog.spec("problem")?.group == .problem)
    #expect(CommandCatalog.spec("Problem") == nil, "lookup is exact; the parser lower-cases first")
  }

  /// The spec's core set (section 3.2) is all in the catalog.
  @Test func coversTheSpecifiedVerbs() {
    let specified = [
      "problem", "process", "step", "load", "evidence", "show", "pareto", "histogram", "timeline", "spc", "metric",
      "grep", "why", "whys", "fishbone", "category", "cause", "event", "cite", "confirm", "rule-out", "root", "finding",
      "action", "done", "effective", "not-effective", "check", "status", "signoff", "note", "title", "undo", "redo",
      "history", "help", "save", "export", "quit",
    ]
    let missing = specified.filter { CommandCatalog.spec($0) == nil }
    #expect(missing.isEmpty)
  }
}
