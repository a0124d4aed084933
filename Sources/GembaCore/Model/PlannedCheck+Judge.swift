/// Judging an action by its planned check: a pure function of what the check's query drew
/// (stored as a citation), so opening a notebook folds to the same verdict without reading
/// evidence, and replay, which runs the query on today's evidence, can see a recurrence.
///
/// Only the periods that start after the cut-off are judged: the later of `--after` and the
/// day the action was done. A week labelled 2018-03-26 holds days before 2018-03-31, so it
/// is not judged; the week of 2018-04-02 is.
extension PlannedCheck {
  /// Fewer judged periods than this and the verdict is inconclusive.
  public static let minimumPoints = 3

  /// The day after which data is judged: `--after`, or the day the action was done if later. A check
  /// planned after the fact is judged from `--after`: its action was marked done when it was recorded,
  /// long after the change itself.
  public func cutoff(doneAt: String?) -> CalendarDate {
    guard !retrospective, let doneAt, let done = CalendarDate(String(doneAt.prefix(10))), done > after else {
      return after
    }
    return done
  }

  /// `coversTo`: the last day the evidence covers; the chart's last period, when it is still running
  /// on that day, is not judged (a week loaded on its Monday would read as a quiet week).
  public func judge(_ citation: Citation, doneAt: String?, coversTo: CalendarDate? = nil, at time: String)
    -> EffectivenessJudgement
  {
    let cut = cutoff(doneAt: doneAt)
    func verdict(_ v: EffectivenessJudgement.Verdict, _ seen: String, _ judged: [Int] = [], _ labels: [String] = [])
      -> EffectivenessJudgement
    {
      EffectivenessJudgement(
        verdict: v, judgedAt: time, seen: seen, dataFrom: judged.first.map { labels[$0] },
        dataTo: judged.last.map { labels[$0] }, points: judged.count)
    }
    guard let chart = citation.chart, let target = CheckTarget.parse(stored: self.target) else {
      return verdict(.inconclusive, "the planned query drew no result over time")
    }
    let unit = Self.unit(of: chart)
    // The last period is still running when the evidence covers only part of it (a week loaded on
    // its Friday): its count so far would read low, so it is not judged.
    var running: Int?
    if let coversTo, let unit, unit != "hour", let last = chart.labels.indices.last,
      let start = Self.date(of: chart.labels[last]), start <= coversTo,
      Self.adding(1, unit, to: start).dayNumber - 1 > coversTo.dayNumber
    {
      running = last
    }
    let judged = chart.labels.indices.filter { i in
      i != running && (Self.date(of: chart.labels[i]).map { $0 > cut } ?? false)
    }
    let periods = counted(judged.count, unit ?? "point")
    guard judged.count >= Self.minimumPoints else {
      let again = Self.adding(Self.minimumPoints, unit, to: cut)
      return verdict(
        .inconclusive, "only \(periods) after \(cut) (\(Self.minimumPoints) needed); judge again after \(again)",
        judged, chart.labels)
    }
    let values = judged.map { chart.values[$0] }
    let rate = chart.kind == .timeline ? unit.map { " per \($0)" } ?? "" : ""
    func show(_ x: Double) -> String { NumberFormat.compact(x, maxPlaces: chart.places ?? 3) }
    func at(_ i: Int) -> String { unit.map { "in \($0) \(chart.labels[i])" } ?? "at \(chart.labels[i])" }
    let over = "over \(periods) after \(cut)"
    switch target {
    case .value(let comparison, let bound, _, _):
      if let miss = judged.first(where: { !comparison.holds(chart.values[$0], bound) }) {
        return verdict(.notEffective, "\(show(chart.values[miss]))\(rate) \(at(miss))", judged, chart.labels)
      }
      let (lo, hi) = (values.min()!, values.max()!)
      let range = lo == hi ? show(lo) : "\(show(lo))–\(show(hi))"
      return verdict(.effective, "\(range)\(rate) \(over)", judged, chart.labels)
    case .noPointBeyondLimits, .belowLowerLimit:
      func upper(_ i: Int) -> Double? { chart.uppers?[i] ?? chart.upper }
      func lower(_ i: Int) -> Double? { chart.lowers?[i] ?? chart.lower }
      guard judged.allSatisfy({ upper($0) != nil || lower($0) != nil }) else {
        return verdict(.inconclusive, "the chart has no control limits to judge against", judged, chart.labels)
      }
      if target == .noPointBeyondLimits {
        let beyond = judged.first { i in
          (upper(i).map { chart.values[i] > $0 } ?? false) || (lower(i).map { chart.values[i] < $0 } ?? false)
        }
        if let i = beyond {
          let limit =
            (upper(i).map { chart.values[i] > $0 } ?? false) ? "UCL \(show(upper(i)!))" : "LCL \(show(lower(i)!))"
          return verdict(
            .notEffective, "\(show(chart.values[i])) \(at(i)), beyond the limits (\(limit))", judged, chart.labels)
        }
        return verdict(.effective, "no point beyond the limits \(over)", judged, chart.labels)
      }
      if let i = judged.first(where: { i in !(lower(i).map { chart.values[i] < $0 } ?? false) }) {
        let limit = lower(i).map { " (LCL \(show($0)))" } ?? " (no LCL)"
        return verdict(
          .notEffective, "\(show(chart.values[i])) \(at(i)), not below the lower limit\(limit)", judged, chart.labels)
      }
      return verdict(.effective, "every point below the lower limit \(over)", judged, chart.labels)
    }
  }

  /// The period a chart counts per (`… per week`), from its title; nil when it has none.
  static func unit(of chart: CitedChart) -> String? {
    guard let range = chart.title.range(of: " per ") else { return nil }
    let word = chart.title[range.upperBound...].prefix { $0.isLetter }
    return TimeBucket(rawValue: String(word)) != nil ? String(word) : nil
  }

  /// A point label's date: `2018-04-02`, `2018-04-02 14:00`, or a month `2018-04` (its first day).
  static func date(of label: String) -> CalendarDate? {
    if let d = CalendarDate(String(label.prefix(10))) { return d }
    return label.count == 7 ? CalendarDate(label + "-01") : nil
  }

  /// `date` plus `n` periods (a month is a calendar month, a quarter three; an hour counts as a day).
  static func adding(_ n: Int, _ unit: String?, to date: CalendarDate) -> CalendarDate {
    if unit == "month" || unit == "quarter" {
      let months = date.year * 12 + date.month - 1 + n * (unit == "quarter" ? 3 : 1)
      let (y, m) = (months / 12, months % 12 + 1)
      return CalendarDate(year: y, month: m, day: min(date.day, CalendarDate.days(inMonth: m, year: y)))
    }
    return CalendarDate(dayNumber: date.dayNumber + n * (unit == "week" ? 7 : 1))
  }
}

extension CalendarDate {
  /// Days since 1970-01-01 (proleptic Gregorian): what the register stores and compares.
  public var dayNumber: Int { ValueParser.daysFromCivil(year, month, day) }

  public init(dayNumber: Int) {
    let c = ValueParser.civilFromDays(dayNumber)
    self.init(year: c.year, month: c.month, day: c.day)
  }

  /// The next review after this date: a week, or the same day a month or a quarter on (the
  /// month's last day when it is shorter). One rule for `check` and the register.
  public func nextReview(_ cadence: ReviewCadence) -> CalendarDate { PlannedCheck.adding(1, cadence.period, to: self) }
}
