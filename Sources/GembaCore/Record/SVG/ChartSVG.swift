/// A cited chart (Pareto, XmR control chart, timeline, histogram) as inline SVG drawn from
/// the record's numbers, so the printed record shows the picture the investigator saw in
/// the terminal as a real chart: axes, figures, limits, the vital few.
///
/// Sized by `viewBox` (CSS scales it to the page width), styled only by classes that
/// `HTMLStyle` defines (dark on white, so it prints in black and white: shapes and dashes,
/// not colour alone, tell the marks apart), and every label goes through `HTMLText`; a
/// label cut to fit ends in `…` and keeps its full text in a `<title>`.
enum ChartSVG {
  static let width = 760.0
  static let plotTop = 62.0
  static let plotHeight = 220.0
  /// Average advance of an 11px sans-serif character, for fitting labels without a font.
  static let charWidth = 6.4

  static func render(_ chart: Record.Chart) -> String {
    guard chart.count > 0 else { return empty(chart) }
    switch chart.kind {
    case .pareto: return pareto(chart)
    case .control: return control(chart) + (chart.spread ?? []).map(control).joined()
    case .timeline, .histogram: return bars(chart)
    }
  }

  /// Where the plot sits and how the x labels fit, worked out from the data.
  struct Frame {
    var left: Double
    var right: Double
    var top = ChartSVG.plotTop
    var bottom = ChartSVG.plotTop + ChartSVG.plotHeight
    var count: Int
    /// Draw every `stride`-th x label.
    var stride = 1
    var rotated = false
    var maxChars = 24
    var labelHeight = 22.0

    var slot: Double { (right - left) / Double(max(count, 1)) }
    func centre(_ i: Int) -> Double { left + (Double(i) + 0.5) * slot }
    var legendY: Double { bottom + labelHeight + 20 }
    var height: Double { legendY + 14 }

    /// Labels lie flat when they fit their slot (cut to it if need be, when that still
    /// leaves ten characters); otherwise they are turned 40° and thinned to one per 14 units.
    init(left: Double, right: Double, labels: [String], count: Int) {
      self.init(fitting: left, right: right, labels: labels, count: count)
      // A turned label runs down and to the left of its bar: make room for the first one.
      let reach = Double(maxChars) * ChartSVG.charWidth * 0.77 - slot / 2 + 6
      if rotated && reach > left { self.init(fitting: reach, right: right, labels: labels, count: count) }
    }

    private init(fitting left: Double, right: Double, labels: [String], count: Int) {
      self.left = left
      self.right = right
      self.count = count
      let longest = labels.prefix(count).map { $0.count }.max() ?? 0
      let flat = Int((slot - 6) / ChartSVG.charWidth)
      if longest <= flat || flat >= 10 {
        maxChars = max(1, min(flat, 40))
      } else {
        rotated = true
        stride = max(1, Int((14 / slot).rounded(.up)))
        maxChars = min(22, longest)
        labelHeight = Double(maxChars) * ChartSVG.charWidth * 0.64 + 20
      }
    }
  }

  /// Left margin wide enough for the widest tick label and the rotated axis title.
  static func leftMargin(_ scale: ChartScale) -> Double {
    let widest = scale.ticks.map { Record.Chart.figure($0).count }.max() ?? 1
    return max(52, Double(widest) * charWidth + 30)
  }

  // MARK: - Pieces

  static func open(_ chart: Record.Chart, _ frame: Frame, into out: inout String) {
    let h = n(frame.height)
    out +=
      "<svg class=\"chart \(chart.kind.rawValue)\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(h)\" "
    out +=
      "width=\"\(n(width))\" height=\"\(h)\" role=\"img\" aria-label=\"\(HTMLText.escape(chart.kindName + ": " + chart.title))\">\n"
    out += "<title>\(HTMLText.escape(chart.kindName + ": " + chart.title + " — " + chart.summary))</title>\n"
    out += "<rect class=\"chart-bg\" x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(h)\"/>\n"
    label(chart.kindName + " · " + chart.title, chars: 96, x: frame.left, y: 22, cls: "chart-title", into: &out)
    label(chart.summary, chars: 110, x: frame.left, y: 40, cls: "chart-sub", into: &out)
  }

  static func empty(_ chart: Record.Chart) -> String {
    var out = ""
    var frame = Frame(left: 52, right: width - 24, labels: [], count: 1)
    frame.bottom = frame.top
    frame.labelHeight = -10
    open(chart, frame, into: &out)
    out += "<text class=\"chart-sub\" x=\"52\" y=\"\(n(frame.top))\">No points to draw.</text>\n</svg>\n"
    return out
  }

  /// Horizontal gridlines and tick figures for the value axis, its title turned on its side.
  static func valueAxis(_ scale: ChartScale, _ frame: Frame, title: String, into out: inout String) {
    out += "<g class=\"grid\">"
    for tick in scale.ticks {
      let y = n(scale.y(tick))
      out += "<line x1=\"\(n(frame.left))\" y1=\"\(y)\" x2=\"\(n(frame.right))\" y2=\"\(y)\"/>"
    }
    out += "</g>\n<g class=\"tick-labels\">"
    for tick in scale.ticks {
      out +=
        "<text x=\"\(n(frame.left - 6))\" y=\"\(n(scale.y(tick) + 4))\" text-anchor=\"end\">\(Record.Chart.figure(tick))</text>"
    }
    out += "</g>\n"
    let mid = n((frame.top + frame.bottom) / 2)
    out +=
      "<text class=\"axis-title\" x=\"14\" y=\"\(mid)\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(mid))\">"
    out += HTMLText.escape(HTMLText.shortened(title, to: 34)) + "</text>\n"
  }

  /// The plot's left and bottom edges, drawn last so marks never cover them.
  static func axes(_ frame: Frame, into out: inout String) {
    let (l, r, t, b) = (n(frame.left), n(frame.right), n(frame.top), n(frame.bottom))
    out += "<polyline class=\"axis\" points=\"\(l),\(t) \(l),\(b) \(r),\(b)\"/>\n"
  }

  /// The category or time labels under the plot, flat or turned, thinned to fit.
  static func categoryLabels(_ chart: Record.Chart, _ frame: Frame, into out: inout String) {
    out += "<g class=\"x-labels\">\n"
    for i in Swift.stride(from: 0, to: chart.count, by: frame.stride) {
      let x = frame.centre(i), y = frame.bottom + 16
      if frame.rotated {
        let (xs, ys) = (n(x + 3), n(y - 4))
        label(
          chart.label(i), chars: frame.maxChars, x: x + 3, y: y - 4, anchor: "end",
          transform: "rotate(-40 \(xs) \(ys))", into: &out)
      } else {
        label(chart.label(i), chars: frame.maxChars, x: x, y: y, anchor: "middle", into: &out)
      }
    }
    out += "</g>\n"
  }

  /// One legend entry: a sample mark (already SVG) and its words, laid left to right.
  typealias LegendItem = (mark: (Double, Double) -> String, text: String)

  static func legend(_ items: [LegendItem], _ frame: Frame, into out: inout String) {
    guard !items.isEmpty else { return }
    out += "<g class=\"legend\">"
    var x = frame.left
    for item in items {
      let text = HTMLText.shortened(item.text, to: 32)
      out += item.mark(x, frame.legendY - 4)
      out += "<text x=\"\(n(x + 26))\" y=\"\(n(frame.legendY))\">\(HTMLText.escape(text))</text>"
      x += 26 + Double(text.count) * charWidth + 22
    }
    out += "</g>\n"
  }

  /// Text cut to `chars` with `…`; when cut, wrapped in a group whose `<title>` has it all.
  static func label(
    _ text: String, chars: Int, x: Double, y: Double, cls: String? = nil, anchor: String? = nil,
    transform: String? = nil, into out: inout String
  ) {
    let flat = text.replacingNewlines(with: " ")
    let shown = HTMLText.shortened(flat, to: max(chars, 2))
    let cut = shown != flat
    if cut { out += "<g><title>\(HTMLText.escape(text))</title>" }
    out += "<text" + (cls.map { " class=\"\($0)\"" } ?? "") + " x=\"\(n(x))\" y=\"\(n(y))\""
    out += (anchor.map { " text-anchor=\"\($0)\"" } ?? "") + (transform.map { " transform=\"\($0)\"" } ?? "")
    out += ">\(HTMLText.escape(shown))</text>"
    out += cut ? "</g>\n" : "\n"
  }

  /// A coordinate to one decimal, without exponent or locale: `12`, `12.5`, `-3.2`.
  static func n(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let units = Int((x * 10).rounded())
    let whole = abs(units) / 10, tenth = abs(units) % 10
    return (units < 0 ? "-" : "") + String(whole) + (tenth == 0 ? "" : "." + String(tenth))
  }
}
