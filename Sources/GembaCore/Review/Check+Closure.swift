extension Check {
  /// [warning] A five-whys tree that is one unbranched chain and stops before the
  /// process: fewer than three whys with no root cause marked, or a last answer
  /// that names no process, step, standard, check, tool or system (or blames a person).
  ///
  /// Ruled-out answers are set aside: a chain whose last why was ruled out stops
  /// at the why before it. Branched trees are left alone, since branching shows
  /// the team already asked "why else?".
  static func shortWhyChains(_ inv: Investigation) -> [CheckFinding] {
    inv.whyRoots.compactMap { rootID in
      guard var node = inv.nodes[rootID], node.status != .ruledOut else { return nil }
      var chain = [node]
      while true {
        let live = node.children.compactMap { inv.nodes[$0] }.filter { $0.status != .ruledOut }
        if live.count > 1 { return nil }
        guard let next = live.first else { break }
        chain.append(next)
        node = next
      }
      let last = chain[chain.count - 1]
      let advice =
        "keep asking why under \(last.id) (why \(last.id) TEXT) until the answer names the step, standard, "
        + "check or tool that let it happen; branch where there is more than one answer"
      if chain.count < 3 && !chain.contains(where: \.isRoot) {
        return CheckFinding(
          .warning, rootID, "why chain stops after \(counted(chain.count, "why")) with no root cause",
          advice: advice)
      }
      // A last answer that blames a person has not reached the process, whatever else it names.
      if find(process, in: last.text) == nil || BlameDetector.find(in: last.text, things: thingWords(inv)) != nil {
        return CheckFinding(
          .warning, rootID, "why chain ends at \(last.id), which names no process, step, standard or system",
          advice: advice)
      }
      return nil
    }
  }

  /// [warning] A root cause not yet confirmed on evidence.
  static func hypotheticalRoots(_ inv: Investigation) -> [CheckFinding] {
    (inv.whysInOrder + inv.causesInOrder).filter { $0.isRoot && $0.status == .hypothesis }.map { node in
      CheckFinding(
        .warning, node.id, "root cause is still a hypothesis",
        advice: "test it on evidence: cite \(node.id) REF, then confirm \(node.id) --because TEXT")
    }
  }

  /// [warning] Actions agreed while no root cause is marked: they may treat a symptom.
  static func missingRoot(_ inv: Investigation) -> [CheckFinding] {
    let hasRoot = (inv.whysInOrder + inv.causesInOrder).contains(where: \.isRoot)
    guard !inv.actions.isEmpty, !hasRoot else { return [] }
    return [
      CheckFinding(
        .warning, nil, "actions agreed but no root cause is marked",
        advice:
          "mark the cause the actions remove (root W1.3 or root C2); an action that fixes no root cause treats a symptom"
      )
    ]
  }

  /// [warning] An action that worked but names no new standard: the better way is not
  /// captured, so the organisation will not remember it (TQM's "if it works, standardise").
  static func effectiveWithoutStandard(_ inv: Investigation) -> [CheckFinding] {
    inv.actions.filter { $0.state == .effective && ($0.standard ?? "").isEmpty }.map { action in
      CheckFinding(
        .warning, action.id, "action worked but names no new standard",
        advice: "capture the better way so the SOP changes: amend \(action.id) --standard TEXT")
    }
  }

  /// [warning] An action marked done whose effect was never judged.
  static func uncheckedActions(_ inv: Investigation) -> [CheckFinding] {
    inv.actions.filter { $0.state == .done }.map { action in
      CheckFinding(
        .warning, action.id, "action is done but its effect was never checked",
        advice:
          "test whether the gap closed: effective \(action.id) --evidence REF, or not-effective \(action.id) --because TEXT"
      )
    }
  }

  /// [warning] An action judged not effective with no later action on its finding.
  static func ineffectiveWithoutFollowUp(_ inv: Investigation) -> [CheckFinding] {
    inv.actions.enumerated().compactMap { index, action in
      guard action.state == .notEffective,
        !inv.actions[(index + 1)...].contains(where: { $0.finding == action.finding })
      else { return nil }
      return CheckFinding(
        .warning, action.id, "action was not effective and \(action.finding) has no follow-up action",
        advice: "agree a new action on \(action.finding) (action \(action.finding) TEXT --owner NAME --due YYYY-MM-DD "
          + "--review monthly); the finding stays open until an action works")
    }
  }
}
