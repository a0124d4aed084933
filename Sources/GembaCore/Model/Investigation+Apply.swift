/// What a change did: the ids it created and the line the user sees.
public struct ChangeResult: Sendable, Equatable {
  public var created: [ItemID] = []
  public var message: String
}

extension Investigation {
  /// Applies a change command. Every check runs before anything is modified, so a
  /// rejected command leaves the investigation exactly as it was.
  public mutating func apply(_ command: Command, in context: CellContext) throws(Diagnostic) -> ChangeResult {
    var reused = context.reusedIDs
    var created: [ItemID] = []
    func allocate(_ kind: ItemID.Kind, under parent: ItemID? = nil) -> ItemID {
      allocateID(kind, under: parent, reused: &reused, created: &created)
    }

    let message: String
    switch command {
    case .title(let text):
      title = text
      message = "title: \(text)"

    case .problem(let text, let expected, let actual):
      problem = Problem(statement: text, expected: expected, actual: actual)
      var lines = ["problem: \(text)"]
      if let expected { lines.append("  expected: \(expected)") }
      if let actual { lines.append("  actual:   \(actual)") }
      message = lines.joined(separator: "\n")

    case .defineProcess(let name, let names):
      if !steps.isEmpty {
        throw .error(
          .conflictingState, "the process is already defined (\(steps.count) step\(steps.count == 1 ? "" : "s"))",
          notes: ["add a step with `step TEXT --after Sx`, or `undo` the process cell"])
      }
      processName = name
      steps = names.map { Step(id: allocate(.step), name: $0) }
      message = "process \(name): " + steps.map { "\($0.id) \($0.name)" }.joined(separator: " → ")

    case .addStep(let text, let after, let owner):
      var index = steps.count
      if let after {
        guard let i = steps.firstIndex(where: { $0.id == after.value }) else { throw unknown(after) }
        index = i + 1
      }
      let step = Step(id: allocate(.step), name: text, owner: owner)
      steps.insert(step, at: index)
      message = "added \(step.id) \(text)" + (after.map { " after \($0.value)\n" + describeInsert(of: step.id) } ?? "")

    case .why(let parent, let text):
      if let parent, parent.value.kind == .escape, parent.value.path.count == 1 {
        message = try escapeWhy(under: parent, text: text, reused: &reused, created: &created)
      } else if let parent {
        guard nodes[parent.value] != nil else { throw unknown(parent) }
        let id = allocate(.why, under: parent.value)
        nodes[id] = CauseNode(id: id, text: text)
        nodes[parent.value]!.children.append(id)
        message = "\(id) \(text)"
      } else {
        let id = allocate(.why)
        nodes[id] = CauseNode(id: id, text: text)
        whyRoots.append(id)
        message = "\(id) \(text)"
      }

    case .defineFishbone(let effect, let template):
      if var existing = fishbone {
        // Re-setting the effect keeps the bones and causes already on it.
        existing.effect = effect
        for name in template.categories where existing.categoryIndex(named: name) == nil {
          existing.categories.append(.init(name: name))
        }
        fishbone = existing
      } else {
        fishbone = Fishbone(effect: effect, template: template, categories: template.categories.map { .init(name: $0) })
      }
      let bones = fishbone!.categories.map(\.name)
      message =
        "fishbone: \(effect)"
        + (bones.isEmpty
          ? "\n  no bones yet: add them with `category NAME`" : "\n  bones: " + bones.joined(separator: ", "))

    case .addCategory(let name):
      guard var bone = fishbone else { throw noFishbone() }
      if let i = bone.categoryIndex(named: name) {
        throw .error(.conflictingState, "the fishbone already has a bone `\(bone.categories[i].name)`")
      }
      bone.categories.append(.init(name: name))
      fishbone = bone
      message = "added bone \(name)"

    case .addCause(let parent, let text):
      guard fishbone != nil else { throw noFishbone() }
      switch parent {
      case .category(let name):
        guard let index = fishbone!.categoryIndex(named: name.value) else {
          var notes: [String] = []
          if let guess = Suggestion.nearest(to: name.value, in: fishbone!.categories.map(\.name)) {
            notes.append("did you mean `\(guess)`?")
          }
          let bones = fishbone!.categories.map(\.name)
          notes.append(bones.isEmpty ? "the fishbone has no bones yet" : "bones: " + bones.joined(separator: ", "))
          notes.append("add a bone with `category \(name.value)`; quote names with spaces")
          throw .error(.unknownID, "the fishbone has no bone `\(name.value)`", at: name.span, notes: notes)
        }
        let id = allocate(.cause)
        let category = fishbone!.categories[index].name
        nodes[id] = CauseNode(id: id, text: text, category: category)
        fishbone!.categories[index].causes.append(id)
        message = "\(id) [\(category)] \(text)"
      case .cause(let parentID):
        guard let parentNode = nodes[parentID.value] else { throw unknown(parentID) }
        let id = allocate(.cause, under: parentID.value)
        nodes[id] = CauseNode(id: id, text: text, category: parentNode.category)
        nodes[parentID.value]!.children.append(id)
        message = "\(id) [\(parentNode.category ?? "")] \(text)"
      }

    case .setStatus(let id, let status, let because):
      guard nodes[id.value] != nil else { throw unknown(id) }
      if status == .ruledOut && nodes[id.value]!.isRoot {
        throw .error(
          .conflictingState, "\(id.value) is marked as a root cause", at: id.span,
          notes: ["`undo` the `root` cell first if the evidence now rules it out"])
      }
      nodes[id.value]!.status = status
      nodes[id.value]!.rationale = because
      message = "\(id.value) \(status == .confirmed ? "confirmed" : "ruled out")" + (because.map { ": \($0)" } ?? "")

    case .markRoot(let id):
      guard let node = nodes[id.value] else { throw unknown(id) }
      if node.status == .ruledOut {
        throw .error(
          .conflictingState, "\(id.value) was ruled out, so it cannot be a root cause", at: id.span,
          notes: node.rationale.map { ["ruled out because: \($0)"] } ?? [])
      }
      nodes[id.value]!.isRoot = true
      message =
        "\(id.value) marked as a root cause"
        + (node.status == .hypothesis ? " (still a hypothesis: confirm it on evidence)" : "")

    case .unroot(let id):
      guard let node = nodes[id.value] else { throw unknown(id) }
      guard node.isRoot else {
        throw .error(.conflictingState, "\(id.value) is not marked as a root cause", at: id.span)
      }
      nodes[id.value]!.isRoot = false
      message = "\(id.value) is no longer marked as a root cause"

    case .amend(let spec):
      message = try amend(spec)

    case .cite(let id, _, _):
      switch id.value.kind {
      case .finding:
        guard let i = findings.firstIndex(where: { $0.id == id.value }) else { throw unknown(id) }
        findings[i].citations += context.citations
      case .step, .why, .cause, .action, .containment, .escape, .extent:
        guard nodes[id.value] != nil else { throw unknown(id) }
        nodes[id.value]!.citations += context.citations
      }
      // The excerpt is part of the output: the record shows what was seen, and replay
      // notices when the same query now says something else (a stale citation).
      message = Investigation.shown(context.citations, on: id.value)

    case .finding(let spec):
      if let location = spec.location { try validate(location) }
      for cause in spec.causes where nodes[cause.value] == nil { throw unknown(cause) }
      let id = allocate(.finding)
      findings.append(
        Finding(
          id: id, text: spec.text, location: spec.location?.value, causes: spec.causes.map(\.value),
          citations: context.citations))
      message =
        "\(id) \(spec.text)"
        + (spec.location.map { " at " + Investigation.describe($0.value) } ?? " (at no process step yet)")
        + (context.citations.isEmpty ? "" : "\n" + Investigation.shown(context.citations, on: id))

    case .action(let spec):
      guard finding(spec.finding.value) != nil else { throw unknown(spec.finding) }
      try checkAfterDate(spec, at: context.time)
      let id = allocate(.action)
      actions.append(
        Action(
          id: id, finding: spec.finding.value, text: spec.text, owner: spec.owner, due: spec.due,
          review: spec.review, standard: spec.standard, plannedCheck: spec.plannedCheck))
      message =
        "\(id) for \(spec.finding.value): \(spec.text)"
        + (spec.plannedCheck.map {
          "\n  judged by: \($0.query)\n  target \($0.target), on data after \($0.after)"
            + ($0.retrospective ? " (planned after the fact)" : "")
        }
          ?? "")

    case .done(let id, let note):
      let i = try actionIndex(id)
      guard actions[i].state == .open || actions[i].state == .notEffective else {
        throw .error(.conflictingState, "\(id.value) is already \(actions[i].state.rawValue)", at: id.span)
      }
      actions[i].state = .done
      actions[i].doneNote = note
      actions[i].doneAt = context.time
      message =
        "\(id.value) done — check its effect next: effective \(id.value) --evidence REF, or not-effective \(id.value) --because TEXT"

    case .effective(let id, let targets, let note, let by):
      let i = try actionIndex(id)
      // An effective action is judged again at each review its cadence sets.
      let review = actions[i].state == .effective
      guard actions[i].state == .done || review else { throw notDone(id, actions[i].state) }
      if targets.isEmpty {
        message = try judgePlannedCheck(id, at: i, note: note, by: by, context: context)
        actions[i].judgedAt = context.time  // only once judged: a refusal changes nothing
        break
      }
      actions[i].judgedAt = context.time
      actions[i].judgedBy = by
      actions[i].state = .effective
      actions[i].outcome = note
      actions[i].outcomeCitations = context.citations
      message =
        "\(id.value) \(review ? "still effective (review)" : "effective")"
        + (review ? "" : actions[i].standard.map { " — new standard: \($0)" } ?? "")
        + (context.citations.isEmpty ? "" : "\n" + Investigation.shown(context.citations, on: id.value))

    case .notEffective(let id, let because):
      let i = try actionIndex(id)
      // At a review, an effective action can stop working: the finding opens again.
      let review = actions[i].state == .effective
      guard actions[i].state == .done || review else { throw notDone(id, actions[i].state) }
      actions[i].state = .notEffective
      actions[i].outcome = because
      actions[i].judgedAt = context.time
      message =
        "\(id.value) \(review ? "no longer effective" : "not effective"): \(because) — \(actions[i].finding) stays open"

    case .event(let when, let text, _):
      guard let time = EventTime(when.value) else {
        throw .error(.invalidDate, "`\(when.value)` is not a date or time", at: when.span)
      }
      events.append(Event(when: time, text: text, citations: context.citations, cell: context.number))
      message =
        "event \(when.value): \(text)"
        + (context.citations.isEmpty ? "" : "\n" + Investigation.shown(context.citations, on: nil))

    case .signoff(let role, let name, let meaning):
      signoffs.append(
        Signoff(
          role: role, name: name, time: context.time, chain: context.previousChain, cell: context.number,
          meaning: meaning))
      message =
        (meaning.map { "\($0.rawValue) by" } ?? "signed off by")
        + " \(name) (\(role)) at \(context.time), chain \(context.previousChain)"

    case .team(let name, let role):
      message = applyTeam(name: name, role: role, in: context)
    case .isNot(let dimension, let isText, let isNotText):
      message = applyIsNot(dimension: dimension, isText: isText, isNotText: isNotText, in: context)
    case .contain(let spec):
      message = applyContain(spec, in: context, reused: &reused, created: &created)
    case .contained(let id, _, let note, let count):
      message = try applyContained(id, note: note, count: count, in: context)
    case .lift(let id, let note):
      message = try applyLift(id, note: note, in: context)
    case .escape(let text, let step):
      message = try applyEscape(text: text, step: step, in: context, reused: &reused, created: &created)
    case .elsewhere(let text, let action, let none):
      message = try applyElsewhere(
        text: text, action: action, none: none, in: context, reused: &reused, created: &created)
    case .caseIdentity(let spec):
      message = applyCase(spec)

    case .note(let text):
      notes.append(Note(cell: context.number, text: text))
      message = text

    case .load:
      guard let record = context.loaded else {
        throw .error(.evidenceUnavailable, "no evidence was read for this load")
      }
      // A new extract under the same name replaces it for new questions; what was cited from the
      // old one stands, so its file is still checked for drift.
      supersededEvidence += evidence.filter { $0.name == record.name }
      evidence.removeAll { $0.name == record.name }
      evidence.append(record)
      message = ""

    // Not changes (their route says so): listed, so a new verb is placed here too.
    case .showProcess, .showWhys, .showFishbone, .showTimeline, .check, .status, .showFindings, .showActions,
      .listEvidence, .show, .query, .metric, .compareShares, .refresh, .undo, .redo, .export, .help, .history, .save,
      .run, .quit, .width:
      throw .error(.unhandledCommand, "not a change to the investigation")
    }
    return ChangeResult(created: created, message: message)
  }

  /// Citations as a cell prints them: the reference, then what was seen, indented. The
  /// excerpt is part of the output so the record shows it and replay notices when the
  /// same query now says something else (a stale citation).
  static func shown(_ citations: [Citation], on id: ItemID?) -> String {
    citations.map { citation in
      (id.map { "cited on \($0): " } ?? "cited: ") + citation.reference
        + (citation.excerpt.isEmpty
          ? "" : "\n" + citation.excerpt.splitLines().map { "  " + $0 }.joined(separator: "\n"))
    }.joined(separator: "\n")
  }

  public static func describe(_ location: StepLocation) -> String {
    switch location {
    case .step(let s): "\(s)"
    case .handoff(let a, let b): "the handoff \(a)>\(b)"
    }
  }

  // MARK: - Errors that name what exists

  func unknown(_ id: Located<ItemID>) -> Diagnostic {
    if id.value.kind == .escape, id.value.path.count == 1, escapes.contains(where: { $0.id == id.value }) {
      // `confirm E1`: the escape point is a place, not an answer; its whys are judged.
      return .error(
        .conflictingState,
        "\(id.value) is an escape point, not a why: judge the answers to why it escaped (\(id.value).1 …)",
        at: id.span, notes: ["ask why it escaped: why \(id.value) TEXT"])
    }
    let existing = allIDs.filter { $0.kind == id.value.kind }.map(\.description)
    var notes: [String] = []
    if let guess = Suggestion.nearest(to: id.value.description, in: existing) {
      notes.append("did you mean \(guess)?")
    }
    if existing.isEmpty {
      notes.append("there are no \(id.value.kind.noun)s yet")
    } else {
      notes.append(
        "\(id.value.kind.noun)s: " + existing.prefix(12).joined(separator: ", ") + (existing.count > 12 ? ", …" : ""))
    }
    return .error(.unknownID, "there is no \(id.value.kind.noun) \(id.value)", at: id.span, notes: notes)
  }

  func unknownStep(_ step: ItemID, at span: SourceSpan) -> Diagnostic {
    unknown(Located(step, at: span))
  }

  func noFishbone() -> Diagnostic {
    .error(.unknownID, "there is no fishbone yet", notes: ["start one: fishbone \"EFFECT\" --template 6M|8P|4S"])
  }

  func actionIndex(_ id: Located<ItemID>) throws(Diagnostic) -> Int {
    guard let i = actions.firstIndex(where: { $0.id == id.value }) else { throw unknown(id) }
    return i
  }

  func notDone(_ id: Located<ItemID>, _ state: Action.State) -> Diagnostic {
    .error(
      .conflictingState, "\(id.value) is \(state.rawValue), not done: its effect can be judged once it is done",
      at: id.span,
      notes: ["mark it first: done \(id.value)"])
  }
}
