extension EvidenceTextRenderer {
  /// A bar of `value / maximum` of the bar width, in eighths of a block (or `#`).
  func bar(_ value: Double, of maximum: Double) -> String {
    guard maximum > 0, value > 0 else { return "" }
    // Both infinite (a sum past Double's range) is a full bar; a width past any screen is cut
    // to the bar's own width before it becomes an Int.
    let ratio = value / maximum
    let width = min(Double(options.barWidth) * (ratio.isNaN ? 1 : ratio), Double(max(options.barWidth, 1) * 4))
    guard options.unicode else { return String(repeating: "#", count: max(1, Int(width.rounded()))) }
    let eighths = max(1, Int((width * 8).rounded()))
    let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    return String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
  }

  /// Rows of label, figures and a bar, aligned.
  /// - Parameter between: whole lines set before the row of that index (the row count: after
  ///   the last), outside the columns: a timeline's folded run of empty periods.
  func barRows(
    _ rows: [(label: String, figures: [String], value: Double)], header: [String], between: [Int: String] = [:]
  ) -> String {
    let labels = TextWidth.labels(rows.map(\.label), maxWidth: options.maxCellWidth, unicode: options.unicode)
    let labelWidth = max(TextWidth.of(header.first ?? ""), labels.map(TextWidth.of).max() ?? 0)
    var widths = header.dropFirst().map(TextWidth.of)
    for r in rows { for (i, f) in r.figures.enumerated() { widths[i] = max(widths[i], TextWidth.of(f)) } }
    let maximum = rows.map(\.value).max() ?? 0
    var out =
      emphasis(
        TextWidth.pad(header[0], to: labelWidth) + "  "
          + header.dropFirst().enumerated().map { TextWidth.pad($1, to: widths[$0], right: true) }.joined(
            separator: "  ")) + "\n"
    for (i, r) in rows.enumerated() {
      if let line = between[i] { out += line + "\n" }
      out +=
        TextWidth.pad(labels[i], to: labelWidth) + "  "
        + r.figures.enumerated().map { TextWidth.pad($1, to: widths[$0], right: true) }.joined(separator: "  ")
        + "  " + bar(r.value, of: maximum) + "\n"
    }
    if let line = between[rows.count] { out += line + "\n" }
    return out
  }

  func pareto(_ p: ParetoChart) -> String {
    let measure = p.sumColumn.map { "sum of \($0)" } ?? "count"
    func f(_ x: Double) -> String { NumberFormat.decimal(x, places: p.decimals) }
    var out = "pareto of \(p.column) by \(measure): \(p.bars.count) categories, total \(f(p.total))\n"
    let rows = p.bars.map { b in
      (
        label: b.label, figures: [f(b.value), NumberFormat.percent(b.share), NumberFormat.percent(b.cumulative)],
        value: b.value
      )
    }
    let text = barRows(rows, header: [p.column, p.sumColumn ?? "count", "share", "cum."])
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let vital = p.bars.filter(\.vital).count
    if vital > 0 && vital < p.bars.count {
      let cut =
        (options.unicode ? "──── " : "---- ") + "80 % cut: the vital few above" + (options.unicode ? " ────" : " ----")
      lines.insert(cut, at: 1 + vital)
    }
    out += lines.joined(separator: "\n")
    if vital > 0 && vital < p.bars.count {
      out +=
        "vital few: \(vital) of \(p.bars.count) categories make \(NumberFormat.percent(p.bars[vital - 1].cumulative)) of the \(measure)\n"
    } else if vital > 0 {
      // Every category is needed to reach 80 %: there is no vital few to single out.
      out +=
        p.bars.count == 1
        ? "one category only: no vital few to single out\n"
        : "no vital few: all \(p.bars.count) categories are needed to reach 80 % of the \(measure)\n"
    }
    if p.skipped > 0 {
      out += "\(NumberFormat.integer(p.skipped)) rows left out: `\(p.sumColumn ?? "")` was not a number\n"
    }
    return out
  }

  func histogram(_ h: Histogram) -> String {
    guard !h.bins.isEmpty else {
      return "histogram of \(h.column): no numeric values (\(NumberFormat.integer(h.skipped)) rows skipped)\n"
    }
    let f = Self.atDataPrecision(places: h.decimals)
    var out =
      "histogram of \(h.column): \(counted(h.count, "value")), min \(f(h.minimum)), "
      + "mean \(Self.atDataPrecision(places: h.decimals + 1)(h.mean)), max \(f(h.maximum))\n"
    let edges = Self.binEdges(h)
    let rows = h.bins.enumerated().map { i, b in
      let close = h.lastClosed && i == h.bins.count - 1 ? "]" : ")"
      return (
        label: "[\(edges[i]), \(edges[i + 1])\(close)", figures: [NumberFormat.integer(b.count)], value: Double(b.count)
      )
    }
    out += barRows(rows, header: [h.column, "count"])
    if h.skipped > 0 { out += "\(NumberFormat.integer(h.skipped)) rows skipped: empty or not a number\n" }
    return out
  }

  /// A figure at the data's own decimals, unless those show none of its digits (8.1e-10 at 6
  /// places is `0.000000`): then with three significant digits.
  static func atDataPrecision(places: Int) -> (Double) -> String {
    { x in
      x != 0 && x.isFinite && NumberFormat.places(forSignificant: 1, of: x) > places
        ? NumberFormat.significant(x) : NumberFormat.decimal(x, places: places)
    }
  }

  /// The bins' edges, first to last, at the data's decimals when those tell every edge apart and
  /// show each one; otherwise read together (`NumberFormat.distinguished`).
  static func binEdges(_ h: Histogram) -> [String] {
    readTogether(h.bins.map(\.lower) + [h.bins[h.bins.count - 1].upper], places: h.decimals)
  }

  func timeline(_ t: Timeline) -> String {
    let total = t.points.reduce(0) { $0 + $1.count }
    var out =
      "timeline of \(t.column) per \(t.bucket.rawValue)\(t.bucket == .week ? " (weeks start on Monday)" : ""): "
      + "\(NumberFormat.integer(total)) rows in \(NumberFormat.integer(t.points.count)) \(t.bucket.rawValue)s\n"
    // Long runs of periods with no rows are one line each; the periods and counts stay whole.
    let lines = EmptyPeriods.lines(count: t.points.count) { t.points[$0].count == 0 }
    var shown: [(label: String, figures: [String], value: Double)] = []
    var between: [Int: String] = [:]
    let dots = options.unicode ? "…" : "..."
    for line in lines {
      switch line {
      case .period(let i):
        let p = t.points[i]
        shown.append((label: p.label, figures: [NumberFormat.integer(p.count)], value: Double(p.count)))
      case .empty(let run):
        between[shown.count] =
          "\(dots) " + EmptyPeriods.phrase(run, unit: t.bucket) { t.points[$0].label } + " \(dots)"
      }
    }
    out += barRows(shown, header: [t.bucket.rawValue, "count"], between: between)
    let unit = t.bucket.rawValue
    let folded = between.isEmpty ? "" : "; runs of \(EmptyPeriods.foldFrom) or more as one line"
    out +=
      t.empty == 0
      ? "no empty \(unit)s\n"
      : "\(NumberFormat.integer(t.empty)) of \(NumberFormat.integer(t.points.count)) \(unit)s had no rows"
        + " (shown as 0\(folded))\n"
    if t.weekendsLeftOut { out += "Saturdays and Sundays left out: no row of \(t.column) falls on one\n" }
    if t.skipped > 0 { out += "\(NumberFormat.integer(t.skipped)) rows skipped: empty or not a date/time\n" }
    return out
  }
}
