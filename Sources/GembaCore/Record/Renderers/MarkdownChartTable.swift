/// A cited chart in Markdown as the table of its numbers: GitHub will not draw SVG from a
/// Markdown file safely, and a table is the chart's data a reviewer can check by eye.
enum MarkdownChartTable {
  static func render(_ chart: Record.Chart, into out: inout String) {
    out += "**\(chart.kindName):** \(MarkdownText.inline(chart.title)) — \(MarkdownText.inline(chart.summary))\n\n"
    guard chart.count > 0 else { return }
    let flagged = Set(chart.flagged)
    let value = MarkdownText.inline(chart.measureName.prefix(1).uppercased() + chart.measureName.dropFirst())
    var header = ["#", chart.itemName, value]
    switch chart.kind {
    case .pareto: header += ["Cumulative", "Vital few"]
    case .control: header += (chart.uppers != nil ? ["Centre", "LCL", "UCL"] : []) + ["Breaks a rule"]
    case .timeline, .histogram: if !flagged.isEmpty { header += ["Flagged"] }
    }
    func row(_ i: Int) -> [String] {
      var row = [
        String(i + 1), MarkdownText.inline(chart.label(i)),
        MarkdownText.inline(
          chart.kind == .control ? chart.value(chart.values[i]) : Record.Chart.figure(chart.values[i])),
      ]
      if chart.kind == .pareto {
        let share = chart.cumulative.flatMap { $0.indices.contains(i) ? $0[i] : nil }
        row.append(share.map { NumberFormat.percent($0, places: 1) } ?? "")
      }
      if chart.kind == .control, let c = chart.centres, let l = chart.lowers, let u = chart.uppers {
        row += [c[i], l[i], u[i]].map { MarkdownText.inline(chart.value($0)) }
      }
      if header.count > row.count {
        let k = chart.flagged.firstIndex(of: i)
        let tests = k.flatMap { chart.tests?.indices.contains($0) == true ? chart.tests![$0] : nil }
        row.append(flagged.contains(i) ? (tests.map { "test \($0)" } ?? "yes") : "")
      }
      return row
    }
    // A timeline's long runs of empty periods are one row each (display only: the chart's
    // values, count and total are as cited). A zero on any other chart is a point or a bar.
    let lines: [EmptyPeriods.Line]
    switch chart.kind {
    case .timeline: lines = EmptyPeriods.lines(count: chart.count) { chart.values[$0] == 0 && !flagged.contains($0) }
    case .pareto, .control, .histogram: lines = (0..<chart.count).map(EmptyPeriods.Line.period)
    }
    let rows = lines.map { line -> [String] in
      switch line {
      case .period(let i): return row(i)
      case .empty(let run):
        let empty = [
          "\(run.lowerBound + 1)–\(run.upperBound + 1)",
          // The cited chart keeps no period (its stored form is unchanged); the title names it.
          MarkdownText.inline(EmptyPeriods.phrase(run, unit: nil, labels: chart.label)), "0 each",
        ]
        return empty + Array(repeating: "", count: header.count - empty.count)
      }
    }
    MarkdownText.table(header, rows, into: &out)
    for spread in chart.spread ?? [] { out += "\n"; render(spread, into: &out) }
    if chart.specLower != nil || chart.specUpper != nil {
      out +=
        "\nSpecification limits: "
        + [chart.specLower.map { "LSL \(chart.value($0))" }, chart.specUpper.map { "USL \(chart.value($0))" }]
        .compactMap { $0 }.joined(separator: ", ") + "\n"
    }
  }
}
