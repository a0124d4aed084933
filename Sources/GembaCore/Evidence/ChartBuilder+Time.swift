extension ChartBuilder {
  static func timeline(_ relation: Relation, column: Int, name: String, every: TimeBucket?, span: SourceSpan) throws(Diagnostic) -> Timeline {
    var times: [Double] = []
    var skipped = 0
    relation.forEachValue(column: column) { _, p, n in
      if let t = ValueParser.dateTime(p, n) { times.append(t) } else { skipped += 1 }
    }
    guard let lo = times.min(), let hi = times.max() else {
      throw Diagnostic.error("`\(name)` has no date/time values to put on a timeline", at: span,
                             notes: ["dates look like 2026-03-01 or 2026-03-01T10:04:11Z; `evidence` shows each column's type"])
    }
    let profile = relation.timeProfile(column: column)
    let range = profile?.range
    let bucket = every ?? TimeBuckets.automatic(from: min(lo, range?.0 ?? lo), to: max(hi, range?.1 ?? hi))
    guard let counts = TimeBuckets.counts(times, bucket, span: range, weekends: profile?.weekends ?? true) else {
      throw Diagnostic.error("`\(name)` spans too long for one point per \(bucket.rawValue) (over 5,000 points)", at: span,
                             notes: ["use a longer `--every`, or narrow the rows with `where` first"])
    }
    return Timeline(column: name, bucket: bucket,
                    points: counts.map { Timeline.Point(label: TimeBuckets.label($0.0, bucket), start: $0.0, count: $0.1) },
                    skipped: skipped)
  }

  /// Points for `spc`: each row's value; or with `--by`, per day/week the count of a date column,
  /// or the mean of a numeric column (bucketed by the first date/time column).
  static func controlChart(_ relation: Relation, column: Int, by: TimeBucket?, rules: ControlRules,
                           span: SourceSpan, evidence: String) throws(Diagnostic) -> ControlChart {
    let name = relation.name(of: column)
    var skipped = 0
    var points: [ControlChart.Point] = []
    var kind = "row"
    if let by {
      kind = by.rawValue
      if relation.type(of: column) == .dateTime {
        var times: [Double] = []
        relation.forEachValue(column: column) { _, p, n in
          if let t = ValueParser.dateTime(p, n) { times.append(t) } else { skipped += 1 }
        }
        let profile = relation.timeProfile(column: column)
        guard let counts = TimeBuckets.counts(times, by, span: profile?.range, weekends: profile?.weekends ?? true) else {
          throw Diagnostic.error("`\(name)` spans too long for one point per \(by.rawValue)", at: span, notes: ["use `--by week`"])
        }
        points = counts.map { ControlChart.Point(label: TimeBuckets.label($0.0, by), value: Double($0.1)) }
        kind = "count per \(by.rawValue)"
      } else {
        guard let timeColumn = relation.columnIndices.first(where: { relation.type(of: $0) == .dateTime }) else {
          throw Diagnostic.error("`spc --by \(by.rawValue)` needs a date/time column in \(evidence) to group by", at: span,
                                 notes: ["without `--by`, every row is a point"])
        }
        var times: [Double?] = []
        relation.forEachValue(column: timeColumn) { _, p, n in times.append(ValueParser.dateTime(p, n)) }
        var sums: [Double: (Double, Int)] = [:]
        relation.forEachValue(column: column) { row, p, n in
          guard let v = ValueParser.decimal(p, n), let t = times[row] else { skipped += 1; return }
          let b = TimeBuckets.start(of: t, by)
          let s = sums[b] ?? (0, 0)
          sums[b] = (s.0 + v, s.1 + 1)
        }
        points = sums.keys.sorted().map { ControlChart.Point(label: TimeBuckets.label($0, by), value: sums[$0]!.0 / Double(sums[$0]!.1)) }
        kind = "mean per \(by.rawValue) of \(relation.name(of: timeColumn))"
      }
    } else {
      let numbers = relation.rowNumbers
      relation.forEachValue(column: column) { row, p, n in
        guard let v = ValueParser.decimal(p, n) else { skipped += 1; return }
        points.append(ControlChart.Point(label: numbers.map { "#\($0[row])" } ?? "\(row + 1)", value: v))
      }
    }
    guard points.count >= 2 else {
      throw Diagnostic.error("`spc` needs at least 2 numeric points in `\(name)`; found \(points.count)", at: span,
                             notes: ["`histogram` or `count by` may suit a column with few values"])
    }
    return ControlChart(column: name, pointKind: kind, points: points, rules: rules, skipped: skipped)
  }
}

extension Relation {
  /// The first and last time in `column` over all the table's rows (when a `where` left
  /// only some, counts per period still run over the whole range, zeros included), and
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
    all.forEachValue(column: column) { _, p, n in
      if let t = ValueParser.dateTime(p, n) {
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

  /// 1-based evidence row numbers by position, for views.
  var rowNumbers: [Int]? {
    switch self {
    case .view(let t, let rows, _): return rows.map { $0.map { Int($0) + 1 } } ?? Array(1...max(t.rowCount, 1))
    case .computed: return nil
    }
  }
}
