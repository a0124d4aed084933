/// The record's stylesheet, inline because the page loads nothing: readable on screen,
/// sections flowing on paper (no page per section), long words wrapped, statuses visible in grey too;
/// chart marks differ by shape and dash as well as colour, so a grey printout still reads.
enum HTMLStyle {
  static let css = """
    :root { color-scheme: light; --ink: #1d1d1f; --muted: #666; --line: #d0d0d7; --ok: #2e7d32; --out: #6b6b6b; --bad: #b71c1c; --warn: #a15c00; }
    * { box-sizing: border-box; }
    body { margin: 0 auto; max-width: 70rem; padding: 1.5rem 2rem 4rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); overflow-wrap: break-word; }
    h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
    h2 { border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2.5rem; }
    h3 { font-size: 1.05rem; margin: 1.4rem 0 .3rem; }
    .meta, .none { color: var(--muted); }
    .none { font-style: italic; }
    nav.toc ol { columns: 2; padding-left: 1.4rem; }
    table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
    th, td { border: 1px solid var(--line); padding: .3rem .45rem; text-align: start; vertical-align: top; overflow-wrap: normal; word-break: normal; }
    /* Ids, dates, cadences and states never break inside ("monthl y", "2018- 03-31"); a table too wide for the page scrolls sideways. */
    .nw { white-space: nowrap; }
    code.hash { overflow-wrap: anywhere; word-break: break-all; }
    th { background: #f3f3f6; overflow-wrap: normal; white-space: nowrap; }
    .scroll { overflow-x: auto; max-width: 100%; }
    table.cited td { white-space: nowrap; }
    /* A prose cell keeps room for a few words: a narrow window scrolls the table sideways rather than
       setting one word per line. */
    td:not(.num):not(.nw) { min-width: 9rem; }
    table.fields td, table.cited td { min-width: 0; }
    @media (max-width: 40rem) { body { padding: 1rem .8rem 3rem; } h1 { font-size: 1.45rem; } }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    pre { background: #f6f6f8; border: 1px solid var(--line); padding: .5rem .7rem; white-space: pre-wrap; overflow-wrap: anywhere; font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; margin: .3rem 0 .8rem; }
    code { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .9em; }
    ul.tree, ul.tree ul { list-style: none; padding-left: 1.2rem; border-left: 1px dotted var(--line); }
    ul.tree { padding-left: .4rem; border: 0; }
    .id { font-weight: 600; font-family: ui-monospace, Menlo, Consolas, monospace; margin-inline-end: .35rem; }
    .badge { display: inline-block; font-size: .78rem; padding: 0 .45rem; border-radius: .6rem; border: 1px solid currentColor; margin-inline-start: .3rem; white-space: nowrap; }
    .s-confirmed { color: var(--ok); }
    .s-ruled-out { color: var(--out); }
    .s-ruled-out > .t { text-decoration: line-through; }
    .s-hypothesis { color: var(--ink); }
    .root > .t { font-weight: 700; }
    .badge.root { color: #fff; background: var(--ok); border-color: var(--ok); }
    .sev-error { color: var(--bad); font-weight: 600; }
    .sev-warning { color: var(--warn); font-weight: 600; }
    ol.steps { list-style: none; padding: 0; }
    ol.steps > li { border: 1px solid var(--line); border-radius: .4rem; padding: .4rem .7rem; margin: .5rem 0; }
    ol.steps > li + li::before { content: "↓"; display: block; color: var(--muted); margin: -.4rem 0 .2rem; }
    figure { margin: .4rem 0 1rem; }
    figcaption { font-size: .9rem; color: var(--muted); }
    svg.fishbone { width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
    svg.fishbone line { stroke: #555; stroke-width: 1.5; }
    svg.fishbone .spine { stroke: #333; stroke-width: 3; fill: #333; }
    svg.fishbone text { fill: currentColor; font-size: 12px; }
    svg.fishbone .bone-label { font-weight: 700; font-size: 13px; }
    svg.fishbone .effect { fill: #fff5f5; stroke: var(--bad); stroke-width: 2; }
    svg.fishbone .effect-text { font-weight: 700; font-size: 13px; }
    svg.fishbone .cause line { stroke: currentColor; stroke-width: 1.2; }
    svg.fishbone .cause.s-confirmed line { stroke-width: 2; }
    svg.fishbone .cause.s-ruled-out line { stroke-dasharray: 5 4; }
    svg.fishbone .cause.s-ruled-out text { text-decoration: line-through; }
    svg.fishbone .cause.root text { font-weight: 700; }
    svg.chart { display: block; width: 100%; max-width: 54rem; height: auto; margin: .3rem 0 .5rem; border: 1px solid var(--line); }
    svg.chart .chart-bg { fill: #fff; }
    svg.chart text { fill: var(--ink); font-size: 11px; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
    svg.chart .chart-title { font-size: 14px; font-weight: 700; }
    svg.chart .chart-sub { fill: var(--muted); font-size: 12px; }
    svg.chart .axis-title { fill: var(--muted); font-size: 11px; }
    svg.chart .tick-labels text { fill: #444; }
    svg.chart .grid line { stroke: #e3e3e8; stroke-width: 1; }
    svg.chart .axis { fill: none; stroke: #333; stroke-width: 1.2; }
    svg.chart .bar rect, svg.chart rect.bar { fill: #cfd8dc; stroke: #546e7a; stroke-width: 1; }
    svg.chart .bar.vital rect, svg.chart rect.bar.vital { fill: #37474f; stroke: #263238; }
    svg.chart .figure { font-size: 11px; font-weight: 600; }
    svg.chart .bar.vital .figure.inside { fill: #fff; }
    svg.chart .cut { stroke: #555; stroke-width: 1.2; stroke-dasharray: 6 4; }
    svg.chart .cut-label { font-weight: 700; }
    svg.chart .cumulative polyline, svg.chart .cumulative line { fill: none; stroke: var(--bad); stroke-width: 2; }
    svg.chart .cumulative circle { fill: #fff; stroke: var(--bad); stroke-width: 1.5; }
    svg.chart .cumulative text { fill: var(--bad); font-size: 10px; font-weight: 600; }
    svg.chart .series polyline, svg.chart .series line { fill: none; stroke: #37474f; stroke-width: 1.5; }
    svg.chart .series circle { fill: #37474f; }
    svg.chart .flagged polygon { fill: var(--bad); stroke: #000; stroke-width: 1; }
    svg.chart .centre line { stroke: var(--ok); stroke-width: 1.5; }
    svg.chart .limit line { stroke: var(--bad); stroke-width: 1.5; stroke-dasharray: 7 4; }
    svg.chart .centre text, svg.chart .limit text { font-weight: 600; }
    svg.chart rect.baseline { fill: #e3eaf0; stroke: #90a4ae; stroke-width: .8; }
    svg.chart .baseline text { fill: #546e7a; font-size: 10px; font-weight: 600; }
    .integrity { font-weight: 600; }
    .integrity.failed { color: var(--bad); }
    .cell-head { margin: 1rem 0 .2rem; font-size: .9rem; color: var(--muted); }
    @media print {
      /* Sections flow one after another (a page each wasted half the paper); a heading stays with what
         follows it and a table row, a chart or a short excerpt is never split across pages. */
      body { max-width: none; padding: 0; font-size: 9.5pt; line-height: 1.35; }
      h1 { font-size: 17pt; }
      h2 { font-size: 13pt; margin-top: 1rem; }
      h2, h3, figcaption, .cell-head { break-after: avoid; }
      tr, figure svg, li { break-inside: avoid; }
      /* Paper cannot scroll: wide tables wrap at whole words instead, at 9 pt, the least body text reads at. */
      .scroll { overflow: visible; }
      table { font-size: 9pt; }
      td { overflow-wrap: break-word; }
      td:not(.num):not(.nw) { min-width: 0; }
      /* A cell that may not wrap makes the page wider than the paper, and Chromium then shrinks the
         whole page (to 6 pt): on paper only ids and dates (.nw) stay whole. */
      table.cited td, th { white-space: normal; }
      pre { font-size: 9pt; }
      svg.chart { max-width: 12cm; }
      /* What a reader opens on screen is printed open: paper has no disclosure triangle. */
      details::details-content { content-visibility: visible; display: block; }
      details > summary { list-style: none; font-weight: 600; }
      a { color: inherit; text-decoration: none; }
    }
    """
}

extension HTMLStyle {
  /// The printed page: its size from `--paper` (A4 unless told), margins a binder and a stapler leave alone.
  static func page(_ paper: Paper) -> String {
    "@page { size: \(paper.cssSize); margin: 14mm 13mm 15mm; }"
  }

  /// What the 8D and the record's corrective-action sections add: MISSING marked so it
  /// cannot be overlooked, in grey print too (bold, boxed).
  static let reportCSS = """
    .missing { color: var(--bad); font-weight: 600; }
    p.missing { border-left: 4px solid var(--bad); padding: .15rem .6rem; background: #fff5f5; }
    table.fields th { width: 12rem; }
    """
}
