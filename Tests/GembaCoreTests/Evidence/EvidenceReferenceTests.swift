import Testing
@testable import GembaCore

@Suite struct EvidenceReferenceTests {
  @Test(arguments: [("tickets", nil), ("tickets#12", 12...12), ("tickets#12-40", 12...40)] as [(String, ClosedRange<Int>?)])
  func parses(_ text: String, _ rows: ClosedRange<Int>?) throws {
    let ref = try EvidenceReference.parse(text)
    #expect(ref.name == "tickets" && ref.rows == rows)
    #expect(ref.description == text)
  }

  @Test(arguments: ["tickets#", "tickets#0", "tickets#5-2", "#3", "tickets#a", "tickets#1-2-3"])
  func rejects(_ text: String) {
    #expect(throws: Diagnostic.self) { try EvidenceReference.parse(text) }
  }

  @Test func excerptShowsRowsAsWritten() throws {
    let table = QueryEngineTests.tickets
    let text = EvidenceTextRenderer().excerpt(try EvidenceReference.parse("tickets#3-4"), in: table)
    #expect(text.hasPrefix("tickets#3-4 · tickets.csv · sha256 \(table.shortHash)\n"))
    #expect(text.contains("  #4 (line 5): T4,2026-03-03T12:00:00,Refunds,phone,true,8,2,5.25,\"packing, error\"\n"))
    #expect(throws: Diagnostic.self) { try EvidenceReference.parse("tickets#9").validate(against: table) }
  }
}
