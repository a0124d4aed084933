import Testing
@testable import GembaCore

@Suite struct EvidenceReferenceTests {
  @Test(
    arguments: [
      ("tickets", "tickets", nil),
      ("tickets#12", "tickets", 12...12),
      ("tickets#12-40", "tickets", 12...40),
      ("app.log#1", "app.log", 1...1),
      ("after_fix-2#3-3", "after_fix-2", 3...3),
    ] as [(String, String, ClosedRange<Int>?)])
  func parses(text: String, name: String, rows: ClosedRange<Int>?) throws {
    let ref = try EvidenceReference.parse(text)
    #expect(ref.name == name)
    #expect(ref.rows == rows)
  }

  @Test(arguments: [
    "", "#12", "9lives", "tickets#", "tickets#0", "tickets#40-12", "tickets#1-", "tickets#-3", "tickets#a",
    "tickets#1-2-3", "my file", "tickets#+3", "tickets#1-+4", "tickets#5-2",
  ])
  func rejects(text: String) {
    #expect(throws: Diagnostic.self) { try EvidenceReference.parse(text) }
  }

  /// The error points at the reference as typed, so the caret lands under it.
  @Test func aRejectionCarriesTheSpan() {
    let span = SourceSpan(at: SourcePosition(line: 3, column: 9), length: 8)
    #expect(
      throws: Diagnostic.error(
        .invalidEvidenceReference, "expected evidence like tickets, tickets#12 or tickets#12-40, found `tickets#`",
        at: span, notes: ["NAME#12 is row 12 (the header is not counted); NAME#12-40 is rows 12 to 40"])
    ) {
      try EvidenceReference.parse("tickets#", span: span)
    }
  }

  @Test(arguments: ["tickets", "tickets#12", "tickets#12-40"])
  func descriptionReadsBack(text: String) throws {
    #expect(try EvidenceReference.parse(text).description == text)
  }

  @Test func aOneRowRangeIsShownAsOneRow() {
    #expect(EvidenceReference(name: "t", rows: 5...5).description == "t#5")
  }

  @Test func excerptShowsRowsAsWritten() throws {
    let table = QueryEngineTests.tickets
    let text = EvidenceTextRenderer().excerpt(try EvidenceReference.parse("tickets#3-4"), in: table)
    #expect(text.hasPrefix("tickets#3-4 · tickets.csv · sha256 \(table.shortHash)\n"))
    #expect(text.contains("  #4 (line 5): T4,2026-03-03T12:00:00,Refunds,phone,true,8,2,5.25,\"packing, error\"\n"))
    #expect(throws: Diagnostic.self) { try EvidenceReference.parse("tickets#9").validate(against: table) }
  }
}
