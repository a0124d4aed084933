/// The record's copy of the corrective-action parts (`Model/CorrectiveAction.swift`): the
/// team, the problem's is / is-not boundaries, containments, escape points with their whys,
/// extent checks, and per action the planned check and its judgement. Plain strings, as in
/// the rest of the record, so every format reads them the same way.
extension Record {
  public struct TeamMember: Sendable, Equatable, Codable {
    public var name: String
    /// `champion`, `leader`, `member` or `expert`.
    public var role: String
  }

  /// One row of the is / is-not table.
  public struct Boundary: Sendable, Equatable, Codable {
    /// `what`, `where`, `when` or `extent`.
    public var dimension: String
    public var `is`: String
    public var isNot: String
  }

  /// An interim containment (`K1`) and how it was verified.
  public struct Containment: Sendable, Equatable, Codable {
    public var id: String
    public var text: String
    public var owner: String
    /// `YYYY-MM-DD`.
    public var due: String?
    /// `open` or `verified` (encoded as those words).
    public var state: GembaCore.Containment.State
    /// When `contained` was recorded (ISO-8601 UTC).
    public var verifiedAt: String?
    public var verificationNote: String?
    /// The evidence that shows the containment holds.
    public var citations: [Citation]
    /// Where and from when (`YYYY-MM-DD`) it applies; absent when not stated.
    public var scope: String? = nil
    public var from: String? = nil
    /// Parts checked and found bad; absent when not stated.
    public var checked: Int? = nil
    public var found: Int? = nil
    /// When it was lifted (ISO-8601 UTC) and why; absent while it is in place.
    public var liftedAt: String? = nil
    public var liftNote: String? = nil
  }

  /// Where the defect should have been caught and was not (`E1`), and why it escaped.
  public struct Escape: Sendable, Equatable, Codable {
    public var id: String
    public var text: String
    /// The process step it escaped at (`S3`).
    public var step: String?
    /// The step's name, when the step exists.
    public var stepName: String?
    /// Its whys (`E1.1`, nested).
    public var whys: [Node]
  }

  /// Where else the cause can act (`X1`), with the action that covers it or why none is needed.
  public struct ExtentCheck: Sendable, Equatable, Codable {
    public var id: String
    public var text: String
    public var action: String?
    public var noneReason: String?
  }

  public struct PlannedCheck: Sendable, Equatable, Codable {
    /// The query pipeline's text.
    public var query: String
    /// The target as typed (`<= 2 per week`).
    public var target: String
    /// `YYYY-MM-DD`: judged on data after this date.
    public var after: String
    /// True when the check was planned after the fact (`--retrospective`); absent otherwise.
    public var retrospective: Bool? = nil

    /// What a report writes after the date: `(planned after the fact)` for a retrospective check.
    public var afterTheFact: String { retrospective == true ? " (planned after the fact)" : "" }
  }

  public struct Judgement: Sendable, Equatable, Codable {
    /// `effective`, `not-effective` or `inconclusive`.
    public var verdict: String
    public var judgedAt: String
    /// What was seen, in words.
    public var seen: String
    public var dataFrom: String?
    public var dataTo: String?
    public var points: Int
  }
}

extension Record.Action {
  /// A standard is released once the action is judged effective (by its planned check when
  /// it has one); until then it is only proposed.
  public var isReleased: Bool {
    if let judgement { return judgement.verdict == "effective" }
    return state == .effective
  }

  /// The verdict to show: the planned check's, else the state `effective`/`not-effective` gave.
  public var verdict: String? {
    judgement?.verdict ?? (state == .effective || state == .notEffective ? state.rawValue : nil)
  }
}

extension Record {
  /// Builds the corrective-action parts; each is nil when the investigation has none.
  mutating func addCorrectiveAction(from inv: Investigation) {
    team = inv.team.isEmpty ? nil : inv.team.map { TeamMember(name: $0.name, role: $0.role.rawValue) }
    boundaries =
      inv.boundaries.isEmpty
      ? nil
      : inv.boundaries.map {
        Boundary(dimension: $0.dimension.rawValue, is: $0.isText, isNot: $0.isNotText)
      }
    containments =
      inv.containments.isEmpty
      ? nil
      : inv.containments.map { k in
        Containment(
          id: k.id.description, text: k.text, owner: k.owner, due: k.due?.description, state: k.state,
          verifiedAt: k.verifiedAt, verificationNote: k.verificationNote, citations: k.citations.map(Record.citation),
          scope: k.scope, from: k.from?.description, checked: k.checked, found: k.found, liftedAt: k.liftedAt,
          liftNote: k.liftNote)
      }
    escapes =
      inv.escapes.isEmpty
      ? nil
      : inv.escapes.map { e in
        Escape(
          id: e.id.description, text: e.text, step: e.step?.description,
          stepName: e.step.flatMap { inv.step($0)?.name },
          whys: e.children.compactMap { Record.node($0, in: inv) })
      }
    extent =
      inv.extent.isEmpty
      ? nil
      : inv.extent.map {
        ExtentCheck(id: $0.id.description, text: $0.text, action: $0.action?.description, noneReason: $0.noneReason)
      }
  }

  static func plannedCheck(_ p: GembaCore.PlannedCheck) -> PlannedCheck {
    PlannedCheck(
      query: p.query, target: p.target, after: p.after.description, retrospective: p.retrospective ? true : nil)
  }

  static func judgement(_ j: EffectivenessJudgement) -> Judgement {
    Judgement(
      verdict: j.verdict.rawValue, judgedAt: j.judgedAt, seen: j.seen, dataFrom: j.dataFrom, dataTo: j.dataTo,
      points: j.points)
  }
}
