/// The A3 sheet's stylesheet: a fixed grid in millimetres that fills exactly one A3
/// landscape page (420 × 297 mm less a 10 mm margin), identical on screen and on paper, so
/// what a reviewer sees in the browser is the page that prints. Boxes hide overflow as a last
/// guard; the renderer's limits keep their content inside them.
enum A3Style {
  static let css = """
    @page { size: A3 landscape; margin: 10mm; }
    :root { --ink: #1d1d1f; --muted: #555; --line: #9a9aa6; --bad: #b71c1c; --ok: #2e7d32; }
    * { box-sizing: border-box; }
    html, body { margin: 0; padding: 0; }
    body { font: 8.5pt/1.3 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); overflow-wrap: normal; word-break: normal; }
    .sheet { width: 400mm; height: 277mm; overflow: hidden; display: grid; gap: 2.5mm; break-inside: avoid;
      grid-template-columns: repeat(4, minmax(0, 1fr)); grid-template-rows: minmax(15mm, auto) repeat(3, minmax(0, 1fr));
      grid-template-areas: "head head head head" "bg tgt cm plan" "cur rca cm plan" "cur rca fu fu"; }
    .head { grid-area: head; border-bottom: 2px solid var(--ink); overflow: hidden; }
    .head h1 { font-size: 15pt; margin: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .head p { margin: .5mm 0 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    .head p.integrity.failed { white-space: normal; overflow: visible; }
    .box { border: 1px solid var(--line); padding: 1.5mm 2mm; overflow: hidden; min-height: 0; min-width: 0; }
    .bg { grid-area: bg; } .tgt { grid-area: tgt; } .cur { grid-area: cur; } .rca { grid-area: rca; }
    .cm { grid-area: cm; } .plan { grid-area: plan; } .fu { grid-area: fu; }
    h2 { font-size: 10pt; margin: 0 0 1mm; padding-bottom: .5mm; border-bottom: 1px solid var(--line); }
    h3 { font-size: 9pt; margin: 1.5mm 0 .5mm; }
    p { margin: 0 0 1mm; }
    ul { margin: 0 0 1mm; padding-left: 4mm; }
    li { margin: 0 0 .6mm; }
    table { border-collapse: collapse; width: 100%; margin: 0 0 1mm; }
    th, td { border: 1px solid #d0d0d7; padding: .3mm 1mm; text-align: start; vertical-align: top; }
    th { background: #f0f0f4; white-space: nowrap; }
    td.num { text-align: right; }
    .nw { white-space: nowrap; }
    .id { font-weight: 600; font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; margin-inline-end: 1mm; white-space: nowrap; }
    .meta { color: var(--muted); }
    .missing { color: var(--bad); font-weight: 600; }
    p.missing { border-left: 3px solid var(--bad); padding-left: 1.5mm; }
    .more { color: var(--muted); font-style: italic; }
    .badge { font-size: 7.5pt; border: 1px solid currentColor; border-radius: 2mm; padding: 0 1mm; white-space: nowrap; }
    .goal { font-size: 11pt; font-weight: 700; }
    .integrity.failed { color: var(--bad); font-weight: 700; }
    .root { margin-bottom: 1.5mm; }
    figure { margin: 0 0 1mm; }
    figcaption { color: var(--muted); font-size: 7.5pt; }
    code { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
    """ + "\n" + chartCSS

  /// The record's chart styles, so a cited chart looks the same on the sheet.
  static var chartCSS: String {
    HTMLStyle.css.split(separator: "\n").filter { $0.contains("svg.chart") }.joined(separator: "\n")
      + "\nsvg.chart { max-width: 100%; }"
  }
}
