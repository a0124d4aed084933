extension EvidenceTextRenderer {
  /// The XmR chart: limits, then one line per point (the last 60), then the rule breaks.
  func controlChart(_ c: ControlChart) -> String {
    let u = options.unicode
    var out =
      "XmR chart of \(c.column) (one point per \(c.pointKind)): \(NumberFormat.integer(c.points.count)) points\n"
    if c.noVariation {
      out += NoVariation(count: c.values.count, value: c.values[0], kind: .values).sentence() + "\n"
      if c.skipped > 0 { out += "\(NumberFormat.integer(c.skipped)) rows skipped: empty or not a number\n" }
      return out
    }
    // Centre and limits read together, printed apart (3 significant digits at least); the
    // moving-range centre and limit likewise; σ to 3 significant digits.
    // At least the places `--chart imr` gives them (the data's, at least 1): both print the same figures.
    let lines = Self.figures([c.mean, c.upperLimit, c.lowerLimit], atLeast: max(c.decimals, 1))
    let ranges = Self.figures([c.averageMovingRange, c.movingRangeUpper], atLeast: max(c.decimals, 1))
    // Means per period are shown to the places their limits need (a 0/1 column's weekly
    // shares are not all 0.0); values and counts to their own.
    let pointPlaces =
      c.meaning == .mean
      ? max(c.decimals, NumberFormat.places(distinguishing: [c.mean, c.upperLimit, c.lowerLimit])) : c.decimals
    func f(_ x: Double) -> String { NumberFormat.decimal(x, places: pointPlaces) }
    out +=
      "  centre \(u ? "X̄" : "mean") = \(lines[0])   \(u ? "MR̄" : "mean moving range") = \(ranges[0])"
      + "   UCL = \(lines[1])   LCL = \(lines[2])   \(u ? "σ ≈" : "sigma ~") \(NumberFormat.significant(c.sigma))\n"
    // Its moving-range chart: MR̄ with the upper limit D₄MR̄ (exact D₄ = 3.2665 for ranges of 2).
    var wide = 0
    for i in c.values.indices.dropFirst() where abs(c.values[i] - c.values[i - 1]) > c.movingRangeUpper { wide += 1 }
    out +=
      "  moving range: centre \(u ? "MR̄" : "MRbar") = \(ranges[0])   UCL = \(ranges[1])   "
      + (wide == 0 ? "no range beyond it" : "\(NumberFormat.integer(wide)) \(wide == 1 ? "range" : "ranges") beyond it")
      + "\n"
    let signalled = Set(c.signals.map(\.point))
    let shown = 60
    let first = max(0, c.points.count - shown)
    if first > 0 { out += "  (showing the last \(shown) of \(NumberFormat.integer(c.points.count)) points)\n" }
    let values = c.values[first...]
    let lo = min(c.lowerLimit, values.min() ?? c.lowerLimit)
    let hi = max(c.upperLimit, values.max() ?? c.upperLimit)
    let width = 41
    func column(_ x: Double) -> Int { PlotScale.column(x, lo: lo, hi: hi, width: width) }
    let labelWidth = c.points[first...].map { TextWidth.of($0.label) }.max() ?? 0
    var axis = [Character](repeating: " ", count: width)
    axis[column(c.lowerLimit)] = u ? "┊" : ":"
    axis[column(c.upperLimit)] = u ? "┊" : ":"
    axis[column(c.mean)] = u ? "│" : "|"
    for i in first..<c.points.count {
      var line = axis
      line[column(c.points[i].value)] = signalled.contains(i) ? (u ? "◆" : "X") : (u ? "●" : "o")
      out +=
        "  " + TextWidth.pad(c.points[i].label, to: labelWidth) + " " + String(line) + " " + f(c.points[i].value) + "\n"
    }
    let ruleSet = c.rules == .westernElectric ? "Western Electric" : "Nelson"
    if c.signals.isEmpty {
      out += "no points break the \(ruleSet) rules\n"
    } else {
      out += "points breaking the \(ruleSet) rules:\n"
      let rules = Array(Set(c.signals.map(\.rule))).sorted()
      for rule in rules {
        let hits = c.signals.filter { $0.rule == rule }
        let listed = hits.prefix(12).map { "\(c.points[$0.point].label) (\(f(c.points[$0.point].value)))" }.joined(
          separator: ", ")
        out += "  rule \(rule), \(hits[0].description): \(listed)"
        out += hits.count > 12 ? ", and \(NumberFormat.integer(hits.count - 12)) more\n" : "\n"
      }
    }
    if let v = c.verdict { out += "whole process: \(v.summary(unicode: options.unicode))\n" }
    for w in c.warnings { out += "warning: \(w.message)\n" }
    if c.skipped > 0 { out += "\(NumberFormat.integer(c.skipped)) rows skipped: empty or not a number\n" }
    return out
  }
}
