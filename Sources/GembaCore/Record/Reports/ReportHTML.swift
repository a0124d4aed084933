/// A `ReportDocument` as one self-contained HTML page (the record's stylesheet and
/// Content-Security-Policy), or its blocks inside the record.
struct ReportHTML {
  /// The paper the page prints on (`export 8d … --paper`).
  var paper: Paper = .a4

  func render(_ document: ReportDocument, generator: String) -> String {
    var out =
      HTMLRecordRenderer.pageHead(
        title: document.title, generator: generator,
        css: HTMLStyle.page(paper) + "\n" + HTMLStyle.css + "\n" + HTMLStyle.reportCSS) + "<body class=\"report\">\n"
    out +=
      "<header>\n<h1>\(HTMLText.text(document.title))</h1>\n<p class=\"meta\">\(HTMLText.text(document.subtitle))</p>\n"
      + (document.alarm.map { "<p class=\"integrity failed\">\(HTMLText.text($0))</p>\n" } ?? "") + "</header>\n"
    out += "<nav class=\"toc\" aria-label=\"Contents\">\n<ol>\n"
    for section in document.sections {
      out += "<li><a href=\"#\(section.anchor)\">\(HTMLText.text(section.title))</a></li>\n"
    }
    out += "</ol>\n</nav>\n<main>\n"
    for section in document.sections {
      out += "<section id=\"\(section.anchor)\">\n<h2>\(HTMLText.text(section.title))</h2>\n"
      section.blocks.forEach { block($0, into: &out) }
      out += "</section>\n"
    }
    out += "</main>\n</body>\n</html>\n"
    return out
  }

  func block(_ block: ReportBlock, into out: inout String) {
    func t(_ text: String) -> String { HTMLText.text(text) }
    switch block {
    case .fields(let fields):
      out += "<table class=\"fields\">\n"
      for field in fields {
        out +=
          "<tr><th scope=\"row\">\(t(field.label))</th><td>"
          + (field.value.map { t($0) } ?? "<span class=\"missing\">\(ReportTable.missing)</span>") + "</td></tr>\n"
      }
      out += "</table>\n"
    case .paragraph(let text):
      out += "<p>\(t(text))</p>\n"
    case .missing(let text):
      out += "<p class=\"missing\"><strong>\(ReportTable.missing):</strong> \(t(text))</p>\n"
    case .alarm(let text):
      out += "<p class=\"integrity failed\">\(t(text))</p>\n"
    case .heading(let text):
      out += "<h3>\(t(text))</h3>\n"
    case .subheading(let text):
      out += "<h4>\(t(text))</h4>\n"
    case .table(let table):
      Self.table(table, into: &out)
    case .list(let items):
      out += "<ul>" + items.map { "<li>\(t($0))</li>" }.joined() + "</ul>\n"
    case .tree(let nodes):
      out += "<ul class=\"tree\">"
      nodes.forEach { HTMLRecordRenderer().tree($0, into: &out) }
      out += "</ul>\n"
    case .evidence(let citations):
      HTMLRecordRenderer().citations(citations, into: &out)
    }
  }

  /// A table in a sideways-scrolling wrapper; id, date and cadence cells never break.
  static func table(_ table: ReportTable, into out: inout String) {
    out += "<div class=\"scroll\"><table>\n<thead><tr>"
    out += table.header.enumerated().map { i, h in
      "<th scope=\"col\"\(table.nowrap.contains(i) ? " class=\"nw\"" : "")>\(HTMLText.escape(h))</th>"
    }.joined()
    out += "</tr></thead>\n<tbody>\n"
    for (r, row) in table.rows.enumerated() {
      out +=
        "<tr>"
        + row.enumerated().map { i, cell in
          var classes: [String] = table.nowrap.contains(i) ? ["nw"] : []
          if cell == ReportTable.missing { classes.append("missing") }
          if table.alarms.contains(.init(row: r, column: i)) { classes += ["integrity", "failed"] }
          let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
          return "<td\(attribute)>\(cell.isEmpty ? "—" : HTMLText.text(cell))</td>"
        }.joined() + "</tr>\n"
    }
    out += "</tbody>\n</table></div>\n"
  }
}
