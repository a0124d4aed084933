extension ChartSVG {
  /// An XmR (individuals) control chart: the points in order joined by a line, the centre
  /// line solid and the natural process limits dashed, each named with its value at the
  /// right, and the points that break a rule drawn as large red diamonds, a shape that
  /// still stands out when the record is printed in grey.
  static func control(_ chart: Record.Chart) -> String {
    let lines: [(value: Double, name: String, cls: String)] = [
      chart.upper.map { ($0, "UCL", "limit") }, chart.centre.map { ($0, "X̄", "centre") },
      chart.lower.map { ($0, "LCL", "limit") },
    ].compactMap { $0 }
    let varying = chart.uppers != nil && chart.lowers != nil && chart.centres != nil
    let all = chart.values + lines.map(\.value) + (chart.uppers ?? []) + (chart.lowers ?? [])
    let probe = ChartScale(
      covering: all.min() ?? 0, all.max() ?? 1, top: plotTop, bottom: plotTop + plotHeight, room: true)
    let names = lines.map { "\($0.name) = \(chart.value($0.value))" }
    let right = width - max(28, Double(names.map(\.count).max() ?? 0) * charWidth + 16)
    let frame = Frame(left: leftMargin(probe), right: right, labels: chart.labels, count: chart.count)
    let scale = ChartScale(covering: all.min() ?? 0, all.max() ?? 1, top: frame.top, bottom: frame.bottom, room: true)
    let flagged = Set(chart.flagged)

    var out = ""
    out.reserveCapacity(4096 + chart.count * 300)
    open(chart, frame, into: &out)
    valueAxis(scale, frame, title: chart.measureName, into: &out)

    // The baseline (phase I) first, a shaded band across its points' slots behind everything else.
    let baseline = chart.baseline.flatMap {
      $0.lowerBound >= 0 && $0.upperBound <= chart.count && !$0.isEmpty ? $0 : nil
    }
    if let baseline {
      let x0 = frame.left + Double(baseline.lowerBound) * frame.slot,
        x1 = frame.left + Double(baseline.upperBound) * frame.slot
      let tip =
        "baseline: \(chart.label(baseline.lowerBound))–\(chart.label(baseline.upperBound - 1)) (\(baseline.count) points) set the limits"
      out += "<g class=\"baseline\"><title>\(HTMLText.escape(tip))</title>"
      out +=
        "<rect class=\"baseline\" x=\"\(n(x0))\" y=\"\(n(frame.top))\" width=\"\(n(x1 - x0))\" height=\"\(n(frame.bottom - frame.top))\"/>"
      out += "<text x=\"\(n(x0 + 4))\" y=\"\(n(frame.bottom - 6))\">baseline</text></g>\n"
    }
    // Limit lines first, so the points sit on top; their names are spread apart if close.
    var labelY = lines.map { scale.y($0.value) + 4 }
    for i in labelY.indices.dropFirst() where labelY[i] - labelY[i - 1] < 13 { labelY[i] = labelY[i - 1] + 13 }
    if varying, let uppers = chart.uppers, let lowers = chart.lowers, let centres = chart.centres {
      // Limits per point, drawn as steps: each point's limits across its slot.
      for (series, cls) in [(uppers, "limit"), (centres, "centre"), (lowers, "limit")] {
        // Lines, not a path, so the classes' existing `line` styles draw them.
        out += "<g class=\"\(cls)\">"
        for i in series.indices {
          let y = n(scale.y(series[i])), x0 = n(frame.left + Double(i) * frame.slot),
            x1 = n(frame.left + Double(i + 1) * frame.slot)
          out += "<line x1=\"\(x0)\" y1=\"\(y)\" x2=\"\(x1)\" y2=\"\(y)\"/>"
          if i > 0, series[i] != series[i - 1] {
            out += "<line x1=\"\(x0)\" y1=\"\(n(scale.y(series[i - 1])))\" x2=\"\(x0)\" y2=\"\(y)\"/>"
          }
        }
        out += "</g>\n"
      }
    }
    // Stage boundaries: a dashed vertical line where each stage after the first begins, with its label.
    for (k, start) in (chart.stageStarts ?? []).enumerated() {
      let x = n(frame.left + Double(start) * frame.slot)
      if start > 0 {
        out +=
          "<g class=\"limit\"><line x1=\"\(x)\" y1=\"\(n(frame.top))\" x2=\"\(x)\" y2=\"\(n(frame.bottom))\"/></g>\n"
      }
      if let label = chart.stageLabels?[k], !label.isEmpty {
        out +=
          "<text class=\"figure\" x=\"\(n(frame.left + Double(start) * frame.slot + 4))\" y=\"\(n(frame.top + 12))\">\(HTMLText.escape(label))</text>\n"
      }
    }
    for (k, line) in lines.enumerated() where !varying {
      let y = n(scale.y(line.value))
      out += "<g class=\"\(line.cls)\"><line x1=\"\(n(frame.left))\" y1=\"\(y)\" x2=\"\(n(frame.right))\" y2=\"\(y)\"/>"
      out += "<text x=\"\(n(frame.right + 6))\" y=\"\(n(labelY[k]))\">\(HTMLText.escape(names[k]))</text></g>\n"
    }

    let points = (0..<chart.count).map { (x: frame.centre($0), y: scale.y(chart.values[$0])) }
    out +=
      "<g class=\"series\"><polyline points=\"\(points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " "))\"/>\n"
    let radius = min(3, frame.slot * 0.3)
    for (i, p) in points.enumerated() {
      let tests = chart.flagged.firstIndex(of: i).flatMap {
        chart.tests?.indices.contains($0) == true ? chart.tests![$0] : nil
      }
      let tip =
        "\(chart.label(i)): \(chart.value(chart.values[i]))"
        + (flagged.contains(i) ? " · breaks a rule" + (tests.map { " (test \($0))" } ?? "") : "")
      if flagged.contains(i) {
        out += "<g class=\"flagged\"><title>\(HTMLText.escape(tip))</title>\(diamond(p.x, p.y))</g>\n"
      } else if radius >= 1 {
        out +=
          "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"\(n(radius))\"><title>\(HTMLText.escape(tip))</title></circle>\n"
      }
    }
    out += "</g>\n"

    axes(frame, into: &out)
    categoryLabels(chart, frame, into: &out)
    var legendItems: [LegendItem] = [
      (
        { x, y in
          "<g class=\"series\"><line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 20))\" y2=\"\(n(y))\"/>"
            + "<circle cx=\"\(n(x + 10))\" cy=\"\(n(y))\" r=\"3\"/></g>"
        }, chart.measureName
      ),
      ({ x, y in "<g class=\"flagged\">\(diamond(x + 10, y))</g>" }, "breaks a rule"),
      (
        { x, y in "<g class=\"centre\"><line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 20))\" y2=\"\(n(y))\"/></g>" },
        "centre line X̄"
      ),
      (
        { x, y in "<g class=\"limit\"><line x1=\"\(n(x))\" y1=\"\(n(y))\" x2=\"\(n(x + 20))\" y2=\"\(n(y))\"/></g>" },
        "natural process limits"
      ),
    ]
    if baseline != nil {
      legendItems.append(
        (
          { x, y in
            "<g class=\"baseline\"><rect class=\"baseline swatch\" x=\"\(n(x))\" y=\"\(n(y - 6))\" width=\"20\" height=\"12\"/></g>"
          }, "baseline"
        ))
    }
    legend(legendItems, frame, into: &out)
    out += "</svg>\n"
    return out
  }

  static func diamond(_ x: Double, _ y: Double, size: Double = 6) -> String {
    "<polygon points=\"\(n(x)),\(n(y - size)) \(n(x + size)),\(n(y)) \(n(x)),\(n(y + size)) \(n(x - size)),\(n(y))\"/>"
  }
}
