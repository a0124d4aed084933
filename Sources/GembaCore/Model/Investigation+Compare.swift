/// Comparing two states of an investigation (replay: the state today against the state the
/// stored cells fold to), leaving out what each citation saw and what each file held: those
/// are compared citation by citation and file by file, and reported as stale or drifted.
extension Investigation {
  /// This state with every citation's seen content, every file's digest and size, and every
  /// sign-off's chain value blanked.
  var comparable: Investigation {
    func blank(_ citations: [Citation]) -> [Citation] {
      citations.map { Citation(kind: $0.kind, reference: $0.reference, excerpt: "", note: $0.note, cell: $0.cell) }
    }
    var copy = self
    for id in copy.nodes.keys { copy.nodes[id]!.citations = blank(copy.nodes[id]!.citations) }
    for i in copy.findings.indices { copy.findings[i].citations = blank(copy.findings[i].citations) }
    for i in copy.actions.indices { copy.actions[i].outcomeCitations = blank(copy.actions[i].outcomeCitations) }
    for i in copy.events.indices { copy.events[i].citations = blank(copy.events[i].citations) }
    for i in copy.signoffs.indices { copy.signoffs[i].chain = "" }
    for i in copy.containments.indices { copy.containments[i].citations = blank(copy.containments[i].citations) }
    let comparable: (EvidenceRecord) -> EvidenceRecord = {
      EvidenceRecord(
        name: $0.name, path: $0.path, format: $0.format, rows: 0, columns: 0, bytes: 0, sha256: "", cell: $0.cell)
    }
    copy.evidence = copy.evidence.map(comparable)
    copy.supersededEvidence = copy.supersededEvidence.map(comparable)
    return copy
  }

  /// The items (by id, or by part: `title`, `evidence`) that differ between two states.
  static func differences(_ a: Investigation, _ b: Investigation) -> [String] {
    guard a != b else { return [] }
    var out: [String] = []
    if a.title != b.title { out.append("the title") }
    if a.problem != b.problem { out.append("the problem") }
    if a.processName != b.processName || a.steps != b.steps { out.append("the process") }
    for id in Set(a.nodes.keys).union(b.nodes.keys).sorted(by: { $0.description < $1.description })
    where a.nodes[id] != b.nodes[id] {
      out.append(id.description)
    }
    if a.whyRoots != b.whyRoots || a.fishbone != b.fishbone { out.append("the trees") }
    for (x, y) in zip(a.findings, b.findings) where x != y { out.append(x.id.description) }
    for (x, y) in zip(a.actions, b.actions) where x != y { out.append(x.id.description) }
    if a.findings.count != b.findings.count { out.append("the number of findings") }
    if a.actions.count != b.actions.count { out.append("the number of actions") }
    if a.notes != b.notes { out.append("the notes") }
    if a.events != b.events { out.append("the events") }
    if a.signoffs != b.signoffs { out.append("the sign-offs") }
    if a.evidence != b.evidence || a.supersededEvidence != b.supersededEvidence { out.append("the evidence register") }
    if a.team != b.team { out.append("the team") }
    if a.boundaries != b.boundaries { out.append("the is / is not") }
    for (x, y) in zip(a.containments, b.containments) where x != y { out.append(x.id.description) }
    for (x, y) in zip(a.escapes, b.escapes) where x != y { out.append(x.id.description) }
    for (x, y) in zip(a.extent, b.extent) where x != y { out.append(x.id.description) }
    if a.containments.count != b.containments.count || a.escapes.count != b.escapes.count
      || a.extent.count != b.extent.count
    {
      out.append("the corrective-action record")
    }
    if out.isEmpty { out.append("the id counters") }
    return out
  }
}
