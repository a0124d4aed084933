extension ChartBuilder {
  /// The first and last date of `column` over every row of the evidence the relation views
  /// (`timeline … --span evidence`): what the file covers, not what matched.
  /// `through`: the start of the last day the evidence covers, when that is later than its last row.
  static func evidenceRange(_ relation: Relation, column: Int, span: SourceSpan, through: Double? = nil)
    throws(Diagnostic) -> (Double, Double)?
  {
    guard case .view(let table, _, _) = relation else {
      throw Diagnostic.error(
        .querySyntax,
        "`--span evidence` needs the evidence's own rows; put the timeline before stages that build a new table",
        at: span)
    }
    let reader = table.reader(column)
    var lo = Double.infinity, hi = -Double.infinity
    Relation.view(table, rows: nil, columns: [column]).forEachValue(column: column) { _, p, n in
      if let t = reader.instant(p, n) { lo = min(lo, t); hi = max(hi, t) }
    }
    guard lo <= hi else { return nil }
    return (lo, max(hi, through ?? hi))
  }

  static func timeline(
    _ relation: Relation, column: Int, name: String, every: TimeBucket?, span: SourceSpan,
    wholeRange: (Double, Double)? = nil
  ) throws(Diagnostic) -> Timeline {
    var times: [Double] = []
    var skipped = 0
    let reader = relation.reader(column)
    relation.forEachValue(column: column) { _, p, n in
      if let t = reader.instant(p, n) { times.append(t) } else { skipped += 1 }
    }
    guard let lo = times.min() ?? wholeRange?.0, let hi = times.max() ?? wholeRange?.1 else {
      throw Diagnostic.error(
        .noDates, "`\(name)` has no date/time values to put on a timeline", at: span,
        notes: ["dates look like 2026-03-01 or 2026-03-01T10:04:11Z; `evidence` shows each column's type"])
    }
    // The periods span the rows that reached the timeline (after any `where`); whether
    // weekends count is a property of the whole column.
    let profile = relation.timeProfile(column: column)
    if let every {
      try TimeBuckets.requireTimeOfDay(times, for: every, column: name, option: "--every", span: span)
    }
    var bucket = every ?? TimeBuckets.automatic(from: min(lo, wholeRange?.0 ?? lo), to: max(hi, wholeRange?.1 ?? hi))
    // Two days of dates alone are two days, not 48 hours with two midnights in them.
    if every == nil && bucket == .hour && TimeBuckets.datesOnly(times) { bucket = .day }
    let weekends = profile?.weekends ?? true
    guard let counts = TimeBuckets.counts(times, bucket, span: wholeRange ?? (lo, hi), weekends: weekends) else {
      throw Diagnostic.error(
        .resultTooLarge, "`\(name)` spans too long for one point per \(bucket.rawValue) (over 5,000 points)", at: span,
        notes: ["use a longer `--every`, or narrow the rows with `where` first"])
    }
    return Timeline(
      column: name, bucket: bucket,
      points: counts.map { Timeline.Point(label: TimeBuckets.label($0.0, bucket), start: $0.0, count: $0.1) },
      skipped: skipped, empty: counts.filter { $0.1 == 0 }.count, weekendsLeftOut: !weekends && bucket == .day)
  }

  /// Points for `spc`: each row's value; or with `--by`, per day/week the count of a date column,
  /// or the mean of a numeric column (bucketed by the first date/time column).
  static func controlChart(
    _ relation: Relation, column: Int, by: TimeBucket?, rules: ControlRules,
    span: SourceSpan, evidence: String
  ) throws(Diagnostic) -> ControlChart {
    let name = relation.name(of: column)
    var skipped = 0
    var points: [ControlChart.Point] = []  // by period: each labelled as it is made
    var pointValues: [Double] = [], pointLabels: ChartLabels?  // by row: numbers, and labels made when read
    var kind = "row"
    var meaning = ControlChart.PointMeaning.value
    var written: Int?  // the column's precision, when the pass over it found it
    if let by {
      kind = by.rawValue
      if relation.type(of: column) == .dateTime {
        var times: [Double] = []
        let reader = relation.reader(column)
        relation.forEachValue(column: column) { _, p, n in
          if let t = reader.instant(p, n) { times.append(t) } else { skipped += 1 }
        }
        try TimeBuckets.requireTimeOfDay(times, for: by, column: name, option: "--by", span: span)
        let profile = relation.timeProfile(column: column)
        guard let counts = TimeBuckets.counts(times, by, weekends: profile?.weekends ?? true) else {
          throw Diagnostic.error(
            .resultTooLarge, "`\(name)` spans too long for one point per \(by.rawValue)", at: span,
            notes: [by == .hour ? "use `--by day`" : "use `--by week`"])
        }
        points = counts.map { ControlChart.Point(label: TimeBuckets.label($0.0, by), value: Double($0.1)) }
        kind = "count per \(by.rawValue)"
        meaning = .count
      } else {
        guard let timeColumn = relation.columnIndices.first(where: { relation.type(of: $0) == .dateTime }) else {
          throw Diagnostic.error(
            .noDates, "`spc --by \(by.rawValue)` needs a date/time column in \(evidence) to group by", at: span,
            notes: ["without `--by`, every row is a point"])
        }
        var times: [Double?] = []
        let timeReader = relation.reader(timeColumn)
        let valueReader = relation.reader(column)
        relation.forEachValue(column: timeColumn) { _, p, n in times.append(timeReader.instant(p, n)) }
        try TimeBuckets.requireTimeOfDay(
          times.map { $0 ?? .nan }, for: by, column: relation.name(of: timeColumn), option: "--by", span: span)
        var sums: [Double: (Double, Int)] = [:]
        relation.forEachValue(column: column) { row, p, n in
          guard let v = valueReader.number(p, n), let t = times[row] else { skipped += 1; return }
          let b = TimeBuckets.start(of: t, by)
          let s = sums[b] ?? (0, 0)
          sums[b] = (s.0 + v, s.1 + 1)
        }
        points = sums.keys.sorted().map {
          ControlChart.Point(label: TimeBuckets.label($0, by), value: sums[$0]!.0 / Double(sums[$0]!.1))
        }
        kind = "mean per \(by.rawValue) of \(relation.name(of: timeColumn))"
        meaning = .mean
      }
    } else {
      // A point per row, labelled by its row (`Relation.rowLabels`); `positions` are the rows kept
      // (read only when some were skipped).
      var positions: [Int] = []
      let reader = relation.reader(column)
      let mark: UInt8 = {
        if case .number(let p) = reader.format { return p.decimalMark }; return 46
      }()
      var decimals = 0
      // One pass: each row's number and the decimals written (as `precision` reads them), so the
      // column is not read a second time.
      if case .view(let table, let rows, _) = relation, let numeric = table.numericColumn(column) {
        // A numeric column read once per table (standard format, so `mark` is the point): the
        // flags first, then the numbers, unless every row of the table is one: the chart then
        // takes the column's own array (a million values are not copied).
        let row = { (position: Int) in rows.map { Int($0[position]) } ?? position }
        for position in 0..<relation.rowCount {
          let r = row(position)
          let f = numeric.flags[r]
          if f & NumericColumn.isEmpty == 0, numeric.written[r] != NumericColumn.notExact {
            decimals = max(decimals, Int(numeric.written[r]))
          }
          if f & NumericColumn.isNumber == 0 { skipped += 1 }
        }
        if rows == nil && skipped == 0 {
          pointValues = numeric.values
        } else {
          pointValues.reserveCapacity(relation.rowCount - skipped)
          positions.reserveCapacity(relation.rowCount - skipped)
          for position in 0..<relation.rowCount {
            let r = row(position)
            guard numeric.flags[r] & NumericColumn.isNumber != 0 else { continue }
            pointValues.append(numeric.values[r])
            positions.append(position)
          }
        }
      } else {
        relation.forEachValue(column: column) { position, p, n in
          if n > 0, let d = WrittenDecimals.written(p, n, mark: mark) { decimals = max(decimals, d) }
          guard let v = reader.number(p, n) else { skipped += 1; return }
          pointValues.append(v)
          positions.append(position)
        }
      }
      pointLabels = skipped == 0 ? relation.rowLabels : relation.rowLabels.at(positions)
      written = min(decimals, 6)
    }
    let count = pointLabels == nil ? points.count : pointValues.count
    try withinDoubleRange(pointLabels == nil ? points.map(\.value) : pointValues, count: count, name: name, span: span)
    guard count >= 2 else {
      throw Diagnostic.error(
        .tooFewValues, "`spc` needs at least 2 numeric points in `\(name)`; found \(count)",
        at: span,
        notes: ["`histogram` or `count by` may suit a column with few values"])
    }
    var chart =
      pointLabels.map {
        ControlChart(
          column: name, pointKind: kind, meaning: meaning, values: pointValues, labels: $0, rules: rules,
          skipped: skipped)
      }
      ?? ControlChart(column: name, pointKind: kind, meaning: meaning, points: points, rules: rules, skipped: skipped)
    // Counts are whole numbers; measurements keep their own decimals (one more for means).
    let base = meaning == .count ? 0 : written ?? precision(relation, column: column)
    chart.decimals = meaning == .mean ? base + 1 : base
    return chart
  }
}

extension Relation {
  /// The first and last time in `column` over all the table's rows, and
  /// whether any row falls on a weekend (if none does, daily counts leave weekends out:
  /// a closed Saturday is not a day with zero defects).
  func timeProfile(column: Int) -> (range: (Double, Double), weekends: Bool)? {
    let all: Relation
    switch self {
    case .view(let table, _, let columns): all = .view(table, rows: nil, columns: columns)
    case .computed: all = self
    }
    var lo = Double.infinity, hi = -Double.infinity
    var weekends = false
    let reader = all.reader(column)
    all.forEachValue(column: column) { _, p, n in
      if let t = reader.instant(p, n) {
        lo = Swift.min(lo, t)
        hi = Swift.max(hi, t)
        if !weekends && TimeBuckets.isWeekend(t) { weekends = true }
      }
    }
    return lo <= hi ? ((lo, hi), weekends) : nil
  }

  /// Resolved indices of the visible columns.
  var columnIndices: [Int] {
    switch self {
    case .view(_, _, let columns): return columns
    case .computed(let c): return Array(c.columns.indices)
    }
  }

  /// Each row's label as a chart point, made when read: `#` and its evidence row number on a
  /// view (`#12`), its 1-based position on a computed table. `.at(positions)` labels points that
  /// plot some of the rows.
  var rowLabels: ChartLabels {
    switch self {
    case .view(_, let rows, _):
      return ChartLabels(numbering: rowCount, numbers: rows.map { $0.map { Int($0) + 1 } }, prefix: UInt8(ascii: "#"))
    case .computed(let c): return ChartLabels(numbering: c.rows.count)
    }
  }

  /// The 1-based evidence row number at a position (on a computed table, the position's).
  func rowNumber(at position: Int) -> Int {
    if case .view(_, let rows?, _) = self { return Int(rows[position]) + 1 }
    return position + 1
  }
}
