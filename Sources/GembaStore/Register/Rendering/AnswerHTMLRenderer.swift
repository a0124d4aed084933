import GembaCore
/// The answer as one self-contained page: inline styles, no scripts (a Content-Security-Policy
/// forbids them), every piece of text escaped. A section with a `%`-titled cumulative column
/// (the Pareto) draws its counts as bars.
struct AnswerHTMLRenderer {
  static let css = """
    :root { color-scheme: light; --ink: #1d1d1f; --muted: #666; --line: #d7d7de; --accent: #3559a8; --bar: #8fa8dc; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 78rem; padding: 1.5rem 2rem 3rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); background: #f7f7f9; overflow-wrap: break-word; }
    header { border-bottom: 3px solid var(--accent); margin-bottom: 1.2rem; padding-bottom: .4rem; }
    h1 { font-size: 1.6rem; margin: 0; }
    .meta { color: var(--muted); margin: .2rem 0 0; }
    code { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .92em; }
    section { background: #fff; border: 1px solid var(--line); border-radius: .5rem; padding: .6rem 1rem .8rem; margin: 0 0 1.1rem; }
    h2 { font-size: 1.1rem; margin: .2rem 0 .5rem; color: var(--accent); }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: .9rem; }
    th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: start; vertical-align: top; }
    th { background: #eef0f6; white-space: nowrap; position: sticky; top: 0; }
    tr:nth-child(even) td { background: #fafafc; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    /* Dates stay whole ("2026-/12-04" misreads); a text cell keeps room for a few words, so a narrow
       screen scrolls the table sideways instead of breaking words letter by letter. */
    td.nw { white-space: nowrap; }
    td.text { min-width: 8rem; }
    @media (max-width: 40rem) { body { padding: 1rem .7rem 2rem; } section { padding: .5rem .6rem .7rem; } }
    td.bar { width: 30%; }
    .bar span { display: block; height: .85rem; background: var(--bar); border-radius: .2rem; }
    .none { color: var(--muted); font-style: italic; }
    ul.notes { color: var(--muted); margin: .5rem 0 0; padding-left: 1.2rem; }
    /* On paper the sections flow (a section kept whole left page 1 with only the title); a row is never split. */
    @media print { body { background: #fff; max-width: none; padding: 0; } .scroll { overflow: visible; } td.text { min-width: 0; }
      th { position: static; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
    """

  func render(_ report: RegisterAnswer) -> String {
    var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    out += "<title>\(escape(report.title))</title>\n<style>\n\(Self.css)\n</style>\n</head>\n<body>\n"
    out += "<header>\n<h1>\(escape(report.title))</h1>\n<p class=\"meta\"><code>\(escape(report.question))</code>"
    if let asOf = report.asOf { out += " · as of \(escape(asOf))" }
    out += "</p>\n</header>\n<main>\n"
    for section in report.sections {
      out += "<section>\n<h2>\(escape(section.title))</h2>\n"
      if section.rows.isEmpty {
        out += "<p class=\"none\">none</p>\n"
      } else {
        out += table(section)
      }
      if section.more > 0 { out += "<p class=\"more\">… \(section.more) more; --limit 0 for all</p>\n" }
      if !section.notes.isEmpty {
        out += "<ul class=\"notes\">\n" + section.notes.map { "<li>\(escape($0))</li>\n" }.joined() + "</ul>\n"
      }
      out += "</section>\n"
    }
    out += "</main>\n</body>\n</html>\n"
    return out
  }

  /// A date or timestamp (`2026-12-04`, `2026-12-04T09:30Z`): held on one line.
  static func isDate(_ text: String) -> Bool {
    let head = Array(text.utf8.prefix(10))
    guard head.count == 10, text.utf8.count <= 25 else { return false }
    return (0..<10).allSatisfy { k in k == 4 || k == 7 ? head[k] == 45 : (48...57).contains(head[k]) }
  }

  private func table(_ section: RegisterAnswer.Section) -> String {
    // The Pareto's counts as bars beside the figures.
    let barColumn = section.columns.contains("cumulative %") ? section.columns.firstIndex(of: "count") : nil
    let largest =
      barColumn.map { column in
        section.rows.compactMap { row -> Int? in if case .integer(let n) = row[column] { n } else { nil } }.max() ?? 0
      } ?? 0
    var out = "<div class=\"scroll\"><table>\n<thead><tr>"
    out += section.columns.map { "<th>\(escape($0))</th>" }.joined()
    if barColumn != nil { out += "<th></th>" }
    out += "</tr></thead>\n<tbody>\n"
    for row in section.rows {
      out += "<tr>"
      for value in row {
        switch value {
        case .integer, .number: out += "<td class=\"num\">\(escape(value.plain))</td>"
        case .text, .empty:
          let plain = value.plain
          out += "<td class=\"\(Self.isDate(plain) ? "nw" : "text")\">\(escape(plain))</td>"
        }
      }
      if let barColumn, case .integer(let n) = row[barColumn], largest > 0 {
        let percent = n * 100 / largest
        out += "<td class=\"bar\"><div class=\"bar\"><span style=\"width: \(percent)%\"></span></div></td>"
      }
      out += "</tr>\n"
    }
    return out + "</tbody>\n</table></div>\n"
  }

  func escape(_ text: String) -> String { HTMLText.escape(text) }
}
