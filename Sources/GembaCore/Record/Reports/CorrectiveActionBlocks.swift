/// The corrective-action parts as report blocks, shared by the record's own sections and
/// the 8D: the same table for the same fact wherever it appears.
enum CorrectiveActionBlocks {
  static let roleOrder = ["champion", "leader", "member", "expert"]

  static func team(_ r: Record) -> [ReportBlock] {
    guard let team = r.team else { return [] }
    let sorted = team.enumerated().sorted {
      (roleOrder.firstIndex(of: $0.element.role) ?? 9, $0.offset) < (
        roleOrder.firstIndex(of: $1.element.role) ?? 9, $1.offset
      )
    }.map(\.element)
    return [.table(ReportTable(header: ["Name", "Role"], rows: sorted.map { [$0.name, $0.role] }, nowrap: [1]))]
  }

  static func boundaries(_ r: Record) -> [ReportBlock] {
    guard let boundaries = r.boundaries else { return [] }
    return [
      .table(
        ReportTable(
          header: ["", "Is", "Is not"], rows: boundaries.map { [$0.dimension, $0.is, $0.isNot] }, nowrap: [0]))
    ]
  }

  static func containments(_ r: Record) -> [ReportBlock] {
    guard let containments = r.containments else { return [] }
    var blocks: [ReportBlock] = [
      .table(
        ReportTable(
          header: ["Containment", "What", "Owner", "Due", "State", "Verified", "Evidence"],
          rows: containments.map { k in
            [
              k.id, k.text, k.owner, k.due ?? "",
              k.state == .verified ? k.state.rawValue : r.deadline(due: k.due, done: false).words, k.verifiedAt ?? "",
              k.citations.map(\.reference).joined(separator: ", "),
            ]
          }, nowrap: [0, 3, 4, 5],
          alarms: Set(
            containments.enumerated().filter { r.deadline(due: $1.due, done: $1.state == .verified).isOverdue }
              .map { ReportTable.Place(row: $0.offset, column: 4) })))
    ]
    // What the 8D forms ask of a containment beyond its verification; absent is "not stated".
    let notStated = "not stated"
    blocks.append(
      .table(
        ReportTable(
          header: ["Containment", "Where", "From", "Parts checked", "Found bad", "Lifted"],
          rows: containments.map { k in
            [
              k.id, k.scope ?? notStated, k.from ?? notStated, k.checked.map(String.init) ?? notStated,
              k.found.map(String.init) ?? notStated, k.liftedAt.map { String($0.prefix(10)) } ?? "in place",
            ]
          }, nowrap: [0, 2, 5])))
    for k in containments {
      if k.state == .verified && k.citations.isEmpty {
        blocks.append(.missing("\(k.id) is marked verified with no evidence cited"))
      } else if k.state != .verified {
        // Judged at the export's time: past due is an alarm, not yet due a plan.
        let deadline = r.deadline(due: k.due, done: false)
        switch deadline {
        case .overdue:
          blocks.append(.alarm("\(k.id) — \(deadline.words): not verified as of \(r.exportDay)"))
        case .planned:
          blocks.append(
            .paragraph("\(k.id) — \(deadline.words): verify it on evidence (contained \(k.id) --evidence REF)"))
        case .undated, .done:
          blocks.append(.missing("\(k.id) is not verified yet (contained \(k.id) --evidence REF)"))
        }
      }
      if !k.citations.isEmpty || k.verificationNote != nil {
        blocks.append(.heading("\(k.id) verification"))
        if let note = k.verificationNote { blocks.append(.paragraph(note)) }
        blocks.append(.evidence(k.citations))
      }
    }
    return blocks
  }

  /// `nested`: under the 8D's "Escape point" heading, so each escape point is a level below it.
  static func escapes(_ r: Record, nested: Bool = false) -> [ReportBlock] {
    guard let escapes = r.escapes else { return [] }
    var blocks: [ReportBlock] = []
    for e in escapes {
      blocks.append(nested ? .subheading("\(e.id) \(e.text)") : .heading("\(e.id) \(e.text)"))
      blocks.append(
        .fields([
          (
            "Escaped at",
            e.step.map { [$0, e.stepName].compactMap { $0 }.joined(separator: " ") } ?? "no process step named"
          )
        ]))
      if e.whys.isEmpty {
        blocks.append(.missing("no why asked for \(e.id) (why \(e.id) TEXT)"))
      } else {
        blocks.append(.tree(e.whys))
      }
    }
    return blocks
  }

  static func extent(_ r: Record) -> [ReportBlock] {
    guard let extent = r.extent else { return [] }
    return [
      .table(
        ReportTable(
          header: ["Check", "Where else", "Covered by", "Why no action"],
          rows: extent.map { x in
            [
              x.id, x.text,
              x.action.map { a in [a, r.actions.first { $0.id == a }?.text].compactMap { $0 }.joined(separator: " ") }
                ?? "",
              x.noneReason ?? "",
            ]
          }, nowrap: [0]))
    ]
  }

  /// The containments' removal (the 8D's D6): when each was lifted, or that it is still in place.
  static func removals(_ r: Record) -> [ReportBlock] {
    guard let containments = r.containments else { return [] }
    return [
      .table(
        ReportTable(
          header: ["Containment", "Removed", "Note"],
          rows: containments.map { k in
            [k.id, k.liftedAt.map { "lifted " + String($0.prefix(10)) } ?? "not lifted (in place)", k.liftNote ?? ""]
          }, nowrap: [0, 1]))
    ]
  }

  /// Planned checks and what they decided, one row per action that has either.
  static func plannedChecks(_ r: Record) -> [ReportBlock] {
    let planned = r.actions.filter { $0.plannedCheck != nil || $0.judgement != nil }
    guard !planned.isEmpty else { return [] }
    return [
      .table(
        ReportTable(
          header: ["Action", "Check", "Target", "After", "Verdict", "Seen", "Judged"],
          rows: planned.map { a in
            [
              a.id, a.plannedCheck?.query ?? ReportTable.missing, a.plannedCheck?.target ?? "",
              a.plannedCheck.map { $0.after + $0.afterTheFact } ?? "",
              a.judgement?.verdict ?? "not judged", a.judgement?.seen ?? "", a.judgement?.judgedAt ?? "",
            ]
          }, nowrap: [0, 3, 4, 6]))
    ]
  }

  /// The sign-offs, with what each means.
  static func signoffs(_ r: Record) -> ReportTable {
    ReportTable(
      header: ["Role", "Name", "Meaning", "Signature", "Time", "Chain approved", "Later cells"],
      rows: r.signoffs.map { s in
        [
          s.role, s.name, meaningWords(s), Record.signatureWords(s), s.time, s.chain,
          s.laterCells == 0 ? "none" : "\(s.laterCells) not covered by this sign-off",
        ]
      }, nowrap: [2, 4, 5],
      alarms: Set(
        r.signoffs.enumerated().filter { $1.standing != .holds }.map { ReportTable.Place(row: $0.offset, column: 2) }))
  }

  /// A sign-off's meaning as listed: a broken one says so before what it claimed.
  static func meaningWords(_ s: Record.Signoff) -> String {
    let meaning = s.meaning ?? "not stated"
    switch s.standing {
    case .holds: return meaning
    case .chainBroken, .signatureInvalid: return "BROKEN (was \(meaning))"
    }
  }
}
