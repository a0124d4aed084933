extension Investigation {
  /// Checks a finding's place before it is recorded: every step exists, and a handoff joins a
  /// step to the one that follows it in process order. A handoff between steps further apart
  /// would hide where the work actually crosses; the refusal names the steps in between.
  func validate(_ location: Located<StepLocation>) throws(Diagnostic) {
    for step in location.value.steps where self.step(step) == nil { throw unknownStep(step, at: location.span) }
    guard case .handoff(let from, let to) = location.value,
      let i = steps.firstIndex(where: { $0.id == from }), let j = steps.firstIndex(where: { $0.id == to }), j != i + 1
    else { return }
    if j == i - 1 {
      throw .error(
        .againstProcessOrder, "\(from)>\(to) runs against the process: \(to) comes before \(from)",
        at: location.span,
        notes: ["a handoff runs in process order: \(to)>\(from)"])
    }
    let between = steps[(min(i, j) + 1)..<max(i, j)]
    let (first, last) = (between.first!.id, between.last!.id)
    let (a, b) = j > i ? (from, to) : (to, from)
    throw .error(
      .againstProcessOrder,
      "\(from) and \(to) are not next to each other in the process: a handoff joins a step to the next one",
      at: location.span,
      notes: [
        "between them: " + between.map { "\($0.id) \($0.name)" }.joined(separator: ", "),
        "record it at the handoff where the work crosses (--step "
          + (between.count == 1 ? "\(a)>\(first) or \(first)>\(b)" : "\(a)>\(first) … \(last)>\(b)")
          + "), or at one step (--step \(first))",
      ])
  }

  /// `step TEXT --after Sx`: where the new step sits, with its neighbours in process order, and
  /// the findings at a handoff it now splits (their handoff no longer joins adjacent steps).
  func describeInsert(of id: ItemID) -> String {
    guard let i = steps.firstIndex(where: { $0.id == id }) else { return "" }
    let around = steps[max(0, i - 1)...min(steps.count - 1, i + 1)]
    var lines = ["  " + around.map { "\($0.id) \($0.name)" }.joined(separator: " → ")]
    if i > 0, i + 1 < steps.count {
      let split = findings.filter { $0.location == .handoff(steps[i - 1].id, steps[i + 1].id) }
      for f in split {
        lines.append(
          "  \(f.id) is at the handoff \(steps[i - 1].id)>\(steps[i + 1].id), which \(id) now splits: "
            + "amend \(f.id) --step \(steps[i - 1].id)>\(id) or --step \(id)>\(steps[i + 1].id)")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// `amend Sx --name TEXT --owner NAME`.
  mutating func amendStep(_ spec: AmendSpec) throws(Diagnostic) -> [String] {
    let id = spec.id
    guard let i = steps.firstIndex(where: { $0.id == id.value }) else { throw unknown(id) }
    func refuse(_ what: String) -> Diagnostic {
      .error(
        .nothingToAmend, "a step has no \(what) to amend", at: id.span,
        notes: ["a step has a name and an owner: amend \(id.value) --name TEXT --owner NAME"])
    }
    if spec.text != nil { throw refuse("text") }
    if spec.due != nil { throw refuse("due date") }
    if spec.review != nil { throw refuse("review cadence") }
    if spec.standard != nil { throw refuse("standard") }
    if spec.location != nil { throw refuse("step") }
    var changed: [String] = []
    if let name = spec.name { steps[i].name = name; changed.append("name \(name)") }
    if let owner = spec.owner { steps[i].owner = owner; changed.append("owner \(owner)") }
    return changed
  }
}
