extension ChartSVG {
  /// A Pareto chart in the textbook (Juran) layout: bars in the order given (largest first)
  /// on a value axis that runs to the total, so the cumulative-share line on the right axis
  /// (0–100 %) starts on top of the first bar and ends at 100 %. The 80 % cut is dashed
  /// across, the edge of the vital few dashed down, and the vital few bars are dark.
  static func pareto(_ chart: Record.Chart) -> String {
    // A negative sum has no height on a Pareto; it is still in the table and the tooltip.
    let values = chart.values.map { max($0, 0) }
    let total = values.reduce(0, +)
    let cumulative =
      chart.cumulative
      ?? values.indices.map { i in
        total > 0 ? values[...i].reduce(0, +) / total : 0
      }
    let vital = Set(chart.flagged)
    let probe = ChartScale(exactly: 0, total > 0 ? total : 1, top: plotTop, bottom: plotTop + plotHeight)
    let frame = Frame(left: leftMargin(probe), right: width - 58, labels: chart.labels, count: chart.count)
    let scale = ChartScale(exactly: 0, probe.high, top: frame.top, bottom: frame.bottom)
    func shareY(_ share: Double) -> Double { frame.bottom - min(max(share, 0), 1.05) * (frame.bottom - frame.top) }

    var out = ""
    out.reserveCapacity(4096 + chart.count * 400)
    open(chart, frame, into: &out)
    valueAxis(scale, frame, title: chart.measureName, into: &out)
    // The top of the value axis is the total (it is 100 %): say so unless a tick already does.
    if let last = scale.ticks.last, scale.y(last) - frame.top > 13 {
      out += "<text class=\"cut-label\" x=\"\(n(frame.left - 6))\" y=\"\(n(frame.top + 4))\" text-anchor=\"end\">"
      out += Record.Chart.figure(scale.high) + "</text>\n"
    }
    shareAxis(frame, into: &out)

    out += "<g class=\"bars\">\n"
    let barWidth = frame.slot * 0.8
    for i in 0..<chart.count {
      let x = frame.left + Double(i) * frame.slot + (frame.slot - barWidth) / 2
      let top = scale.y(values[i])
      let share = cumulative.indices.contains(i) ? cumulative[i] : nil
      let tip =
        "\(chart.label(i)): \(Record.Chart.figure(chart.values[i]))"
        + (share.map { " · \(NumberFormat.percent($0, places: 0)) cumulative" } ?? "")
        + (vital.contains(i) ? " · vital few" : "")
      out += "<g class=\"bar\(vital.contains(i) ? " vital" : "")\"><title>\(HTMLText.escape(tip))</title>"
      out += "<rect x=\"\(n(x))\" y=\"\(n(top))\" width=\"\(n(barWidth))\" height=\"\(n(frame.bottom - top))\"/>"
      let figure = Record.Chart.figure(chart.values[i])
      if Double(figure.count) * charWidth + 4 <= frame.slot {
        // Inside a tall bar; above a short one unless the cumulative mark sits right there.
        if frame.bottom - top > 18 {
          out +=
            "<text class=\"figure inside\" x=\"\(n(x + barWidth / 2))\" y=\"\(n(top + 14))\" text-anchor=\"middle\">\(figure)</text>"
        } else if share.map({ top - shareY($0) > 18 }) ?? true {
          out +=
            "<text class=\"figure\" x=\"\(n(x + barWidth / 2))\" y=\"\(n(top - 4))\" text-anchor=\"middle\">\(figure)</text>"
        }
      }
      out += "</g>\n"
    }
    out += "</g>\n"

    let cutY = n(shareY(0.8))
    out += "<line class=\"cut\" x1=\"\(n(frame.left))\" y1=\"\(cutY)\" x2=\"\(n(frame.right))\" y2=\"\(cutY)\"/>\n"
    // The vital few are the first bars (up to the one that reaches 80 %): their edge is one line.
    let vitalCount = vital.count
    if vitalCount > 0 && vitalCount < chart.count {
      let edge = n(frame.left + Double(vitalCount) * frame.slot)
      out += "<line class=\"cut\" x1=\"\(edge)\" y1=\"\(n(frame.top))\" x2=\"\(edge)\" y2=\"\(n(frame.bottom))\"/>\n"
    }

    let shown = Array(cumulative.prefix(chart.count))
    if !shown.isEmpty {
      let points = shown.indices.map { "\(n(frame.centre($0))),\(n(shareY(shown[$0])))" }.joined(separator: " ")
      out += "<g class=\"cumulative\"><polyline points=\"\(points)\"/>\n"
      let marks = frame.slot >= 6
      let figures = frame.slot >= 36
      for (i, share) in shown.enumerated() {
        let (x, y) = (frame.centre(i), shareY(share))
        if marks { out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"3\"/>" }
        if figures {
          out +=
            "<text x=\"\(n(x))\" y=\"\(n(y - 8))\" text-anchor=\"middle\">\(NumberFormat.percent(share, places: 0))</text>"
        }
      }
      out += "</g>\n"
    }

    axes(frame, into: &out)
    out +=
      "<line class=\"axis\" x1=\"\(n(frame.right))\" y1=\"\(n(frame.top))\" x2=\"\(n(frame.right))\" y2=\"\(n(frame.bottom))\"/>\n"
    categoryLabels(chart, frame, into: &out)
    legend(
      [
        (
          { x, y in "<rect class=\"bar vital\" x=\"\(n(x))\" y=\"\(n(y - 6))\" width=\"20\" height=\"12\"/>" },
          "vital few"
        ),
        (
          { x, y in "<rect class=\"bar\" x=\"\(n(x))\" y=\"\(n(y - 6))\" width=\"20\" height=\"12\"/>" },
          "other categories"
        ),
        (
          { x, y in
            "<g class=\"cumulative\"><line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 20))\" y2=\"\(n(y))\"/>"
              + "<circle cx=\"\(n(x + 10))\" cy=\"\(n(y))\" r=\"3\"/></g>"
          }, "cumulative share"
        ),
        (
          { x, y in "<line class=\"cut\" x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 20))\" y2=\"\(n(y))\"/>" },
          "80 % cut"
        ),
      ], frame, into: &out)
    out += "</svg>\n"
    return out
  }

  /// The right-hand axis: cumulative share 0–100 % in steps of 20, with 80 % in bold.
  static func shareAxis(_ frame: Frame, into out: inout String) {
    out += "<g class=\"tick-labels share\">"
    for step in 0...5 {
      let share = Double(step) / 5
      let y = frame.bottom - share * (frame.bottom - frame.top)
      out += "<text\(step == 4 ? " class=\"cut-label\"" : "") x=\"\(n(frame.right + 6))\" y=\"\(n(y + 4))\">"
      out += NumberFormat.percent(share, places: 0) + "</text>"
    }
    out += "</g>\n"
    let mid = n((frame.top + frame.bottom) / 2), x = n(width - 8)
    out +=
      "<text class=\"axis-title\" x=\"\(x)\" y=\"\(mid)\" text-anchor=\"middle\" transform=\"rotate(90 \(x) \(mid))\">cumulative share</text>\n"
  }
}
