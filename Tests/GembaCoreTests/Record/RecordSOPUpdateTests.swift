import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

@Suite struct RecordSOPUpdateTests {
  static let date = "2026-11-22"

  static let headingSOP = """
    # Refund handling SOP

    Owner: Customer Care. Applies to all refund requests.

    ## 1. Receive request

    Log the request in the ticket system.

    ## 2. Triage

    1. Check the order number.
    2. Pick the refund macro.

    ## 3. Approve

    The team lead approves refunds over 50 EUR.

    ## 4. Pay

    Finance pays approved refunds daily.

    ## Revision history

    | Date | Change |
    | --- | --- |
    | 2026-01-10 | First version |

    """

  static let numberedSOP = """
    Refund procedure
    ================

    Steps:

    1. Receive request: log it.
    2. Triage — check the order and pick the macro.
       Use the checklist in the wiki.
    3. **Approve**
    4. Pay
    """

  static let stepHeadingsCRLF =
    "# Refunds\r\n\r\n### Step 1: Receive request\r\nLog it.\r\n\r\n### Step 2: TRIAGE!\r\nCheck the order.\r\n\r\n### Step 3 - Approve\r\nLead approves.\r\n"

  @Test(arguments: [
    ("## 2. Triage", "triage"), ("Step 2: Triage the request.", "triage the request"), ("S2 — Triage", "triage"),
    ("**2.** Approve", "approve"), ("2.1 Pay out", "pay out"), ("Stepping stones", "stepping stones"),
  ])
  func keysDropNumberingCaseAndPunctuation(title: String, key: String) {
    #expect(SOPDocument.key(title) == key)
  }

  @Test func matchingPrefersExactThenPrefixThenPart() {
    #expect(SOPMatcher.score("triage", "triage") == 3)
    #expect(SOPMatcher.score("triage", "triage the request") == 2)
    #expect(SOPMatcher.score("triage", "refund triage") == 1)
    #expect(SOPMatcher.score("triage", "approve") == 0)
    #expect(SOPMatcher.score("pay", "payment") == 0)
  }

  @Test func headingSOPGetsEachStandardUnderItsStep() throws {
    let result = try SOPUpdater.update(
      record: RecordFixtures.refund(), sop: Self.headingSOP, sopName: "SOP.md", date: Self.date)
    #expect(result.diff != nil)
    let doc = result.document
    let triage = try #require(doc.range(of: "## 2. Triage"))
    let approve = try #require(doc.range(of: "## 3. Approve"))
    let a1 = try #require(
      doc.range(of: "> **Released change (A1, 2026-11-22):** Before approving, triage searches the refund ledger"))
    let a2 = try #require(
      doc.range(
        of: "> **Proposed change (A2, 2026-11-22), not yet judged effective:** Approval reads the live payment status"))
    #expect(triage.upperBound < a1.lowerBound && a1.upperBound < approve.lowerBound)
    #expect(approve.upperBound < a2.lowerBound && a2.upperBound < doc.range(of: "## 4. Pay")!.lowerBound)
    // A3's finding is at no step: unplaced, never dropped.
    #expect(doc.contains("## Unplaced changes"))
    #expect(doc.contains("- **A3** — its finding F3 is at no process step"))
    #expect(result.placements.map(\.unplaced) == [false, false, true])
    #expect(result.placements[1].reason.hasPrefix("handoff S2>S3: under the receiving step"))
    // The existing history gets the entry, after its table.
    let history = try #require(
      doc.range(
        of:
          "| 2026-01-10 | First version |\n| 2026-11-22 | gemba investigation “Duplicate refunds after the macro change”: released A1; proposed A2 (not yet judged effective); no standard yet A3 |\n\n- **2026-11-22** — changes from the gemba investigation"
      ))
    #expect(doc[history.upperBound...].contains("  - Owners: Dana Kim, Lee, Sam"))
    #expect(doc.contains("  - Review cadence: A1 monthly, A2 weekly, A3 quarterly"))
    #expect(result.messages.contains { $0.hasPrefix("1 of 3 actions are listed under “Unplaced changes”") })
    #expect(result.diff!.hasPrefix("--- a/SOP.md\n+++ b/SOP.md\n@@ -"))
  }

  @Test func numberedItemsKeepTheChangeInsideTheItem() throws {
    let result = try SOPUpdater.update(record: RecordFixtures.refund(), sop: Self.numberedSOP, date: Self.date)
    #expect(
      result.document.contains(
        """
        2. Triage — check the order and pick the macro.
           Use the checklist in the wiki.

           > **Released change (A1, 2026-11-22):**
        """))
    #expect(
      result.document.contains("3. **Approve**\n\n   > **Proposed change (A2, 2026-11-22), not yet judged effective:**")
    )
    #expect(result.document.contains("\n\n4. Pay\n"))
  }

  @Test func crlfAndStepPrefixedHeadings() throws {
    let result = try SOPUpdater.update(record: RecordFixtures.refund(), sop: Self.stepHeadingsCRLF, date: Self.date)
    #expect(result.placements[0].sopStep == "Step 2: TRIAGE!")
    #expect(result.placements[1].sopStep == "Step 3 - Approve")
    #expect(result.document.contains("Check the order.\r\n\r\n> **Released change (A1, 2026-11-22):**"))
    #expect(!result.document.replacing("\r\n", with: "").contains("\n"))
  }

  @Test func handoffFallsBackToTheHandingOffStepAndSaysWhy() throws {
    let sop = "# SOP\n\n## Triage\n\nCheck.\n"
    let result = try SOPUpdater.update(record: RecordFixtures.refund(), sop: sop, date: Self.date)
    #expect(result.placements[1].sopStep == "Triage")
    #expect(
      result.placements[1].reason.contains(
        "the receiving step S3 “Approve” is not in the SOP, so under the handing-off step"))
  }

  @Test func sopWithoutStepsGivesTheChangeDocumentAndAClearMessage() throws {
    let result = try SOPUpdater.update(
      record: RecordFixtures.refund(), sop: "Refunds are handled with care.\n", sopName: "policy.md", date: Self.date)
    #expect(result.diff == nil)
    #expect(result.messages.first?.hasPrefix("policy.md has no recognisable steps") == true)
    #expect(result.document.contains("> **Note:** policy.md has no recognisable steps"))
    #expect(result.document.contains("### S2 Triage"))
  }

  @Test func withoutAnSOPTheChangeDocumentGoesStepByStep() throws {
    let result = try SOPUpdater.update(record: RecordFixtures.refund(), sop: nil, date: Self.date)
    let doc = result.document
    #expect(doc.hasPrefix("# SOP change: Refunds\n"))
    let s2 = try #require(doc.range(of: "### S2 Triage"))
    let s3 = try #require(doc.range(of: "### S3 Approve"))
    let a1 = try #require(doc.range(of: "**Released change (A1, 2026-11-22):**"))
    let a2 = try #require(doc.range(of: "**Proposed change (A2, 2026-11-22), not yet judged effective:**"))
    #expect(s2.upperBound < a1.lowerBound && a1.upperBound < s3.lowerBound && s3.upperBound < a2.lowerBound)
    #expect(doc.contains("### S1 Receive request\n\n*No change.*"))
    #expect(doc.contains("## Unplaced changes"))
    #expect(doc.contains("## Revision history"))
  }

  /// The diff applies with `git apply` to the original file and gives exactly the revised SOP.
  @Test(
    .enabled(if: ExternalProgram.runs(needing: ExternalTools.hasGit), "git is not installed"),
    arguments: [
      ("heading", RecordSOPUpdateTests.headingSOP), ("numbered", RecordSOPUpdateTests.numberedSOP),
      ("crlf", RecordSOPUpdateTests.stepHeadingsCRLF),
      ("history-at-end", "# SOP\n\n## Triage\n\nCheck.\n\n## Revision history\n\n- 2025: first"),
    ])
  func gitAppliesTheDiff(name: String, sop: String) throws {
    for record in [RecordFixtures.refund(), RecordFixtures.hostile()] {
      let result = try SOPUpdater.update(record: record, sop: sop, sopName: "SOP.md", date: Self.date)
      let folder = try ExternalTools.scratch()
      let file = try ExternalTools.write(sop, to: folder, "SOP.md")
      try ExternalTools.write(result.diff ?? "", to: folder, "SOP.md.diff")
      let check = try ExternalTools.run(["git", "apply", "--check", "SOP.md.diff"], in: folder)
      #expect(check.status == 0, "\(name): \(check.stderr)\n\(result.diff ?? "")")
      let apply = try ExternalTools.run(["git", "apply", "SOP.md.diff"], in: folder)
      #expect(apply.status == 0, "\(name): \(apply.stderr)")
      #expect(
        try Data(contentsOf: file) == Data(result.document.utf8), "\(name): applied diff differs from the document")
    }
  }

  /// Hostile text in every field of the record leaves the SOP's structure as it was: the
  /// same headings (plus the two the update adds), and no raw HTML but our line breaks.
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasMarkdownIt),
      "markdown-it-py is not installed: pip install markdown-it-py"))
  func hostileTextCannotBreakTheSOP() throws {
    let folder = try ExternalTools.scratch()
    let script = try ExternalTools.write(MarkdownRecordRendererTests.inspector, to: folder, "md_inspector.py")
    func seen(_ text: String) throws -> MarkdownRecordRendererTests.Seen {
      let file = try ExternalTools.write(text, to: folder, UUID().uuidString + ".md")
      let result = try ExternalTools.run(["python3", script.path, file.path])
      try #require(result.status == 0, "\(result.stderr)")
      return try JSONDecoder().decode(MarkdownRecordRendererTests.Seen.self, from: Data(result.stdout.utf8))
    }
    let before = try seen(Self.headingSOP)
    for sop in [Self.headingSOP, nil] {
      let result = try SOPUpdater.update(record: RecordFixtures.hostile(), sop: sop, date: Self.date)
      let after = try seen(result.document)
      #expect(Set(after.html).isSubset(of: ["<br>"]), "raw HTML: \(after.html)")
      #expect(after.fences.isEmpty)
      if sop != nil {
        #expect(after.h1 == before.h1)
        #expect(after.h2 == before.h2.dropLast() + ["Unplaced changes", "Revision history"])
      } else {
        #expect(after.h2 == ["Step by step", "Revision history"])
        #expect(after.h3.count == RecordFixtures.hostile().process.steps.count)
      }
    }
  }
}
