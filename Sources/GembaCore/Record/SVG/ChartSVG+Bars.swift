extension ChartSVG {
  /// A timeline (count per period, bars apart) or a histogram (count per bin, bars touching,
  /// since the bins are one continuous scale), each bar's figure on top when it fits.
  static func bars(_ chart: Record.Chart) -> String {
    let probe = ChartScale(
      covering: min(0, chart.values.min() ?? 0), max(chart.values.max() ?? 1, 0), top: plotTop,
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
    let barWidth = chart.kind == .histogram ? max(frame.slot - 1, 0.5) : frame.slot * 0.7
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
        out +=
          "<text class=\"figure\" x=\"\(n(x + barWidth / 2))\" y=\"\(n(fy))\" text-anchor=\"middle\">\(figure)</text>"
      }
      out += "</g>\n"
    }
    out += "</g>\n"
    // A capability study's histogram: the specification limits, placed within their bin.
    for (limit, name) in [(chart.specLower, "LSL"), (chart.specUpper, "USL")] {
      guard let limit, let x = histogramX(limit, chart, frame) else { continue }
      out += "<g class=\"limit\"><line x1=\"\(n(x))\" y1=\"\(n(frame.top))\" x2=\"\(n(x))\" y2=\"\(n(frame.bottom))\"/>"
      out +=
        "<text x=\"\(n(x + 3))\" y=\"\(n(frame.top + 10))\">\(name) \(HTMLText.escape(chart.value(limit)))</text></g>\n"
    }
    axes(frame, into: &out)
    categoryLabels(chart, frame, into: &out)
    if !flagged.isEmpty {
      legend(
        [
          (
            { x, y in "<rect class=\"bar vital\" x=\"\(n(x))\" y=\"\(n(y - 6))\" width=\"20\" height=\"12\"/>" },
            "flagged"
          )
        ],
        frame, into: &out)
    }
    out += "</svg>\n"
    return out
  }

  /// Where a value falls on a histogram whose labels are `low–high` bins; beyond the first or
  /// last bin, at the frame's edge.
  static func histogramX(_ value: Double, _ chart: Record.Chart, _ frame: Frame) -> Double? {
    let bins = chart.labels.map { label -> (Double, Double)? in
      let parts = label.split(separator: "–").map { Double($0.replacingOccurrences(of: ",", with: "")) }
      guard parts.count == 2, let a = parts[0], let b = parts[1], b > a else { return nil }
      return (a, b)
    }
    guard let first = bins.first ?? nil, let last = bins.last ?? nil else { return nil }
    if value <= first.0 { return frame.left + 1 }
    if value >= last.1 { return frame.right - 1 }
    for (i, bin) in bins.enumerated() {
      guard let (a, b) = bin, value >= a, value < b else { continue }
      return frame.left + (Double(i) + (value - a) / (b - a)) * frame.slot
    }
    return nil
  }
}
