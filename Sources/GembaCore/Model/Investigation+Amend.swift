extension Investigation {
  /// `amend`: every field is checked against the item's kind before anything changes.
  mutating func amend(_ spec: AmendSpec) throws(Diagnostic) -> String {
    let id = spec.id
    func refuse(_ what: String) -> Diagnostic {
      .error(.nothingToAmend, "a \(id.value.kind.noun) has no \(what) to amend", at: id.span)
    }
    var changed: [String] = []
    if spec.name != nil && id.value.kind != .step {
      throw .error(
        .nothingToAmend, "a \(id.value.kind.noun) has no name to amend", at: id.span,
        notes: ["only a step has a name; to change the text: amend \(id.value) --text NEW TEXT"])
    }
    switch id.value.kind {
    case .why, .cause:
      guard nodes[id.value] != nil else { throw unknown(id) }
      if spec.owner != nil { throw refuse("owner") }
      if spec.due != nil { throw refuse("due date") }
      if spec.review != nil { throw refuse("review cadence") }
      if spec.standard != nil { throw refuse("standard") }
      if spec.location != nil { throw refuse("step") }
      if let text = spec.text { nodes[id.value]!.text = text; changed.append("text") }
    case .finding:
      guard let i = findings.firstIndex(where: { $0.id == id.value }) else { throw unknown(id) }
      if spec.owner != nil { throw refuse("owner") }
      if spec.due != nil { throw refuse("due date") }
      if spec.review != nil { throw refuse("review cadence") }
      if spec.standard != nil { throw refuse("standard") }
      if let location = spec.location {
        try validate(location)
        findings[i].location = location.value
        changed.append("step \(Investigation.describe(location.value))")
      }
      if let text = spec.text { findings[i].text = text; changed.append("text") }
    case .action:
      let i = try actionIndex(id)
      if spec.location != nil {
        throw .error(.nothingToAmend, "an action's step is its finding's step: amend the finding", at: id.span)
      }
      if let text = spec.text { actions[i].text = text; changed.append("text") }
      if let owner = spec.owner { actions[i].owner = owner; changed.append("owner \(owner)") }
      if let due = spec.due { actions[i].due = due; changed.append("due \(due)") }
      if let review = spec.review { actions[i].review = review; changed.append("review \(review.rawValue)") }
      if let standard = spec.standard { actions[i].standard = standard; changed.append("standard") }
    case .step:
      changed = try amendStep(spec)
    case .containment:
      guard let i = containments.firstIndex(where: { $0.id == id.value }) else { throw unknown(id) }
      if spec.review != nil { throw refuse("review cadence") }
      if spec.standard != nil { throw refuse("standard") }
      if spec.location != nil { throw refuse("step") }
      if let text = spec.text { containments[i].text = text; changed.append("text") }
      if let owner = spec.owner { containments[i].owner = owner; changed.append("owner \(owner)") }
      if let due = spec.due { containments[i].due = due; changed.append("due \(due)") }
    case .escape, .extent:
      throw refuse("fields")
    }
    return "amended \(id.value): " + changed.joined(separator: ", ")
  }
}
