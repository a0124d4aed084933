import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// The 8D and the A3: filled from the record, MISSING where the record is silent, checked by
/// markdown-it-py (the 8D's Markdown) and headless Chromium (the A3 prints on one page).
@Suite struct RecordReportTests {
  static func eightD(_ record: Record) -> String { ReportMarkdown().render(EightDReport.document(record)) }

  @Test func eightDFillsEachDisciplineFromTheRecord() throws {
    let md = Self.eightD(CorrectiveActionFixtures.refund())
    // D1: champion first, then leader, member, expert.
    #expect(
      md.contains("| Ana Ruiz | champion |\n| Dana Kim | leader |\n| Lee Park | member |\n| Sam Ortiz | expert |"))
    #expect(md.contains("| where | Orders refunded through the macro | Manual refunds in the ledger |"))
    // D3: the verified containment with its evidence, the open one flagged.
    let d3 = try #require(md.range(of: "## D3 — Interim containment"))
    let d4 = try #require(md.range(of: "## D4 — Root cause and escape point"))
    let containment = md[d3.upperBound..<d4.lowerBound]
    #expect(
      containment.contains(
        "| K1 | Hold every second refund on the same order for review | Dana Kim | 2026-11-21 | verified | 2026-11-21T10:00:00Z |"
      ))
    #expect(containment.contains("**Evidence** `tickets#2-3`"))
    #expect(containment.contains("**MISSING:** K2 is not verified yet"))
    // D4: each root with its why chain and evidence; the escape point with its whys.
    #expect(md.contains("### Root cause W1.1.1: The status page caches for 10 minutes"))
    #expect(
      md.contains(
        "- Problem: W1 Refunds are paid twice\n- Why 1: W1.1 Agents re-submit when the status does not change\n- Why 2: W1.1.1"
      ))
    #expect(md.contains("**MISSING:** W1.1.1 — no evidence cited"))
    #expect(md.contains("### E1 Approval did not catch the second refund"))
    #expect(
      md.contains(
        "- **E1.1** The approval screen shows the cached status — *confirmed*\n  - **E1.1.1** Nobody owns the status cache"
      ))
    // D5–D7: planned checks, verdicts, released versus proposed standards, extent.
    #expect(
      md.contains("tickets \\| where reason = duplicate \\| count per week — target \\<= 1 per week, after 2026-11-21"))
    #expect(md.contains("**MISSING:** A3 — no effectiveness check planned"))
    // Implemented: the `done` cell's day (the fixture runs every cell on 2026-11-20), then its note.
    #expect(
      md.contains("| A1 | effective | 2026-11-20 — macro updated on 2026-11-21 | effective | 0 per week ≤ 1 per week"))
    #expect(
      md.contains(
        "| A1 | Before approving, triage searches the refund ledger for an open refund on the order | released (judged effective) | monthly |"
      ))
    #expect(
      md.contains(
        "| A2 | Approval reads the live payment status, never the cached page | proposed (not yet judged effective) | weekly |"
      ))
    #expect(md.contains("| X2 | The B2B portal | — | It has no refund macro |"))
    // D8: the sign-off says what it means.
    #expect(md.contains("| Quality manager | Ana Ruiz | approved |"))
    #expect(!md.contains("MISSING:** D"), "a discipline reported missing in a complete investigation")
  }

  @Test func eightDSaysMissingAndInventsNothing() {
    let md = Self.eightD(RecordFixtures.refund())
    for missing in [
      "D0 — no emergency response recorded", "D1 — no team recorded", "D2 — no is / is-not boundaries recorded",
      "D3 — no containment recorded", "D4 — no escape point recorded", "D7 — no extent check recorded",
      "the sign-off by Ana Ruiz does not say what it means",
    ] {
      #expect(md.contains("**MISSING:** " + missing), "\(missing)")
    }
    let empty = Self.eightD(Record(investigation: Investigation(), cells: [], generatedAt: RecordFixtures.generatedAt))
    for d in [
      "D0 — no problem statement", "D1 — no team", "D3 — no containment", "D4 — no root cause confirmed",
      "D5 — no corrective action",
      "D6 — no action to implement", "D7 — no standard", "D8 — not signed off",
    ] {
      #expect(empty.contains("**MISSING:** " + d), "\(d)")
    }
  }

  /// markdown-it-py reads the 8D as a reviewer's tools would: D0–D8 in order, real GFM tables.
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasMarkdownIt),
      "markdown-it-py is not installed: pip install markdown-it-py"),
    arguments: ["complete", "hostile", "bare"])
  func eightDMarkdownParses(example: String) throws {
    let record =
      example == "complete"
      ? CorrectiveActionFixtures.refund()
      : example == "hostile" ? CorrectiveActionFixtures.hostile() : RecordFixtures.refund()
    let folder = try ExternalTools.scratch()
    let file = try ExternalTools.write(Self.eightD(record), to: folder, "8d.md")
    let script = try ExternalTools.write(MarkdownRecordRendererTests.inspector, to: folder, "md_inspector.py")
    let result = try ExternalTools.run(["python3", script.path, file.path])
    try #require(result.status == 0, "\(result.stderr)")
    let seen = try JSONDecoder().decode(MarkdownRecordRendererTests.Seen.self, from: Data(result.stdout.utf8))
    #expect(seen.h1 == ["8D report: " + record.title])
    // The form's header (the case), then D0–D8.
    #expect(seen.h2.map { String($0.prefix(2)) } == ["Ca"] + (0...8).map { "D\($0)" })
    #expect(seen.h2.first == "Case")
    #expect(Set(seen.html).isSubset(of: ["<br>"]), "raw HTML: \(seen.html)")
    #expect(seen.tables.count >= 6)
    for table in seen.tables { #expect(table.allSatisfy { $0.count == table[0].count }, "ragged table \(table[0])") }
    if example != "bare" {
      let team = try #require(seen.tables.first { $0.first == ["Name", "Role"] })
      #expect(team.dropFirst().map { $0[0] } == record.team!.map(\.name).sortedByRole(record))
    }
  }

  /// The record's JSON with every corrective-action part: round-trips, stays version 1, and
  /// conforms to the documented schema.
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasJsonschema),
      "python jsonschema is not installed: pip install jsonschema"))
  func recordJSONCarriesTheNewPartsWithinTheSchema() throws {
    let record = CorrectiveActionFixtures.refund()
    let json = JSONRecordRenderer().render(record)
    #expect(try JSONRecordRenderer.decode(json) == record)
    #expect(json.contains("\"version\" : 1"))
    for key in [
      "\"team\"", "\"boundaries\"", "\"containments\"", "\"escapes\"", "\"extent\"", "\"plannedCheck\"",
      "\"judgement\"", "\"meaning\"",
    ] {
      #expect(json.contains(key), "\(key)")
    }
    // Absent, not empty, when the investigation has none of them.
    #expect(!JSONRecordRenderer().render(RecordFixtures.refund()).contains("\"containments\""))
    let folder = try ExternalTools.scratch()
    let file = try ExternalTools.write(json, to: folder, "record.json")
    let schema = ExternalTools.packageRoot.appendingPathComponent("docs/record.schema.json").path
    let check = try ExternalTools.run([
      "python3", "-c",
      """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
      """, schema, file.path,
    ])
    #expect(check.status == 0, "\(check.stderr)")
  }

  @Test func reportsEscapeHostileText() throws {
    let record = CorrectiveActionFixtures.hostile()
    let pages = [
      ReportHTML().render(EightDReport.document(record), generator: "test"), A3Renderer().render(record),
      HTMLRecordRenderer().render(record),
    ]
    for html in pages {
      #expect(!html.contains("<script"))
      #expect(html.contains("&lt;script&gt;document.title=&#39;PWNED-1&#39;&lt;/script&gt;"))
      for tag in HTMLRecordRendererTests.tags(in: html) {
        #expect(HTMLRecordRendererTests.allowedElements.contains(tag.name), "element <\(tag.name)>")
      }
    }
  }

  @Test func exportPicksTheFormFromThePath() throws {
    let session = RecordFixtures.session(RecordFixtures.refundCommands)
    func export(_ format: String, _ path: String) throws(Diagnostic) -> String {
      let nowhere = SourceSpan(at: SourcePosition(line: 1, column: 1))
      return try Export.files(
        format: Located(format, at: nowhere), path: Located(path, at: nowhere), sop: nil,
        investigation: session.investigation, cells: session.cells, time: RecordFixtures.generatedAt
      ).writes[0].content
    }
    #expect(try export("8d", "report.md").hasPrefix("# 8D report: Duplicate refunds"))
    #expect(try export("8d", "-").hasPrefix("# 8D report: "))
    #expect(try export("8d", "report.HTML").hasPrefix("<!DOCTYPE html>"))
    #expect(try export("a3", "a3.html").contains("@page { size: A3 landscape;"))
    #expect(throws: Diagnostic.self) { try export("a3", "a3.md") }
    #expect(ExportFormat.names.contains("8d") && ExportFormat.names.contains("a3"))
  }

  /// A box that cannot hold every item keeps whole ones, counts the rest and names the record's
  /// section that holds them; no text is cut mid-word.
  @Test func a3KeepsWholeItemsAndSaysWhereTheRestIs() throws {
    let html = A3Renderer().render(CorrectiveActionFixtures.large())
    let notes = html.matches(of: /… (\d+) more not shown: see the record, section “([^”]+)”/)
    #expect(notes.count >= 4, "\(notes.count) notes")
    // 24 findings: those listed plus those counted.
    let findings = try #require(notes.first { $0.output.2 == "Findings" }, "no note for the findings")
    let listed = html.matches(of: /<li><span class="id">F\d+<\/span>/).count
    #expect(listed + (Int(findings.output.1) ?? 0) == 24, "\(listed) listed + \(findings.output.1) counted")
    #expect(listed >= 1)
    // Outside the chart (whose axis labels keep their full text in a <title>), no word ends in "…".
    let text = html.replacing(/<svg[\s\S]*?<\/svg>/, with: "")
    #expect(text.firstMatch(of: /\w…/) == nil, "\(text.firstMatch(of: /.{30}\w…/).map { String($0.output) } ?? "")")
    #expect(html.contains("<svg class=\"chart pareto\""))
  }

  /// The why chain reads as a sentence, and the fishbone lists only bones that hold causes.
  @Test func a3WritesTheWhyChainAsSentencesAndSkipsEmptyBones() throws {
    let record = CorrectiveActionFixtures.refund()
    let html = A3Renderer().render(record)
    if record.occurrenceNodes.contains(where: { $0.root && $0.id.contains(".") }) {
      #expect(html.contains("<em>because</em>"))
    }
    let fishbone = try #require(record.fishbone)
    let counts = A3Renderer.boneCounts(fishbone)
    #expect(html.contains(HTMLText.text(counts)))
    for bone in fishbone.bones {
      #expect(counts.contains(bone.name + " ") == !bone.causes.isEmpty, "\(bone.name) in “\(counts)”")
    }
  }

  /// Prints the A3 with headless Chromium and counts the PDF's pages (`/Type /Page` objects):
  /// exactly one for a small and a large investigation. Then, with a measuring script added to a
  /// copy, checks that no box hides content behind its edge (the limits keep it inside).
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasChromium),
      "Chromium is not installed: apt-get install -y chromium"),
    arguments: ["small", "large", "bare"])
  func a3PrintsOnExactlyOnePage(example: String) throws {
    let record =
      example == "small"
      ? CorrectiveActionFixtures.refund()
      : example == "large" ? CorrectiveActionFixtures.large() : RecordFixtures.refund()
    let folder = try ExternalTools.scratch()
    let html = A3Renderer().render(record)
    let page = try ExternalTools.write(html, to: folder, "a3.html")
    let pdf = folder.appendingPathComponent("a3.pdf")
    let result = try ExternalTools.run(
      HTMLRecordRendererTests.chromium + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString])
    let bytes = try Data(contentsOf: pdf)
    #expect(bytes.starts(with: Array("%PDF".utf8)), "\(result.stderr)")
    #expect(Self.pageCount(bytes) == 1, "\(example): \(Self.pageCount(bytes)) pages")
    #expect(
      Self.mediaBoxes(bytes).allSatisfy { abs($0.0 - 1190.55) < 2 && abs($0.1 - 841.89) < 2 },
      "\(Self.mediaBoxes(bytes))")

    let probe = html.replacing("<meta http-equiv=\"Content-Security-Policy\"", with: "<meta name=\"x-removed-csp\"")
      .replacing(
        "</body>",
        with: """
          <script>
          const clipped = [...document.querySelectorAll('.box, .head')].filter(b => b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1).map(b => b.className);
          document.title = 'CLIPPED[' + clipped.join(',') + ']';
          </script></body>
          """)
    let probePage = try ExternalTools.write(probe, to: folder, "probe.html")
    // Measured at the sheet's printed size: a window wide enough that the screen's zoom is 1.
    let dom = try ExternalTools.run(
      HTMLRecordRendererTests.chromium + ["--window-size=1600,1200", "--dump-dom", probePage.absoluteString]
    ).stdout
    #expect(
      dom.contains("<title>CLIPPED[]</title>"),
      "\(example): \(dom.firstMatch(of: /<title>[^<]*<\/title>/).map { String($0.output) } ?? "no title")")
  }

  static func pageCount(_ pdf: Data) -> Int {
    let text = String(decoding: pdf, as: UTF8.self)
    return text.matches(of: /\/Type\s*\/Page(?![s\w])/).count
  }

  /// Each page's size in points.
  static func mediaBoxes(_ pdf: Data) -> [(Double, Double)] {
    String(decoding: pdf, as: UTF8.self).matches(of: /\/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]/).map {
      (Double($0.output.1) ?? 0, Double($0.output.2) ?? 0)
    }
  }
}

extension [String] {
  /// Names in the 8D's D1 order: champion, leader, member, expert.
  func sortedByRole(_ record: Record) -> [String] {
    let roles = Dictionary(record.team!.map { ($0.name, $0.role) }, uniquingKeysWith: { a, _ in a })
    return sorted {
      (CorrectiveActionBlocks.roleOrder.firstIndex(of: roles[$0]!) ?? 9)
        < (CorrectiveActionBlocks.roleOrder.firstIndex(of: roles[$1]!) ?? 9)
    }
  }
}
