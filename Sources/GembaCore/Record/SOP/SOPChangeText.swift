/// The Markdown an SOP update writes: a marked change under a step, the revision-history
/// entry, the unplaced changes, and the standalone change document. User text is escaped
/// with `MarkdownText.inline`, so it can never break the SOP's structure.
enum SOPChangeText {
  /// Blockquote lines marking the changes of `actions`, one paragraph each.
  static func changeBlock(_ actions: [Record.Action], record: Record, date: String) -> [String] {
    var lines: [String] = []
    for (i, action) in actions.enumerated() {
      if i > 0 { lines.append(">") }
      // Released once judged effective; until then the standard is only proposed.
      if let standard = action.standard, action.isReleased {
        lines.append("> **Released change (\(action.id), \(date)):** \(md(standard))\\")
      } else if let standard = action.standard {
        lines.append("> **Proposed change (\(action.id), \(date)), not yet judged effective:** \(md(standard))\\")
      } else {
        lines.append(
          "> **Pending change (\(action.id), \(date)):** no new standard recorded yet; the action is: \(md(action.text))\\"
        )
      }
      lines.append("> *Why:* \(findingText(action.finding, record: record)). *Action:* \(actionSummary(action)).")
    }
    return lines
  }

  /// `F1 Triage has no duplicate check (at S2 Triage)`.
  static func findingText(_ id: String, record: Record) -> String {
    guard let f = record.finding(id) else { return id }
    return "\(f.id) \(md(f.text))" + (f.location.map { " (at \(md($0.text)))" } ?? " (at no process step)")
  }

  /// `A1 Add a check · owner Dana · due 2026-12-15 · review monthly · effective`.
  static func actionSummary(_ a: Record.Action) -> String {
    var parts = ["\(a.id) \(md(a.text))", "owner \(a.owner.map(md) ?? "not named")"]
    if let due = a.due { parts.append("due \(due)") }
    parts.append("review \(a.review ?? "not set")")
    parts.append(a.state.rawValue)
    return parts.joined(separator: " · ")
  }

  /// The revision-history entry: date, investigation, findings, actions, owners, cadence.
  static func historyEntry(_ record: Record, date: String) -> [String] {
    let findingIDs = record.actions.map(\.finding).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    var owners: [String] = []
    for owner in record.actions.compactMap(\.owner) where !owners.contains(owner) { owners.append(owner) }
    var lines = [
      "- **\(date)** — changes from the gemba investigation “\(md(record.title))” (\(md(record.integrity.line)))"
    ]
    lines.append(
      "  - Findings: "
        + (findingIDs.isEmpty ? "none" : findingIDs.map { findingText($0, record: record) }.joined(separator: "; ")))
    lines.append(
      "  - Actions: " + (record.actions.isEmpty ? "none" : record.actions.map(actionSummary).joined(separator: "; ")))
    lines.append("  - Standards: " + standardsSummary(record))
    lines.append("  - Owners: " + (owners.isEmpty ? "none named" : owners.map(md).joined(separator: ", ")))
    lines.append(
      "  - Review cadence: "
        + (record.actions.isEmpty
          ? "none" : record.actions.map { "\($0.id) \($0.review ?? "not set")" }.joined(separator: ", ")))
    if !record.signoffs.isEmpty {
      lines.append(
        "  - Approved by: "
          + record.signoffs.map { "\(md($0.name)) (\(md($0.role)), chain \($0.chain))" }.joined(separator: ", "))
    }
    return lines
  }

  /// One list item per action that found no step, with the reason and its change.
  static func unplaced(_ items: [(action: Record.Action, reason: String)], record: Record, date: String) -> [String] {
    var lines: [String] = []
    for (action, reason) in items {
      lines.append("- **\(action.id)** — \(md(reason))")
      lines.append("")
      lines += changeBlock([action], record: record, date: date).map { "  " + $0 }
      lines.append("")
    }
    return lines
  }

  /// The standalone SOP-change document: step by step what changes, then what found no step.
  static func standalone(
    _ record: Record, date: String, placed: [String: [Record.Action]],
    unplaced: [(action: Record.Action, reason: String)], note: String?
  ) -> String {
    var lines = ["# SOP change: \(md(record.process.name ?? record.title))", ""]
    lines.append("*From the gemba investigation “\(md(record.title))”, \(date) · \(md(record.integrity.line))*")
    lines.append("")
    if let note { lines += ["> **Note:** \(md(note))", ""] }
    lines += ["## Step by step", ""]
    if record.process.steps.isEmpty { lines += ["*The investigation defines no process steps.*", ""] }
    for step in record.process.steps {
      lines += ["### \(step.id) \(md(step.name))", ""]
      let findings = step.findings + record.process.handoffs.filter { $0.to == step.id }.flatMap(\.findings)
      for id in findings { lines.append("- Finding \(findingText(id, record: record))") }
      if !findings.isEmpty { lines.append("") }
      if let actions = placed[step.id], !actions.isEmpty {
        lines += changeBlock(actions, record: record, date: date) + [""]
      } else {
        lines += ["*No change.*", ""]
      }
    }
    if !unplaced.isEmpty {
      lines += ["## Unplaced changes", ""] + SOPChangeText.unplaced(unplaced, record: record, date: date)
    }
    lines += ["## Revision history", ""] + historyEntry(record, date: date)
    return lines.joined(separator: "\n") + "\n"
  }

  /// `released A1; proposed A2 (not yet judged effective); no standard yet A3`.
  static func standardsSummary(_ record: Record) -> String {
    let released = record.actions.filter { $0.standard != nil && $0.isReleased }.map(\.id)
    let proposed = record.actions.filter { $0.standard != nil && !$0.isReleased }.map(\.id)
    let pending = record.actions.filter { $0.standard == nil }.map(\.id)
    let parts = [
      released.isEmpty ? nil : "released " + released.joined(separator: ", "),
      proposed.isEmpty ? nil : "proposed " + proposed.joined(separator: ", ") + " (not yet judged effective)",
      pending.isEmpty ? nil : "no standard yet " + pending.joined(separator: ", "),
    ].compactMap { $0 }
    return parts.isEmpty ? "none" : parts.joined(separator: "; ")
  }

  /// The change cell of a revision-table row: short, one line, pipes escaped.
  static func revisionRowChange(_ record: Record) -> String {
    md("gemba investigation “\(record.title)”: " + standardsSummary(record))
  }

  /// Who the row names: the approvers when signed off, else the actions' owners.
  static func revisionRowBy(_ record: Record) -> String {
    var names: [String] = []
    for name in (record.signoffs.isEmpty ? record.actions.compactMap(\.owner) : record.signoffs.map(\.name))
    where !names.contains(name) {
      names.append(name)
    }
    return names.isEmpty ? "" : md(names.joined(separator: ", "))
  }

  static func md(_ text: String) -> String { MarkdownText.inline(text) }
}
