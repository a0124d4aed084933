/// The record as CommonMark/GFM Markdown, readable on GitHub and in any editor.
///
/// Section order follows a reviewer's reading: problem, process, whys, fishbone, causes
/// with evidence, findings, actions, check, evidence, integrity and sign-off, then the
/// session log as an appendix. All user text goes through `MarkdownText.inline` or a fence.
public struct MarkdownRecordRenderer: RecordRenderer {
  public init() {}

  public func render(_ record: Record) -> String {
    var out = ""
    out.reserveCapacity(4096 + record.log.count * 256)
    out += "# " + md(record.title) + "\n\n"
    out += "*gemba record v\(record.version) · generated \(md(record.generatedAt)) · \(md(record.integrity.line))*\n\n"
    out +=
      "**Contents:** " + record.presentSections.map { "[\($0.title)](#\($0.anchor))" }.joined(separator: " · ") + "\n\n"
    problem(record, into: &out)
    corrective("Team", CorrectiveActionBlocks.team(record), into: &out)
    corrective("Containment", CorrectiveActionBlocks.containments(record), into: &out)
    process(record, into: &out)
    whys(record, into: &out)
    fishbone(record, into: &out)
    corrective("Escape points", CorrectiveActionBlocks.escapes(record), into: &out)
    causes(record, into: &out)
    findings(record, into: &out)
    actions(record, into: &out)
    corrective("Where else the cause can act", CorrectiveActionBlocks.extent(record), into: &out)
    checksAndEvidence(record, into: &out)
    signoff(record, into: &out)
    log(record, into: &out)
    return out
  }

  /// An optional section (the corrective-action parts): written only when it has blocks.
  private func corrective(_ title: String, _ blocks: [ReportBlock], into out: inout String) {
    guard !blocks.isEmpty else { return }
    out += "## \(title)\n\n"
    blocks.forEach { ReportMarkdown().block($0, into: &out) }
  }

  private func md(_ text: String) -> String { MarkdownText.inline(text) }
  private func md(_ text: String?) -> String { text.map(MarkdownText.inline) ?? "" }

  private func problem(_ r: Record, into out: inout String) {
    out += "## Problem\n\n"
    guard let p = r.problem else { out += "*No problem statement recorded.*\n\n"; return }
    out += "**Statement:** \(md(p.statement))\n\n"
    out += "- **Expected:** \(p.expected.map(md) ?? "*not stated*")\n"
    out += "- **Actual:** \(p.actual.map(md) ?? "*not stated*")\n\n"
    if r.boundaries != nil {
      out += "**Is / is not:**\n\n"
      CorrectiveActionBlocks.boundaries(r).forEach { ReportMarkdown().block($0, into: &out) }
    }
  }

  private func process(_ r: Record, into out: inout String) {
    out += "## Process\n\n"
    guard !r.process.steps.isEmpty else { out += "*No process defined.*\n\n"; return }
    if let name = r.process.name { out += "**\(md(name))**\n\n" }
    for step in r.process.steps {
      out += "- **\(step.id)** \(md(step.name))" + (step.owner.map { " (owner: \(md($0)))" } ?? "") + "\n"
      for id in step.findings { out += "  - \(findingLine(r, id))\n" }
      for handoff in r.process.handoffs where handoff.to == step.id {
        for id in handoff.findings {
          out +=
            "  - handoff from **\(handoff.from)** \(md(r.step(handoff.from)?.name ?? "?")): \(findingLine(r, id))\n"
        }
      }
    }
    if !r.process.unplacedFindings.isEmpty {
      out += "- *At no process step:*\n"
      for id in r.process.unplacedFindings { out += "  - \(findingLine(r, id))\n" }
    }
    out += "\n"
  }

  private func findingLine(_ r: Record, _ id: String) -> String {
    "**\(id)** " + md(r.finding(id)?.text ?? "")
  }

  private func whys(_ r: Record, into out: inout String) {
    out += "## Five whys\n\n"
    guard !r.whys.isEmpty else { out += "*No five-whys trees.*\n\n"; return }
    for root in r.whys {
      tree(root, depth: 0, into: &out)
      out += "\n"
    }
  }

  func tree(_ root: Record.Node, depth: Int, into out: inout String) {
    Record.Node.walk([root]) { node, below, _ in
      out += String(repeating: "  ", count: depth + below) + "- **\(node.id)** \(md(node.text)) — *\(node.statusText)*"
      out += (node.rationale.map { " — because: \(md($0))" } ?? "") + "\n"
    }
  }

  private func fishbone(_ r: Record, into out: inout String) {
    out += "## Fishbone\n\n"
    guard let f = r.fishbone else { out += "*No fishbone.*\n\n"; return }
    out += "**Effect:** \(md(f.effect)) (template \(md(f.template.rawValue)))\n\n"
    out += MarkdownText.fenced(MermaidFishbone.render(f), info: "mermaid") + "\n"
    for bone in f.bones {
      out += "- **\(md(bone.name))**" + (bone.causes.isEmpty ? " — *no causes*" : "") + "\n"
      bone.causes.forEach { tree($0, depth: 1, into: &out) }
    }
    out += "\n"
  }

  private func causes(_ r: Record, into out: inout String) {
    out += "## Causes and evidence\n\n"
    let nodes = r.allNodes
    guard !nodes.isEmpty else { out += "*No whys or causes.*\n\n"; return }
    for node in nodes {
      out += "### \(node.id) · \(md(node.text))\n\n"
      var lines = ["**Status:** \(node.statusText)" + (node.category.map { " · bone: \(md($0))" } ?? "")]
      if let rationale = node.rationale { lines.append("**Rationale:** \(md(rationale))") }
      if node.citations.isEmpty { lines.append("**Evidence:** *none cited*") }
      // A backslash before the newline is CommonMark's hard line break.
      out += lines.joined(separator: "\\\n") + "\n\n"
      citations(node.citations, into: &out)
    }
  }

  func citations(_ citations: [Record.Citation], into out: inout String) {
    for c in citations {
      out += "**Evidence** \(MarkdownText.code(c.reference, inTable: false)) (\(c.kind), cited in cell \(c.cell))"
      out += (c.note.map { ": \(md($0))" } ?? "") + "\n\n"
      if let table = c.table {
        // The rows as a table of their columns; the text as printed stays in the session log.
        let numbered = table.rowNumbers != nil
        MarkdownText.table(
          (numbered ? ["#"] : []) + table.columns.map { md($0) },
          table.rows.enumerated().map { i, row in
            (numbered ? [table.rowNumbers!.indices.contains(i) ? String(table.rowNumbers![i]) : ""] : [])
              + row.map { md($0) }
          }, into: &out)
        if table.totalRows > table.rows.count { out += "*\(table.rows.count) of \(table.totalRows) rows shown.*\n\n" }
      } else {
        out += MarkdownText.fenced(c.excerpt, info: "text") + "\n"
      }
      if let s = c.statistics, let verdict = s.verdict {
        out += "**Verdict** (\(md(Record.verdictDetail(s)))): \(md(verdict))\n\n"
      }
      if let chart = c.chart { MarkdownChartTable.render(chart, into: &out) }
    }
  }

  private func findings(_ r: Record, into out: inout String) {
    out += "## Findings\n\n"
    guard !r.findings.isEmpty else { out += "*No findings.*\n\n"; return }
    MarkdownText.table(
      ["Finding", "Text", "At", "Causes", "Evidence", "Actions"],
      r.findings.map { f in
        [
          f.id, md(f.text), md(f.location?.text ?? "no step"), f.causes.joined(separator: ", "),
          f.citations.map { md($0.reference) }.joined(separator: ", "), f.actions.joined(separator: ", "),
        ]
      }, into: &out)
    for f in r.findings where !f.citations.isEmpty {
      out += "**\(f.id)** evidence:\n\n"
      citations(f.citations, into: &out)
    }
  }

  private func actions(_ r: Record, into out: inout String) {
    out += "## Actions\n\n"
    guard !r.actions.isEmpty else { out += "*No actions.*\n\n"; return }
    MarkdownText.table(
      ["Action", "Finding", "What", "Owner", "Due", "Review", "Standard", "State", "Outcome"],
      r.actions.map { a in
        [
          a.id, a.finding, md(a.text), md(a.owner), md(a.due), md(a.review), md(a.standard), md(a.state.rawValue),
          md([a.doneNote, a.outcome].compactMap { $0 }.joined(separator: " — ")),
        ]
      }, into: &out)
    let planned = CorrectiveActionBlocks.plannedChecks(r)
    if !planned.isEmpty {
      out += "**Planned checks and verdicts:**\n\n"
      planned.forEach { ReportMarkdown().block($0, into: &out) }
    }
    for a in r.actions where !a.outcomeCitations.isEmpty {
      out += "**\(a.id)** effect evidence:\n\n"
      citations(a.outcomeCitations, into: &out)
    }
  }
}
