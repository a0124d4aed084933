/// Long runs of empty periods in a timeline, folded into one line where it is shown (the shell,
/// a citation's text, a record's table). Display only: the periods, their zeros and every total
/// or statistic over them are untouched; only the lines listing them are fewer.
public enum EmptyPeriods {
  /// Runs of this many empty periods or more fold. One or two stay as zeros: a short gap reads
  /// at a glance as a dip and keeps the dates regular; from three on one line is shorter than
  /// the run and says its length, which a reader would otherwise count.
  public static let foldFrom = 3

  /// One line of a timeline's listing: a period, or a run of empty ones (their indices).
  public enum Line: Hashable, Sendable {
    case period(Int)
    case empty(ClosedRange<Int>)
  }

  /// The lines for `count` periods, runs of at least `foldFrom` empty ones folded.
  public static func lines(count: Int, isEmpty: (Int) -> Bool) -> [Line] {
    var out: [Line] = []
    var i = 0
    while i < count {
      guard isEmpty(i) else {
        out.append(.period(i))
        i += 1
        continue
      }
      var end = i
      while end + 1 < count && isEmpty(end + 1) { end += 1 }
      if end - i + 1 >= foldFrom {
        out.append(.empty(i...end))
      } else {
        out += (i...end).map(Line.period)
      }
      i = end + 1
    }
    return out
  }

  /// `31 empty weeks (2019-03-04 to 2019-09-30)`; `periods` when the unit is not known (a
  /// record's cited chart, whose title names its period).
  public static func phrase(_ run: ClosedRange<Int>, unit: TimeBucket?, labels: (Int) -> String) -> String {
    let n = run.count
    let name = unit?.rawValue ?? "period"
    return "\(NumberFormat.integer(n)) empty \(name)s (\(labels(run.lowerBound)) to \(labels(run.upperBound)))"
  }
}
