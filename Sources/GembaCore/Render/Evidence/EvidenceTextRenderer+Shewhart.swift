extension EvidenceTextRenderer {
  /// `spc --chart`: the limits of each chart (per stage), the points (the last 60), the
  /// points that signal with the test each breaks, the rule set, overdispersion and warnings.
  func controlChart(_ r: ControlChartResult) -> String {
    if let run = r.run { return runChart(run, r) }
    if let none = r.noVariation {
      var out = "\(chartTitle(r)) of \(r.column) (one point per \(r.pointKind))\n" + none.sentence() + "\n"
      if r.skipped > 0 { out += "\(NumberFormat.integer(r.skipped)) rows skipped: empty or not a number\n" }
      return out + undatedLine(r)
    }
    guard let location = r.location else { return "" }
    var out =
      "\(chartTitle(r)) of \(r.column) (one point per \(r.pointKind)): \(NumberFormat.integer(location.count)) points · \(location.rules.name)\n"
    let places = statisticPlaces(r)
    out += limits(location, atLeast: places.location)
    if let spread = r.spread { out += limits(spread, atLeast: places.spread) }
    if let b = r.baseline {
      out += "  limits from the baseline \(b) (points marked `b`); the points after it are judged against them\n"
    }
    out += plot(location, places: places.location)
    out += signals(location, places: places.location)
    if let spread = r.spread, !spread.signals.isEmpty { out += signals(spread, places: places.spread) }
    if location.signals.isEmpty && (r.spread?.signals.isEmpty ?? true) {
      out += "no points break \(location.rules.name)\n"
    }
    if let v = location.verdict { out += "whole process: \(v.summary(unicode: options.unicode))\n" }
    if let d = location.dispersion {
      // The figure and its p-value are the same statistic, Σz²/(m − 1) (σz is Laney's multiplier, shown with the limits).
      out +=
        "dispersion: Σz²/df = \(NumberFormat.significant(d.varianceRatio)) (1 under the \(r.chart.countsDefectives ? "binomial" : "Poisson") model), "
        + "χ² p\(Self.pValue(d.pValue))"
        + (d.overdispersed ? ": overdispersion detected" : d.underdispersed ? ": underdispersed" : ": none detected")
        + "\n"
    }
    for w in r.warnings { out += "warning: \(w.message)\n" + w.notes.map { "  \($0)\n" }.joined() }
    if r.skipped > 0 { out += "\(NumberFormat.integer(r.skipped)) rows skipped: empty or not a number\n" }
    out += undatedLine(r)
    return out
  }

  /// Rows a `--by` chart left out for want of a date (empty when none).
  func undatedLine(_ r: ControlChartResult) -> String {
    guard r.undated > 0, let column = r.dateColumn else { return "" }
    return
      "\(NumberFormat.integer(r.undated)) \(r.undated == 1 ? "row" : "rows") left out: no date in `\(column)` to place \(r.undated == 1 ? "it" : "them") in a \(r.pointKind)\n"
  }

  /// Figures read together (`NumberFormat.distinguished`), never with fewer places than the points
  /// they are compared with: limits of 3-decimal data keep 3 decimals even when 2 tell them apart.
  static func figures(_ values: [Double], atLeast places: Int) -> [String] {
    let odd = values.contains {
      $0 != 0 && (abs($0) < NumberFormat.scientificBelow || abs($0) >= NumberFormat.scientificAbove)
    }
    guard !odd else { return NumberFormat.distinguished(values) }
    let shared = max(places, NumberFormat.places(distinguishing: values))
    return values.map { NumberFormat.decimal($0, places: shared) }
  }

  /// "I-MR chart", "X̄-R chart", "Laney p′ chart".
  func chartTitle(_ r: ControlChartResult) -> String {
    let u = options.unicode
    switch r.chart {
    case .imr: return "I-MR chart"
    case .xbarR: return u ? "X̄-R chart" : "Xbar-R chart"
    case .xbarS: return u ? "X̄-S chart" : "Xbar-S chart"
    case .laneyP: return u ? "Laney p′ chart" : "Laney p' chart"
    case .laneyU: return u ? "Laney u′ chart" : "Laney u' chart"
    case .p, .np, .c, .u, .run: return "\(r.chart.rawValue) chart"
    }
  }

  /// Decimals for the plotted statistic and for σ and the spread chart.
  func statisticPlaces(_ r: ControlChartResult) -> (location: Int, spread: Int) {
    switch r.chart {
    case .p, .laneyP, .u, .laneyU:
      // Shares and rates to the places their centre and limits need (a p chart near 6e-5 is not all 0.0001).
      guard let c = r.location, c.count > 0 else { return (4, 4) }
      let places = max(
        4,
        NumberFormat.places(
          distinguishing: [c.centers.min()!, c.centers.max()!, c.lowers.max()!, c.uppers.min()!, c.uppers.max()!]))
      return (places, places)
    case .np, .c: return (2, 2)
    case .imr, .xbarR, .xbarS, .run: return (max(r.precision, 1), r.precision + 1)
    }
  }

  /// Each stage's centre and limits, read together and printed apart (`NumberFormat.distinguished`),
  /// σ to three significant digits.
  private func limits(_ c: ShewhartChart, atLeast places: Int) -> String {
    let name = chartName(c.kind)
    var out = ""
    for stage in c.stages where !stage.points.isEmpty {
      let i = stage.points.lowerBound
      let varying = stage.points.contains { c.lowers[$0] != c.lowers[i] || c.uppers[$0] != c.uppers[i] }
      var line = "  \(name): "
      if let label = stage.label {
        // Numbered as the chart numbers its points: an MR stage starts at its first range's second point.
        let first = c.positions[stage.points.lowerBound] + 1, last = c.positions[stage.points.upperBound - 1] + 1
        line += "stage \(label) (\(first == last ? "point \(first)" : "points \(first)–\(last)")): "
      }
      if varying {
        let lowers = c.lowers[stage.points], uppers = c.uppers[stage.points]
        let f = Self.figures(
          [stage.center, lowers.min()!, lowers.max()!, uppers.min()!, uppers.max()!], atLeast: places)
        line += "centre \(f[0])   limits per point (sample sizes vary): LCL \(f[1])…\(f[2]), UCL \(f[3])…\(f[4])"
      } else {
        let f = Self.figures([stage.center, c.lowers[i], c.uppers[i]], atLeast: places)
        line += "centre \(f[0])   LCL \(f[1])   UCL \(f[2])"
      }
      if let s = stage.sigma, [.individuals, .mean].contains(c.kind) {
        line += "   σ \(NumberFormat.significant(s))"
      }
      if let s = stage.sigma, [.laneyP, .laneyU].contains(c.kind) {
        line += "   σz \(NumberFormat.significant(s))"
      }
      if stage.basedOn != stage.points.count {
        line += "   (from \(stage.basedOn) \(stage.basedOn == 1 ? "point" : "points"))"
      }
      out += line + "\n"
    }
    return out
  }

  func chartName(_ kind: ShewhartChart.Kind) -> String {
    let u = options.unicode
    switch kind {
    case .individuals: return "I"
    case .movingRange: return "MR"
    case .mean: return u ? "X̄" : "Xbar"
    case .range: return "R"
    case .standardDeviation: return "S"
    case .laneyP: return u ? "p′" : "p'"
    case .laneyU: return u ? "u′" : "u'"
    case .p, .np, .c, .u: return kind.rawValue
    }
  }

  /// One line per point (the last 60): label, a dot between its limits, the value.
  private func plot(_ c: ShewhartChart, places: Int) -> String {
    let u = options.unicode
    func f(_ x: Double) -> String { NumberFormat.decimal(x, places: places) }
    let shown = 60, first = max(0, c.count - shown)
    var out = first > 0 ? "  (showing the last \(shown) of \(NumberFormat.integer(c.count)) points)\n" : ""
    let range = first..<c.count
    let lo = min(c.lowers[range].min() ?? 0, c.values[range].min() ?? 0)
    let hi = max(c.uppers[range].max() ?? 0, c.values[range].max() ?? 0)
    let width = 41
    func col(_ x: Double) -> Int { PlotScale.column(x, lo: lo, hi: hi, width: width) }
    let labelWidth = c.labels[range].map { TextWidth.of($0) }.max() ?? 0
    // The tests broken by the points shown (not a table of every signal of a million points).
    var flagged: [Int: [Int]] = [:]
    for s in c.signals where range.contains(s.point) { flagged[s.point, default: []].append(s.rule) }
    let baseline = c.stages.count == 1 && c.stages[0].baseline != c.stages[0].points ? c.stages[0].baseline : nil
    var stageOf = [Int: String]()
    for s in c.stages where s.label != nil && s.points.lowerBound > 0 { stageOf[s.points.lowerBound] = s.label }
    for i in range {
      if let label = stageOf[i] {
        out += "  " + String(repeating: u ? "─" : "-", count: labelWidth + 1) + " stage \(label)\n"
      }
      var line = [Character](repeating: " ", count: width)
      line[col(c.lowers[i])] = u ? "┊" : ":"
      line[col(c.uppers[i])] = u ? "┊" : ":"
      line[col(c.centers[i])] = u ? "│" : "|"
      line[col(c.values[i])] = flagged[i] != nil ? (u ? "◆" : "X") : (u ? "●" : "o")
      let mark = baseline?.contains(i) == true ? " b" : ""
      out +=
        "  " + TextWidth.pad(c.labels[i], to: labelWidth) + " " + String(line) + " " + f(c.values[i])
        + (flagged[i].map { "  test " + $0.map(String.init).joined(separator: ", ") } ?? "") + mark + "\n"
    }
    return out
  }

  private func signals(_ c: ShewhartChart, places: Int) -> String {
    guard !c.signals.isEmpty else { return "" }
    func f(_ x: Double) -> String { NumberFormat.decimal(x, places: places) }
    var out = "\(chartName(c.kind)) chart points breaking \(c.rules.name):\n"
    for rule in Array(Set(c.signals.map(\.rule))).sorted() {
      let hits = c.signals.filter { $0.rule == rule }
      let listed = hits.prefix(12).map { "\(c.labels[$0.point]) (\(f(c.values[$0.point])))" }.joined(separator: ", ")
      out +=
        "  test \(rule), \(hits[0].description): \(listed)"
        + (hits.count > 12 ? ", and \(NumberFormat.integer(hits.count - 12)) more\n" : "\n")
    }
    return out
  }

  private func runChart(_ run: RunChart, _ r: ControlChartResult) -> String {
    func f(_ x: Double) -> String { NumberFormat.decimal(x, places: max(r.precision, 1)) }
    var out =
      "run chart of \(r.column) (one point per \(r.pointKind)): \(NumberFormat.integer(run.values.count)) points, median \(f(run.median))\n"
    out +=
      "  runs about the median: \(run.runsAboutMedian) (expected \(NumberFormat.decimal(run.expectedRunsAboutMedian, places: 1)), longest \(run.longestRunAboutMedian))"
      + " · clustering p\(Self.pValue(run.clusteringP)), mixtures p\(Self.pValue(run.mixturesP))\n"
    out +=
      "  runs up or down: \(run.runsUpOrDown) (expected \(NumberFormat.decimal(run.expectedRunsUpOrDown, places: 1)), longest \(run.longestRunUpOrDown))"
      + " · trends p\(Self.pValue(run.trendsP)), oscillation p\(Self.pValue(run.oscillationP))\n"
    let patterns = run.patterns()
    out +=
      patterns.isEmpty
      ? "no clustering, mixtures, trends or oscillation at the 5 % level: the runs look random\n"
      : "patterns at the 5 % level: " + patterns.joined(separator: ", ") + "\n"
    for w in run.warnings { out += "warning: \(w.message)\n" }
    if r.skipped > 0 { out += "\(NumberFormat.integer(r.skipped)) rows skipped: empty or not a number\n" }
    out += undatedLine(r)
    return out
  }
}
