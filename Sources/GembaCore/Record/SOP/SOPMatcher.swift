/// Finds the SOP step an action belongs under, by the name of its finding's process step:
/// tolerant of case, punctuation and numbering (`2.`, `Step 2:`), and of one name being
/// the start or a part of the other ("Triage" matches "Triage the request").
enum SOPMatcher {
  enum Match: Equatable {
    case placed(SOPDocument.Step, gembaStep: String, reason: String, tie: String?)
    case unplaced(gembaStep: String?, reason: String)
  }

  static func place(_ action: Record.Action, in doc: SOPDocument, record: Record) -> Match {
    guard let location = record.finding(action.finding)?.location else {
      return .unplaced(gembaStep: nil, reason: "its finding \(action.finding) is at no process step")
    }
    let named = zip(location.steps, location.names).map { (id: $0, name: $1) }
    // A handoff is fixed where the work is received: the later step first, else the earlier.
    let candidates = location.handoff ? named.reversed() : named
    for (rank, step) in candidates.enumerated() {
      guard record.step(step.id) != nil, let (found, ties) = best(for: step.name, in: doc) else { continue }
      let quoted = "“\(found.title)” (SOP line \(found.line + 1))"
      var reason = "\(step.id) “\(step.name)” matched \(quoted)"
      if location.handoff {
        reason =
          rank == 0
          ? "handoff \(location.label): under the receiving step; " + reason
          : "handoff \(location.label): the receiving step \(candidates[0].id) “\(candidates[0].name)” is not in the SOP, "
            + "so under the handing-off step; " + reason
      }
      let tie =
        ties.count > 1
        ? "\(action.id): “\(step.name)” matches \(ties.count) SOP steps equally (lines "
          + ties.map { String($0.line + 1) }.joined(separator: ", ") + "); placed under the first"
        : nil
      return .placed(found, gembaStep: step.id, reason: reason, tie: tie)
    }
    let names = candidates.map { "\($0.id) “\($0.name)”" }.joined(separator: " or ")
    return .unplaced(gembaStep: candidates.first?.id, reason: "no step of the SOP matches \(names)")
  }

  /// The best-matching SOP step for a gemba step name, and every step tied with it.
  static func best(for name: String, in doc: SOPDocument) -> (SOPDocument.Step, [SOPDocument.Step])? {
    let key = SOPDocument.key(name)
    var top = 0
    var ties: [SOPDocument.Step] = []
    for step in doc.steps {
      let s = score(key, step.key)
      if s > top {
        top = s
        ties = [step]
      } else if s == top, s > 0 {
        ties.append(step)
      }
    }
    guard let first = ties.first else { return nil }
    return (first, ties)
  }

  /// 3 the same, 2 one starts with the other, 1 one contains the other (whole words), else 0.
  static func score(_ a: String, _ b: String) -> Int {
    guard !a.isEmpty, !b.isEmpty else { return 0 }
    if a == b { return 3 }
    let x = a.split(separator: " "), y = b.split(separator: " ")
    if x.starts(with: y) || y.starts(with: x) { return 2 }
    if contains(x, y) || contains(y, x) { return 1 }
    return 0
  }

  static func contains(_ words: [Substring], _ part: [Substring]) -> Bool {
    guard part.count <= words.count else { return false }
    return (0...(words.count - part.count)).contains { words[$0..<($0 + part.count)].elementsEqual(part) }
  }
}
