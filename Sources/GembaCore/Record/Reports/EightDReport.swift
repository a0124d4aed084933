/// The 8D report (D0–D8) filled from the record: each discipline shows what the
/// investigation recorded for it and says MISSING for what it did not, never a guess.
enum EightDReport {
  static func document(_ r: Record) -> ReportDocument {
    let meta = "gemba 8D from record v\(r.version) · generated \(r.generatedAt)"
    // An integrity line that fails is an alarm, not part of the grey line under the title.
    return ReportDocument(
      title: "8D report: \(r.title)",
      subtitle: r.integrity.verified ? meta + " · " + r.integrity.line : meta,
      alarm: r.integrity.verified ? nil : "Integrity: " + r.integrity.line,
      sections: [header(r), d0(r), d1(r), d2(r), d3(r), d4(r), d5(r), d6(r), d7(r), d8(r)])
  }

  /// What the `case` fields do not state.
  static let notStated = "not stated"

  /// The form's header: the case's identity, its dates and its status (derived, see `Record.progress`).
  static func header(_ r: Record) -> ReportSection {
    let c = r.caseIdentity
    let p = r.progress
    func day(_ time: String?) -> String? { time.map { String($0.prefix(10)) } }
    var blocks: [ReportBlock] = [
      .fields([
        ("8D number", c?.number ?? notStated), ("Customer", c?.customer ?? notStated),
        ("Part / product", c?.part ?? notStated), ("Complaint number", c?.complaint ?? notStated),
        ("Reported by", c?.reportedBy ?? notStated), ("Site", c?.site ?? notStated),
        ("Date opened", day(p?.opened) ?? notStated), ("Last updated", day(p?.lastUpdated) ?? notStated),
        ("Status", p?.status.words ?? notStated), ("Date closed", day(p?.closed) ?? "not closed"),
      ])
    ]
    if c == nil {
      blocks.append(
        .missing(
          "no case identity recorded (case NUMBER --customer NAME --part TEXT --complaint ID --reported-by NAME --site TEXT)"
        ))
    }
    for s in r.signoffs { if let words = s.brokenWords { blocks.append(.alarm("Sign-off by \(s.name): \(words)")) } }
    return ReportSection(anchor: "case", title: "Case", blocks: blocks)
  }

  static func d0(_ r: Record) -> ReportSection {
    var blocks: [ReportBlock] = []
    if let p = r.problem {
      // The symptom that set off the response; D2 holds the full description (statement, expected, actual).
      blocks.append(.paragraph("Symptom: \(p.actual ?? p.statement) (described in full in D2)."))
    } else {
      blocks.append(.missing("D0 — no problem statement recorded (problem TEXT --expected … --actual …)"))
    }
    if let containments = r.containments {
      let open = containments.filter { $0.state != .verified }.count
      blocks.append(
        .paragraph(
          "Emergency response: \(containments.count) containment\(containments.count == 1 ? "" : "s") "
            + "(\(containments.map(\.id).joined(separator: ", "))), \(open) not yet verified; see D3."))
    } else {
      blocks.append(.missing("D0 — no emergency response recorded: no containment (see D3)"))
    }
    return ReportSection(anchor: "d0", title: "D0 — Prepare and emergency response", blocks: blocks)
  }

  static func d1(_ r: Record) -> ReportSection {
    var blocks = CorrectiveActionBlocks.team(r)
    if let team = r.team {
      if !team.contains(where: { $0.role == "leader" }) { blocks.append(.missing("D1 — no team leader named")) }
      if !team.contains(where: { $0.role == "champion" }) { blocks.append(.missing("D1 — no champion named")) }
    } else {
      blocks.append(.missing("D1 — no team recorded (team NAME --role leader)"))
    }
    return ReportSection(anchor: "d1", title: "D1 — Team", blocks: blocks)
  }

  static func d2(_ r: Record) -> ReportSection {
    var blocks: [ReportBlock] = []
    if let p = r.problem {
      blocks.append(.fields([("Statement", p.statement), ("Expected", p.expected), ("Actual", p.actual)]))
    } else {
      blocks.append(.missing("D2 — no problem statement recorded"))
    }
    blocks.append(.heading("Is / is not"))
    let boundaries = CorrectiveActionBlocks.boundaries(r)
    blocks +=
      boundaries.isEmpty
      ? [.missing("D2 — no is / is-not boundaries recorded (isnot what --is … --is-not …)")] : boundaries
    if !r.findings.isEmpty {
      blocks.append(.heading("Where it shows (findings)"))
      blocks.append(
        .table(
          ReportTable(
            header: ["Finding", "At", "What"],
            rows: r.findings.map { [$0.id, $0.location?.text ?? "no step", $0.text] }, nowrap: [0])))
    }
    return ReportSection(anchor: "d2", title: "D2 — Problem description", blocks: blocks)
  }

  static func d3(_ r: Record) -> ReportSection {
    let blocks = CorrectiveActionBlocks.containments(r)
    return ReportSection(
      anchor: "d3", title: "D3 — Interim containment",
      blocks: blocks.isEmpty ? [.missing("D3 — no containment recorded (contain TEXT --owner X --due DATE)")] : blocks)
  }

  static func d4(_ r: Record) -> ReportSection {
    var blocks: [ReportBlock] = []
    let roots = r.occurrenceNodes.filter(\.root)
    if roots.isEmpty {
      blocks.append(.missing("D4 — no root cause confirmed (confirm ID --because …, root ID)"))
    }
    for root in roots {
      blocks.append(.heading("Root cause \(root.id): \(root.text)"))
      var fields: [(label: String, value: String?)] = [("Status", root.statusText)]
      if let category = root.category { fields.append(("Fishbone bone", category)) }
      fields.append(("Rationale", root.rationale))
      blocks.append(.fields(fields))
      let chain = whyChain(to: root.id, in: r)
      if chain.count > 1 {
        blocks.append(.list(chain.enumerated().map { i, n in "\(i == 0 ? "Problem" : "Why \(i)"): \(n.id) \(n.text)" }))
      }
      if root.status != .confirmed { blocks.append(.missing("\(root.id) is marked root but not confirmed")) }
      if root.citations.isEmpty {
        blocks.append(.missing("\(root.id) — no evidence cited"))
      } else {
        blocks.append(.evidence(root.citations))
      }
    }
    blocks.append(.heading("Fishbone summary"))
    if let f = r.fishbone {
      blocks.append(.paragraph("Effect: \(f.effect) (template \(f.template.rawValue))"))
      blocks.append(
        .table(
          ReportTable(
            header: ["Bone", "Causes", "Confirmed", "Ruled out", "Open", "Root causes"],
            rows: f.bones.map { bone in
              let nodes = bone.causes.flatMap(flatten)
              return [
                bone.name, String(nodes.count), String(nodes.filter { $0.status == .confirmed }.count),
                String(nodes.filter { $0.status == .ruledOut }.count),
                String(nodes.filter { $0.status == .hypothesis }.count),
                nodes.filter(\.root).map(\.id).joined(separator: ", "),
              ]
            })))
    } else {
      blocks.append(.missing("D4 — no fishbone recorded"))
    }
    blocks.append(.heading("Escape point"))
    let escapes = CorrectiveActionBlocks.escapes(r, nested: true)
    blocks += escapes.isEmpty ? [.missing("D4 — no escape point recorded (escape TEXT --step Sx)")] : escapes
    for e in r.escapes ?? [] where !e.isVerified {
      blocks.append(
        .alarm(
          "\(e.id): escape point not verified — "
            + (e.whys.isEmpty ? "no why asked" : "its whys are all still hypotheses")
            + " (confirm \(e.id).1 --because … on evidence)"))
    }
    return ReportSection(anchor: "d4", title: "D4 — Root cause and escape point", blocks: blocks)
  }

  static func d5(_ r: Record) -> ReportSection {
    guard !r.actions.isEmpty else {
      return ReportSection(
        anchor: "d5", title: "D5 — Permanent corrective actions chosen",
        blocks: [.missing("D5 — no corrective action recorded")])
    }
    var blocks: [ReportBlock] = [
      .table(
        ReportTable(
          header: ["Action", "Finding", "What", "Owner", "Due", "Planned check"],
          rows: r.actions.map { a in
            [
              a.id, a.finding, a.text, a.owner ?? ReportTable.missing, a.due ?? ReportTable.missing,
              a.plannedCheck.map { "\($0.query) — target \($0.target), after \($0.after)\($0.afterTheFact)" }
                ?? ReportTable.missing,
            ]
          }, nowrap: [0, 1, 4]))
    ]
    for a in r.actions where a.plannedCheck == nil {
      blocks.append(.missing("\(a.id) — no effectiveness check planned (--verify QUERY --target EXPR --after DATE)"))
    }
    // A confirmed root cause that no action reaches (through a finding) is still acting.
    let reached = Set(r.actions.compactMap { r.finding($0.finding) }.flatMap(\.causes))
    for root in r.occurrenceNodes where root.root && !reached.contains(root.id) {
      blocks.append(.missing("root cause \(root.id) has no action (no finding with an action rests on it)"))
    }
    return ReportSection(anchor: "d5", title: "D5 — Permanent corrective actions chosen", blocks: blocks)
  }

  static func d6(_ r: Record) -> ReportSection {
    guard !r.actions.isEmpty else {
      return ReportSection(
        anchor: "d6", title: "D6 — Implemented and validated", blocks: [.missing("D6 — no action to implement")])
    }
    var blocks: [ReportBlock] = [
      .table(
        ReportTable(
          header: ["Action", "State", "Implemented", "Verdict", "What was seen", "Judged"],
          rows: r.actions.map { a in
            [
              a.id, a.state.rawValue, implemented(a, in: r), a.verdict ?? "not judged",
              a.judgement?.seen ?? a.outcome ?? "", a.judgement?.judgedAt ?? "",
            ]
          }, nowrap: [0, 1, 3, 5],
          alarms: Set(
            r.actions.enumerated().filter { r.deadline(due: $1.due, done: $1.state != .open).isOverdue }
              .map { ReportTable.Place(row: $0.offset, column: 2) })))
    ]
    for a in r.actions {
      if a.state == .open {
        // Not yet due is a plan, not a deficiency; past due is an alarm as of the export.
        let deadline = r.deadline(due: a.due, done: false)
        switch deadline {
        case .overdue: blocks.append(.alarm("\(a.id) — \(deadline.words): not implemented as of \(r.exportDay)"))
        case .planned: blocks.append(.paragraph("\(a.id) — \(deadline.words)"))
        case .undated, .done: blocks.append(.missing("\(a.id) — not implemented and no due date (action … --due DATE)"))
        }
      } else if a.verdict == nil {
        blocks.append(.missing("\(a.id) — implemented, effectiveness not judged"))
      }
      if !a.outcomeCitations.isEmpty {
        blocks.append(.heading("\(a.id) effect evidence"))
        blocks.append(.evidence(a.outcomeCitations))
      }
    }
    let removals = CorrectiveActionBlocks.removals(r)
    if !removals.isEmpty {
      blocks.append(.heading("Containment removed"))
      blocks += removals
    }
    return ReportSection(anchor: "d6", title: "D6 — Implemented and validated", blocks: blocks)
  }

  static func d7(_ r: Record) -> ReportSection {
    var blocks: [ReportBlock] = [.heading("Standards")]
    let standards = r.actions.filter { $0.standard != nil }
    if standards.isEmpty {
      blocks.append(.missing("D7 — no standard or SOP change recorded (action … --standard TEXT)"))
    } else {
      blocks.append(
        .table(
          ReportTable(
            header: ["Action", "Standard", "Status", "Review"],
            rows: standards.map { a in
              [
                a.id, a.standard ?? "",
                a.isReleased ? "released (judged effective)" : "proposed (not yet judged effective)",
                a.review ?? ReportTable.missing,
              ]
            }, nowrap: [0, 3])))
    }
    blocks.append(.heading("Where else the cause can act"))
    let extent = CorrectiveActionBlocks.extent(r)
    blocks +=
      extent.isEmpty
      ? [.missing("D7 — no extent check recorded: other products, lines, sites (elsewhere TEXT --action Ax)")] : extent
    return ReportSection(anchor: "d7", title: "D7 — Prevent recurrence", blocks: blocks)
  }

  static func d8(_ r: Record) -> ReportSection {
    var blocks: [ReportBlock] = []
    if let team = r.team {
      blocks.append(.paragraph("Team: " + team.map { "\($0.name) (\($0.role))" }.joined(separator: ", ")))
    }
    if r.signoffs.isEmpty {
      blocks.append(.missing("D8 — not signed off (signoff ROLE NAME --meaning approved)"))
    } else {
      blocks.append(.table(CorrectiveActionBlocks.signoffs(r)))
      for s in r.signoffs { if let words = s.brokenWords { blocks.append(.alarm("Sign-off by \(s.name): \(words)")) } }
      for s in r.signoffs where s.meaning == nil {
        blocks.append(.missing("the sign-off by \(s.name) does not say what it means"))
      }
    }
    let errors = r.checks.filter { $0.severity == "error" }
    blocks.append(
      .paragraph(
        errors.isEmpty
          ? "Check errors at export: none."
          : "Check errors at export (shown, not blocking): "
            + errors.map { ($0.item.map { "\($0): " } ?? "") + $0.message }.joined(separator: "; ")))
    blocks.append(
      r.integrity.verified ? .fields([("Integrity", r.integrity.line)]) : .alarm("Integrity: " + r.integrity.line))
    return ReportSection(anchor: "d8", title: "D8 — Recognise the team and close", blocks: blocks)
  }

  /// D6's implementation column: the date `done` was recorded, else how the due date stands.
  static func implemented(_ a: Record.Action, in r: Record) -> String {
    guard a.state != .open else { return r.deadline(due: a.due, done: false).words }
    return ([a.doneAt.map { String($0.prefix(10)) }, a.doneNote].compactMap { $0 }.joined(separator: " — "))
      .nonEmpty ?? "done"
  }

  static func flatten(_ node: Record.Node) -> [Record.Node] { Record.Node.depthFirst([node]).map(\.node) }

  /// The nodes from a tree's top down to `id`: the why chain that reached it (the first in
  /// depth-first order when ids repeat).
  static func whyChain(to id: String, in r: Record) -> [Record.Node] {
    let forests = r.whys + (r.fishbone?.bones.flatMap(\.causes) ?? []) + (r.escapes?.flatMap(\.whys) ?? [])
    // The path is the walk's open nodes: kept beside it, cut back to each node's depth.
    var path: [Record.Node] = []
    var found: [Record.Node]?
    Record.Node.walk(forests) { node, depth, _ in
      guard found == nil else { return }
      path.removeLast(path.count - depth)
      path.append(node)
      if node.id == id { found = path }
    }
    return found ?? []
  }
}
