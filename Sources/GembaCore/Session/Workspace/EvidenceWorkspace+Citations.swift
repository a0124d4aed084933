/// What a citation keeps besides its text: the chart a cited query drew, and the
/// cited rows that carry a time.
extension EvidenceWorkspace {
  /// The cited rows that carry a date or time (the first such column), for the timeline.
  static func moments(_ ref: EvidenceReference, in table: EvidenceTable) -> [CitedMoment] {
    guard let rows = ref.rows, let column = table.columnTypes.firstIndex(of: .dateTime) else { return [] }
    let others = table.columns.indices.filter { $0 != column }.prefix(4)
    return rows.prefix(50).compactMap { row in
      let text = table.cell(row: row - 1, column: column)
      guard let time = EventTime(text.count > 19 ? String(text.prefix(19)) : text) else { return nil }
      let summary = others.map { table.cell(row: row - 1, column: $0) }.filter { !$0.isEmpty }.joined(separator: " · ")
      return CitedMoment(when: text, sortKey: time.sortKey, text: "\(ref.name)#\(row): \(summary)")
    }
  }

  /// The cited rows as data: every column of each row (at most 200 rows are kept).
  static func rows(_ reference: EvidenceReference, in table: EvidenceTable) -> CitedTable? {
    let rows = reference.rows ?? 1...min(table.rowCount, 20)
    guard !rows.isEmpty, rows.upperBound <= table.rowCount else { return nil }
    let kept = rows.prefix(200)
    return CitedTable(
      columns: table.columns,
      rows: kept.map { row in table.columns.indices.map { table.cell(row: row - 1, column: $0) } },
      rowNumbers: Array(kept), totalRows: rows.count)
  }

  /// A query's result as data, when it is a table or a count (charts are kept as `CitedChart`).
  static func table(_ result: QueryResult) -> CitedTable? {
    switch result {
    case .noted(let inner, _):
      return table(inner)
    case .rows(let t):
      return CitedTable(columns: t.columns, rows: t.rows, rowNumbers: t.rowNumbers, totalRows: t.totalRows)
    case .count(let n):
      return CitedTable(columns: ["count"], rows: [[String(n)]], rowNumbers: nil, totalRows: 1)
    case .crossTab(let x):
      return CitedTable(
        columns: [x.rowColumn] + x.columnValues + ["total"],
        rows: x.rowValues.indices.map { r in [x.rowValues[r]] + x.counts[r].map(String.init) + [String(x.rowTotals[r])]
        }
          + [["total"] + x.columnTotals.map(String.init) + [String(x.total)]],
        rowNumbers: nil, totalRows: x.rowValues.count + 1)
    case .comparison(let c):
      return comparisonTable(c)
    case .grep(let g):
      return CitedTable(
        columns: ["line", "text"], rows: g.matches.map { [String($0.line), $0.text] },
        rowNumbers: g.matches.map(\.row), totalRows: g.total)
    case .pareto, .histogram, .timeline, .spc, .controlChart, .capability:
      return nil
    }
  }

  /// A comparison's groups as data: shares, a cross-tab's counts, or a measure's summary.
  static func comparisonTable(_ c: GroupComparison) -> CitedTable {
    func m(_ x: Double) -> String { NumberFormat.decimal(x, places: c.precision + 1) }
    var columns: [String], rows: [[String]]
    switch c.test {
    case .proportions(let t):
      columns = [c.groupColumn, "meets", "of", "share"]
      rows = zip(c.groups, [t.first, t.second]).map {
        [$0, String($1.successes), String($1.total), NumberFormat.share($1.share)]
      }
    case .crossTab(let t):
      columns = [c.groupColumn] + t.columnLabels
      rows = t.observed.indices.map { i in [t.rowLabels[i]] + t.observed[i].map(String.init) }
    case .twoMeasures(let w, _, let medians):
      columns = [c.groupColumn, "n", "mean", "sd", "median"]
      rows = [w.first, w.second].enumerated().map { i, s in
        [c.groups[i], String(s.count), m(s.mean), m(s.standardDeviation), m(medians[i])]
      }
    case .manyMeasures(let a, _, let medians):
      columns = [c.groupColumn, "n", "mean", "sd", "median"]
      rows = a.groups.enumerated().map { i, s in
        [c.groups[i], String(s.count), m(s.mean), m(s.standardDeviation), m(medians[i])]
      }
    }
    return CitedTable(columns: columns, rows: rows, rowNumbers: nil, totalRows: rows.count)
  }

  /// A chart result as numbers, for the record to draw.
  static func chart(_ result: QueryResult) -> CitedChart? {
    switch result {
    case .noted(let inner, _):
      return chart(inner)
    case .pareto(let p):
      return CitedChart(
        kind: .pareto, title: p.sumColumn.map { "\($0) by \(p.column)" } ?? p.column,
        measure: p.sumColumn.map { .sum(column: $0) } ?? .count, labels: p.bars.map(\.label),
        values: p.bars.map(\.value), cumulative: p.bars.map(\.cumulative),
        flagged: p.bars.indices.filter { p.bars[$0].vital })
    case .spc(let c):
      return CitedChart(
        kind: .control, title: "\(c.column) per \(c.pointKind)", measure: .values(column: c.column),
        labels: Array(c.labels),
        values: c.values, centre: c.mean, upper: c.upperLimit, lower: c.lowerLimit,
        flagged: Array(Set(c.signals.map(\.point))).sorted())
    case .timeline(let t):
      return CitedChart(
        kind: .timeline, title: "\(t.column) per \(t.bucket.rawValue)", measure: .count, labels: t.points.map(\.label),
        values: t.points.map { Double($0.count) })
    case .controlChart(let r):
      if let run = r.run {
        var c = CitedChart(
          kind: .control, title: "\(r.column) per \(r.pointKind) (run chart)",
          measure: .values(column: r.column), labels: Array(run.labels), values: run.values,
          centre: run.median)
        c.tests = []
        return c
      }
      guard let location = r.location else { return nil }
      let places = EvidenceTextRenderer().statisticPlaces(r)
      var c = shewhart(
        location, title: "\(r.column) per \(r.pointKind): \(location.kind.rawValue) chart, \(location.rules.name)",
        measure: .values(column: r.column))
      c.places = places.location
      c.baseline = r.baselinePoints.flatMap { baseline(location, $0) }
      c.spread = r.spread.map { spread in
        var s = shewhart(
          spread, title: "\(spread.kind.rawValue) chart", measure: .spread(statistic: spread.kind.rawValue))
        s.places = places.spread
        s.baseline = r.baselinePoints.flatMap { baseline(spread, $0) }
        return [s]
      }
      return c
    case .capability(let r):
      let h = r.histogram
      var c = CitedChart(
        kind: .histogram, title: "\(h.column) against its specification limits", measure: .count,
        labels: h.bins.map {
          "\(NumberFormat.compact($0.lower, maxPlaces: 6))–\(NumberFormat.compact($0.upper, maxPlaces: 6))"
        },
        values: h.bins.map { Double($0.count) })
      c.specLower = r.study.lowerSpec
      c.specUpper = r.study.upperSpec
      c.places = r.precision
      return c
    case .histogram(let h):
      // Edges as the shell shows them when 4 places would hide them (values near 8e-10).
      let edges = h.bins.map(\.lower) + (h.bins.last.map { [$0.upper] } ?? [])
      var texts = edges.map { NumberFormat.compact($0) }
      if edges.contains(where: { $0 != 0 && NumberFormat.places(forSignificant: 1, of: $0) > 4 })
        || Set(texts).count < Set(edges).count
      {
        texts = NumberFormat.distinguished(edges)
      }
      return CitedChart(
        kind: .histogram, title: h.column, measure: .count,
        labels: h.bins.indices.map { "\(texts[$0])–\(texts[$0 + 1])" },
        values: h.bins.map { Double($0.count) })
    case .rows, .count, .crossTab, .comparison, .grep:
      return nil
    }
  }
}

extension EvidenceWorkspace {
  /// `compare 98/584 16/136`.
  static func compare(_ shares: TypedShares) throws(Diagnostic) -> QueryResult {
    do throws(Diagnostic) {
      let test = try TwoProportionTest(
        shares.first.successes, of: shares.first.total, shares.second.successes, of: shares.second.total)
      return .comparison(
        GroupComparison(
          title:
            "\(shares.first.successes)/\(shares.first.total) with \(shares.second.successes)/\(shares.second.total)",
          groupColumn: "group", groups: ["first", "second"], test: .proportions(test), precision: 0, skipped: 0))
    } catch {
      throw Diagnostic.error(error.code, error.message, at: shares.span, notes: error.notes)
    }
  }

  /// A Shewhart chart as numbers: per-point limits when they vary, stages, the tests broken.
  static func shewhart(_ chart: ShewhartChart, title: String, measure: ChartMeasure) -> CitedChart {
    let flagged = chart.flagged
    let points = flagged.keys.sorted()
    var c = CitedChart(
      kind: .control, title: title, measure: measure, labels: Array(chart.labels), values: chart.values,
      centre: chart.centers.first, upper: chart.uppers.first, lower: chart.lowers.first, flagged: points)
    c.tests = points.map { flagged[$0]!.map(String.init).joined(separator: ", ") }
    if chart.limitsVary {
      (c.centres, c.uppers, c.lowers) = (Array(chart.centers), Array(chart.uppers), Array(chart.lowers))
    }
    if chart.stages.count > 1 || chart.stages.first?.label != nil {
      c.stageStarts = chart.stages.map(\.points.lowerBound)
      c.stageLabels = chart.stages.map { $0.label ?? "" }
    }
    return c
  }

  /// The chart's points inside a baseline of the location chart's points: a moving range when both
  /// its ends are inside, a subgroup's range or S when its subgroup is.
  static func baseline(_ chart: ShewhartChart, _ points: Range<Int>) -> Range<Int>? {
    let from = chart.kind == .movingRange ? points.lowerBound + 1 : points.lowerBound
    guard let first = chart.positions.firstIndex(where: { $0 >= from && $0 < points.upperBound }),
      let last = chart.positions.lastIndex(where: { $0 >= from && $0 < points.upperBound })
    else { return nil }
    return first..<(last + 1)
  }

  static func capabilityMethod(_ sigma: WithinSigma) -> String {
    CitedStatistics.capabilityMethod(sigma: sigma == .movingRange ? "I-MR" : sigma == .sBar ? "X̄-S" : "X̄-R")
  }

  /// What a cited statistic decided, for `check` and the record.
  static func statistics(_ result: QueryResult) -> CitedStatistics? {
    switch result {
    case .comparison(let c):
      return CitedStatistics(
        method: c.method, pValue: c.verdict.pValue, alpha: c.verdict.alpha, significant: c.verdict.isSignificant,
        verdict: c.verdict.sentence, warnings: c.warnings.map(\.message))
    case .controlChart(let c):
      return CitedStatistics(method: c.rulesName, inControl: c.inControl, warnings: c.warnings.map(\.message))
    case .capability(let c):
      return CitedStatistics(
        method: capabilityMethod(c.study.sigmaMethod),
        pValue: c.study.normality.pValue, alpha: 0.05, inControl: c.study.inControl,
        warnings: c.study.warnings.map(\.message))
    case .noted(let inner, _):
      // What a stage noted (rows left out for want of a date) does not change what was decided.
      return statistics(inner)
    case .rows, .count, .crossTab, .pareto, .histogram, .timeline, .spc, .grep:
      return nil
    }
  }
}
