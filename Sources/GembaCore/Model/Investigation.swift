/// The whole investigation at one moment: a fold over the notebook's cells.
///
/// Items are kept in creation order; trees keep their children's ids in order,
/// so every view is deterministic.
public struct Investigation: Sendable, Equatable {
  public var title: String?
  public var problem: Problem?
  public var processName: String?
  public var steps: [Step] = []
  /// Five-whys nodes and fishbone causes, by id (`W1.2`, `C3`).
  public var nodes: [ItemID: CauseNode] = [:]
  /// The roots of the five-whys trees, in creation order.
  public var whyRoots: [ItemID] = []
  public var fishbone: Fishbone?
  public var findings: [Finding] = []
  public var actions: [Action] = []
  public var notes: [Note] = []
  public var events: [Event] = []
  public var signoffs: [Signoff] = []
  public var evidence: [EvidenceRecord] = []
  /// Loads replaced by a later load under the same name, oldest first: their citations stand.
  public var supersededEvidence: [EvidenceRecord] = []
  /// The corrective-action record's parts (`CorrectiveAction.swift`).
  public var team: [TeamMember] = []
  public var boundaries: [ProblemBoundary] = []
  public var containments: [Containment] = []
  /// Escape points; their whys are in `nodes` (`E1.1`).
  public var escapes: [EscapePoint] = []
  public var extent: [ExtentCheck] = []
  /// The case's identity (`case`): report number, customer, part, complaint, reporter, site.
  public var caseIdentity: CaseSpec?
  /// The next number for each id family: "S", "W", "W1", "C", "C2", "F", "A".
  /// Never lowered, even by undo, so ids are never reused.
  public var counters: [String: Int] = [:]

  public init() {}

  public func step(_ id: ItemID) -> Step? { steps.first { $0.id == id } }
  public func finding(_ id: ItemID) -> Finding? { findings.first { $0.id == id } }
  public func action(_ id: ItemID) -> Action? { actions.first { $0.id == id } }

  /// Every five-whys node in tree order (depth first).
  public var whysInOrder: [CauseNode] { depthFirst(whyRoots) }
  /// Every fishbone cause in diagram order: bone by bone, depth first.
  public var causesInOrder: [CauseNode] { depthFirst(fishbone?.categories.flatMap(\.causes) ?? []) }

  /// With an explicit stack, not recursion: a received notebook's why chain may be thousands deep.
  public func depthFirst(_ roots: [ItemID]) -> [CauseNode] {
    var out: [CauseNode] = []
    var pending = Array(roots.reversed())  // the next to visit last
    while let id = pending.popLast() {
      guard let node = nodes[id] else { continue }
      out.append(node)
      pending.append(contentsOf: node.children.reversed())
    }
    return out
  }

  /// The ids that currently exist, for completion and suggestions.
  public var allIDs: [ItemID] {
    steps.map(\.id) + whysInOrder.map(\.id) + causesInOrder.map(\.id) + findings.map(\.id) + actions.map(\.id)
      + containments.map(\.id) + escapes.flatMap { [$0.id] + depthFirst($0.children).map(\.id) } + extent.map(\.id)
  }

  /// The whys asked of every escape point, in tree order.
  public var escapeWhysInOrder: [CauseNode] { depthFirst(escapes.flatMap(\.children)) }
}

public struct Problem: Sendable, Equatable {
  public var statement: String
  public var expected: String?
  public var actual: String?
}

public struct Step: Sendable, Equatable {
  public var id: ItemID
  public var name: String
  public var owner: String?
}

/// A five-whys node or a fishbone cause: a hypothesis until judged on evidence.
public struct CauseNode: Sendable, Equatable {
  public var id: ItemID
  public var text: String
  public var status: CauseStatus = .hypothesis
  /// Why it was confirmed or ruled out.
  public var rationale: String?
  public var isRoot = false
  public var citations: [Citation] = []
  public var children: [ItemID] = []
  /// The fishbone bone a cause hangs on (inherited by sub-causes); nil for whys.
  public var category: String?
  public var depth: Int { id.path.count }
}

public struct Fishbone: Sendable, Equatable {
  public var effect: String
  public var template: FishboneTemplate
  public var categories: [Category]

  public struct Category: Sendable, Equatable {
    public var name: String
    /// Top-level causes on this bone, in creation order.
    public var causes: [ItemID] = []
  }

  public func categoryIndex(named name: String) -> Int? {
    categories.firstIndex { $0.name.lowercased() == name.lowercased() }
  }
}

/// Evidence attached to an item, with what was seen stored beside it.
public struct Citation: Sendable, Equatable, Codable {
  public enum Kind: String, Sendable, Codable { case rows, query }
  public var kind: Kind
  /// `tickets#12-14`, or the query pipeline's text.
  public var reference: String
  /// The cited rows, or the query's result, as shown when cited.
  public var excerpt: String
  public var note: String?
  public var cell: Int
  /// The chart a cited query drew (a Pareto, a control chart, a timeline), as data,
  /// so the record can draw it again (inline SVG) rather than show terminal bars.
  public var chart: CitedChart?
  /// Timestamped rows among the cited ones, for the investigation's timeline.
  public var moments: [CitedMoment]
  /// The cited rows, or a query's table or count, as data (columns and values).
  public var table: CitedTable?
  /// The evidence it came from and that file's SHA-256 when cited.
  public var evidence: String?
  public var sha256: String?
  /// What a cited test, chart or capability study decided (p-value, control), for `check`.
  public var statistics: CitedStatistics?

  public init(
    kind: Kind, reference: String, excerpt: String, note: String? = nil, cell: Int,
    chart: CitedChart? = nil, moments: [CitedMoment] = [], table: CitedTable? = nil, evidence: String? = nil,
    sha256: String? = nil, statistics: CitedStatistics? = nil
  ) {
    self.statistics = statistics
    self.kind = kind
    self.reference = reference
    self.excerpt = excerpt
    self.note = note
    self.cell = cell
    self.chart = chart
    self.moments = moments
    self.table = table
    self.evidence = evidence
    self.sha256 = sha256
  }

  /// True when `other` saw the same thing (the figures, rows and chart), whatever the file's digest.
  public func sawTheSame(as other: Citation) -> Bool {
    Self.shown(excerpt) == Self.shown(other.excerpt) && table == other.table && statistics == other.statistics
      && (chart?.figures == other.chart?.figures
        || (!(chart?.hasBaseline ?? false) && chart?.figures.withoutBaseline == other.chart?.figures.withoutBaseline))
  }
}

/// What a cited statistic decided: a comparison's p-value and verdict, whether a cited chart
/// or capability study's process was in statistical control.
extension Citation {
  /// What an excerpt shows a reader: its first line names the file's digest (`pay#1-3 · pay.csv ·
  /// sha256 ef49…`), which any change to the file moves — line endings, a row far from the cited
  /// ones. The rows shown are what the citation claims, so a new digest alone is not staleness
  /// (replay reports the file's drift on its `load`).
  static func shown(_ excerpt: String) -> Substring {
    let firstLine = excerpt.prefix { $0 != "\n" }
    guard let mark = firstLine.range(of: " · sha256 ") else { return excerpt[...] }
    let digestEnd = firstLine[mark.upperBound...].firstIndex { !$0.isHexDigit } ?? firstLine.endIndex
    return Substring(String(excerpt[..<mark.lowerBound]) + String(excerpt[digestEnd...]))
  }
}

public struct CitedStatistics: Sendable, Equatable, Codable {
  /// Which statistic was cited: the query stage that decided.
  public enum Study: Sendable {
    case comparison, controlChart, capability
  }
  /// `two-proportion z test; Fisher's exact test`, `Western Electric rules 1–4`.
  public var method: String
  public var pValue: Double?
  public var alpha: Double?
  public var significant: Bool?
  /// The plain-words verdict.
  public var verdict: String?
  /// A control chart or capability study: no point beyond the rules.
  public var inControl: Bool?
  public var warnings: [String]

  public init(
    method: String, pValue: Double? = nil, alpha: Double? = nil, significant: Bool? = nil,
    verdict: String? = nil, inControl: Bool? = nil, warnings: [String] = []
  ) {
    self.method = method
    self.pValue = pValue
    self.alpha = alpha
    self.significant = significant
    self.verdict = verdict
    self.inControl = inControl
    self.warnings = warnings
  }

  /// A capability study's method (`capability (I-MR within σ)`): the notebook stores no other
  /// mark of which statistic was cited, and adding one would change the bytes, and so the
  /// chain, of every notebook that cites a statistic.
  static let capabilityLead = "capability ("
  static func capabilityMethod(sigma: String) -> String { capabilityLead + "\(sigma) within σ)" }

  /// The statistic cited, from what the notebook stores: only a capability study's method is
  /// `capabilityMethod`; a control chart says whether it is in control, a test does not.
  public var kind: Study {
    if method.hasPrefix(Self.capabilityLead) { return .capability }
    return inControl == nil ? .comparison : .controlChart
  }
}

/// Rows as data: a row citation's rows, or a query's result table.
public struct CitedTable: Sendable, Equatable, Codable {
  public var columns: [String]
  public var rows: [[String]]
  /// The 1-based evidence row of each, where the rows are evidence rows.
  public var rowNumbers: [Int]?
  /// How many rows the result had (only the first are kept for a long result).
  public var totalRows: Int

  public init(columns: [String], rows: [[String]], rowNumbers: [Int]?, totalRows: Int) {
    self.columns = columns
    self.rows = rows
    self.rowNumbers = rowNumbers
    self.totalRows = totalRows
  }
}

/// A chart as numbers: what a cited `pareto`, `spc`, `timeline` or `histogram` computed.
public struct CitedChart: Sendable, Equatable, Codable {
  public enum Kind: String, Sendable, Codable { case pareto, control, timeline, histogram }
  public var kind: Kind
  /// What was charted: `reason`, or `handle_minutes per day`.
  public var title: String
  /// What the values measure (rows counted, a column summed or plotted), kept only where the
  /// title does not say it (a column named `handled by team`), so the notebooks of every other
  /// chart store the bytes they always did; `measured` is the measure either way.
  public var measure: ChartMeasure?
  public var labels: [String]
  public var values: [Double]
  /// Pareto: cumulative share (0–1) after each bar.
  public var cumulative: [Double]
  /// Control chart: centre line and limits.
  public var centre: Double?
  public var upper: Double?
  public var lower: Double?
  /// Indices of points that break a control rule (or, for a Pareto, of the vital few).
  public var flagged: [Int]
  /// The tests each flagged point breaks (`1, 5`), parallel to `flagged`.
  public var tests: [String]?
  /// Control chart whose limits vary (sample sizes, stages, a baseline): per point.
  public var centres: [Double]?
  public var uppers: [Double]?
  public var lowers: [Double]?
  /// Where each stage starts (point index) and its label.
  public var stageStarts: [Int]?
  public var stageLabels: [String]?
  /// Control chart with a baseline (phase I): its points, whose limits judge the rest (0-based, half-open).
  public var baseline: Range<Int>?
  /// The chart drawn under this one: moving range, R or S.
  public var spread: [CitedChart]?
  /// Histogram of a capability study: the specification limits.
  public var specLower: Double?
  public var specUpper: Double?
  /// Decimals to show the values and limits with (the data's precision); nil: up to 2.
  public var places: Int?

  public init(
    kind: Kind, title: String, measure: ChartMeasure, labels: [String], values: [Double],
    cumulative: [Double] = [], centre: Double? = nil, upper: Double? = nil, lower: Double? = nil, flagged: [Int] = []
  ) {
    self.kind = kind
    self.title = title
    self.measure = measure == ChartMeasure.legacy(kind: kind, title: title) ? nil : measure
    self.labels = labels
    self.values = values
    self.cumulative = cumulative
    self.centre = centre
    self.upper = upper
    self.lower = lower
    self.flagged = flagged
  }
}

extension CitedChart {
  /// Whether this chart or its spread chart records a baseline (notebooks before it was kept do not).
  var hasBaseline: Bool { baseline != nil || (spread ?? []).contains { $0.baseline != nil } }

  /// The chart without its baseline: what a notebook stored before the baseline was kept saw
  /// the same figures as a replay that now keeps it.
  var withoutBaseline: CitedChart {
    var c = self
    c.baseline = nil
    c.spread = spread?.map(\.withoutBaseline)
    return c
  }

  /// What the values measure: the query stage's, or for a chart whose title says it, the title's.
  public var measured: ChartMeasure { measure ?? ChartMeasure.legacy(kind: kind, title: title) }

  /// The chart without its measure: the measure follows from the query's text, not from the
  /// evidence, and a notebook stored before it was kept saw the same figures.
  var figures: CitedChart {
    var c = self
    c.measure = nil
    c.spread = spread?.map(\.figures)
    return c
  }
}

/// A cited row that carries a time: it joins `event`s on the investigation's timeline.
public struct CitedMoment: Sendable, Equatable, Codable {
  public var when: String
  /// Sortable form of `when` (`YYYY-MM-DDTHH:MM:SS`).
  public var sortKey: String
  /// `tickets#12: RF-00012 · macro · no`
  public var text: String
  public init(when: String, sortKey: String, text: String) {
    self.when = when
    self.sortKey = sortKey
    self.text = text
  }
}

public struct Finding: Sendable, Equatable {
  public var id: ItemID
  public var text: String
  public var location: StepLocation?
  public var causes: [ItemID]
  public var citations: [Citation]
}

public struct Action: Sendable, Equatable {
  public enum State: String, Sendable, Codable {
    case open, done, effective
    case notEffective = "not-effective"
  }
  public var id: ItemID
  public var finding: ItemID
  public var text: String
  public var owner: String?
  public var due: CalendarDate?
  public var review: ReviewCadence?
  public var standard: String?
  public var state: State = .open
  public var doneNote: String?
  /// When `done` was recorded (the cell's time, ISO-8601 UTC).
  public var doneAt: String?
  /// Why it was judged effective or not, and the evidence.
  public var outcome: String?
  public var outcomeCitations: [Citation] = []
  /// The check agreed with the action that will prove it (`--verify/--target/--after`).
  public var plannedCheck: PlannedCheck?
  /// The last verdict of the planned check.
  public var judgement: EffectivenessJudgement?
  /// When its effect was last judged (effective or not, the first time or at a review).
  public var judgedAt: String?
  /// Who judged its effect (`effective Ax --judged-by NAME`): someone other than its owner.
  public var judgedBy: String?
}

public struct Note: Sendable, Equatable {
  public var cell: Int
  public var text: String
}

public struct Event: Sendable, Equatable {
  public var when: EventTime
  public var text: String
  public var citations: [Citation]
  public var cell: Int
}

public struct Signoff: Sendable, Equatable {
  public var role: String
  public var name: String
  public var time: String
  /// The notebook's chain value when the approval was given: what was approved.
  public var chain: String
  public var cell: Int
  /// What the signature means; nil for sign-offs recorded before meanings existed.
  public var meaning: SignoffMeaning?
}

/// A loaded evidence file as the record keeps it: what, from where, and its digest.
public struct EvidenceRecord: Sendable, Equatable, Codable {
  public var name: String
  public var path: String
  public var format: String
  public var rows: Int
  public var columns: Int
  public var bytes: Int
  public var sha256: String
  public var cell: Int
  /// The last day the extract covers: `load … --through DATE`, else the day it was loaded. A log of
  /// defects lists only defects, so its last row is not where it ends: quiet days after it count as
  /// zeros up to here (`timeline … --span evidence`, a planned check). Nil in notebooks written before.
  public var coversTo: CalendarDate? = nil
  /// True when `--through` said how far it reaches; false when it is the day it was loaded.
  public var coverageStated: Bool? = nil

  public init(
    name: String, path: String, format: String, rows: Int, columns: Int, bytes: Int, sha256: String, cell: Int
  ) {
    self.name = name
    self.path = path
    self.format = format
    self.rows = rows
    self.columns = columns
    self.bytes = bytes
    self.sha256 = sha256
    self.cell = cell
  }
}

extension EvidenceRecord {
  /// How far an extract reaches, as the load line and the record say it.
  public static func coverage(_ date: CalendarDate, stated: Bool) -> String {
    stated ? "covers to \(date) (--through)" : "covers to \(date), the day it was loaded"
  }
}
