/// Categories by count (or by the sum of a cost column), largest first, with the vital few.
public struct ParetoChart: Hashable, Sendable {
  public struct Bar: Hashable, Sendable {
    public var label: String
    public var value: Double
    public var share: Double
    public var cumulative: Double
    /// Part of the vital few: the bars up to the one where the cumulative share reaches 80 %.
    public var vital: Bool
  }
  public var column: String
  public var sumColumn: String?
  public var bars: [Bar]
  public var total: Double
  /// Rows left out because the `--sum` cell was not a number.
  public var skipped: Int
  /// Decimals the sums are shown to: the `--sum` column's own (0 for counts).
  public var decimals = 0
  public static let cut = 0.8

  /// Builds the chart from (label, value) pairs: sorted by value descending, then label.
  init(column: String, sumColumn: String?, groups: [(String, Double)], skipped: Int) {
    self.column = column
    self.sumColumn = sumColumn
    self.skipped = skipped
    let sorted = groups.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    let total = sorted.reduce(0) { $0 + $1.1 }
    self.total = total
    var running = 0.0
    var reachedCut = false
    bars = sorted.map { label, value in
      running += value
      let share = total == 0 ? 0 : value / total
      let cumulative = total == 0 ? 0 : running / total
      let vital = !reachedCut
      // Compare with a little slack so 0.8 written as a sum of shares still counts as reached.
      if cumulative >= Self.cut - 1e-9 { reachedCut = true }
      return Bar(label: label, value: value, share: share, cumulative: cumulative, vital: vital)
    }
  }
}

/// Counts of a numeric column in equal-width bins.
public struct Histogram: Hashable, Sendable {
  public struct Bin: Hashable, Sendable {
    public var lower: Double
    public var upper: Double
    public var count: Int
  }
  public var column: String
  public var bins: [Bin]
  public var count: Int
  public var minimum: Double
  public var maximum: Double
  public var mean: Double
  /// Rows whose cell is empty or not a number.
  public var skipped: Int
  /// Decimals the data is written to: edges and figures are shown to this precision.
  public var decimals: Int = 0
  /// The last bin includes its upper edge (the maximum lies on it).
  public var lastClosed: Bool = false
}

/// Counts per time bucket of a date/time column, gaps included as zeros.
public struct Timeline: Hashable, Sendable {
  public struct Point: Hashable, Sendable {
    public var label: String
    /// The bucket's start, seconds since 1970 UTC.
    public var start: Double
    public var count: Int
  }
  public var column: String
  public var bucket: TimeBucket
  public var points: [Point]
  public var skipped: Int
  /// Periods with no rows (shown as zeros).
  public var empty: Int = 0
  /// Daily counts leave out Saturdays and Sundays (no row of the column falls on one).
  public var weekendsLeftOut: Bool = false
}
