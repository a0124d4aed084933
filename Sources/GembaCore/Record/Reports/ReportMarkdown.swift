/// A `ReportDocument` as CommonMark + GFM: `##` per section, GFM tables, `**MISSING:**` lines.
struct ReportMarkdown {
  func render(_ document: ReportDocument) -> String {
    var out = "# " + MarkdownText.inline(document.title) + "\n\n*" + MarkdownText.inline(document.subtitle) + "*\n\n"
    if let alarm = document.alarm { out += "**" + MarkdownText.inline(alarm) + "**\n\n" }
    for section in document.sections {
      out += "## " + MarkdownText.inline(section.title) + "\n\n"
      section.blocks.forEach { block($0, into: &out) }
    }
    return out
  }

  func block(_ block: ReportBlock, into out: inout String) {
    let md = MarkdownText.inline
    switch block {
    case .fields(let fields):
      for field in fields {
        out += "- **\(md(field.label)):** " + (field.value.map(md) ?? "**\(ReportTable.missing)**") + "\n"
      }
      out += "\n"
    case .paragraph(let text):
      out += md(text) + "\n\n"
    case .missing(let text):
      out += "**\(ReportTable.missing):** " + md(text) + "\n\n"
    case .alarm(let text):
      out += "**" + md(text) + "**\n\n"
    case .heading(let text):
      out += "### " + md(text) + "\n\n"
    case .subheading(let text):
      out += "#### " + md(text) + "\n\n"
    case .table(let table):
      MarkdownText.table(
        table.header.map(md),
        table.rows.enumerated().map { r, row in
          row.enumerated().map { c, cell in
            cell == ReportTable.missing || table.alarms.contains(.init(row: r, column: c))
              ? "**\(md(cell))**" : md(cell)
          }
        },
        into: &out)
    case .list(let items):
      out += items.map { "- " + md($0) }.joined(separator: "\n") + "\n\n"
    case .tree(let nodes):
      nodes.forEach { MarkdownRecordRenderer().tree($0, depth: 0, into: &out) }
      out += "\n"
    case .evidence(let citations):
      MarkdownRecordRenderer().citations(citations, into: &out)
    }
  }
}
