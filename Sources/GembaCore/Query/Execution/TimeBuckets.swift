/// Calendar arithmetic for timelines and control charts, in UTC.
enum TimeBuckets {
  /// The start of the bucket holding `t` (seconds since 1970).
  static func start(of t: Double, _ bucket: TimeBucket) -> Double {
    let day = (t / 86_400).rounded(.down)
    switch bucket {
    case .hour: return (t / 3600).rounded(.down) * 3600
    case .day: return day * 86_400
    case .week:
      // 1970-01-01 was a Thursday; weeks start on Monday.
      let d = Int(day)
      let weekday = ((d + 3) % 7 + 7) % 7
      return Double(d - weekday) * 86_400
    case .month:
      let c = ValueParser.civilFromDays(Int(day))
      return Double(ValueParser.daysFromCivil(c.year, c.month, 1)) * 86_400
    }
  }

  static func next(after start: Double, _ bucket: TimeBucket) -> Double {
    switch bucket {
    case .hour: return start + 3600
    case .day: return start + 86_400
    case .week: return start + 7 * 86_400
    case .month:
      let c = ValueParser.civilFromDays(Int((start / 86_400).rounded(.down)))
      let (y, m) = c.month == 12 ? (c.year + 1, 1) : (c.year, c.month + 1)
      return Double(ValueParser.daysFromCivil(y, m, 1)) * 86_400
    }
  }

  /// `2026-03-01 14:00`, `2026-03-01`, `2026-03`.
  static func label(_ start: Double, _ bucket: TimeBucket) -> String {
    let days = Int((start / 86_400).rounded(.down))
    let c = ValueParser.civilFromDays(days)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let date = "\(c.year)-\(two(c.month))-\(two(c.day))"
    switch bucket {
    case .hour: return date + " " + two(Int(start - Double(days) * 86_400) / 3600) + ":00"
    case .day, .week: return date
    case .month: return "\(c.year)-\(two(c.month))"
    }
  }

  /// Refuses hours on a column of dates alone: `2026-03-01` reads as midnight, so every row
  /// would fall in the 00:00 hour and the chart would show 23 false zeros a day.
  /// - Parameter times: the column's instants (NaN where a row has none).
  static func requireTimeOfDay(
    _ times: [Double], for bucket: TimeBucket, column: String, option: String, span: SourceSpan?
  ) throws(Diagnostic) {
    guard bucket == .hour, datesOnly(times) else { return }
    throw Diagnostic.error(
      .noTimeOfDay, "`\(column)` holds dates without a time of day: there is no hour to group by", at: span,
      notes: ["use `\(option) day`, or a column whose values carry a time (2026-03-01T10:04:11Z)"])
  }

  /// True when some time is given and none has a time of day (each falls on a midnight, UTC).
  static func datesOnly(_ times: [Double]) -> Bool {
    var dated = false
    for t in times where !t.isNaN {
      if t.remainder(dividingBy: 86_400) != 0 { return false }
      dated = true
    }
    return dated
  }

  /// A bucket that gives a readable number of points for the span of the data.
  static func automatic(from lo: Double, to hi: Double) -> TimeBucket {
    let span = hi - lo
    if span <= 2 * 86_400 { return .hour }
    if span <= 92 * 86_400 { return .day }
    if span <= 2 * 366 * 86_400 { return .week }
    return .month
  }

  /// Counts per bucket from the first to the last, zeros included; nil when there are too many.
  /// - Parameter span: the range the buckets must cover even where no time falls (the
  ///   whole column's range when rows were filtered: a week with no defects is a 0).
  ///   - weekends: false leaves Saturdays and Sundays out of daily buckets.
  /// Saturday or Sunday (UTC); 1970-01-01 was a Thursday.
  static func isWeekend(_ t: Double) -> Bool {
    let days = Int((t / 86_400).rounded(.down))
    let weekday = ((days + 3) % 7 + 7) % 7  // 0 = Monday
    return weekday >= 5
  }

  static func counts(
    _ times: [Double], _ bucket: TimeBucket, span: (Double, Double)? = nil, weekends: Bool = true,
    limit: Int = 5000
  ) -> [(Double, Int)]? {
    guard var lo = times.min() ?? span?.0, var hi = times.max() ?? span?.1 else { return [] }
    if let span {
      lo = min(lo, span.0)
      hi = max(hi, span.1)
    }
    var starts: [Double] = []
    var b = start(of: lo, bucket)
    let last = start(of: hi, bucket)
    while b <= last {
      if weekends || bucket != .day || !isWeekend(b) { starts.append(b) }
      if starts.count > limit { return nil }
      b = next(after: b, bucket)
    }
    var counts = [Int](repeating: 0, count: starts.count)
    for t in times {
      let s = start(of: t, bucket)
      // Binary search: buckets are sorted.
      var lo = 0, hi = starts.count - 1
      while lo < hi { let mid = (lo + hi + 1) / 2; if starts[mid] <= s { lo = mid } else { hi = mid - 1 } }
      counts[lo] += 1
    }
    return Array(zip(starts, counts))
  }
}
