/// Applying the corrective-action record's verbs (team, isnot, contain, contained, escape,
/// elsewhere) and judging an action by its planned check. Like `apply`, every check runs
/// before anything changes.
extension Investigation {
  /// `team NAME --role ROLE`: adds a member or changes their role.
  mutating func applyTeam(name: String, role: TeamRole, in context: CellContext) -> String {
    if let i = team.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
      let was = team[i].role
      guard was != role else { return "\(team[i].name) is already on the team as \(role.rawValue)" }
      team[i].role = role
      return "\(team[i].name) is now \(role.rawValue) (was \(was.rawValue))"
    }
    team.append(TeamMember(name: name, role: role, cell: context.number))
    return "team: \(name) (\(role.rawValue))"
  }

  /// `isnot DIMENSION IS --not IS_NOT`: one line of the is/is-not table, replacing an earlier one.
  mutating func applyIsNot(dimension: BoundaryDimension, isText: String, isNotText: String, in context: CellContext)
    -> String
  {
    let boundary = ProblemBoundary(dimension: dimension, isText: isText, isNotText: isNotText, cell: context.number)
    let line = "\(dimension.rawValue): is \(isText) · is not \(isNotText)"
    if let i = boundaries.firstIndex(where: { $0.dimension == dimension }) {
      boundaries[i] = boundary
      return line + " (replaces the earlier \(dimension.rawValue))"
    }
    // Kept in the dimensions' order (what, where, when, extent), whatever order they were typed.
    boundaries.append(boundary)
    boundaries.sort {
      BoundaryDimension.allCases.firstIndex(of: $0.dimension)! < BoundaryDimension.allCases.firstIndex(
        of: $1.dimension)!
    }
    return line
  }

  /// `case NUMBER --customer …`: sets the fields named, keeps the others.
  mutating func applyCase(_ spec: CaseSpec) -> String {
    var merged = caseIdentity ?? CaseSpec()
    merged.number = spec.number ?? merged.number
    merged.customer = spec.customer ?? merged.customer
    merged.part = spec.part ?? merged.part
    merged.complaint = spec.complaint ?? merged.complaint
    merged.reportedBy = spec.reportedBy ?? merged.reportedBy
    merged.site = spec.site ?? merged.site
    let amended = caseIdentity != nil
    caseIdentity = merged
    return (amended ? "case amended: " : "case: ")
      + merged.named.map { "\($0.label) \($0.value)" }.joined(separator: " · ")
  }

  /// `contain TEXT --owner NAME`: an interim action (K1).
  mutating func applyContain(
    _ spec: ContainSpec, in context: CellContext, reused: inout [ItemID],
    created: inout [ItemID]
  ) -> String {
    let id = allocateID(.containment, reused: &reused, created: &created)
    var containment = Containment(id: id, text: spec.text, owner: spec.owner, due: spec.due, cell: context.number)
    containment.scope = spec.scope
    containment.from = spec.from
    containments.append(containment)
    return "\(id) \(spec.text) — owner \(spec.owner)" + (spec.due.map { ", due \($0)" } ?? "")
      + (spec.scope.map { ", where \($0)" } ?? "") + (spec.from.map { ", from \($0)" } ?? "")
      + "; verify it on evidence: contained \(id) --evidence REF"
  }

  /// `contained Kx --evidence REF`: a containment verified on the evidence the context carries.
  mutating func applyContained(_ id: Located<ItemID>, note: String?, count: SortCount, in context: CellContext)
    throws(Diagnostic) -> String
  {
    guard let i = containments.firstIndex(where: { $0.id == id.value }) else { throw unknown(id) }
    if containments[i].state == .verified {
      throw .error(
        .conflictingState, "\(id.value) was already verified at \(containments[i].verifiedAt ?? "an earlier cell")",
        at: id.span)
    }
    containments[i].state = .verified
    containments[i].verifiedAt = context.time
    containments[i].verificationNote = note
    containments[i].citations = context.citations
    containments[i].checked = count.checked
    containments[i].found = count.found
    let counted = [count.checked.map { "\($0) checked" }, count.found.map { "\($0) found" }].compactMap { $0 }
    return "\(id.value) verified" + (counted.isEmpty ? "" : " (\(counted.joined(separator: ", ")))")
      + (note.map { ": \($0)" } ?? "") + "\n" + Investigation.shown(context.citations, on: id.value)
  }

  /// `lift Kx`: the containment is removed, at the cell's time (once; it may be lifted unverified,
  /// which the 8D then shows beside it).
  mutating func applyLift(_ id: Located<ItemID>, note: String?, in context: CellContext) throws(Diagnostic) -> String {
    guard let i = containments.firstIndex(where: { $0.id == id.value }) else { throw unknown(id) }
    if let lifted = containments[i].liftedAt {
      throw .error(.conflictingState, "\(id.value) was already lifted at \(lifted)", at: id.span)
    }
    containments[i].liftedAt = context.time
    containments[i].liftNote = note
    return "\(id.value) lifted at \(context.time)" + (note.map { ": \($0)" } ?? "")
      + (containments[i].state == .verified ? "" : " (it was never verified)")
  }

  /// `escape TEXT --at STEP`: where the defect got past a check (E1).
  mutating func applyEscape(
    text: String, step: Located<ItemID>, in context: CellContext, reused: inout [ItemID],
    created: inout [ItemID]
  ) throws(Diagnostic) -> String {
    guard self.step(step.value) != nil else { throw unknownStep(step.value, at: step.span) }
    let id = allocateID(.escape, reused: &reused, created: &created)
    escapes.append(EscapePoint(id: id, text: text, step: step.value, cell: context.number))
    return "\(id) \(text) at \(step.value) — ask why it escaped: why \(id) TEXT"
  }

  /// `elsewhere TEXT --action Ax | --none REASON`: where else the cause can act (X1).
  mutating func applyElsewhere(
    text: String, action: Located<ItemID>?, none: String?, in context: CellContext,
    reused: inout [ItemID], created: inout [ItemID]
  ) throws(Diagnostic) -> String {
    if let action, self.action(action.value) == nil { throw unknown(action) }
    let id = allocateID(.extent, reused: &reused, created: &created)
    extent.append(ExtentCheck(id: id, text: text, action: action?.value, noneReason: none, cell: context.number))
    return "\(id) \(text) — " + (action.map { "covered by \($0.value)" } ?? "nothing to do: \(none ?? "")")
  }

  /// `why E1 TEXT`: the first answer to why the defect escaped at E1 (`E1.1`).
  mutating func escapeWhy(
    under parent: Located<ItemID>, text: String, reused: inout [ItemID],
    created: inout [ItemID]
  ) throws(Diagnostic) -> String {
    guard let i = escapes.firstIndex(where: { $0.id == parent.value }) else { throw unknown(parent) }
    let id = allocateID(.escape, under: parent.value, reused: &reused, created: &created)
    nodes[id] = CauseNode(id: id, text: text)
    escapes[i].children.append(id)
    return "\(id) \(text)"
  }

  /// `effective Ax` with no evidence: the verdict of the action's planned check on what its
  /// query drew (`context.citations`, resolved by the session or restored from the cell).
  mutating func judgePlannedCheck(
    _ id: Located<ItemID>, at i: Int, note: String?, by: String?,
    context: CellContext
  ) throws(Diagnostic) -> String {
    guard let plan = actions[i].plannedCheck else {
      throw .error(
        .missingOption, "`effective \(id.value)` needs --evidence: what shows the action worked",
        at: SourceSpan(at: id.span.end),
        notes: [
          "no check was planned with \(id.value) (action … --verify QUERY --target EXPR --after DATE)",
          "example: effective \(id.value) --evidence after#1-40",
          "if it did not work: not-effective \(id.value) --because TEXT",
        ])
    }
    guard let citation = context.citations.first else {
      throw .error(.plannedCheckNotRun, "the planned check of \(id.value) was not run", at: id.span)
    }
    let judgement = plan.judge(
      citation, doneAt: actions[i].doneAt, coversTo: coverage(of: citation), at: context.time)
    actions[i].judgement = judgement
    actions[i].judgedBy = by
    let target = "(target \(plan.target))"
    let shown = "\n" + Investigation.shown(context.citations, on: id.value)
    switch judgement.verdict {
    case .effective:
      actions[i].state = .effective
      actions[i].outcome = note ?? "planned check: \(judgement.seen) \(target)"
      actions[i].outcomeCitations = context.citations
      return "\(id.value) effective: \(judgement.seen) \(target)"
        + (actions[i].standard.map { " — new standard: \($0)" } ?? "") + shown
    case .notEffective:
      actions[i].state = .notEffective
      actions[i].outcome = "planned check: \(judgement.seen) \(target)"
      actions[i].outcomeCitations = context.citations
      return "\(id.value) not effective: \(judgement.seen) \(target) — \(actions[i].finding) stays open" + shown
    case .inconclusive:
      // Stays done: too little data after the change to say either way.
      return "\(id.value) inconclusive: \(judgement.seen) \(target) — it stays \(actions[i].state.rawValue)" + shown
    }
  }

  /// The next id of `kind` (under `parent` for nested ids), or the id redo gives back.
  mutating func allocateID(
    _ kind: ItemID.Kind, under parent: ItemID? = nil, reused: inout [ItemID],
    created: inout [ItemID]
  ) -> ItemID {
    let id: ItemID
    if !reused.isEmpty {
      id = reused.removeFirst()
    } else {
      let key = parent?.description ?? kind.rawValue
      id = parent?.child(counters[key, default: 1]) ?? ItemID(kind, [counters[key, default: 1]])
    }
    let key = id.parent?.description ?? kind.rawValue
    counters[key] = max(counters[key, default: 1], id.path.last! + 1)
    created.append(id)
    return id
  }

  /// The last day the evidence a citation ran on covers (nil for figures typed in, or a notebook
  /// written before loads recorded it).
  func coverage(of citation: Citation) -> CalendarDate? {
    citation.evidence.flatMap { name in evidence.last { $0.name == name }?.coversTo }
  }

  /// The `--after` of a planned check may not be before the day it is agreed, unless it says it was
  /// planned after the fact (`--retrospective`), which in turn needs a date already past.
  func checkAfterDate(_ spec: ActionSpec, at time: String) throws(Diagnostic) {
    guard let plan = spec.plannedCheck, let today = CalendarDate(String(time.prefix(10))) else { return }
    if plan.retrospective {
      guard plan.after < today else {
        throw .error(
          .invalidOptionValue,
          "--retrospective is for a check whose --after is already past; \(plan.after) is not before \(today)",
          at: spec.retrospectiveSpan ?? spec.checkAfterSpan,
          notes: ["leave --retrospective out: this check is planned ahead"])
      }
      return
    }
    guard plan.after < today else { return }
    throw .error(
      .judgedTooEarly, "the judgement date is before today: judge after the action is done",
      at: spec.checkAfterSpan,
      notes: [
        "--after \(plan.after) is before \(today), the day this action is agreed; data from before the change shows the problem, not the effect",
        "pick the day the change will be in place, e.g. its due date",
        "investigating a past incident? add --retrospective: the reports will say the check was planned after the fact",
      ])
  }
}
