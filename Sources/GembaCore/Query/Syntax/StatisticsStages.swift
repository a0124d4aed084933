/// The payloads of the statistics stages: `compare`, `spc --chart …` and `capability`.

/// `compare COL = VALUE by GROUP` (shares meeting a condition) or `compare COL by GROUP`
/// (a cross-tab for a text column, the measure between groups for a numeric one).
public struct CompareStage: Hashable, Sendable {
  /// The condition rows meet (`cancelled = yes`), or nil to compare the column itself.
  public var condition: Predicate?
  /// The column compared when there is no condition.
  public var column: ColumnRef?
  public var group: ColumnRef

  public init(condition: Predicate?, column: ColumnRef?, group: ColumnRef) {
    self.condition = condition
    self.column = column
    self.group = group
  }
}

/// The chart `spc --chart` draws.
public enum ChartKind: String, Hashable, Sendable, CaseIterable {
  case imr, xbarR = "xbar-r", xbarS = "xbar-s", p, np, c, u, laneyP = "laney-p", laneyU = "laney-u", run

  /// Charts of subgroups of a measure (need `--subgroup` or `--size`, or `--by`).
  var isSubgrouped: Bool { self == .xbarR || self == .xbarS }
  /// Charts of counts of defectives (p, np, Laney p′: need `--n`).
  var countsDefectives: Bool { self == .p || self == .np || self == .laneyP }
  var isAttribute: Bool { [.p, .np, .c, .u, .laneyP, .laneyU].contains(self) }
  /// `imr|xbar-r|…|run`, for the usage lines (written once, so a new kind is listed).
  static var usage: String { allCases.map(\.rawValue).joined(separator: "|") }
}

/// How the rows of a chart or a study are grouped into subgroups.
public enum SubgroupSpec: Hashable, Sendable {
  case column(ColumnRef)
  case size(Int)
}

/// `spc COL --chart … [--subgroup COL | --size N] [--n COL] [--by …] [--stages COL | --split DATE…] [--baseline FROM..TO] [--rules …]`.
public struct ChartStage: Hashable, Sendable {
  public var column: ColumnRef
  public var chart: ChartKind
  public var subgroup: SubgroupSpec?
  /// Sample sizes per row (p, np, u charts).
  public var sizes: ColumnRef?
  public var by: TimeBucket?
  public var stages: ColumnRef?
  /// Dates at which a new stage starts.
  public var split: [String]
  /// The points (FROM..TO: point numbers, labels or dates) the limits come from.
  public var baseline: (from: String, to: String)?
  /// `we`, `nelson` or test numbers; nil: the chart's default.
  public var rules: SpecialCauseRules?
  public var span: SourceSpan

  public init(column: ColumnRef, chart: ChartKind) {
    self.column = column
    self.chart = chart
    split = []
    span = column.span
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.column == b.column && a.chart == b.chart && a.subgroup == b.subgroup && a.sizes == b.sizes && a.by == b.by
      && a.stages == b.stages && a.split == b.split && a.baseline?.from == b.baseline?.from
      && a.baseline?.to == b.baseline?.to
      && a.rules == b.rules
  }

  public func hash(into h: inout Hasher) {
    h.combine(column)
    h.combine(chart)
    h.combine(split)
  }
}

/// `capability COL --lsl X --usl Y [--target T] [--subgroup COL | --size N]`.
public struct CapabilityStage: Hashable, Sendable {
  public var column: ColumnRef
  public var lower: Double?
  public var upper: Double?
  public var target: Double?
  public var subgroup: SubgroupSpec?

  public init(column: ColumnRef, lower: Double?, upper: Double?, target: Double?, subgroup: SubgroupSpec?) {
    self.column = column
    self.lower = lower
    self.upper = upper
    self.target = target
    self.subgroup = subgroup
  }
}
