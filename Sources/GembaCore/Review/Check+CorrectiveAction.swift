/// The rules of the corrective-action record (8D, A3, ISO 9001 10.2): what auditors find most
/// often — containment never verified, no escape point, extent never considered, an effect
/// judged on the evidence of the problem, people approving their own work — and the rules that
/// read the clock (the check's own time: the core reads none).
///
/// The completeness rules (team, containment, escape point, extent) apply once the team has
/// started the record (any `team`, `isnot`, `contain`, `escape`, `elsewhere` or planned check):
/// a quick five-whys needs no 8D, and a notebook written before these verbs keeps its `check`.
extension Check {
  static let correctiveRules: [@Sendable (Investigation) -> [CheckFinding]] = [
    rootsUnderRuledOut, effectiveOnProblemEvidence, selfApprovals, judgedByOwner, teamRoles, missingContainment,
    missingEscapePoint, escapeNotVerified, extentNotConsidered, standardNotYetEffective,
  ]
  static let clockRules: [@Sendable (Investigation, CalendarDate) -> [CheckFinding]] = [
    overdueActions, missedReviews, containmentsPastDue,
  ]

  /// Whether the team has started the corrective-action record.
  static func startedRecord(_ inv: Investigation) -> Bool {
    !inv.team.isEmpty || !inv.boundaries.isEmpty || !inv.containments.isEmpty || !inv.escapes.isEmpty
      || !inv.extent.isEmpty
      || inv.actions.contains { $0.plannedCheck != nil }
  }

  /// [error] A root cause under an answer that was ruled out: the chain it stands on was rejected.
  static func rootsUnderRuledOut(_ inv: Investigation) -> [CheckFinding] {
    let nodes = inv.whysInOrder + inv.causesInOrder + inv.escapeWhysInOrder
    // The nearest ruled-out node above each, parents before children (depth-first order), so
    // a chain thousands deep costs one step per node rather than a climb to the top from each.
    var ruledOutAbove: [ItemID: ItemID] = [:]
    for node in nodes {
      guard let parent = node.id.parent else { continue }
      if inv.nodes[parent]?.status == .ruledOut {
        ruledOutAbove[node.id] = parent
      } else if let above = ruledOutAbove[parent] {
        ruledOutAbove[node.id] = above
      }
    }
    return nodes.filter(\.isRoot).compactMap { node in
      guard let id = ruledOutAbove[node.id] else { return nil }
      return CheckFinding(
        .error, node.id, "root cause sits under \(id), which was ruled out",
        advice:
          "a cause under a rejected answer does not follow from the evidence: unroot \(node.id), or move the answer "
          + "under the why it does follow from (why ID TEXT) and mark that one")
    }
  }

  /// [error] An action judged effective on the same evidence (same reference, same file
  /// version) that established the problem: it shows the problem again, not the effect.
  static func effectiveOnProblemEvidence(_ inv: Investigation) -> [CheckFinding] {
    inv.actions.compactMap { action in
      guard action.state == .effective, let finding = inv.finding(action.finding) else { return nil }
      let problem = finding.citations + finding.causes.flatMap { inv.nodes[$0]?.citations ?? [] }
      guard
        let same = action.outcomeCitations.first(where: { c in
          problem.contains { $0.reference == c.reference && $0.sha256 == c.sha256 }
        })
      else { return nil }
      return CheckFinding(
        .error, action.id, "judged effective on the evidence that established the problem: \(same.reference)",
        advice:
          "judge the effect on data from after the change: plan it (action … --verify QUERY --target EXPR --after DATE) "
          + "and run it with effective \(action.id), or cite evidence gathered after \(action.doneAt.map { String($0.prefix(10)) } ?? "it was done")"
      )
    }
  }

  /// [warning] Someone approving or verifying a record that holds their own action.
  static func selfApprovals(_ inv: Investigation) -> [CheckFinding] {
    inv.signoffs.filter { $0.meaning == .approved || $0.meaning == .verified }.flatMap { signoff in
      inv.actions.filter { same($0.owner, signoff.name) }.map { action in
        CheckFinding(
          .warning, action.id, "\(signoff.name) \(signoff.meaning!.rawValue) the record that holds their own action",
          advice: "approval is independent: someone who owns no action signs it off as \(signoff.meaning!.rawValue); "
            + "\(signoff.name) can sign as reviewed (--meaning reviewed)")
      }
    }
  }

  /// [warning] An action's effect judged by its own owner.
  static func judgedByOwner(_ inv: Investigation) -> [CheckFinding] {
    inv.actions.filter { $0.judgedBy != nil && same($0.owner, $0.judgedBy!) }.map { action in
      CheckFinding(
        .warning, action.id, "effect judged by the action's own owner (\(action.judgedBy!))",
        advice:
          "the verifier should be someone other than the owner: judge it again with effective \(action.id) --judged-by NAME"
      )
    }
  }

  /// [warning] No team, or a team with no leader or no champion.
  static func teamRoles(_ inv: Investigation) -> [CheckFinding] {
    guard startedRecord(inv) else { return [] }
    guard !inv.team.isEmpty else {
      return [
        CheckFinding(
          .warning, nil, "no team is recorded",
          advice: "name who worked on it and their roles: team NAME --role champion|leader|member|expert")
      ]
    }
    let missing = [TeamRole.leader, .champion].filter { role in !inv.team.contains { $0.role == role } }
    guard !missing.isEmpty else { return [] }
    return [
      CheckFinding(
        .warning, nil, "the team has no " + missing.map(\.rawValue).joined(separator: " and no "),
        advice: "a leader runs the investigation and a champion removes the obstacles it meets: team NAME --role "
          + missing.map(\.rawValue).joined(separator: "|"))
    ]
  }

  /// [warning] A problem with a root cause but nothing that stops the defect in the meantime.
  static func missingContainment(_ inv: Investigation) -> [CheckFinding] {
    guard startedRecord(inv), inv.problem != nil, inv.containments.isEmpty, hasRoot(inv) else { return [] }
    return [
      CheckFinding(
        .warning, nil, "no containment: nothing stops the defect reaching the customer until the cause is removed",
        advice: "record what protects the customer now, with an owner, and verify it on evidence: "
          + "contain TEXT --owner NAME --due YYYY-MM-DD, then contained K1 --evidence REF")
    ]
  }

  /// [warning] A root cause found, but not why the defect got through the checks.
  static func missingEscapePoint(_ inv: Investigation) -> [CheckFinding] {
    guard startedRecord(inv), inv.problem != nil, inv.escapes.isEmpty, hasRoot(inv) else { return [] }
    return [
      CheckFinding(
        .warning, nil, "no escape point: where should the defect have been caught?",
        advice: "name the step whose check let it through and ask why: escape TEXT --step Sx, then why E1 TEXT")
    ]
  }

  /// [warning] An escape point whose whys are all still hypotheses (or ruled out): where the
  /// defect got through is a guess until one answer is confirmed, and the Global 8D's D4 asks
  /// for a verified escape point.
  static func escapeNotVerified(_ inv: Investigation) -> [CheckFinding] {
    inv.escapes.compactMap { e in
      let whys = inv.depthFirst(e.children)
      guard !whys.isEmpty, !whys.contains(where: { $0.status == .confirmed }) else { return nil }
      return CheckFinding(
        .warning, e.id,
        "escape point not verified: its \(counted(whys.count, "why")) \(whys.count == 1 ? "is" : "are") "
          + "not confirmed on evidence",
        advice: "confirm the answer that explains why \(e.id)'s check let the defect through, citing what shows it: "
          + "confirm \(whys[0].id) --because TEXT, then cite \(whys[0].id) REF")
    }
  }

  /// [warning] Actions agreed, but nobody asked where else the same cause can act.
  static func extentNotConsidered(_ inv: Investigation) -> [CheckFinding] {
    guard startedRecord(inv), !inv.actions.isEmpty, inv.extent.isEmpty else { return [] }
    return [
      CheckFinding(
        .warning, nil, "extent never considered: where else can the same cause act?",
        advice:
          "look at other lines, products, sites and SOPs: elsewhere TEXT --action Ax, or elsewhere TEXT --none REASON")
    ]
  }

  /// [warning] A new standard from an action not yet judged effective.
  static func standardNotYetEffective(_ inv: Investigation) -> [CheckFinding] {
    guard startedRecord(inv) else { return [] }
    return inv.actions.filter { !($0.standard ?? "").isEmpty && $0.state != .effective }.map { action in
      CheckFinding(
        .warning, action.id, "its standard comes from an action not yet effective (\(action.state.rawValue))",
        advice:
          "`export sop` lists it as proposed, not released: judge \(action.id) effective before the standard is released"
      )
    }
  }

  // MARK: - Against the clock

  /// [warning] An open action past its due date.
  static func overdueActions(_ inv: Investigation, _ today: CalendarDate) -> [CheckFinding] {
    inv.actions.filter { $0.state == .open && ($0.due.map { $0 < today } ?? false) }.map { action in
      CheckFinding(
        .warning, action.id, "action is overdue: due \(action.due!), still open on \(today)",
        advice:
          "mark it done (done \(action.id)), or agree a new date with its owner: amend \(action.id) --due YYYY-MM-DD")
    }
  }

  /// [warning] A done or effective action whose next review date passed with no later judgement.
  static func missedReviews(_ inv: Investigation, _ today: CalendarDate) -> [CheckFinding] {
    inv.actions.compactMap { action in
      guard action.state == .done || action.state == .effective, let cadence = action.review,
        let last = (action.judgedAt ?? action.judgement?.judgedAt ?? action.doneAt).flatMap({
          CalendarDate(String($0.prefix(10)))
        })
      else { return nil }
      let next = last.nextReview(cadence)
      guard next < today else { return nil }
      return CheckFinding(
        .warning, action.id, "\(cadence.rawValue) review missed: due \(next), last judged \(last)",
        advice: action.plannedCheck != nil
          ? "run its planned check again: effective \(action.id)"
          : "review whether it still works and record it: effective \(action.id) --evidence REF, or not-effective \(action.id) --because TEXT"
      )
    }
  }

  /// [error] A containment still not verified after its due date.
  static func containmentsPastDue(_ inv: Investigation, _ today: CalendarDate) -> [CheckFinding] {
    inv.containments.filter { $0.state == .open && ($0.due.map { $0 < today } ?? false) }.map { k in
      CheckFinding(
        .error, k.id, "containment not verified: due \(k.due!), still unverified on \(today)",
        advice: "show on evidence that the defect no longer reaches the customer: contained \(k.id) --evidence REF")
    }
  }

  static func hasRoot(_ inv: Investigation) -> Bool {
    (inv.whysInOrder + inv.causesInOrder).contains(where: \.isRoot)
  }

  /// The same person, whatever the case or spacing, and with or without a role in brackets
  /// (`Dana Ortiz (KB owner)` is Dana Ortiz).
  static func same(_ a: String?, _ b: String) -> Bool {
    guard let a else { return false }
    func norm(_ s: String) -> String {
      var name = s
      if name.hasSuffix(")"), let open = name.lastIndex(of: "("), open != name.startIndex {
        name = String(name[..<open])
      }
      return name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    return norm(a) == norm(b)
  }
}

extension ReviewCadence {
  /// The period one review covers, as `PlannedCheck.adding` counts it.
  var period: String {
    switch self {
    case .weekly: "week"
    case .monthly: "month"
    case .quarterly: "quarter"
    }
  }
}
