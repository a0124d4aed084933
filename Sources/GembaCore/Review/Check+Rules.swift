extension Check {
  /// The rules, in the order their findings are listed for one item.
  ///
  /// Severity follows one question: could a reviewer sign this record off as it is?
  /// **Errors** make the record wrong, and batch mode exits 1 on them: a root cause
  /// that blames a person, an action that only retrains or reminds, a confirmed
  /// conclusion with no evidence, an action without owner, due date or review.
  /// **Warnings** make it incomplete or doubtful, and may have a good reason that
  /// the team can state: an unplaced finding, an unchecked action, a short chain.
  static let rules: [@Sendable (Investigation) -> [CheckFinding]] = [
    problemStatement, blamingRootCauses, unsupportedConfirmations, insignificantConfirmations, uncommittedActions,
    retrainOnlyActions,
    unplacedFindings, unlinkedFindings, shortWhyChains, hypotheticalRoots, blamingRationales, missingRoot,
    uncheckedActions,
    ineffectiveWithoutFollowUp, effectiveWithoutStandard, effectiveOnDataBeforeDone, capabilityOutOfControl,
  ]

  /// [warning] No problem statement, or one without the expected and actual sides of the gap.
  static func problemStatement(_ inv: Investigation) -> [CheckFinding] {
    let example = "problem TEXT --expected \"what should happen\" --actual \"what happens, with a number\""
    guard let problem = inv.problem else {
      return [CheckFinding(.warning, nil, "no problem statement", advice: "state the gap first: \(example)")]
    }
    let missing = [problem.expected == nil ? "--expected" : nil, problem.actual == nil ? "--actual" : nil].compactMap {
      $0
    }
    guard !missing.isEmpty else { return [] }
    return [
      CheckFinding(
        .warning, nil, "problem statement has no " + missing.joined(separator: " and no "),
        advice: "a problem is a measurable gap between what should happen and what happens: \(example)")
    ]
  }

  /// [error] A root cause that makes a person the subject of a failing ("Dispatcher Maria did
  /// not read the notes", "Operator error"). People make the mistakes a process makes likely;
  /// the fix lives in the process. `BlameDetector` reads the sentence, so a role that is only
  /// the object of a shortfall ("the screen does not show the dispatcher …") passes.
  static func blamingRootCauses(_ inv: Investigation) -> [CheckFinding] {
    let things = thingWords(inv)
    return (inv.whysInOrder + inv.causesInOrder).filter(\.isRoot).compactMap { node in
      guard let blame = BlameDetector.find(in: node.text, things: things) else { return nil }
      return CheckFinding(.error, node.id, "root cause blames a person: \(blame.quoted)", advice: blameAdvice(node))
    }
  }

  /// [warning] A root cause worded as the process, confirmed on a reason that blames a person
  /// (`confirm C2 --because "the operator forgot"`): the evidence argues for someone's slip, so
  /// the process cause is asserted rather than shown.
  static func blamingRationales(_ inv: Investigation) -> [CheckFinding] {
    let things = thingWords(inv)
    return (inv.whysInOrder + inv.causesInOrder).filter { $0.isRoot && $0.status == .confirmed }.compactMap { node in
      guard BlameDetector.find(in: node.text, things: things) == nil, let reason = node.rationale,
        let blame = BlameDetector.find(in: reason, things: things)
      else { return nil }
      return CheckFinding(
        .warning, node.id, "root cause is confirmed on a reason that blames a person: \(blame.quoted)",
        advice: "state what the evidence shows about the process at that step (which screen, form, check or standard "
          + "let it happen): confirm \(node.id) --because TEXT")
    }
  }

  /// The words this investigation uses for things — its process, steps and evidence names — so
  /// `Intake did not flag it` is about the step, not a person called Intake. A word that is also
  /// part of someone's name here (team, owners, sign-offs) stays a possible name.
  static func thingWords(_ inv: Investigation) -> Set<String> {
    func words(_ text: String) -> [String] {
      text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
    let named = [inv.processName].compactMap { $0 } + inv.steps.map(\.name) + inv.evidence.map(\.name)
    let people =
      inv.team.map(\.name) + inv.steps.compactMap(\.owner) + inv.actions.compactMap(\.owner)
      + inv.signoffs.map(\.name)
    return Set(named.flatMap(words)).subtracting(people.flatMap(words))
  }

  static func blameAdvice(_ node: CauseNode) -> String {
    let next = node.id.kind == .why ? "why \(node.id) TEXT" : "cause \(node.id) TEXT"
    return "name what in the process made it likely (a screen, a form, a step, a standard): which check, standard "
      + "or tool was missing at that step? Record that answer (\(next)), mark it as the root cause, and unroot \(node.id)"
  }

  /// [error] A why or cause marked confirmed with no evidence cited on it.
  static func unsupportedConfirmations(_ inv: Investigation) -> [CheckFinding] {
    (inv.whysInOrder + inv.causesInOrder).filter { $0.status == .confirmed && $0.citations.isEmpty }.map { node in
      CheckFinding(
        .error, node.id, "confirmed with no evidence cited",
        advice:
          "cite what shows it (cite \(node.id) tickets#12-40, or a query), or keep it a hypothesis until evidence confirms it"
      )
    }
  }

  /// [error] An action without an owner, a due date or a review cadence: one finding
  /// per action, naming every missing field, so the fix is one re-entered action.
  static func uncommittedActions(_ inv: Investigation) -> [CheckFinding] {
    inv.actions.compactMap { action in
      let missing = TerminalViews.missingFields(action)
      guard !missing.isEmpty else { return nil }
      var options: [String] = []
      if action.owner == nil { options.append("--owner NAME") }
      if action.due == nil { options.append("--due YYYY-MM-DD") }
      if action.review == nil { options.append("--review weekly|monthly|quarterly") }
      return CheckFinding(
        .error, action.id, "action has " + missing.joined(separator: ", "),
        advice: "an action is a commitment only with someone who owns it, a date and a review: "
          + "amend \(action.id) " + options.joined(separator: " "))
    }
  }

  /// [error] An action that only retrains, reminds or warns people and changes nothing
  /// in the process: it names no change (`add`, `update`) to a part of the process.
  static func retrainOnlyActions(_ inv: Investigation) -> [CheckFinding] {
    inv.actions.compactMap { action in
      guard let word = find(retrain, in: action.text) else { return nil }
      if find(change, in: action.text) != nil && find(process, in: action.text) != nil { return nil }
      return CheckFinding(
        .error, action.id, "action only retrains or reminds (\"\(word)\")",
        advice: "change the process so the mistake is hard to make: a check at the step, a new standard "
          + "(--standard), a form, template or tool that prevents it (poka-yoke); training can support that change, not replace it"
      )
    }
  }

  /// [warning] A finding at no step. Not an error: some findings really are about the
  /// whole process (nobody owns the policy), and forcing a step would record a false place.
  static func unplacedFindings(_ inv: Investigation) -> [CheckFinding] {
    inv.findings.filter { $0.location == nil }.map { finding in
      CheckFinding(
        .warning, finding.id, "finding is at no process step",
        advice: inv.steps.isEmpty
          ? "lay out the process (process NAME STEP...) and record the finding where the gap appears"
          : "record where the gap appears (amend \(finding.id) --step S2, or --step S2>S3 for a handoff) so the SOP change lands on that step"
      )
    }
  }

  /// [warning] A finding tied to no why or cause: actions on it trace to nothing.
  static func unlinkedFindings(_ inv: Investigation) -> [CheckFinding] {
    inv.findings.filter(\.causes.isEmpty).map { finding in
      CheckFinding(
        .warning, finding.id, "finding is tied to no cause",
        advice: "name the why or cause it supports (finding TEXT --cause C2) so every action traces to a cause")
    }
  }
}
