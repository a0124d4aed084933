/// The record as one self-contained, printable HTML file.
///
/// Nothing is loaded from anywhere (styles inline, the fishbone and cited charts as inline SVG) and a
/// Content-Security-Policy forbids scripts, so even text that slipped past escaping could
/// not run. Every piece of user and evidence text goes through `HTMLText`.
public struct HTMLRecordRenderer: RecordRenderer {
  /// The paper the page prints on (`export html … --paper`).
  public var paper: Paper

  public init(paper: Paper = .a4) { self.paper = paper }

  /// Scripts, frames, fonts and network are all denied; only inline styles and data: images.
  public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

  /// The start of every page gemba writes (record, 8D, A3), up to `<body>`: no script may run
  /// (the Content-Security-Policy), the title escaped, the page's own stylesheet inline.
  static func pageHead(title: String, generator: String, css: String, viewport: Bool = true) -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">\n"
    if viewport { out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" }
    out += "<meta name=\"generator\" content=\"\(HTMLText.escape(generator))\">\n"
    out += "<title>\(HTMLText.escape(title.replacingNewlines(with: " ")))</title>\n"
    out += "<style>\n\(css)\n</style>\n</head>\n"
    return out
  }

  public func render(_ record: Record) -> String {
    var out = ""
    out.reserveCapacity(16_384 + record.log.count * 512)
    out +=
      Self.pageHead(
        title: record.title, generator: "gemba record v\(record.version)",
        css: HTMLStyle.page(paper) + "\n" + HTMLStyle.css + "\n" + HTMLStyle.reportCSS) + "<body>\n"
    out += "<header>\n<h1>\(t(record.title))</h1>\n"
    out += "<p class=\"meta\">gemba record v\(record.version) · generated \(t(record.generatedAt)) · "
    out +=
      "<span class=\"integrity\(record.integrity.verified ? "" : " failed")\">\(t(record.integrity.line))</span></p>\n</header>\n"
    out += "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
    for section in record.presentSections {
      out += "<li><a href=\"#\(section.anchor)\">\(section.title)</a></li>\n"
    }
    out += "</ol>\n</nav>\n<main>\n"
    problem(record, into: &out)
    corrective("team", CorrectiveActionBlocks.team(record), into: &out)
    corrective("containment", CorrectiveActionBlocks.containments(record), into: &out)
    process(record, into: &out)
    whys(record, into: &out)
    fishbone(record, into: &out)
    corrective("escape-points", CorrectiveActionBlocks.escapes(record), into: &out)
    causes(record, into: &out)
    findings(record, into: &out)
    actions(record, into: &out)
    corrective("extent", CorrectiveActionBlocks.extent(record), into: &out)
    timeline(record, into: &out)
    checks(record, into: &out)
    evidence(record, into: &out)
    signoff(record, into: &out)
    log(record, into: &out)
    out += "</main>\n</body>\n</html>\n"
    return out
  }

  /// An optional section (the corrective-action parts): drawn only when it has blocks.
  func corrective(_ anchor: String, _ blocks: [ReportBlock], into out: inout String) {
    guard !blocks.isEmpty else { return }
    open(anchor, into: &out)
    blocks.forEach { ReportHTML().block($0, into: &out) }
    out += "</section>\n"
  }

  func t(_ text: String) -> String { HTMLText.text(text) }
  func t(_ text: String?) -> String { HTMLText.text(text) }

  func open(_ anchor: String, into out: inout String) {
    let title =
      Record.sections.first { $0.anchor == anchor }?.title
      ?? Record.optionalSections.first { $0.anchor == anchor }?.title ?? anchor
    out += "<section id=\"\(anchor)\">\n<h2>\(title)</h2>\n"
  }

  func none(_ text: String) -> String { "<p class=\"none\">\(text)</p>\n</section>\n" }

  private func problem(_ r: Record, into out: inout String) {
    open("problem", into: &out)
    guard let p = r.problem else { out += none("No problem statement recorded."); return }
    out += "<p><strong>Statement:</strong> \(t(p.statement))</p>\n<table>\n"
    out +=
      "<tr><th scope=\"row\">Expected</th><td>\(p.expected.map(t) ?? "<span class=\"none\">not stated</span>")</td></tr>\n"
    out +=
      "<tr><th scope=\"row\">Actual</th><td>\(p.actual.map(t) ?? "<span class=\"none\">not stated</span>")</td></tr>\n"
    out += "</table>\n"
    if r.boundaries != nil {
      out += "<h3>Is / is not</h3>\n"
      CorrectiveActionBlocks.boundaries(r).forEach { ReportHTML().block($0, into: &out) }
    }
    out += "</section>\n"
  }

  private func process(_ r: Record, into out: inout String) {
    open("process", into: &out)
    guard !r.process.steps.isEmpty else { out += none("No process defined."); return }
    if let name = r.process.name { out += "<p><strong>\(t(name))</strong></p>\n" }
    out += "<ol class=\"steps\">\n"
    for step in r.process.steps {
      out += "<li><span class=\"id\">\(step.id)</span>\(t(step.name))"
      out += step.owner.map { " <span class=\"meta\">(owner: \(t($0)))</span>" } ?? ""
      var items: [String] = step.findings.map(findingItem(r))
      for handoff in r.process.handoffs where handoff.to == step.id {
        items += handoff.findings.map {
          "handoff from <span class=\"id\">\(handoff.from)</span>\(t(r.step(handoff.from)?.name ?? "?")): "
            + findingItem(r)($0)
        }
      }
      if !items.isEmpty { out += "\n<ul>" + items.map { "<li>\($0)</li>" }.joined() + "</ul>" }
      out += "</li>\n"
    }
    out += "</ol>\n"
    if !r.process.unplacedFindings.isEmpty {
      out +=
        "<p><em>At no process step:</em></p>\n<ul>"
        + r.process.unplacedFindings.map { "<li>\(findingItem(r)($0))</li>" }.joined() + "</ul>\n"
    }
    out += "</section>\n"
  }

  private func findingItem(_ r: Record) -> (String) -> String {
    { id in "<span class=\"id\">\(HTMLText.escape(id))</span>\(t(r.finding(id)?.text ?? ""))" }
  }

  private func whys(_ r: Record, into out: inout String) {
    open("five-whys", into: &out)
    guard !r.whys.isEmpty else { out += none("No five-whys trees."); return }
    for root in r.whys {
      out += "<ul class=\"tree\">"
      tree(root, into: &out)
      out += "</ul>\n"
    }
    out += "</section>\n"
  }

  func tree(_ root: Record.Node, into out: inout String) {
    Record.Node.walk(
      [root],
      enter: { node, _, _ in
        out +=
          "<li class=\"s-\(node.status.rawValue)\(node.root ? " root" : "")\"><span class=\"id\">\(HTMLText.escape(node.id))</span>"
        out += "<span class=\"t\">\(t(node.text))</span>\(badges(node))"
        if let rationale = node.rationale { out += " <span class=\"meta\">— because: \(t(rationale))</span>" }
        if !node.children.isEmpty { out += "<ul>" }
      },
      leave: { node, _, _ in
        out += node.children.isEmpty ? "</li>" : "</ul></li>"
      })
  }

  func badges(_ node: Record.Node) -> String {
    let status = node.status == .ruledOut ? "ruled out" : node.status.rawValue
    return "<span class=\"badge\">\(HTMLText.escape(status))</span>"
      + (node.root ? "<span class=\"badge root\">root cause</span>" : "")
  }

  private func fishbone(_ r: Record, into out: inout String) {
    open("fishbone", into: &out)
    guard let f = r.fishbone else { out += none("No fishbone."); return }
    out +=
      "<p><strong>Effect:</strong> \(t(f.effect)) <span class=\"meta\">(template \(t(f.template.rawValue)))</span></p>\n"
    out += "<figure>\n" + FishboneSVG.render(f) + "</figure>\n"
    for bone in f.bones {
      out += "<h3>\(t(bone.name))</h3>\n"
      if bone.causes.isEmpty { out += "<p class=\"none\">No causes.</p>\n"; continue }
      out += "<ul class=\"tree\">"
      bone.causes.forEach { tree($0, into: &out) }
      out += "</ul>\n"
    }
    out += "</section>\n"
  }

  private func causes(_ r: Record, into out: inout String) {
    open("causes-and-evidence", into: &out)
    let nodes = r.allNodes
    guard !nodes.isEmpty else { out += none("No whys or causes."); return }
    for node in nodes {
      out += "<article class=\"s-\(node.status.rawValue)\(node.root ? " root" : "")\">\n"
      out +=
        "<h3><span class=\"id\">\(HTMLText.escape(node.id))</span><span class=\"t\">\(t(node.text))</span>\(badges(node))</h3>\n"
      if let category = node.category { out += "<p>Bone: \(t(category))</p>\n" }
      if let rationale = node.rationale { out += "<p><strong>Rationale:</strong> \(t(rationale))</p>\n" }
      if node.citations.isEmpty { out += "<p class=\"none\">No evidence cited.</p>\n" }
      citations(node.citations, into: &out)
      out += "</article>\n"
    }
    out += "</section>\n"
  }

  /// Cited rows as a real table (a wide one scrolls sideways rather than wrapping cells).
  func citedTable(_ table: Record.Table, into out: inout String) {
    let numbered = table.rowNumbers != nil
    out += "<div class=\"scroll\"><table class=\"cited\">\n<thead><tr>"
    out +=
      (numbered ? "<th scope=\"col\">#</th>" : "")
      + table.columns.map { "<th scope=\"col\">\(HTMLText.escape($0))</th>" }.joined()
    out += "</tr></thead>\n<tbody>\n"
    // A column of numbers reads right-aligned, as in a spreadsheet.
    let numeric = table.columns.indices.map { c in
      table.rows.allSatisfy { c < $0.count && ($0[c].isEmpty || Double($0[c].filter { $0 != "," }) != nil) }
    }
    for (i, row) in table.rows.enumerated() {
      let number = table.rowNumbers.map { $0.indices.contains(i) ? String($0[i]) : "" }
      out +=
        "<tr>" + (number.map { "<td class=\"num\">\($0)</td>" } ?? "")
        + row.enumerated().map { c, value in
          "<td\(numeric.indices.contains(c) && numeric[c] ? " class=\"num\"" : "")>\(HTMLText.escape(value))</td>"
        }.joined() + "</tr>\n"
    }
    out += "</tbody>\n</table></div>\n"
    if table.totalRows > table.rows.count {
      out += "<p class=\"none\">\(table.rows.count) of \(table.totalRows) rows shown.</p>\n"
    }
  }

  func citations(_ citations: [Record.Citation], into out: inout String) {
    for c in citations {
      out +=
        "<figure><figcaption>Evidence <code>\(HTMLText.escape(c.reference))</code> (\(HTMLText.escape(c.kind)), cited in cell \(c.cell))"
      out += c.note.map { ": \(t($0))" } ?? ""
      out += "</figcaption>\n"
      // The chart drawn from its numbers, or the rows as a table; then the text as printed.
      if let chart = c.chart { out += ChartSVG.render(chart) }
      if let table = c.table {
        citedTable(table, into: &out)
        out += "<details><summary>As printed when cited</summary><pre>\(HTMLText.escape(c.excerpt))</pre></details>"
      } else {
        out += "<pre>\(HTMLText.escape(c.excerpt))</pre>"
      }
      if let s = c.statistics, let verdict = s.verdict {
        out += "<p><strong>Verdict</strong> (\(HTMLText.escape(Record.verdictDetail(s)))): \(t(verdict))</p>"
      }
      out += "</figure>\n"
    }
  }
}
