import Foundation
import Testing
@testable import GembaCore

/// Released versus proposed standards, and the SOP's own revision table kept a table: a row
/// added with the revision advanced in the table's scheme, or a clear error and nothing written.
@Suite struct SOPRevisionTableTests {
  static func sop(_ table: String) -> String {
    "# Refund SOP\n\n## 2. Triage\n\nCheck the order.\n\n## 3. Approve\n\nLead approves.\n\n## Revision history\n\n\(table)\n"
  }

  @Test(arguments: [
    (
      "| Rev | Date | Change | By |\n|---|---|---|---|\n| 1.2 | 2025-01-01 | First | Ops |\n| 1.3 | 2026-01-10 | Second | Ops |",
      "| 1.4 | 2026-11-22 |"
    ),
    (
      "| Revision | Date | Description |\n| :-- | --- | --- |\n| A | 2025-01-01 | First |\n| B | 2026-01-10 | Second |",
      "| C | 2026-11-22 |"
    ),
    ("Rev | Date | Change\n--- | --- | ---\n2 | 2025-01-01 | First\n3 | 2026-01-10 | Second", "4 | 2026-11-22 |"),
    ("| Version | Date | Change |\n|---|---|---|\n| v1.9 | 2025-01-01 | First |", "| v1.10 | 2026-11-22 |"),
    ("| Rev | Date | Change |\n|---|---|---|\n| Z | 2025-01-01 | First |", "| AA | 2026-11-22 |"),
  ])
  func revisionAdvancesInTheTablesOwnScheme(table: String, row: String) throws {
    let record = RecordFixtures.refund()
    let result = try SOPUpdater.update(record: record, sop: Self.sop(table), date: "2026-11-22")
    let lines = result.document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let last = try #require(table.split(separator: "\n").last.map(String.init))
    let at = try #require(lines.firstIndex(of: last))
    // Directly under the last row: still one table.
    #expect(lines[at + 1].hasPrefix(row), "\(lines[at + 1])")
    #expect(lines[at + 1].contains("released A1; proposed A2 (not yet judged effective)"))
    #expect(SOPRevisionTable.cells(lines[at + 1]).count == SOPRevisionTable.cells(last).count)
    #expect(
      result.document.contains("  - Standards: released A1; proposed A2 (not yet judged effective); no standard yet A3")
    )
  }

  /// The example notebooks' SOPs (date | change | by, no revision column) gain a row too.
  @Test func exampleSOPTablesGetARow() throws {
    let url = ExternalTools.packageRoot.appendingPathComponent("notebooks/refund-guidance/sop/refund-sop.md")
    let text = try String(contentsOf: url, encoding: .utf8)
    let result = try SOPUpdater.update(
      record: RecordFixtures.refund(), sop: text, sopName: "refund-sop.md", date: "2026-11-22")
    #expect(
      result.document.contains(
        "| 2026-03-02 | First issue | Support operations |\n| 2026-11-22 | gemba investigation “Duplicate refunds after the macro change”: released A1; proposed A2 (not yet judged effective); no standard yet A3 | Ana Ruiz |\n"
      ))
  }

  @Test(
    arguments: [
      (
        "| Rev | Date | Change |\n|---|---|---|\n| 1.3 | 2025-01-01 | First |\n| 1.2 | 2026-01-10 | Second |", 16,
        .invalidRevisionTable
      ),
      (
        "| Rev | Date | Change |\n|---|---|---|\n| 1.3 | 2025-01-01 | First |\n| B | 2026-01-10 | Second |", 16,
        .invalidRevisionTable
      ),
      (
        "| Rev | Date | Change |\n|---|---|---|\n| 1 | 2025-01-01 | First |\n| 2 | 2026-01-10 |", 16,
        .invalidRevisionTable
      ),
      ("| Date | Change |\n|---|---|---|\n| 2025-01-01 | First |", 14, .invalidRevisionTable),
      ("| Rev | Date | Change |\n|---|---|---|\n| draft | 2025-01-01 | First |", 15, .invalidRevisionTable),
    ] as [(String, Int, DiagnosticCode)])
  func malformedTableIsAnErrorAtItsLine(table: String, line: Int, code: DiagnosticCode) throws {
    let error = try #require(throws: Diagnostic.self) {
      try SOPUpdater.update(
        record: RecordFixtures.refund(), sop: Self.sop(table), sopName: "sop/refund.md", date: "2026-11-22")
    }
    #expect(error.origin == "sop/refund.md")
    #expect(error.span?.start.line == line)
    #expect(error.code == code, "\(error.message)")
  }

  /// Through `export sop`: the malformed SOP stops the export, so there is nothing to write.
  @Test func exportWritesNothingForAMalformedTable() {
    let session = RecordFixtures.session(RecordFixtures.refundCommands)
    let nowhere = SourceSpan(at: SourcePosition(line: 1, column: 1))
    #expect(throws: Diagnostic.self) {
      try Export.files(
        format: Located("sop", at: nowhere), path: Located("out.md", at: nowhere),
        sop: (name: "refund.md", text: Self.sop("| Rev | Date |\n|---|---|\n| 2 | x |\n| 1 | y |")),
        investigation: session.investigation, cells: session.cells, time: RecordFixtures.generatedAt)
    }
  }

  @Test func releasedAndProposedAreToldApart() throws {
    let result = try SOPUpdater.update(record: CorrectiveActionFixtures.refund(), sop: nil, date: "2026-11-22")
    #expect(result.document.contains("> **Released change (A1, 2026-11-22):** Before approving"))
    #expect(
      result.document.contains("> **Proposed change (A2, 2026-11-22), not yet judged effective:** Approval reads"))
    #expect(result.document.contains("> **Pending change (A3, 2026-11-22):**"))
  }

  /// A planned check's verdict decides: an action marked effective whose check found it not
  /// effective stays proposed.
  @Test func theJudgementOutranksTheState() {
    var record = CorrectiveActionFixtures.refund()
    record.actions[0].judgement?.verdict = "not-effective"
    #expect(!record.actions[0].isReleased)
    record.actions[0].judgement = nil
    #expect(record.actions[0].isReleased)  // state effective, judged by `effective` with evidence
  }
}
