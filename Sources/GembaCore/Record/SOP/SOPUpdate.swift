/// Where one action's change went in the SOP, and why.
public struct SOPPlacement: Sendable, Equatable {
  public var action: String
  /// The gemba step it belongs to (`S3`); nil when its finding is at no step.
  public var step: String?
  /// The 1-based line of the SOP heading or item it was placed under; nil when unplaced.
  public var sopLine: Int?
  /// That heading's or item's text, as written in the SOP.
  public var sopStep: String?
  /// How it was matched, or why it could not be.
  public var reason: String
  /// Listed under "Unplaced changes" instead of under a step.
  public var unplaced: Bool
}

/// The result of `SOPUpdater.update`: the revised SOP and its diff, or a standalone change document.
public struct SOPUpdateResult: Sendable, Equatable {
  /// The revised SOP, or the standalone SOP-change document.
  public var document: String
  /// A unified diff of the original SOP to `document` (`--- a/NAME`, `+++ b/NAME`); nil
  /// when `document` is a standalone change document.
  public var diff: String?
  public var placements: [SOPPlacement]
  /// What the process owner should read first: no steps found, unplaced actions, ties.
  public var messages: [String]
}

/// Writes a record's actions into the SOP the process runs on.
///
/// Each action is placed under the SOP step whose name matches its finding's step (a
/// handoff goes under the receiving step), marked as a change with its date; a revision
/// history entry is added; the unmatched are listed under "Unplaced changes", never dropped.
public enum SOPUpdater {
  /// - Parameters:
  ///   - sop: the SOP's Markdown, or nil to write a new SOP-change document.
  ///   - sopName: the SOP's path as the diff names it (`a/NAME`, `b/NAME`), relative to where
  ///     `git apply` runs.
  ///   - date: `YYYY-MM-DD`, the date the change is made.
  /// - Throws: a file diagnostic naming the SOP's line when its revision table is malformed
  ///   (ragged rows, revisions that do not advance); nothing is written then.
  public static func update(record: Record, sop: String?, sopName: String = "SOP.md", date: String) throws(Diagnostic)
    -> SOPUpdateResult
  {
    guard let sop else {
      let (placed, unplaced, placements) = placeByStep(record)
      let document = SOPChangeText.standalone(record, date: date, placed: placed, unplaced: unplaced, note: nil)
      return SOPUpdateResult(document: document, diff: nil, placements: placements, messages: summary(placements))
    }
    let doc = SOPDocument(sop)
    guard !doc.steps.isEmpty else {
      let (placed, unplaced, placements) = placeByStep(record)
      let note =
        "\(sopName) has no recognisable steps (no headings or numbered items such as `## 2. Triage` or `2. Triage`), "
        + "so this is a change document to apply by hand."
      let document = SOPChangeText.standalone(record, date: date, placed: placed, unplaced: unplaced, note: note)
      return SOPUpdateResult(
        document: document, diff: nil, placements: placements, messages: [note] + summary(placements))
    }
    var placements: [SOPPlacement] = []
    var insertions: [Int: [(Record.Action, SOPDocument.Step)]] = [:]
    var unplaced: [(action: Record.Action, reason: String)] = []
    var messages: [String] = []
    for action in record.actions {
      let match = SOPMatcher.place(action, in: doc, record: record)
      switch match {
      case .placed(let step, let gembaStep, let reason, let tie):
        insertions[doc.insertionLine(for: step), default: []].append((action, step))
        placements.append(
          SOPPlacement(
            action: action.id, step: gembaStep, sopLine: step.line + 1, sopStep: step.title, reason: reason,
            unplaced: false))
        if let tie { messages.append(tie) }
      case .unplaced(let gembaStep, let reason):
        unplaced.append((action, reason))
        placements.append(
          SOPPlacement(action: action.id, step: gembaStep, sopLine: nil, sopStep: nil, reason: reason, unplaced: true))
      }
    }
    let table = try doc.revisionHistory.flatMap { section throws(Diagnostic) in
      try SOPRevisionTable.find(in: doc, range: (section.start + 1)..<section.end, sopName: sopName)
    }
    let revised = revise(doc, insertions: insertions, unplaced: unplaced, record: record, date: date, table: table)
    let diff = UnifiedDiff.make(old: sop, new: revised, oldLabel: "a/\(sopName)", newLabel: "b/\(sopName)")
    return SOPUpdateResult(
      document: revised, diff: diff, placements: placements, messages: messages + summary(placements))
  }

  /// Inserts the change blocks, the unplaced changes (before an existing revision history,
  /// else at the end) and the revision-history entry (at the end of an existing history).
  static func revise(
    _ doc: SOPDocument, insertions: [Int: [(Record.Action, SOPDocument.Step)]],
    unplaced: [(action: Record.Action, reason: String)], record: Record, date: String, table: SOPRevisionTable? = nil
  ) -> String {
    var blocks: [Int: [String]] = [:]
    func add(_ block: [String], at index: Int) {
      if let existing = blocks[index], !existing.isEmpty {
        blocks[index] = existing + [""] + block
      } else {
        blocks[index] = block
      }
    }
    for (index, items) in insertions.sorted(by: { $0.key < $1.key }) {
      // A numbered item's change is indented to its text, so it stays inside the item.
      var indent = 0
      if case .item(let content) = items[0].1.kind { indent = content }
      let pad = String(repeating: " ", count: indent)
      add(
        SOPChangeText.changeBlock(items.map(\.0), record: record, date: date).map { $0.isEmpty ? "" : pad + $0 },
        at: index)
    }
    let history = SOPChangeText.historyEntry(record, date: date)
    var unplacedSection: [String] = []
    if !unplaced.isEmpty {
      unplacedSection =
        ["## Unplaced changes", "", "These actions match no step of this SOP; place each by hand.", ""]
        + SOPChangeText.unplaced(unplaced, record: record, date: date)
      while unplacedSection.last == "" { unplacedSection.removeLast() }
    }
    if let section = doc.revisionHistory {
      if !unplacedSection.isEmpty { add(unplacedSection, at: section.start) }
      add(history, at: section.end)
    } else {
      add(
        unplacedSection + (unplacedSection.isEmpty ? [] : [""]) + ["## Revision history", ""] + history,
        at: doc.lines.count)
    }
    // A revision table gets its row directly under its last row (a table stays a table).
    let row = table.map {
      (
        index: $0.last + 1,
        text: $0.row(
          date: date, change: SOPChangeText.revisionRowChange(record),
          by: SOPChangeText.revisionRowBy(record))
      )
    }
    var lines = doc.lines
    // From the bottom up, so the indices above each insertion stay valid.
    for index in Set(blocks.keys).union(row.map { [$0.index] } ?? []).sorted(by: >) {
      if var block = blocks[index] {
        if index > 0, !lines[index - 1].allSatisfy(\.isWhitespace) { block.insert("", at: 0) }
        if index < lines.count, !lines[index].allSatisfy(\.isWhitespace) { block.append("") }
        lines.insert(contentsOf: block, at: index)
      }
      if let row, row.index == index { lines.insert(row.text, at: index) }
    }
    return lines.joined(separator: doc.newline) + doc.newline
  }

  /// For the standalone document: actions grouped by their gemba step, with the rest unplaced.
  static func placeByStep(_ record: Record)
    -> ([String: [Record.Action]], [(action: Record.Action, reason: String)], [SOPPlacement])
  {
    var placed: [String: [Record.Action]] = [:]
    var unplaced: [(action: Record.Action, reason: String)] = []
    var placements: [SOPPlacement] = []
    for action in record.actions {
      guard let location = record.finding(action.finding)?.location, let step = location.steps.last,
        record.step(step) != nil
      else {
        let reason = "its finding \(action.finding) is at no process step"
        unplaced.append((action, reason))
        placements.append(
          SOPPlacement(action: action.id, step: nil, sopLine: nil, sopStep: nil, reason: reason, unplaced: true))
        continue
      }
      placed[step, default: []].append(action)
      let reason =
        location.handoff ? "at the handoff \(location.label): under the receiving step \(step)" : "at step \(step)"
      placements.append(
        SOPPlacement(action: action.id, step: step, sopLine: nil, sopStep: nil, reason: reason, unplaced: false))
    }
    return (placed, unplaced, placements)
  }

  static func summary(_ placements: [SOPPlacement]) -> [String] {
    let unplaced = placements.filter(\.unplaced)
    guard !unplaced.isEmpty else { return [] }
    return [
      "\(unplaced.count) of \(placements.count) actions are listed under “Unplaced changes”: "
        + unplaced.map { "\($0.action) (\($0.reason))" }.joined(separator: "; ")
    ]
  }
}
