/// A column named in a query, with where it was typed (for diagnostics).
public struct ColumnRef: Hashable, Sendable {
  public var name: String
  public var span: SourceSpan
  public init(_ name: String, span: SourceSpan) {
    self.name = name
    self.span = span
  }
}

/// `where` comparison operators.
public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
  case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
  case matches = "~", notMatches = "!~"
}

/// One `COL OP VALUE` test.
public struct Comparison: Hashable, Sendable {
  public var column: ColumnRef
  public var op: ComparisonOperator
  public var value: String
  public var valueSpan: SourceSpan
  /// `--ignore-case` on the `where`: `=`, `!=`, `~` and `!~` ignore letter case.
  public var ignoreCase = false
}

/// A `where` condition: comparisons joined by `and` (binding tighter) and `or`.
public indirect enum Predicate: Hashable, Sendable {
  case compare(Comparison)
  case and(Predicate, Predicate)
  case or(Predicate, Predicate)
}

/// The periods of timelines and of charts by period (`--every`, `--by`): every list of them
/// (options, usage, completion, help) is read from this one declaration.
public enum TimeBucket: String, Hashable, Sendable, CaseIterable {
  case hour, day, week, month

  /// `hour|day|week|month`, as usage lines write the choice.
  public static var usage: String { allCases.map(\.rawValue).joined(separator: "|") }
}

/// One stage of a query pipeline.
public enum QueryStage: Hashable, Sendable {
  case filter(Predicate)
  case count(by: [ColumnRef])
  case sort(ColumnRef, descending: Bool)
  case top(Int)
  case limit(Int)
  case select([ColumnRef])
  case grep(pattern: String, ignoreCase: Bool, span: SourceSpan)
  case pareto(by: ColumnRef, sum: ColumnRef?)
  case histogram(ColumnRef, bins: Int?)
  /// `spanEvidence`: the periods run from the evidence's first to its last date, not only the
  /// matching rows' (`--span evidence`), so a week with none of the rows counts as zero.
  case timeline(ColumnRef, every: TimeBucket?, spanEvidence: Bool)
  case spc(ColumnRef, by: TimeBucket?, rules: ControlRules)
  /// `spc COL --chart …` and the other options of the full chart set.
  case chart(ChartStage)
  case compare(CompareStage)
  case capability(CapabilityStage)
  /// `derive NAME = EXPR` (see `DeriveExpression`).
  case derive(DeriveSpec)
  /// `extract COL "REGEX" as NAME`.
  case extract(ExtractSpec)
  /// `join OTHER on KEY [--left]`.
  case join(JoinSpec)
  /// `distinct COL…`: each combination once, with its row count.
  case distinct([ColumnRef])
  /// `sum|avg|median|p90 COL [by COL…]`.
  case aggregate(AggregateSpec)
  /// `count by A, B --percent row|col`.
  case percentTable(rows: ColumnRef, columns: ColumnRef, basis: PercentBasis)

  /// Stages whose result is not a table, so nothing can follow them.
  var endsPipeline: Bool {
    switch self {
    case .count(let by): return by.count != 1
    case .pareto, .histogram, .timeline, .spc, .chart, .compare, .capability, .percentTable: return true
    case .filter, .sort, .top, .limit, .select, .grep, .derive, .extract, .join, .distinct, .aggregate: return false
    }
  }

  /// A result over time: counts per period (`timeline`, its period when it names one), or a
  /// chart with one point per period (`spc --by`); nil for any other stage.
  enum OverTime: Hashable { case counts(TimeBucket?), chart(TimeBucket) }
  var overTime: OverTime? {
    switch self {
    case .timeline(_, let every, _): .counts(every)
    case .spc(_, let by?, _): .chart(by)
    case .chart(let c): c.by.map(OverTime.chart)
    case .spc, .filter, .count, .sort, .top, .limit, .select, .grep, .pareto, .histogram, .compare, .capability,
      .derive,
      .extract, .join, .distinct, .aggregate, .percentTable:
      nil
    }
  }

  /// The word that typed it: its `StageCatalog` entry's name (the catalog test parses every
  /// entry's example and checks it comes back here).
  public var verb: String {
    switch self {
    case .filter: "where"
    case .count, .percentTable: "count"
    case .sort: "sort"
    case .top: "top"
    case .limit: "limit"
    case .select: "select"
    case .grep: "grep"
    case .pareto: "pareto"
    case .histogram: "histogram"
    case .timeline: "timeline"
    case .spc, .chart: "spc"
    case .compare: "compare"
    case .capability: "capability"
    case .derive: "derive"
    case .extract: "extract"
    case .join: "join"
    case .distinct: "distinct"
    case .aggregate(let spec): spec.function.rawValue
    }
  }
}

/// A parsed query: `tickets | where reopened = yes | count by team` without its evidence name.
public struct QueryPipeline: Hashable, Sendable {
  public var stages: [QueryStage]
  /// Where each stage's verb was typed.
  public var spans: [SourceSpan]
  /// The last day the evidence covers (its load's `--through`, or the day it was loaded), as the
  /// instant of that day's start: `timeline … --span evidence` runs to it, so quiet days after a
  /// log's last row count as zeros. Set by the session from the load's record, not typed.
  public var coversThrough: Double? = nil

  public init(stages: [QueryStage], spans: [SourceSpan]) {
    self.stages = stages
    self.spans = spans
  }

  /// The stage verbs, for help and completion.
  public static var verbs: [String] { StageCatalog.names }
}
