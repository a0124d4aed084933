import Foundation

extension StatisticsBuilder {
  /// Rows gathered into the points of a chart: each point's rows (positions in the relation),
  /// label and time (of its first row, when the relation has a date/time column).
  struct PointGroups {
    /// Each point's rows, point after point (flat: `--size 5` on a million rows is 200,000 points).
    var rows: FlatGroups<Int>
    var labels: ChartLabels
    var times: [Double?]
    var kind: String
  }

  /// `spc COL --chart …`.
  static func chart(_ stage: ChartStage, _ relation: Relation, evidence: String) throws(Diagnostic)
    -> ControlChartResult
  {
    let column = try relation.resolve(stage.column, evidence: evidence)
    let name = relation.name(of: column)
    let kind = stage.chart
    // A yes/no column charts as defectives (1 per yes) in samples of its rows per point.
    let yesNo = kind.countsDefectives && stage.sizes == nil && relation.type(of: column) == .boolean
    let m =
      yesNo
      ? booleans(relation, column: column)
      : try measure(relation, column: column, ref: stage.column, evidence: evidence)
    let needsTimes =
      stage.by != nil || !stage.split.isEmpty
      || (stage.baseline.map { ValueParser.dateTime($0.from) != nil && Int($0.from) == nil } ?? false)
    let dated =
      needsTimes
      ? try Self.times(
        relation, why: stage.by != nil ? "`--by`" : !stage.split.isEmpty ? "`--split`" : "a baseline of dates",
        span: stage.span, evidence: evidence)
      : nil  // only stages by date and date baselines read times: a million dates are not parsed for nothing
    let times = dated?.values
    if let by = stage.by, let dated {
      try TimeBuckets.requireTimeOfDay(dated.values, for: by, column: dated.column, option: "--by", span: stage.span)
    }
    // Each point's time and first row matter only to stages and baselines.
    let phased = stage.stages != nil || !stage.split.isEmpty || stage.baseline != nil
    // X̄-R or X̄-S of n consecutive rows, every row a number: the subgroups are the measure's own
    // array cut every n (no row lists, no copy).
    var consecutive: Int?
    if kind.isSubgrouped, stage.by == nil, case .size(let n)? = stage.subgroup, n >= 1, m.skipped == 0, !phased {
      consecutive = n
    }
    let groups =
      consecutive == nil ? try pointGroups(stage, relation, measure: m, times: times, evidence: evidence) : nil
    if kind.isSubgrouped && groups == nil && consecutive == nil {
      throw Diagnostic.error(
        .chartNeedsInput,
        "an \(kind == .xbarR ? "X̄-R" : "X̄-S") chart needs subgroups: --subgroup COL, --size N or --by \(TimeBucket.usage)",
        at: stage.span, notes: ["e.g. `spc diameter --chart \(kind.rawValue) --size 5`"])
    }
    // Sizes per row for p, np and u charts.
    var sizes: [Double]?  // NaN where a row has none
    if let ref = stage.sizes {
      let c = try relation.resolve(ref, evidence: evidence)
      sizes = try measure(relation, column: c, ref: ref, evidence: evidence).values
    }

    var keptGroups: [Int] = []  // a point per group: the groups with a number, whose labels the points take
    var pointRows: [Int] = []  // a point per row: its position, labelled by `Relation.rowLabels` when shown
    var pointTimes: [Double?] = []
    var stageKeys: [Int] = []  // the first row of each point, for --stages
    var pointKind = "row"
    var values: [Double] = []
    var subgroupValues: [Double] = [], subgroupStarts = [0]  // X̄-R and X̄-S: the points' values, flat
    var counts: [Double] = []
    var totals: [Double] = []
    var denseLabels: ChartLabels?  // every row a point, or subgroups numbered 1, 2, …

    if let n = consecutive {
      pointKind = "subgroup of \(n)"
      subgroupValues = m.values
      subgroupStarts = Array(stride(from: 0, to: m.values.count, by: n)) + [m.values.count]
      denseLabels = ChartLabels(numbering: subgroupStarts.count - 1)
    } else if let groups {
      pointKind = groups.kind
      let subgrouped = kind == .xbarR || kind == .xbarS
      if subgrouped {
        subgroupValues.reserveCapacity(groups.rows.elements.count)
        subgroupStarts.reserveCapacity(groups.rows.count + 1)
      }
      for g in 0..<groups.rows.count {
        let rows = groups.rows[g]
        // The group's numbers (appended to the subgroups' values, or summed) and first row with one, in one pass.
        var sum = 0.0, n = 0, first = -1
        for r in rows {
          let v = m.values[r]
          if v.isNaN { continue }
          if first < 0 { first = r }
          sum += v
          n += 1
          if subgrouped { subgroupValues.append(v) }
        }
        guard first >= 0 else { continue }
        keptGroups.append(g)
        pointTimes.append(groups.times[g])
        stageKeys.append(first)
        switch kind {
        case .xbarR, .xbarS: subgroupStarts.append(subgroupValues.count)
        case .imr, .run: values.append(sum / Double(n))
        case .c: counts.append(sum)
        case .p, .np, .laneyP, .u, .laneyU:
          counts.append(sum)
          if let sizes {
            totals.append(rows.reduce(0) { m.values[$1].isNaN || sizes[$1].isNaN ? $0 : $0 + sizes[$1] })
          } else {
            totals.append(Double(n))
          }
        }
      }
    } else {
      if kind.countsDefectives || kind == .u || kind == .laneyU, sizes == nil {
        throw Diagnostic.error(
          .chartNeedsInput,
          "a \(kind.rawValue) chart needs each sample's size: --n COL (or points per --by period or --subgroup)",
          at: stage.span, notes: ["e.g. `spc defectives --chart \(kind.rawValue) --n inspected`"])
      }
      let points = m.values.count - m.skipped
      if m.skipped == 0 && !phased && !kind.isAttribute {
        // Every row is a point: the points take the measure's array itself (a million values are
        // not copied) and their labels are the rows' numbers.
        if kind == .c { counts = m.values } else { values = m.values }
        denseLabels = relation.rowLabels
      } else {
        pointRows.reserveCapacity(points)
        if kind == .c || kind.isAttribute { counts.reserveCapacity(points) } else { values.reserveCapacity(points) }
        for (r, v) in m.values.enumerated() {
          if v.isNaN { continue }
          pointRows.append(r)
          if phased {
            pointTimes.append(time(times, r))
            stageKeys.append(r)
          }
          switch kind {
          case .c: counts.append(v)
          case .p, .np, .laneyP, .u, .laneyU:
            guard let n = sizes?[r], !n.isNaN else {
              throw Diagnostic.error(
                .chartNeedsInput, "row \(relation.rowNumber(at: r)) has no sample size in --n",
                at: stage.sizes?.span ?? stage.span)
            }
            counts.append(v)
            totals.append(n)
          case .imr, .xbarR, .xbarS, .run: values.append(v)
          }
        }
      }
    }

    let labels =
      groups.map { $0.labels.at(keptGroups) }
      ?? denseLabels ?? relation.rowLabels.at(pointRows)
    let phases =
      phased
      ? try self.phases(stage, relation, labels: labels, times: pointTimes, firstRows: stageKeys, evidence: evidence)
      : ChartPhases.none
    let rules = stage.rules ?? (kind.isAttribute ? .attributeDefault : .westernElectric)
    var result = ControlChartResult(
      column: name, chart: kind, pointKind: pointKind, location: nil, spread: nil, run: nil,
      precision: m.precision, skipped: m.skipped, stagedBy: stagedBy(stage),
      baseline: stage.baseline.map { "\($0.from)..\($0.to)" })
    result.baselinePoints = phases.baseline
    if stage.by != nil, let dated {
      // Rows with a number but no date fall in no period: counted and said, never dropped quietly.
      var undated = 0
      for r in m.values.indices where !m.values[r].isNaN && dated.values[r].isNaN { undated += 1 }
      result.undated = undated
      result.dateColumn = dated.column
    }
    func whole(_ xs: [Double], _ what: String) throws(Diagnostic) -> [Int] {
      var out: [Int] = []
      out.reserveCapacity(xs.count)
      for (i, x) in xs.enumerated() {
        guard x == x.rounded(), abs(x) < 1e15 else {
          throw Diagnostic.error(
            .chartNeedsInput,
            "\(what) must be whole numbers: point \(labels[i]) has \(NumberFormat.compact(x, maxPlaces: 6))",
            at: stage.span)
        }
        out.append(Int(x))
      }
      return out
    }
    if let none = noVariation(kind, values: values, subgroupValues: subgroupValues, counts: counts, totals: totals) {
      result.noVariation = none
      return result
    }
    do throws(Diagnostic) {
      switch kind {
      case .imr:
        let pair = try ControlCharts.individuals(values, labels: labels as ChartLabels?, phases: phases, rules: rules)
        (result.location, result.spread) = (pair.location, pair.spread)
      case .xbarR, .xbarS:
        let subgroups = Subgroups(values: subgroupValues, starts: subgroupStarts, labels: labels)
        let pair = try ControlCharts.subgrouped(
          subgroups, labels: labels, phases: phases, rules: rules,
          method: kind == .xbarR ? .rangeBar : .sBar)
        (result.location, result.spread) = (pair.location, pair.spread)
      case .run:
        result.run = try RunChart(values, labels: labels as ChartLabels?)
      case .c:
        result.location = try ControlCharts.c(
          defects: try whole(counts, "defect counts"), labels: Array(labels), phases: phases, rules: rules)
      case .u, .laneyU:
        let d = try whole(counts, "defect counts")
        result.location =
          kind == .u
          ? try ControlCharts.u(defects: d, sizes: totals, labels: Array(labels), phases: phases, rules: rules)
          : try ControlCharts.laneyU(defects: d, sizes: totals, labels: Array(labels), phases: phases, rules: rules)
      case .p, .np, .laneyP:
        let d = try whole(counts, "defective counts"), n = try whole(totals, "sample sizes")
        result.location =
          kind == .p
          ? try ControlCharts.p(defectives: d, sizes: n, labels: Array(labels), phases: phases, rules: rules)
          : kind == .np
            ? try ControlCharts.np(defectives: d, sizes: n, labels: Array(labels), phases: phases, rules: rules)
            : try ControlCharts.laneyP(defectives: d, sizes: n, labels: Array(labels), phases: phases, rules: rules)
      }
    } catch {
      // The engine's message, placed at the column charted.
      throw Diagnostic.error(error.code, error.message, at: stage.span, notes: error.notes)
    }
    return result
  }

  /// The chart's points when none varies: every value equal, or every sample without a defect
  /// (or, for defectives, with every item defective). Nil when anything varies.
  static func noVariation(
    _ kind: ChartKind, values: [Double], subgroupValues: [Double], counts: [Double], totals: [Double]
  ) -> NoVariation? {
    switch kind {
    case .imr, .run: return NoVariation.among(values)
    case .xbarR, .xbarS: return NoVariation.among(subgroupValues)
    case .c, .u, .laneyU:
      guard counts.count >= 2, counts.allSatisfy({ $0 == 0 }) else { return nil }
      return NoVariation(count: counts.count, value: 0, kind: .samples(defectives: false))
    case .p, .np, .laneyP:
      guard counts.count >= 2, counts.count == totals.count else { return nil }
      if counts.allSatisfy({ $0 == 0 }) {
        return NoVariation(count: counts.count, value: 0, kind: .samples(defectives: true))
      }
      guard zip(counts, totals).allSatisfy({ $0 == $1 }) else { return nil }
      return NoVariation(count: counts.count, value: 1, kind: .samples(defectives: true))
    }
  }

  /// A yes/no column as 1 and 0 (NaN where neither).
  static func booleans(_ relation: Relation, column: Int) -> Measure {
    // Each distinct value read once (a yes/no column has a handful), then each row by its id.
    let (ids, interner) = relation.internValues(column: column)
    let truth = (0..<interner.count).map { ValueParser.boolean(interner.string($0)).map { $0 ? 1.0 : 0 } ?? .nan }
    let values = ids.map { truth[Int($0)] }
    var skipped = 0
    for v in values where v.isNaN { skipped += 1 }
    return Measure(values: values, precision: 0, skipped: skipped)
  }

  static func stagedBy(_ stage: ChartStage) -> String? {
    if let s = stage.stages { return s.name }
    return stage.split.isEmpty ? nil : "split at " + stage.split.joined(separator: ", ")
  }

  /// The rows of each point: by `--subgroup` value (in order of appearance), by `--size`
  /// consecutive numeric rows, or by `--by` period (in time order). Nil: a point per row.
  static func pointGroups(
    _ stage: ChartStage, _ relation: Relation, measure m: Measure, times: [Double]?,
    evidence: String
  ) throws(Diagnostic) -> PointGroups? {
    if let by = stage.by, let times {
      // Days (hours, for hourly periods) first, a dense range, then each one's period: a million
      // rows are not hashed one by one.
      let unit: Double = by == .hour ? 3_600 : 86_400
      var low = Int.max, high = Int.min
      for t in times where !t.isNaN { let d = Int((t / unit).rounded(.down)); low = min(low, d); high = max(high, d) }
      guard low <= high else { throw Diagnostic.error(.noDates, "no dates to group by \(by.rawValue)", at: stage.span) }
      guard high - low <= 3_000_000 else {
        throw Diagnostic.error(
          .resultTooLarge, "the dates span too long to chart by \(by.rawValue)", at: stage.span,
          notes: ["use a longer `--by`"])
      }
      let starts = (low...high).map { TimeBuckets.start(of: Double($0) * unit, by) }
      let keys = Array(Set(starts)).sorted()
      var index: [Double: Int32] = [:]
      for (i, k) in keys.enumerated() { index[k] = Int32(i) }
      let groupOfDay = starts.map { index[$0]! }
      // Each row's period (-1: no date), four bytes a row.
      let periods = times.map { t in t.isNaN ? -1 : groupOfDay[Int((t / unit).rounded(.down)) - low] }
      let rows = FlatGroups(
        count: times.count, groups: keys.count, group: { periods[$0] < 0 ? nil : Int(periods[$0]) }, element: { $0 })
      return PointGroups(
        rows: rows, labels: ChartLabels(rows.kept.map { TimeBuckets.label(keys[$0], by) }),
        times: rows.kept.map { keys[$0] }, kind: by.rawValue)
    }
    switch stage.subgroup {
    case .column(let ref):
      let c = try relation.resolve(ref, evidence: evidence)
      let (ids, names) = labels(relation, column: c)
      // Every label has a row, so no group is dropped and the names stay as they are.
      let rows = FlatGroups(count: ids.count, groups: names.count, group: { Int(ids[$0]) }, element: { $0 })
      return PointGroups(
        rows: rows, labels: ChartLabels(names), times: rows.starts.dropLast().map { time(times, rows.elements[$0]) },
        kind: relation.name(of: c))
    case .size(let n):
      var present: [Int] = []
      present.reserveCapacity(m.values.count - m.skipped)
      for (r, v) in m.values.enumerated() where !v.isNaN { present.append(r) }
      var starts = Array(stride(from: 0, to: present.count, by: n))
      starts.append(present.count)
      let rows = FlatGroups(elements: present, starts: starts, kept: Array(0..<starts.count - 1))
      return PointGroups(
        rows: rows, labels: ChartLabels(numbering: rows.count),
        times: starts.dropLast().map { time(times, present[$0]) },
        kind: "subgroup of \(n)")
    case nil:
      return nil
    }
  }

  /// Row `row`'s time, nil without times or a date there.
  static func time(_ times: [Double]?, _ row: Int) -> Double? {
    guard let t = times?[row], !t.isNaN else { return nil }
    return t
  }

  /// Stages (`--stages COL`, `--split DATE…`) and the baseline (`--baseline FROM..TO`) as the engine's phases.
  static func phases(
    _ stage: ChartStage, _ relation: Relation, labels: ChartLabels, times: [Double?], firstRows: [Int],
    evidence: String
  ) throws(Diagnostic) -> ChartPhases {
    var phases = ChartPhases()
    if let ref = stage.stages {
      let c = try relation.resolve(ref, evidence: evidence)
      phases.stages = firstRows.map { ChartBuilder.label(relation.text(row: $0, column: c).trimmingSpaces()) }
    } else if !stage.split.isEmpty {
      let cuts = stage.split.compactMap { ValueParser.dateTime($0) }.sorted()
      phases.stages = try times.enumerated().map { (i, t) throws(Diagnostic) -> String in
        guard let t else {
          throw Diagnostic.error(
            .noDates, "point \(labels[i]) has no date to place it before or after the split", at: stage.span)
        }
        guard let k = cuts.lastIndex(where: { t >= $0 }) else { return "before \(stage.split.sorted()[0])" }
        return "from \(stage.split.sorted()[k])"
      }
    }
    if let (from, to) = stage.baseline {
      var range: ClosedRange<Int>?
      if let a = Int(from), let b = Int(to),
        labels.firstIndex(of: from) == nil || labels.elementsEqual(labels.indices.lazy.map { String($0 + 1) })
      {
        guard a >= 1, b >= a, b <= labels.count else {
          throw Diagnostic.error(
            .invalidBaseline, "the baseline \(from)..\(to) is outside the chart's points 1..\(labels.count)",
            at: stage.span)
        }
        range = (a - 1)...(b - 1)
      } else if let a = ValueParser.dateTime(from), let b = ValueParser.dateTime(to) {
        let end = to.count <= 10 ? b + 86_400 : b
        let inside = times.indices.filter { times[$0].map { $0 >= a && $0 < end } ?? false }
        if let first = inside.first, let last = inside.last { range = first...last }
      } else if let a = labels.firstIndex(of: from), let b = labels.lastIndex(of: to), a <= b {
        range = a...b
      }
      guard let range, range.count >= 2 else {
        throw Diagnostic.error(
          .invalidBaseline, "the baseline \(from)..\(to) does not cover 2 or more of the chart's points",
          at: stage.span,
          notes: ["FROM..TO: point numbers (1..25), labels, or dates (2026-09-01..2026-09-30)"])
      }
      phases.baseline = range.lowerBound..<(range.upperBound + 1)
    }
    return phases
  }
}
