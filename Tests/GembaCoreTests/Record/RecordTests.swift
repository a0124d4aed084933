import Testing
@testable import GembaCore

@Suite struct RecordTests {
  @Test func buildsEveryFactFromTheInvestigation() throws {
    let session = RecordFixtures.session(RecordFixtures.refundCommands)
    let r = RecordFixtures.record(session)
    #expect(r.format == "gemba-record" && r.version == 1)
    #expect(r.title == "Duplicate refunds after the macro change")
    #expect(
      r.problem
        == .init(
          statement: "Refunds are paid twice", expected: "0 duplicate refunds a month",
          actual: "37 duplicates in October"))
    #expect(r.process.name == "Refunds")
    #expect(r.process.steps.map(\.id) == ["S1", "S2", "S3", "S4"])
    #expect(r.process.steps[1].findings == ["F1"])
    #expect(r.process.handoffs == [.init(from: "S2", to: "S3", findings: ["F2"])])
    #expect(r.process.unplacedFindings == ["F3"])

    let w = try #require(r.whys.first)
    #expect(w.children.first?.children.first?.id == "W1.1.1")
    #expect(w.children.first?.children.first?.root == true)
    #expect(w.children.first?.children.first?.status == .confirmed)
    let fishbone = try #require(r.fishbone)
    #expect(fishbone.template == .sixM && fishbone.bones.count == 6)
    let c1 = try #require(fishbone.bones.first { $0.name == "Method" }?.causes.first)
    #expect(c1.children.map(\.id) == ["C1.1"])
    #expect(c1.citations.map(\.reference) == ["tickets#2-3", "tickets | where reason = duplicate | pareto by source"])
    #expect(c1.citations[0].chart == nil)
    let pareto = try #require(c1.citations[1].chart)
    #expect(pareto.kind == .pareto && pareto.labels == ["macro", "wiki", "colleague", "memory", "other"])
    #expect(pareto.values == [21, 9, 4, 2, 1] && pareto.flagged == [0, 1])
    #expect(pareto.cumulative?.last == 1 && pareto.centre == nil)
    let control = try #require(r.findings[0].citations.last?.chart)
    #expect(control.kind == .control && control.title == "handle_minutes per row" && control.cumulative == nil)
    #expect(control.values.count == 20 && control.flagged == [11])
    #expect(control.lower! < control.centre! && control.centre! < control.upper! && control.upper! < 27)
    #expect(c1.citations.first?.note == "both duplicates came through the macro")
    #expect(r.allNodes.map(\.id) == ["W1", "W1.1", "W1.1.1", "C3", "C1", "C1.1", "C2"])

    #expect(
      r.findings[1].location
        == .init(label: "S2>S3", handoff: true, steps: ["S2", "S3"], names: ["Triage", "Approve"]))
    #expect(r.findings[0].actions == ["A1"])
    #expect(r.actions.map(\.state) == [.effective, .open, .open])
    #expect(r.actions[0].due == "2026-12-15" && r.actions[0].review == "monthly")
    #expect(r.actions[0].outcomeCitations.map(\.reference) == ["tickets#4"])
    #expect(r.events.map(\.sortKey) == ["2026-10-03T00:00:00", "2026-10-05T09:30:00"])
    #expect(r.evidence.first?.sha256.count == 64)

    #expect(r.integrity.verified && r.integrity.cells == 34)
    #expect(r.integrity.chain == session.cells.last!.chain)
    #expect(r.integrity.line == "verified: 34 cells, chain \(session.cells.last!.chain)")
    let signoff = try #require(r.signoffs.first)
    #expect(signoff.chain == session.cells[31].chain && signoff.cell == 33 && signoff.laterCells == 1)
    #expect(r.log.count == 34)
    #expect(
      r.log.compactMap(\.note) == [
        "The team agreed that the cache is a contributing cause, not the root.",
        "Sign-off given in the review meeting.",
      ])
  }

  /// A chart JSON could not carry is left out (the excerpt stays); moments are kept, and
  /// both are absent from the JSON when there are none.
  @Test func citationsCarryChartsAndMomentsWhenThereAreAny() throws {
    let moment = CitedMoment(when: "2026-10-05 09:30", sortKey: "2026-10-05T09:30:00", text: "tickets#2: RF-2 · macro")
    let rows = Record.citation(Citation(kind: .rows, reference: "tickets#2", excerpt: "x", cell: 4, moments: [moment]))
    #expect(rows.chart == nil)
    #expect(
      rows.moments == [.init(when: "2026-10-05 09:30", sortKey: "2026-10-05T09:30:00", text: "tickets#2: RF-2 · macro")]
    )
    let broken = CitedChart(
      kind: .control, title: "t", measure: .values(column: "t"), labels: ["a", "b"], values: [1, .nan], centre: 1,
      upper: 2, lower: 0)
    let query = Record.citation(Citation(kind: .query, reference: "q", excerpt: "seen", cell: 5, chart: broken))
    #expect(query.chart == nil && query.moments == nil && query.excerpt == "seen")
    let unsorted = CitedChart(
      kind: .pareto, title: "t", measure: .count, labels: ["a", "b"], values: [2, 1], cumulative: [0.6, 1],
      flagged: [1, 0, 7])
    #expect(
      Record.citation(Citation(kind: .query, reference: "q", excerpt: "", cell: 6, chart: unsorted)).chart?.flagged == [
        0, 1,
      ])

    let json = JSONRecordRenderer().render(RecordFixtures.refund())
    #expect(json.components(separatedBy: "\"chart\" : {").count - 1 == 2)
    #expect(json.contains("\"cumulative\" : [\n"))
    #expect(!json.contains("\"moments\""))
  }

  @Test func checksAndIntegrityComeFromTheCaller() {
    let session = RecordFixtures.session(["why \"x\""])
    let check = CheckFinding(.error, ItemID("W1"), "W1 is weak", advice: "ask why again")
    let r = Record(
      investigation: session.investigation, cells: session.cells, checks: [check],
      integrity: .failed(message: "cell 1 does not match its chain value", line: 3), generatedAt: "t")
    #expect(r.checks == [.init(severity: "error", item: "W1", message: "W1 is weak", advice: "ask why again")])
    #expect(!r.integrity.verified)
    #expect(r.integrity.line == "NOT verified: cell 1 does not match its chain value (notebook line 3)")
  }

  @Test func titleFallsBackToTheProblem() {
    #expect(RecordFixtures.record(RecordFixtures.session(["problem \"Late deliveries\""])).title == "Late deliveries")
    let empty = Record(investigation: Investigation(), cells: [], generatedAt: "t")
    #expect(empty.title == "Untitled investigation")
    #expect(
      empty.integrity
        == .init(verified: true, cells: 0, chain: Chain.genesis, line: "verified: 0 cells, chain \(Chain.genesis)"))
  }

  /// An empty investigation still renders in every format (every section says it is empty).
  @Test(arguments: RecordFormat.allCases)
  func emptyRecordRenders(format: RecordFormat) {
    let text = format.renderer.render(Record(investigation: Investigation(), cells: [], generatedAt: "t"))
    #expect(!text.isEmpty)
  }
}
