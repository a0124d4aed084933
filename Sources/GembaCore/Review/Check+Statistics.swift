/// The rules that read what cited statistics decided (`CitedStatistics`): a confirmation on a
/// difference chance explains, and a capability quoted from a process out of control.
extension Check {
  /// [error] A why or cause confirmed on cited comparisons none of which is significant: the
  /// evidence says chance makes such a difference often (p ≥ α), so it does not confirm.
  static func insignificantConfirmations(_ inv: Investigation) -> [CheckFinding] {
    (inv.whysInOrder + inv.causesInOrder).filter { $0.status == .confirmed }.compactMap { node in
      let tests = node.citations.compactMap { c in c.statistics.flatMap { $0.significant != nil ? (c, $0) : nil } }
      guard !tests.isEmpty, !tests.contains(where: { $0.1.significant == true }) else { return nil }
      let (citation, s) = tests[0]
      let alpha = NumberFormat.compact((s.alpha ?? 0.05) * 100, maxPlaces: 1)
      let p = s.pValue.map { " (p = \(NumberFormat.decimal($0, places: 3)))" } ?? ""
      return CheckFinding(
        .error, node.id, "confirmed on a difference that is not significant at \(alpha) %\(p): \(citation.reference)",
        advice: (s.verdict.map { "\($0). " } ?? "")
          + "Gather more data (a larger sample, a longer period) and compare again, "
          + "cite evidence that does decide, or keep \(node.id) a hypothesis")
    }
  }

  /// [warning] A capability study cited from data whose own control chart shows it out of
  /// statistical control: its indices do not predict what the process will make.
  static func capabilityOutOfControl(_ inv: Investigation) -> [CheckFinding] {
    var cited: [(ItemID, Citation)] = []
    for node in inv.whysInOrder + inv.causesInOrder { cited += node.citations.map { (node.id, $0) } }
    for f in inv.findings { cited += f.citations.map { (f.id, $0) } }
    for a in inv.actions { cited += a.outcomeCitations.map { (a.id, $0) } }
    return cited.compactMap { id, c in
      guard let s = c.statistics, s.kind == .capability else { return nil }
      // The study's own chart, or a chart cited on the same item from the same evidence.
      let unstable =
        s.inControl == false
        || cited.contains { other in
          other.0 == id && other.1.evidence == c.evidence && other.1.statistics?.inControl == false
            && other.1.statistics.map { $0.kind != .capability } == true
        }
      guard unstable else { return nil }
      return CheckFinding(
        .warning, id, "capability quoted from a process out of statistical control: \(c.reference)",
        advice: "the indices predict only for a stable process: find and remove the special causes its control chart "
          + "flags (spc COL --chart xbar-r or imr), then study capability on the stable data")
    }
  }
}

extension Check {
  /// [warning] An action judged effective on evidence whose every date is from before the
  /// action was done: it shows the problem, not the effect of the change.
  static func effectiveOnDataBeforeDone(_ inv: Investigation) -> [CheckFinding] {
    inv.actions.compactMap { action in
      guard action.state == .effective, let doneAt = action.doneAt, !action.outcomeCitations.isEmpty else { return nil }
      let done = String(doneAt.prefix(10))
      var latest: String?
      for c in action.outcomeCitations {
        guard let last = latestDate(in: c) else { return nil }  // a citation without dates may show the effect
        latest = max(latest ?? last, last)
      }
      guard let latest, latest < done else { return nil }
      return CheckFinding(
        .warning, action.id, "judged effective on data from before it was done (latest \(latest), done \(done))",
        advice:
          "cite evidence from after the change — a chart split at the change (spc COL --split \(done)) shows the before "
          + "and after side by side — then judge \(action.id) again")
    }
  }

  /// The latest date (YYYY-MM-DD) a citation shows: its rows' times, or its chart's point labels.
  static func latestDate(in c: Citation) -> String? {
    var dates = c.moments.map { String($0.sortKey.prefix(10)) }
    if let chart = c.chart {
      dates += chart.labels.compactMap { CalendarDate(String($0.prefix(10))) != nil ? String($0.prefix(10)) : nil }
    }
    return dates.max()
  }
}
