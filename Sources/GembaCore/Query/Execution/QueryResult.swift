/// What a query pipeline produced: a neutral model that renderers turn into text.
public enum QueryResult: Hashable, Sendable {
  case rows(ResultTable)
  case count(Int)
  case crossTab(CrossTab)
  case pareto(ParetoChart)
  case histogram(Histogram)
  case timeline(Timeline)
  case spc(ControlChart)
  case controlChart(ControlChartResult)
  case comparison(GroupComparison)
  case capability(CapabilityResult)
  case grep(GrepMatches)
  /// A result with what the stages said about it: rows a join matched, empty derived cells,
  /// values near one that found nothing.
  indirect case noted(QueryResult, notes: [String])
}

/// Rows of a table result (the first `rows.count` of `totalRows`).
public struct ResultTable: Hashable, Sendable {
  public var columns: [String]
  public var types: [ColumnType]
  public var rows: [[String]]
  /// 1-based evidence row of each result row (for `NAME#12` citations); nil for aggregates.
  public var rowNumbers: [Int]?
  public var totalRows: Int

  public init(columns: [String], types: [ColumnType], rows: [[String]], rowNumbers: [Int]?, totalRows: Int) {
    self.columns = columns
    self.types = types
    self.rows = rows
    self.rowNumbers = rowNumbers
    self.totalRows = totalRows
  }
}

/// `count by A, B`: counts per pair of values, with totals.
public struct CrossTab: Hashable, Sendable {
  public var rowColumn: String
  public var columnColumn: String
  public var rowValues: [String]
  public var columnValues: [String]
  /// counts[r][c] for rowValues[r] × columnValues[c].
  public var counts: [[Int]]
  public var rowTotals: [Int]
  public var columnTotals: [Int]
  public var total: Int
}

/// Lines (or rows) matching a pattern.
public struct GrepMatches: Hashable, Sendable {
  public struct Match: Hashable, Sendable {
    /// 1-based row (header excluded) and 1-based line in the file.
    public var row: Int
    public var line: Int
    public var text: String
  }
  public var pattern: String
  public var matches: [Match]
  /// All matching rows, listed or not.
  public var total: Int
}
