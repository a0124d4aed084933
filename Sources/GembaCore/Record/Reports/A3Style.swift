/// The A3 sheet's stylesheet: a fixed grid in millimetres that fills exactly one A3
/// landscape page (420 × 297 mm less a 10 mm margin). On paper it prints as drawn (or scaled
/// whole onto `--paper`); on screen it is scaled to the window, so nothing is cut off at 1280,
/// 720 or 390 px. Text wraps at words inside its box; the renderer's `Room` keeps each box's
/// content inside it, and boxes hide overflow only as a last guard.
enum A3Style {
  /// The sheet's width in CSS pixels (400 mm at 96 px to the inch).
  static let sheetPixels = 400.0 / 25.4 * 96

  static func css(paper: Paper?) -> String {
    page(paper) + "\n" + base + "\n" + screenScaling + "\n" + chartCSS
  }

  /// A3 landscape as drawn; on A4 or Letter, landscape and the sheet zoomed to fit inside the margins.
  static func page(_ paper: Paper?) -> String {
    guard let paper else { return "@page { size: A3 landscape; margin: 10mm; }" }
    let (short, long) = paper.millimetres
    let zoom = min((long - 20) / 400, (short - 20) / 277)
    return "@page { size: \(paper.cssSize) landscape; margin: 10mm; }\n"
      + "@media print { .sheet { zoom: \((zoom * 1000).rounded(.down) / 1000); } }"
  }

  /// Steps of 5 %: the largest zoom whose sheet fits the window's width (CSS cannot divide a length
  /// by a length, and the page runs no script).
  static var screenScaling: String {
    stride(from: 95, through: 15, by: -5).map { percent in
      let widest = Int((sheetPixels * Double(percent + 5) / 100 + 16).rounded(.down))
      return "@media screen and (max-width: \(widest)px) { .sheet { zoom: \(Double(percent) / 100); } }"
    }.joined(separator: "\n")
  }

  static let base = """
    :root { --ink: #1d1d1f; --muted: #555; --line: #9a9aa6; --bad: #b71c1c; --ok: #2e7d32; }
    * { box-sizing: border-box; }
    html, body { margin: 0; padding: 0; }
    @media screen { body { padding: 8px; } }
    body { font: 8.5pt/1.3 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); overflow-wrap: break-word; word-break: normal; }
    .sheet { width: 400mm; height: 277mm; overflow: hidden; display: grid; gap: 2.5mm; break-inside: avoid;
      grid-template-columns: repeat(4, minmax(0, 1fr)); grid-template-rows: auto 52mm minmax(0, 1fr) 84mm;
      grid-template-areas: "head head head head" "bg tgt cm plan" "cur cur cm plan" "rca rca fu fu"; }
    .head { grid-area: head; border-bottom: 2px solid var(--ink); padding-bottom: 1mm; }
    .head h1 { font-size: 15pt; line-height: 1.2; margin: 0; }
    .head p { margin: .5mm 0 0; }
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
    th { background: #f0f0f4; }
    th[scope="col"] { white-space: nowrap; }
    td.num { text-align: right; }
    table.plan { table-layout: fixed; }
    table.plan th:nth-child(1) { width: 9%; } table.plan th:nth-child(2) { width: 36%; }
    table.plan th:nth-child(3) { width: 18%; } table.plan th:nth-child(4) { width: 21%; }
    .nw { white-space: nowrap; }
    .id { font-weight: 600; font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; margin-inline-end: 1mm; white-space: nowrap; }
    .meta { color: var(--muted); }
    .why em { font-style: italic; color: var(--muted); }
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
    """

  /// The record's chart styles, so a cited chart looks the same on the sheet; at most 180 mm wide,
  /// where its 11 px labels print at 7.4 pt (the smaller labels are raised to 11 px here).
  static var chartCSS: String {
    HTMLStyle.css.split(separator: "\n").filter { $0.contains("svg.chart") }.joined(separator: "\n")
      + "\nsvg.chart { max-width: 180mm; }\nsvg.chart text { font-size: 11px; }"
      + "\nsvg.chart .chart-title { font-size: 14px; }\nsvg.chart .chart-sub { font-size: 12px; }"
  }
}
