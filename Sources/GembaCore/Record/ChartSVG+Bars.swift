extension ChartSVG {
  /// A timeline (count per period, bars apart) or a histogram (count per bin, bars touching,
  /// since the bins are one continuous scale), each bar's figure on top when it fits.
  static func bars(_ chart: Record.Chart) -> String {
    let probe = ChartScale(covering: min(0, chart.values.min() ?? 0), max(chart.values.max() ?? 1, 0), top: plotTop,
      bottom: plotTop + plotHeight)
    let frame = Frame(left: leftMargin(probe), right: width - 24, labels: chart.labels, count: chart.count)
    let scale = ChartScale(covering: probe.low, probe.high, top: frame.top, bottom: frame.bottom)
    let flagged = Set(chart.flagged)
    let zero = scale.y(0)

    var out = ""
    out.reserveCapacity(4096 + chart.count * 300)
    open(chart, frame, into: &out)
    valueAxis(scale, frame, title: chart.measureName, into: &out)
    out += "<g class=\"bars\">\n"
    let barWidth = chart.kind == "histogram" ? max(frame.slot - 1, 0.5) : frame.slot * 0.7
    for i in 0..<chart.count {
      let value = chart.values[i]
      let x = frame.left + Double(i) * frame.slot + (frame.slot - barWidth) / 2
      let y = scale.y(value)
      let tip = "\(chart.label(i)): \(Record.Chart.figure(value))"
      out += "<g class=\"bar\(flagged.contains(i) ? " vital" : "")\"><title>\(HTMLText.escape(tip))</title>"
      out += "<rect x=\"\(n(x))\" y=\"\(n(min(y, zero)))\" width=\"\(n(barWidth))\" height=\"\(n(abs(zero - y)))\"/>"
      let figure = Record.Chart.figure(value)
      if Double(figure.count) * charWidth + 2 <= frame.slot {
        let fy = value >= 0 ? y - 4 : y + 13
        out += "<text class=\"figure\" x=\"\(n(x + barWidth / 2))\" y=\"\(n(fy))\" text-anchor=\"middle\">\(figure)</text>"
      }
      out += "</g>\n"
    }
    out += "</g>\n"
    axes(frame, into: &out)
    categoryLabels(chart, frame, into: &out)
    if !flagged.isEmpty {
      legend([({ x, y in "<rect class=\"bar vital\" x=\"\(n(x))\" y=\"\(n(y - 6))\" width=\"20\" height=\"12\"/>" }, "flagged")],
        frame, into: &out)
    }
    out += "</svg>\n"
    return out
  }
}
