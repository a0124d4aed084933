import Testing
@testable import GembaCore

@Suite struct HelpRendererTests {
  @Test func helpForOneVerb() throws {
    #expect(
      try HelpRenderer.help(Located("action", at: SourceSpan(at: .init(line: 1, column: 6)))) == """
        usage: action Fx TEXT [--owner TEXT] [--due YYYY-MM-DD] [--review weekly|monthly|quarterly] [--standard TEXT] [--verify QUERY --target EXPR --after YYYY-MM-DD [--retrospective]]

        Agree a corrective action (A1) for a finding; --standard is the new standard if it works;
        --verify/--target/--after plan the check that will judge it (a query over time, its target, judged
        on data after the date); --retrospective allows an --after already past, for a past incident, and
        the reports say the check was planned after the fact.

        kind: changes the investigation

        options:
          --owner TEXT                      text up to the next option
          --due YYYY-MM-DD
          --review weekly|monthly|quarterly
          --standard TEXT                   text up to the next option
          --verify QUERY                    one or more values
          --target EXPR                     one or more values
          --after YYYY-MM-DD
          --retrospective                   flag

        example:
          action F1 "generate macros from the policy page" --owner "Dana (KB owner)" --due 2026-12-15 --review monthly --standard "macros are generated from the policy, never edited by hand"
        """)
  }

  @Test func helpForAVerbWithoutOptions() throws {
    #expect(
      try HelpRenderer.help(Located("whys", at: SourceSpan(at: .init(line: 1, column: 6)))) == """
        usage: whys

        Show every five-whys tree.

        kind: shows the investigation

        example:
          whys
        """)
  }

  @Test(arguments: CommandCatalog.verbs.map(\.name))
  func everyVerbHasHelpWithItsExample(name: String) throws {
    let text = try HelpRenderer.help(Located(name.uppercased(), at: SourceSpan(at: .init(line: 1, column: 6))))
    let spec = try #require(CommandCatalog.spec(name))
    #expect(text.hasPrefix("usage: \(spec.usage)\n"))
    if let stage = StageCatalog.spec(name) {
      #expect(text.hasSuffix("example:\n  \(spec.example)\n\nas a query stage: \(stage.usage)\n  \(stage.example)"))
    } else {
      #expect(text.hasSuffix("example:\n  \(spec.example)"))
    }
  }

  @Test(arguments: StageCatalog.names)
  func everyQueryStageHasHelpWhoseExampleParses(name: String) throws {
    let stage = try #require(StageCatalog.spec(name))
    let text = try HelpRenderer.help(Located(name, at: SourceSpan(at: .init(line: 1, column: 6))))
    #expect(text.contains("\(stage.usage)"))
    #expect(text.contains("  \(stage.example)"))
    guard case .query(let query)? = try Parser.parse(stage.example) else {
      Issue.record("the example of `\(name)` is not a query: \(stage.example)")
      return
    }
    let pipeline = try QueryPipeline.parse(query.stages)
    #expect(!pipeline.stages.isEmpty)
  }

  @Test func theOverviewListsEveryVerbByGroup() throws {
    let text = try HelpRenderer.help(nil)
    for spec in CommandCatalog.verbs {
      #expect(text.contains("\n  \(spec.name) "), "lists \(spec.name)")
    }
    #expect(text.hasPrefix("Problem and process\n  title          Name the investigation.\n"))
  }

  @Test(arguments: [60, 80, 120])
  func theOverviewFitsTheScreen(width: Int) throws {
    let text = try HelpRenderer.help(nil, width: width)
    for line in text.split(separator: "\n") {
      #expect(line.count <= width, "too wide: \(line)")
    }
    // A wrapped summary continues under its own first line, not under the verb.
    #expect(try HelpRenderer.help(nil, width: 60).contains("\n                 "))
  }

  @Test func anUnknownTopicSuggestsAVerb() {
    let input = MarkedText("help 1️⃣fishbon")
    guard case .help(let topic) = try? Parser.parse(input.text) else {
      Issue.record("not help")
      return
    }
    let d = diagnostic { () throws(Diagnostic) in try HelpRenderer.help(topic) }
    #expect(d?.code == .unknownHelpTopic)
    #expect(d?.notes == ["did you mean `fishbone`?", "type `help` for the list of commands and query stages"])
    #expect(d?.span?.start == input[1])
  }
}
