/// The parts a corrective-action record (8D, A3, ISO 9001 10.2) asks for beyond the reasoning:
/// who worked on it, the problem's boundaries, the bleeding stopped, where the defect escaped,
/// where else the cause can act, and effectiveness planned before it is judged.

/// `team NAME --role ROLE`: the 8D's D1.
public struct TeamMember: Sendable, Equatable {
  public var name: String
  public var role: TeamRole
  public var cell: Int
  public init(name: String, role: TeamRole, cell: Int) {
    self.name = name
    self.role = role
    self.cell = cell
  }
}

/// `isnot DIMENSION --is TEXT --is-not TEXT`: Kepner-Tregoe's is / is not, the 8D's D2.
public struct ProblemBoundary: Sendable, Equatable {
  public var dimension: BoundaryDimension
  public var isText: String
  public var isNotText: String
  public var cell: Int
  public init(dimension: BoundaryDimension, isText: String, isNotText: String, cell: Int) {
    self.dimension = dimension
    self.isText = isText
    self.isNotText = isNotText
    self.cell = cell
  }
}

/// `contain TEXT --owner X --due DATE` → `K1`: the interim action that stops the bleeding
/// (the 8D's D3), with its own verification: `contained K1 --evidence REF`.
public struct Containment: Sendable, Equatable {
  public enum State: String, Sendable, Equatable, Codable { case open, verified }
  public var id: ItemID
  public var text: String
  public var owner: String
  public var due: CalendarDate?
  public var state: State = .open
  /// When `contained` was recorded (the cell's time, ISO-8601 UTC).
  public var verifiedAt: String?
  public var verificationNote: String?
  public var citations: [Citation] = []
  public var cell: Int
  /// Where and from when it applies (`--where`, `--from`).
  public var scope: String?
  public var from: CalendarDate?
  /// Parts checked and found bad (`contained … --checked N --found N`).
  public var checked: Int?
  public var found: Int?
  /// When it was removed (`lift`, the cell's time), and why.
  public var liftedAt: String?
  public var liftNote: String?
  public init(id: ItemID, text: String, owner: String, due: CalendarDate?, cell: Int) {
    self.id = id
    self.text = text
    self.owner = owner
    self.due = due
    self.cell = cell
  }
}

/// `escape TEXT --step Sx` → `E1`: the point where the defect should have been caught and was
/// not (the 8D's escape point in D4). `why E1 TEXT` asks why it escaped: its whys are nodes
/// `E1.1`, `E1.1.1` in `Investigation.nodes`, children listed here.
public struct EscapePoint: Sendable, Equatable {
  public var id: ItemID
  public var text: String
  public var step: ItemID?
  public var children: [ItemID] = []
  public var cell: Int
  public init(id: ItemID, text: String, step: ItemID?, cell: Int) {
    self.id = id
    self.text = text
    self.step = step
    self.cell = cell
  }
}

/// `elsewhere TEXT (--action Ax | --none REASON)` → `X1`: where else the same cause can act
/// (other products, lines, sites, SOPs; ISO 9001 10.2.1 b), with what is done about it.
public struct ExtentCheck: Sendable, Equatable {
  public var id: ItemID
  public var text: String
  /// The action that covers it, or
  public var action: ItemID?
  /// why none is needed.
  public var noneReason: String?
  public var cell: Int
  public init(id: ItemID, text: String, action: ItemID?, noneReason: String?, cell: Int) {
    self.id = id
    self.text = text
    self.action = action
    self.noneReason = noneReason
    self.cell = cell
  }
}

/// The check agreed with an action, before it is done, that will prove it worked:
/// `action … --verify QUERY --target EXPR --after DATE`.
public struct PlannedCheck: Sendable, Hashable, Codable {
  /// The query pipeline's text (`tickets | where … | count per week`).
  public var query: String
  /// The target as typed (`<= 2 per week`, `p below 0.031`, `no rule-1 points`).
  public var target: String
  /// The check is judged on data after this date.
  public var after: CalendarDate
  /// `--retrospective`: `--after` was already past when the check was agreed (a past incident
  /// investigated now), so the plan was made after the fact and every report says so.
  public var retrospective: Bool = false
  public init(query: String, target: String, after: CalendarDate, retrospective: Bool = false) {
    self.query = query
    self.target = target
    self.after = after
    self.retrospective = retrospective
  }

  enum CodingKeys: String, CodingKey { case query, target, after, retrospective }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    query = try c.decode(String.self, forKey: .query)
    target = try c.decode(String.self, forKey: .target)
    after = try c.decode(CalendarDate.self, forKey: .after)
    // Notebooks written before `--retrospective` existed planned every check ahead.
    retrospective = try c.decodeIfPresent(Bool.self, forKey: .retrospective) ?? false
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(query, forKey: .query)
    try c.encode(target, forKey: .target)
    try c.encode(after, forKey: .after)
    if retrospective { try c.encode(retrospective, forKey: .retrospective) }
  }
}

/// What a planned check decided when it was run (`effective Ax` with no `--evidence`), and
/// what it saw. Replay runs it again on today's evidence: a defect that returns turns an
/// effective action into a recurrence.
public struct EffectivenessJudgement: Sendable, Equatable, Codable {
  public enum Verdict: String, Sendable, Equatable, Codable {
    case effective
    case notEffective = "not-effective"
    /// Too little data after the action to judge.
    case inconclusive
  }
  public var verdict: Verdict
  /// The cell's time when judged (ISO-8601 UTC).
  public var judgedAt: String
  /// In words: `2 per week ≤ 2 per week over 6 weeks after 2018-03-31 (12 points)`.
  public var seen: String
  /// The first date the judged data covered; a verdict from data before the action was done
  /// is flagged by `check`.
  public var dataFrom: String?
  public var dataTo: String?
  public var points: Int
  public init(verdict: Verdict, judgedAt: String, seen: String, dataFrom: String?, dataTo: String?, points: Int) {
    self.verdict = verdict
    self.judgedAt = judgedAt
    self.seen = seen
    self.dataFrom = dataFrom
    self.dataTo = dataTo
    self.points = points
  }
}
