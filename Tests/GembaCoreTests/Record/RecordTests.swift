import Testing
@testable import GembaCore

@Suite struct RecordTests {
  @Test func buildsEveryFactFromTheInvestigation() throws {
    let session = RecordFixtures.session(RecordFixtures.refundCommands)
    let r = RecordFixtures.record(session)
    #expect(r.format == "gemba-record" && r.version == 1)
    #expect(r.title == "Duplicate refunds after the macro change")
    #expect(r.problem == .init(statement: "Refunds are paid twice", expected: "0 duplicate refunds a month", actual: "37 duplicates in October"))
    #expect(r.process.name == "Refunds")
    #expect(r.process.steps.map(\.id) == ["S1", "S2", "S3", "S4"])
    #expect(r.process.steps[1].findings == ["F1"])
    #expect(r.process.handoffs == [.init(from: "S2", to: "S3", findings: ["F2"])])
    #expect(r.process.unplacedFindings == ["F3"])

    let w = try #require(r.whys.first)
    #expect(w.children.first?.children.first?.id == "W1.1.1")
    #expect(w.children.first?.children.first?.root == true)
    #expect(w.children.first?.children.first?.status == "confirmed")
    let fishbone = try #require(r.fishbone)
    #expect(fishbone.template == "6M" && fishbone.bones.count == 6)
    let c1 = try #require(fishbone.bones.first { $0.name == "Method" }?.causes.first)
    #expect(c1.children.map(\.id) == ["C1.1"])
    #expect(c1.citations.map(\.reference) == ["tickets#2-3"])
    #expect(c1.citations.first?.note == "both duplicates came through the macro")
    #expect(r.allNodes.map(\.id) == ["W1", "W1.1", "W1.1.1", "C3", "C1", "C1.1", "C2"])

    #expect(r.findings[1].location == .init(label: "S2>S3", handoff: true, steps: ["S2", "S3"], names: ["Triage", "Approve"]))
    #expect(r.findings[0].actions == ["A1"])
    #expect(r.actions.map(\.state) == ["effective", "open", "open"])
    #expect(r.actions[0].due == "2026-12-15" && r.actions[0].review == "monthly")
    #expect(r.actions[0].outcomeCitations.map(\.reference) == ["tickets#4"])
    #expect(r.events.map(\.sortKey) == ["2026-10-03T00:00:00", "2026-10-05T09:30:00"])
    #expect(r.evidence.first?.sha256.count == 64)

    #expect(r.integrity.verified && r.integrity.cells == 32)
    #expect(r.integrity.chain == session.cells.last!.chain)
    #expect(r.integrity.line == "verified: 32 cells, chain \(session.cells.last!.chain)")
    let signoff = try #require(r.signoffs.first)
    #expect(signoff.chain == session.cells[29].chain && signoff.cell == 31 && signoff.laterCells == 1)
    #expect(r.log.count == 32)
    #expect(r.log.compactMap(\.note) == [
      "The team agreed that the cache is a contributing cause, not the root.", "Sign-off given in the review meeting.",
    ])
  }

  @Test func checksAndIntegrityComeFromTheCaller() {
    let session = RecordFixtures.session(["why \"x\""])
    let check = CheckFinding(.error, ItemID("W1"), "W1 is weak", advice: "ask why again")
    let r = Record(investigation: session.investigation, cells: session.cells, checks: [check],
      integrity: .failed(message: "cell 1 does not match its chain value", line: 3), generatedAt: "t")
    #expect(r.checks == [.init(severity: "error", item: "W1", message: "W1 is weak", advice: "ask why again")])
    #expect(!r.integrity.verified)
    #expect(r.integrity.line == "NOT verified: cell 1 does not match its chain value (notebook line 3)")
  }

  @Test func titleFallsBackToTheProblem() {
    #expect(RecordFixtures.record(RecordFixtures.session(["problem \"Late deliveries\""])).title == "Late deliveries")
    let empty = Record(investigation: Investigation(), cells: [], generatedAt: "t")
    #expect(empty.title == "Untitled investigation")
    #expect(empty.integrity == .init(verified: true, cells: 0, chain: Chain.genesis, line: "verified: 0 cells, chain \(Chain.genesis)"))
  }

  /// An empty investigation still renders in every format (every section says it is empty).
  @Test(arguments: RecordFormat.allCases)
  func emptyRecordRenders(format: RecordFormat) {
    let text = format.renderer.render(Record(investigation: Investigation(), cells: [], generatedAt: "t"))
    #expect(!text.isEmpty)
  }
}
