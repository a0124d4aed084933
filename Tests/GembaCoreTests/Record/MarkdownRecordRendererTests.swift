import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

@Suite struct MarkdownRecordRendererTests {
  @Test(arguments: [
    ("plain words", "plain words"),
    ("a | b", "a \\| b"),
    ("**x** _y_", "\\*\\*x\\*\\* \\_y\\_"),
    ("1. item", "1\\. item"),
    ("12) item", "12\\) item"),
    ("line\nnext", "line<br>next"),
    ("<script>", "\\<script\\>"),
    ("`code`", "\\`code\\`"),
    ("&amp;", "\\&amp;"),
    ("in 2. place", "in 2. place"),
  ])
  func inlineEscapes(input: String, expected: String) {
    #expect(MarkdownText.inline(input) == expected)
  }

  @Test func fenceIsLongerThanAnyBacktickRunInside() {
    let block = MarkdownText.fenced("a ```` b", info: "text")
    #expect(block.hasPrefix("`````text\n"))
    #expect(block.hasSuffix("\n`````\n"))
  }

  @Test func codeSpanEscapesPipesForTables() {
    #expect(MarkdownText.code("a|b") == "`a\\|b`")
    #expect(MarkdownText.code("`x`") == "`` `x` ``")
  }

  @Test func mermaidLabelsUseEntityCodes() {
    #expect(MermaidFishbone.label("say \"hi\" #1 <b> & `x`") == "say #quot;hi#quot; #35;1 #lt;b#gt; #amp; #96;x#96;")
    #expect(MermaidFishbone.nodeID("C1.2") == "cause_C1_2")
  }

  @Test func recordHasEverySectionInOrder() {
    let md = MarkdownRecordRenderer().render(RecordFixtures.refund())
    var last = md.startIndex
    for section in Record.sections {
      let range = md.range(of: "\n## \(section.title)\n")
      #expect(range != nil, "missing section \(section.title)")
      if let range {
        #expect(range.lowerBound > last, "\(section.title) out of order")
        last = range.lowerBound
      }
    }
    #expect(md.contains("```mermaid\nflowchart LR\n"))
    #expect(md.contains("| A1 | F1 | Add a duplicate check to the refund macro | Dana Kim | 2026-12-15 | monthly |"))
    #expect(md.contains("**Integrity:** verified: 34 cells, chain "))
    #expect(md.contains("| Quality manager | Ana Ruiz |"))
    #expect(md.contains("1 not covered by this sign-off"))
    #expect(md.contains("handoff from **S2** Triage: **F2** Approval does not see the payment status"))
    // Each cited chart as the table of its numbers, under the excerpt that was seen.
    #expect(
      md.contains(
        "**Pareto chart:** source — vital few: 2 of 5 categories make 81 % of the count\n\n"
          + "| # | Category | Count | Cumulative | Vital few |\n| --- | --- | --- | --- | --- |\n| 1 | macro | 21 | 56.8 % | yes |\n"
      ))
    #expect(md.contains("| 3 | colleague | 4 | 91.9 % | — |"))
    #expect(
      md.contains(
        "**XmR control chart:** handle\\_minutes per row — 20 points · X̄ = 13.4 · UCL = 21.8 · LCL = 5 · 1 point breaks a rule"
      ))
    #expect(md.contains("| # | Point | Handle\\_minutes | Breaks a rule |"))
    #expect(md.contains("| 12 | \\#112 | 27 | yes |"))
  }

  /// Parses the record with markdown-it (CommonMark + GFM tables) and checks what a
  /// reader would see: the sections, the tables, the fences, and hostile text shown literally.
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalTools.hasMarkdownIt),
      "markdown-it-py is not installed: pip install markdown-it-py"),
    arguments: ["refund", "hostile"])
  func commonMarkParserReadsTheRecord(example: String) throws {
    let record = example == "refund" ? RecordFixtures.refund() : RecordFixtures.hostile()
    let folder = try ExternalTools.scratch()
    let file = try ExternalTools.write(MarkdownRecordRenderer().render(record), to: folder, "record.md")
    let script = try ExternalTools.write(Self.inspector, to: folder, "md_inspector.py")
    let result = try ExternalTools.run(["python3", script.path, file.path])
    try #require(result.status == 0, "\(result.stderr)")
    let seen = try JSONDecoder().decode(Seen.self, from: Data(result.stdout.utf8))

    #expect(seen.h1 == [record.title])
    #expect(seen.h2 == Record.sections.map(\.title))
    // Raw HTML: only the line breaks we wrote; no tag from user text survives.
    #expect(Set(seen.html).isSubset(of: ["<br>"]), "raw HTML in the record: \(seen.html)")
    #expect(seen.fences.filter { $0.info == "gemba" }.map(\.content) == record.log.map { $0.command + "\n" })
    #expect(
      seen.fences.filter { $0.info == "output" }.map(\.content)
        == record.log.map { $0.output.isEmpty ? "" : $0.output + "\n" })
    #expect(seen.fences.contains { $0.info == "mermaid" } == (record.fishbone != nil))
    let actionTable = try #require(seen.tables.first { $0.first?.first == "Action" })
    #expect(actionTable.count == record.actions.count + 1)
    for (row, action) in zip(actionTable.dropFirst(), record.actions) {
      #expect(row.count == 9)
      #expect(row[2] == action.text)
      #expect(row[3] == (action.owner ?? "—"))
      #expect(row[6] == (action.standard ?? "—"))
    }
    // Every charted citation's table reads back as its labels and figures, hostile or not.
    let charts = record.allCitations.compactMap(\.chart)
    #expect(charts.count == 2)
    for chart in charts {
      let table = try #require(
        seen.tables.first { $0.first?.prefix(2) == ["#", chart.itemName] && $0.count == chart.count + 1 })
      #expect(table.dropFirst().map { $0[1] } == chart.labels)
      #expect(table.dropFirst().map { $0[2] } == chart.values.map(Record.Chart.figure))
      #expect(table.allSatisfy { $0.count == table[0].count })
    }
    if example == "hostile" {
      let text = RecordFixtures.hostileText
      #expect(seen.h3.contains("W1 · " + text))
      #expect(seen.paragraphs.contains("Statement: " + text))
    }
  }

  struct Seen: Decodable {
    struct Fence: Decodable { var info: String; var content: String }
    var h1: [String], h2: [String], h3: [String]
    var paragraphs: [String]
    var html: [String]
    var fences: [Fence]
    var tables: [[[String]]]
  }

  /// Flattens markdown-it's tokens into what a reader sees; `<br>` reads as a newline.
  static let inspector = #"""
    import json, sys
    from markdown_it import MarkdownIt
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = md.parse(open(sys.argv[1], encoding="utf-8").read())
    out = {"h1": [], "h2": [], "h3": [], "paragraphs": [], "html": [], "fences": [], "tables": []}
    def plain(tok):
        s = ""
        for c in tok.children or []:
            if c.type in ("text", "code_inline"): s += c.content
            elif c.type in ("softbreak", "hardbreak"): s += "\n"
            elif c.type == "html_inline":
                out["html"].append(c.content)
                s += "\n" if c.content == "<br>" else c.content
        return s
    heading = None; in_par = False; table = None; row = None
    for t in tokens:
        if t.type == "heading_open": heading = t.tag
        elif t.type == "paragraph_open": in_par = True
        elif t.type == "paragraph_close": in_par = False
        elif t.type == "html_block": out["html"].append(t.content)
        elif t.type == "fence": out["fences"].append({"info": t.info, "content": t.content})
        elif t.type == "table_open": table = []
        elif t.type == "table_close": out["tables"].append(table); table = None
        elif t.type == "tr_open": row = []
        elif t.type == "tr_close": table.append(row)
        elif t.type == "inline":
            text = plain(t)
            if row is not None and table is not None and heading is None and not in_par: row.append(text)
            if heading in ("h1", "h2", "h3"): out[heading].append(text)
            elif in_par: out["paragraphs"].append(text)
        elif t.type == "heading_close": heading = None
    print(json.dumps(out))
    """#
}
