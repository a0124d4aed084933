/// The reviewable record of an investigation: one neutral, versioned model that every
/// export format renders.
///
/// Built once from the investigation state (`Record(investigation:cells:…)`); renderers
/// read only this value, so Markdown, HTML, JSON, ipynb, dot and the SOP update can never
/// disagree about a fact. Ids are strings (`W1.2`), optional facts are absent, not empty,
/// and the JSON form (`format: "gemba-record"`, `version: 1`) is documented in
/// `docs/record.schema.json`.
public struct Record: Sendable, Equatable, Codable {
  /// The value of `format` in every record.
  public static let formatName = "gemba-record"
  /// Raised when a field changes meaning or goes away; added optional fields keep it.
  public static let currentVersion = 1

  public var format: String
  public var version: Int
  /// ISO-8601 UTC, supplied by the caller (the core never reads the clock).
  public var generatedAt: String
  /// The investigation's title, or its problem statement when it has none.
  public var title: String
  public var problem: Problem?
  public var process: Process
  /// The five-whys trees, roots in creation order.
  public var whys: [Node]
  public var fishbone: Fishbone?
  public var findings: [Finding]
  public var actions: [Action]
  /// Timeline events, sorted by time (ties keep entry order).
  public var events: [Event]
  public var checks: [Check]
  public var evidence: [Evidence]
  public var integrity: Integrity
  public var signoffs: [Signoff]
  /// Every notebook cell, in order: the appendix and the ipynb cells.
  public var log: [LogCell]
  /// The corrective-action record's parts (`Record+CorrectiveAction.swift`), absent when none
  /// were recorded: they are additive, so a record without them is still version 1.
  public var team: [TeamMember]? = nil
  public var boundaries: [Boundary]? = nil
  public var containments: [Containment]? = nil
  public var escapes: [Escape]? = nil
  public var extent: [ExtentCheck]? = nil
  /// The case's identity (`case`), absent until one is set; and its dates and derived status
  /// (`Record+Case.swift`), absent only in records written before they were kept.
  public var caseIdentity: CaseIdentity? = nil
  public var progress: Progress? = nil

  public struct Problem: Sendable, Equatable, Codable {
    public var statement: String
    public var expected: String?
    public var actual: String?
  }

  public struct Process: Sendable, Equatable, Codable {
    public var name: String?
    public var steps: [Step]
    /// Handoffs that have findings, in the order of their receiving step.
    public var handoffs: [Handoff]
    /// Findings at no step, by id.
    public var unplacedFindings: [String]
  }

  public struct Step: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var owner: String?
    /// Findings at this step (not at its handoffs), by id.
    public var findings: [String]
  }

  public struct Handoff: Sendable, Equatable, Codable {
    public var from: String
    public var to: String
    public var findings: [String]
  }

  /// A five-whys node or a fishbone cause, with its sub-nodes nested.
  public struct Node: Sendable, Equatable, Codable {
    public var id: String
    public var text: String
    /// `hypothesis`, `confirmed` or `ruled-out`.
    public var status: CauseStatus
    public var rationale: String?
    public var root: Bool
    /// The fishbone bone (causes only).
    public var category: String?
    public var citations: [Citation]
    public var children: [Node]
  }

  public struct Fishbone: Sendable, Equatable, Codable {
    public var effect: String
    /// `6M`, `8P`, `4S` or `none`.
    public var template: FishboneTemplate
    public var bones: [Bone]
  }

  public struct Bone: Sendable, Equatable, Codable {
    public var name: String
    public var causes: [Node]
  }

  public struct Citation: Sendable, Equatable, Codable {
    /// `tickets#12-14`, or the query's text.
    public var reference: String
    /// `rows` or `query`.
    public var kind: String
    /// What was seen when cited: the rows, or the query's result.
    public var excerpt: String
    public var note: String?
    /// The cell that made the citation.
    public var cell: Int
    /// The chart a cited query drew, as numbers, so formats can draw it (absent for rows
    /// and for queries that end in no chart stage).
    public var chart: Chart?
    /// Cited rows that carry a time (absent when none do).
    public var moments: [Moment]?
    /// The cited rows, or a query's table or count, as data (absent for charts and v1 notebooks).
    public var table: Table?
    /// The evidence it came from, and that file's SHA-256 when it was cited.
    public var evidence: String?
    public var sha256: String?
    /// What a cited test, chart or capability study decided (absent for other citations).
    public var statistics: CitedStatistics? = nil
  }

  /// Rows as data: columns, values, and the evidence row number of each where they are rows.
  public struct Table: Sendable, Equatable, Codable {
    public var columns: [String]
    public var rows: [[String]]
    public var rowNumbers: [Int]?
    /// How many rows there were (only the first are kept for a long result).
    public var totalRows: Int
  }

  /// A Pareto, control chart, timeline or histogram, as the query computed it. Labels and
  /// values are in the query's order; nothing is recomputed when the record is drawn.
  public struct Chart: Sendable, Equatable, Codable {
    /// `pareto`, `control`, `timeline` or `histogram`: the cited chart's own kind.
    public var kind: CitedChart.Kind
    /// What was charted: `reason`, or `handle_minutes per day`.
    public var title: String
    /// What the values measure; absent where the title says it (see `measureName`).
    public var measure: ChartMeasure? = nil
    public var labels: [String]
    public var values: [Double]
    /// Pareto only: the cumulative share (0–1) after each bar.
    public var cumulative: [Double]?
    /// Control chart only: the centre line and the natural process limits.
    public var centre: Double?
    public var upper: Double?
    public var lower: Double?
    /// Indices into `values`: a Pareto's vital few, or the points that break a control rule.
    public var flagged: [Int]
    /// Control chart: the tests each flagged point breaks (`1, 5`), parallel to `flagged`.
    public var tests: [String]? = nil
    /// Control chart with limits that vary by point (sample sizes, stages, a baseline).
    public var centres: [Double]? = nil
    public var uppers: [Double]? = nil
    public var lowers: [Double]? = nil
    /// Where each stage starts (point index), and its label.
    public var stageStarts: [Int]? = nil
    public var stageLabels: [String]? = nil
    /// Control chart with a baseline (phase I): its points (0-based, half-open), drawn shaded.
    public var baseline: Range<Int>? = nil
    /// The chart drawn under a control chart: moving range, R or S.
    public var spread: [Chart]? = nil
    /// A capability study's histogram: the specification limits.
    public var specLower: Double? = nil
    public var specUpper: Double? = nil
    /// Decimals to show values and limits with (the data's precision); absent: up to 2.
    public var places: Int? = nil
  }

  /// A cited row with a time, as it joins the timeline.
  public struct Moment: Sendable, Equatable, Codable {
    public var when: String
    /// `YYYY-MM-DDTHH:MM:SS`.
    public var sortKey: String
    /// `tickets#12: RF-00012 · macro · no`.
    public var text: String
  }

  public struct Finding: Sendable, Equatable, Codable {
    public var id: String
    public var text: String
    public var location: Location?
    /// Causes and whys it rests on, by id.
    public var causes: [String]
    public var citations: [Citation]
    /// Actions taken on it, by id.
    public var actions: [String]
  }

  /// Where a finding appears: one step, or the handoff between two.
  public struct Location: Sendable, Equatable, Codable {
    /// `S2`, or `S2>S3` for a handoff.
    public var label: String
    public var handoff: Bool
    /// The step ids, one or two.
    public var steps: [String]
    /// The steps' names, in the same order (`?` for a step that no longer exists).
    public var names: [String]
  }

  public struct Action: Sendable, Equatable, Codable {
    public var id: String
    public var finding: String
    public var text: String
    public var owner: String?
    /// `YYYY-MM-DD`.
    public var due: String?
    /// `weekly`, `monthly` or `quarterly`.
    public var review: String?
    /// The new standard, if the action works.
    public var standard: String?
    /// `open`, `done`, `effective` or `not-effective` (encoded as those words).
    public var state: GembaCore.Action.State
    public var doneNote: String?
    /// Why it was judged effective or not.
    public var outcome: String?
    public var outcomeCitations: [Citation]
    /// The check agreed before the action was done that will prove it worked.
    public var plannedCheck: PlannedCheck? = nil
    /// What that check decided when it was run, and what it saw.
    public var judgement: Judgement? = nil
    /// When `done` was recorded (ISO-8601 UTC): the implementation date.
    public var doneAt: String? = nil
  }

  public struct Event: Sendable, Equatable, Codable {
    /// As typed (`2026-11-20 09:14`).
    public var when: String
    /// `YYYY-MM-DDTHH:MM:SS`, which sorts as text.
    public var sortKey: String
    public var text: String
    public var citations: [Citation]
    public var cell: Int
  }

  /// One `check` result: what a quality manager would call weak.
  public struct Check: Sendable, Equatable, Codable {
    /// `error` or `warning`.
    public var severity: String
    public var item: String?
    public var message: String
    public var advice: String
  }

  /// The evidence register entry is the model's own: it is already a plain record.
  public typealias Evidence = EvidenceRecord

  /// The result of verifying the notebook's chain, as `gemba verify` reports it.
  public struct Integrity: Sendable, Equatable, Codable {
    public var verified: Bool
    public var cells: Int
    /// The last cell's chain value (the genesis value for an empty notebook).
    public var chain: String
    /// `verified: 12 cells, chain 9c1e07d2a4f1b3e8`, or what failed.
    public var line: String
  }

  public struct Signoff: Sendable, Equatable, Codable {
    public var role: String
    public var name: String
    public var time: String
    /// The chain value approved: the notebook as it stood before the sign-off cell.
    public var chain: String
    public var cell: Int
    /// Cells recorded after the sign-off: work the approver has not seen.
    public var laterCells: Int
    /// `reviewed`, `approved` or `verified`; absent for sign-offs recorded before meanings.
    public var meaning: String? = nil
    /// Signed and trusted, signed by an unknown key, or unsigned (a hand-typed sign-off looks
    /// like a signed one otherwise), judged against the exporter's trusted keys.
    public var signature: SignatureStatus = .unsigned
    /// The signing key's fingerprint, when signed.
    public var key: String? = nil
    /// The signed bytes' form: 3 binds the full SHA-256; 1 and 2 the 64-bit chain value only.
    public var signedForm: Int? = nil
    /// Whether it still approves what it approved: a cell at or before it edited since, or a
    /// signature that does not verify, breaks it.
    public var standing: SignoffStanding = .holds
    /// The first edited cell, when the chain is broken.
    public var brokenAt: Int? = nil

    enum CodingKeys: String, CodingKey {
      case role, name, time, chain, cell, laterCells, meaning, signature, key, signedForm, standing, brokenAt
    }
  }

  public struct LogCell: Sendable, Equatable, Codable {
    public var number: Int
    public var time: String
    public var chain: String
    public var command: String
    public var output: String
    /// The text of a `note` cell (prose, not a command to show as code).
    public var note: String?
  }
}

extension Record {
  /// A sign-off's signature in words, as every record shows it: a hand-typed sign-off must not
  /// read like a key-signed one, nor a v1/v2 signature like one over the full SHA-256.
  public static func signatureWords(_ s: Signoff) -> String {
    var words = s.signature.words + (s.key.map { " \($0)" } ?? "")
    if let form = s.signedForm, form < SignoffSignature.currentVersion, s.signature != .invalid {
      words += " (v\(form): 64-bit chain only)"
    }
    return words
  }
}

extension Record.Signoff {
  /// Records written before sign-offs were marked read as unsigned: they never said otherwise.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      role: try c.decode(String.self, forKey: .role), name: try c.decode(String.self, forKey: .name),
      time: try c.decode(String.self, forKey: .time), chain: try c.decode(String.self, forKey: .chain),
      cell: try c.decode(Int.self, forKey: .cell), laterCells: try c.decode(Int.self, forKey: .laterCells),
      meaning: try c.decodeIfPresent(String.self, forKey: .meaning),
      signature: try c.decodeIfPresent(SignatureStatus.self, forKey: .signature) ?? .unsigned,
      key: try c.decodeIfPresent(String.self, forKey: .key),
      signedForm: try c.decodeIfPresent(Int.self, forKey: .signedForm),
      standing: try c.decodeIfPresent(SignoffStanding.self, forKey: .standing) ?? .holds,
      brokenAt: try c.decodeIfPresent(Int.self, forKey: .brokenAt))
  }
}
