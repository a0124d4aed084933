extension TerminalViews {
  /// `timeline`: the investigation's events and the timestamped rows it cited, in time order.
  ///
  /// ```
  /// timeline · 2 events, 1 cited row
  /// 2026-11-01        Policy v3 published to the wiki
  /// 2026-11-03T09:00  Macro "refund-std" edited  · tickets#12
  /// 2026-11-04T10:12  ▸ tickets#12: RF-00012 · agent03 · macro · no
  /// ```
  /// Entries at the same instant keep the order they were entered in; cited rows are marked ▸.
  public static func timeline(_ inv: Investigation, style: TerminalStyle) -> String {
    let glyphs = Glyphs(style)
    let ink = Ink(style)
    struct Entry {
      var key: String
      var cell: Int
      var when: String
      var text: String
    }
    var entries: [Entry] = inv.events.map { event in
      var text = event.text
      if !event.citations.isEmpty {
        text += "  \(glyphs.dot) " + event.citations.map(\.reference).joined(separator: ", ")
      }
      return Entry(key: event.when.sortKey, cell: event.cell, when: event.when.text, text: text)
    }
    var seen = Set<String>()
    for citation in allCitations(inv) {
      for moment in citation.moments where seen.insert(moment.text).inserted {
        entries.append(
          Entry(
            key: moment.sortKey, cell: citation.cell, when: moment.when,
            text: (style.unicode ? "▸ " : "> ") + moment.text))
      }
    }
    guard !entries.isEmpty else {
      return "no events yet: event WHEN TEXT (cited rows with a date or time join the timeline too)"
    }
    entries.sort { ($0.key, $0.cell) < ($1.key, $1.cell) }
    let cited = entries.count - inv.events.count
    let column = (entries.map { Text.width($0.when) }.max() ?? 0) + 2
    let room = max(20, style.width - column)
    var heading = ink.bold("timeline") + " \(glyphs.dot) " + counted(inv.events.count, "event")
    if cited > 0 { heading += ", " + counted(cited, "cited row") }
    var out = [heading]
    for entry in entries {
      for (k, line) in Text.wrap(entry.text, to: room).enumerated() {
        out.append((k == 0 ? ink.bold(Text.pad(entry.when, to: column)) : String(repeating: " ", count: column)) + line)
      }
    }
    return out.joined(separator: "\n")
  }

  /// Every citation in the investigation, in the order items appear.
  static func allCitations(_ inv: Investigation) -> [Citation] {
    (inv.whysInOrder + inv.causesInOrder).flatMap(\.citations) + inv.findings.flatMap(\.citations)
      + inv.events.flatMap(\.citations) + inv.actions.flatMap(\.outcomeCitations)
  }
}
