extension TerminalViews {
  /// `timeline`: the investigation's events in time order, with the evidence each cites.
  ///
  /// ```
  /// timeline · 2 events
  /// 2026-11-01        Policy v3 published to the wiki
  /// 2026-11-03T09:00  Macro "refund-std" edited  · tickets#12
  /// ```
  /// Events at the same instant keep the order they were entered in.
  public static func timeline(_ inv: Investigation, style: TerminalStyle) -> String {
    guard !inv.events.isEmpty else { return "no events yet: event WHEN TEXT" }
    let glyphs = Glyphs(style)
    let ink = Ink(style)
    let events = inv.events.sorted { ($0.when.sortKey, $0.cell) < ($1.when.sortKey, $1.cell) }
    let column = (events.map { Text.width($0.when.text) }.max() ?? 0) + 2
    let room = max(20, style.width - column)
    var out = [ink.bold("timeline") + " \(glyphs.dot) " + count(events.count, "event")]
    for event in events {
      var text = event.text
      if !event.citations.isEmpty {
        text += "  \(glyphs.dot) " + event.citations.map(\.reference).joined(separator: ", ")
      }
      for (k, line) in Text.wrap(text, to: room).enumerated() {
        out.append((k == 0 ? ink.bold(Text.pad(event.when.text, to: column)) : String(repeating: " ", count: column)) + line)
      }
    }
    return out.joined(separator: "\n")
  }
}
