/// The case's identity and progress, as the header of a customer's 8D form asks for them: who
/// and what it is about (`case`), and when it was opened, last changed and closed, with a status
/// derived from the cells (never typed in, so it cannot claim more than the record holds).
extension Record {
  /// The fields `case` set; each absent until a `case` names it.
  public struct CaseIdentity: Sendable, Equatable, Codable {
    public var number: String?
    public var customer: String?
    public var part: String?
    public var complaint: String?
    public var reportedBy: String?
    public var site: String?
  }

  /// How far the investigation has got, from its facts (`Progress.status(of:)` has the rule).
  public enum CaseStatus: String, Sendable, Equatable, Codable, CaseIterable {
    case open
    case contained
    case rootCauseVerified = "root-cause-verified"
    case corrected
    case closed

    public var words: String {
      switch self {
      case .open: "open"
      case .contained: "contained"
      case .rootCauseVerified: "root cause verified"
      case .corrected: "corrected"
      case .closed: "closed"
      }
    }
  }

  /// When the case was opened, last changed and closed (ISO-8601 UTC, the cells' own times).
  public struct Progress: Sendable, Equatable, Codable {
    /// The first cell's time.
    public var opened: String?
    /// The time of the last cell that changed the investigation (an export or a view does not).
    public var lastUpdated: String?
    public var status: CaseStatus
    /// The approving sign-off's time, when `status` is closed.
    public var closed: String?
  }

  static func caseIdentity(_ spec: CaseSpec?) -> CaseIdentity? {
    spec.map {
      CaseIdentity(
        number: $0.number, customer: $0.customer, part: $0.part, complaint: $0.complaint, reportedBy: $0.reportedBy,
        site: $0.site)
    }
  }

  /// The status is the furthest of these the record reaches, checked from the top:
  /// - closed: corrected, every action judged effective, and an `approved` sign-off that holds,
  ///   recorded after the last other change (nothing changed since it was approved);
  /// - corrected: a confirmed root cause and every action implemented (done or effective);
  /// - root cause verified: a root cause confirmed on evidence;
  /// - contained: at least one containment, all verified;
  /// - open: none of these.
  static func progress(
    cells: [Cell], commands: [Command?], actions: [Action], containments: [Containment]?, roots: [Node],
    signoffs: [Signoff]
  ) -> Progress {
    var lastChange: Cell?
    var lastSubstantive = 0
    for (cell, command) in zip(cells, commands) {
      guard let command, case .change = command.route else { continue }
      lastChange = cell
      if case .signoff = command { continue }
      lastSubstantive = cell.number
    }
    let rootVerified = roots.contains { $0.root && $0.status == .confirmed }
    let contained = !(containments ?? []).isEmpty && (containments ?? []).allSatisfy { $0.state == .verified }
    let corrected =
      rootVerified && !actions.isEmpty && actions.allSatisfy { $0.state == .done || $0.state == .effective }
    let effective = !actions.isEmpty && actions.allSatisfy(\.isReleased)  // judged effective
    let approval = signoffs.first {
      $0.meaning == SignoffMeaning.approved.rawValue && $0.standing == .holds && $0.cell > lastSubstantive
    }
    let status: CaseStatus =
      if corrected && effective && approval != nil {
        .closed
      } else if corrected {
        .corrected
      } else if rootVerified {
        .rootCauseVerified
      } else if contained {
        .contained
      } else {
        .open
      }
    return Progress(
      opened: cells.first?.time, lastUpdated: lastChange?.time, status: status,
      closed: status == .closed ? approval?.time : nil)
  }
}

/// Whether a sign-off still approves what it approved.
public enum SignoffStanding: String, Sendable, Equatable, Codable, CaseIterable {
  /// The chain it approved is intact and its signature, if any, matches.
  case holds
  /// A cell at or before it no longer matches its chain value: what was approved was edited.
  case chainBroken = "chain-broken"
  /// Its signature does not match what the cell approved.
  case signatureInvalid = "signature-invalid"
}

extension Record.Signoff {
  /// What a record shows for a sign-off that no longer holds; nil when it holds.
  public var brokenWords: String? {
    switch standing {
    case .holds: nil
    case .chainBroken:
      "BROKEN: cell \(brokenAt.map(String.init) ?? "?") (at or before this sign-off) was edited since; "
        + "the chain approved no longer holds"
    case .signatureInvalid: "BROKEN: the signature does not match what the cell approved"
    }
  }
}

extension Record {
  /// The first cell whose stored chain value is not the one recomputed from the cells before it.
  static func firstBrokenCell(_ cells: [Cell]) -> Int? {
    var chain = Chain.genesis
    for cell in cells {
      let expected = Chain.next(
        after: chain, number: cell.number, time: cell.time, command: cell.command, output: cell.output,
        data: cell.data)
      guard expected == cell.chain else { return cell.number }
      chain = expected
    }
    return nil
  }
}

/// Work with a due date, judged at the export's time: past due and not done is overdue; not yet
/// due is planned (which is no deficiency, so never shown as missing).
public enum Deadline: Sendable, Equatable {
  case done
  case overdue(due: String)
  case planned(due: String)
  /// Not done and no due date.
  case undated

  public var words: String {
    switch self {
    case .done: "done"
    case .overdue(let due): "overdue (due \(due))"
    case .planned(let due): "planned (due \(due))"
    case .undated: "open, no due date"
    }
  }

  public var isOverdue: Bool {
    if case .overdue = self { return true }
    return false
  }
}

extension Record {
  /// `due` (`YYYY-MM-DD`) against the day the record was generated: the export's clock, so a
  /// record says overdue as of when it was made and the same notebook exported later may say more.
  /// The day the record was generated (`YYYY-MM-DD`): the clock due dates are judged by.
  public var exportDay: String { String(generatedAt.prefix(10)) }

  public func deadline(due: String?, done: Bool) -> Deadline {
    guard !done else { return .done }
    guard let due else { return .undated }
    return due < exportDay ? .overdue(due: due) : .planned(due: due)
  }
}

extension Record.Escape {
  /// Verified once one of its whys (at any depth) is confirmed on evidence: until then the
  /// escape point is a guess, which the Global 8D does not accept.
  public var isVerified: Bool { Record.Node.depthFirst(whys).contains { $0.node.status == .confirmed } }
}

extension String {
  /// Nil for the empty string.
  var nonEmpty: String? { isEmpty ? nil : self }
}
