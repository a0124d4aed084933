import Testing
@testable import GembaCore

/// The catalogs (verbs, stages, export formats, chart kinds) and the switches that act on them
/// must agree: these fail when a catalog entry reaches no handler or a handler has no entry.
/// The switches themselves have no `default:`, so the compiler already stops a case left out;
/// these check what the compiler cannot (that a typed word reaches the case meant for it).
@Suite struct CatalogAgreementTests {
  /// Every verb's example and bare name, parsed (a bare name that needs arguments is skipped).
  static let parsedVerbs: [(spec: VerbSpec, command: Command)] = CommandCatalog.verbs.flatMap { spec in
    [spec.example, spec.name].compactMap { source in (try? Parser.parse(source)).flatMap { $0 }.map { (spec, $0) } }
  }

  /// A verb cites evidence exactly when its catalog entry takes `--evidence` (or it is `cite`):
  /// `Command.route` is where the session, replay and the record learn what a change cites.
  @Test(arguments: CommandCatalog.verbs.map(\.name))
  func aVerbCitesWhenItsEntrySaysItTakesEvidence(name: String) throws {
    let spec = try #require(CommandCatalog.spec(name))
    let takesEvidence = name == "cite" || spec.options.contains { $0.name == "evidence" }
    let commands = Self.parsedVerbs.filter { $0.spec.name == name }.map(\.command)
    #expect(!commands.isEmpty, "`\(name)`'s example parses")
    for command in commands {
      // `effective Ax` with no evidence judges by the planned check: a citation with no targets.
      #expect((command.citation != nil) == takesEvidence, "`\(name)`: citation \(String(describing: command.citation))")
      if command.citation != nil { #expect(command.nature == .changes, "only a change cites") }
    }
  }

  /// Every view and every nature is reached by some verb in the catalog.
  @Test func everyViewAndNatureIsReachedByAVerb() {
    var views: Set<InvestigationView> = []
    var natures: Set<CommandNature> = []
    for (_, command) in Self.parsedVerbs {
      natures.insert(command.nature)
      if case .view(let view) = command.route { views.insert(view) }
    }
    #expect(views == Set(InvestigationView.allCases))
    #expect(natures == Set(CommandNature.allCases))
  }

  /// A citing change's item: `cite C1` supports C1, `event` its date, `finding` the finding it makes.
  @Test(arguments: [
    ("cite C1 t#3", CitedItem.item(ItemID("C1")!)),
    ("effective A2 --evidence t#1-4", .item(ItemID("A2")!)),
    ("contained K1 --evidence t#2", .item(ItemID("K1")!)),
    ("event 2026-11-02 \"macro changed\" --evidence t#9", .event(when: "2026-11-02")),
    ("finding \"agents quote the macro\" --evidence t#1", .newFinding),
  ])
  func aCitationNamesTheItemItSupports(source: String, item: CitedItem) throws {
    let command = try #require(try Parser.parse(source))
    let citation = try #require(command.citation)
    #expect(citation.item == item)
    #expect(citation.targets.count == 1)
  }

  // MARK: Stages

  /// Every stage entry's example parses to a stage whose verb is the entry's name, and back.
  @Test(arguments: StageCatalog.stages.map(\.name))
  func everyStageExampleParsesToItsOwnStage(name: String) throws {
    let spec = try #require(StageCatalog.spec(name))
    guard case .query(let source) = try #require(try Parser.parse(spec.example)) else {
      Issue.record("`\(spec.example)` is not a query")
      return
    }
    let pipeline = try QueryPipeline.parse(source.stages)
    let last = try #require(pipeline.stages.last)
    #expect(last.verb == name)
    #expect(StageCatalog.spec(last.verb) != nil)
  }

  /// Every stage verb the parser accepts has a catalog entry (its help and completion).
  @Test func everyParsedStageVerbIsInTheCatalog() throws {
    let queries = [
      "t | where a = 1", "t | count", "t | count by a, b --percent row", "t | sort a desc", "t | top 3", "t | limit 2",
      "t | select a", "t | grep x", "t | pareto by a", "t | histogram a", "t | timeline a", "t | spc a",
      "t | spc a --chart p --n b", "t | compare a by b", "t | capability a --lsl 1 --usl 2", "t | derive c = a + b",
      "t | extract a \"(x)\" as c", "t | join u on a", "t | distinct a", "t | sum a", "t | avg a", "t | median a",
      "t | p90 a",
    ]
    var verbs: Set<String> = []
    for text in queries {
      guard case .query(let source) = try #require(try Parser.parse(text)) else { continue }
      let stage = try #require(try QueryPipeline.parse(source.stages).stages.last)
      #expect(StageCatalog.spec(stage.verb) != nil, "`\(text)`")
      verbs.insert(stage.verb)
    }
    #expect(verbs == Set(StageCatalog.names), "every catalog stage is exercised here")
  }

  // MARK: Export formats

  /// Every export format has a name that reads back, a file, a place in `export`'s usage and
  /// in its completion.
  @Test(arguments: ExportFormat.allCases)
  func everyExportFormatRendersIsListedAndCompletes(format: ExportFormat) throws {
    #expect(ExportFormat(name: format.name) == format)
    let path: String
    switch format {
    case .record(let record): path = "out." + record.fileExtension
    case .report: path = "out.html"
    case .sop: path = "SOP.md"
    }
    let here = SourceSpan(at: SourcePosition(line: 1, column: 1))
    var investigation = Investigation()
    investigation.title = "Refunds quoted wrong"
    let result = try Export.files(
      format: Located(format.name, at: here), path: Located(path, at: here), sop: nil,
      investigation: investigation, cells: [], time: "2026-11-20T10:00:00Z")
    #expect(result.writes.first?.path.value == path)
    #expect(!(result.writes.first?.content.isEmpty ?? true))
    let usage = try #require(CommandCatalog.spec("export")).usage
    #expect(usage.split(separator: " ")[1].split(separator: "|").contains(Substring(format.name)))
    #expect(complete("export ").candidates.contains(format.name))
    guard
      case .notebook(.export(let typed, _, _, _)) = try #require(try Parser.parse("export \(format.name) \(path)"))
        .route
    else {
      Issue.record("`export \(format.name)` does not route to the export")
      return
    }
    #expect(typed.value == format.name)
  }

  @Test func exportFormatNamesAndExtensionsAreUnique() {
    let names = ExportFormat.allCases.map(\.name)
    #expect(Set(names).count == names.count)
    let extensions = RecordFormat.allCases.map(\.fileExtension)
    #expect(Set(extensions).count == extensions.count)
    #expect(names.count == RecordFormat.allCases.count + ReportKind.allCases.count + 1)
  }

  // MARK: Chart kinds

  /// 40 rows: a measure, defectives and defects with their sample sizes.
  static let chartRows: String = {
    var csv = "v,d,n\n"
    for i in 0..<40 { csv += "\(10 + Double((i * 7) % 11) / 4),\((i * 3) % 7),\(20 + i % 3)\n" }
    return csv
  }()

  /// Every control-chart kind draws in the terminal, as SVG and as a table, with a point per
  /// subgroup (5 rows each for X̄ charts) or per row.
  @Test(arguments: ChartKind.allCases)
  func everyChartKindDrawsInEveryForm(kind: ChartKind) throws {
    let table = try loadText(Self.chartRows).table
    let query: String
    switch kind {
    case .imr, .run: query = "x | spc v --chart \(kind.rawValue)"
    case .xbarR, .xbarS: query = "x | spc v --chart \(kind.rawValue) --size 5"
    case .p, .np, .laneyP: query = "x | spc d --chart \(kind.rawValue) --n n"
    case .c: query = "x | spc d --chart c"
    case .u, .laneyU: query = "x | spc d --chart \(kind.rawValue) --n n"
    }
    let points = kind.isSubgrouped ? 8 : 40
    let result = try GembaCoreTests.query(table, query)
    let text = EvidenceTextRenderer().render(result)
    #expect(text.contains("\(points) points"), "\(text.prefix(200))")
    let cited = try #require(EvidenceWorkspace.chart(result))
    #expect(cited.labels.count == points)
    let chart = try #require(Record.chart(cited))
    let svg = ChartSVG.render(chart)
    #expect(svg.hasPrefix("<svg class=\"chart control\""))
    var markdown = ""
    MarkdownChartTable.render(chart, into: &markdown)
    let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| #") }
    #expect(rows.count >= points, "a row per point (and the spread chart's, if any)")
  }
}
