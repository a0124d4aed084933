extension TerminalViews {
  /// Colour for a view: ANSI SGR codes when the style allows colour, plain text otherwise.
  ///
  /// Views lay text out first and colour it last, so padding and wrapping never
  /// depend on whether colour is on.
  struct Ink: Sendable {
    enum Tone: String, Sendable {
      case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36"
      case boldRed = "1;31", boldYellow = "1;33"
    }

    let enabled: Bool

    init(_ style: TerminalStyle) { enabled = style.color }

    func paint(_ text: String, _ tone: Tone) -> String {
      guard enabled, !text.isEmpty else { return text }
      return "\u{1B}[\(tone.rawValue)m\(text)\u{1B}[0m"
    }

    func bold(_ text: String) -> String { paint(text, .bold) }
    func dim(_ text: String) -> String { paint(text, .dim) }
    /// An item id (`W1.2`, `A3`): bold, so ids stand out on a shared screen.
    func id(_ id: ItemID) -> String { paint(id.description, .bold) }

    /// The colour of a cause status: green confirmed, red ruled out, yellow hypothesis.
    func tone(for status: CauseStatus) -> Tone {
      switch status {
      case .confirmed: .green
      case .ruledOut: .red
      case .hypothesis: .yellow
      }
    }
  }

  /// The characters a view draws with: box-drawing and symbols, or plain ASCII
  /// for terminals whose locale is not UTF-8.
  struct Glyphs: Sendable {
    let unicode: Bool

    init(_ style: TerminalStyle) { unicode = style.unicode }

    // Trees: each prefix is four columns so children line up under their parent's text.
    var branch: String { unicode ? "├─ " : "|-- " }
    var lastBranch: String { unicode ? "└─ " : "`-- " }
    var pipe: String { unicode ? "│  " : "|   " }
    var gap: String { unicode ? "   " : "    " }

    var arrow: String { unicode ? "→" : "->" }
    var ellipsis: String { unicode ? "…" : "..." }
    var dash: String { unicode ? "—" : "-" }
    var dot: String { unicode ? "·" : "-" }
    var warn: String { unicode ? "⚠" : "!" }
    var bullet: String { unicode ? "●" : "*" }

    /// The mark for a status: `?` hypothesis, `✓` confirmed, `✗` ruled out.
    func mark(_ status: CauseStatus) -> String {
      switch status {
      case .hypothesis: unicode ? "?" : "[?]"
      case .confirmed: unicode ? "✓" : "[v]"
      case .ruledOut: unicode ? "✗" : "[x]"
      }
    }

    /// The mark for a root cause, written after the node's text.
    var root: String { unicode ? "★ root cause" : "[*] root cause" }

    /// The key to the marks, shown above trees.
    var legendEntries: [String] {
      [mark(.hypothesis) + " hypothesis", mark(.confirmed) + " confirmed", mark(.ruledOut) + " ruled out", root]
    }

    /// Box-drawing pieces for tables: corners, tees and lines.
    var horizontal: String { unicode ? "─" : "-" }
    var vertical: String { unicode ? "│" : "|" }
    func corner(_ row: TableRow, _ column: TableColumn) -> String {
      guard unicode else { return "+" }
      switch (row, column) {
      case (.top, .left): return "┌"
      case (.top, .middle): return "┬"
      case (.top, .right): return "┐"
      case (.middleLine, .left): return "├"
      case (.middleLine, .middle): return "┼"
      case (.middleLine, .right): return "┤"
      case (.bottom, .left): return "└"
      case (.bottom, .middle): return "┴"
      case (.bottom, .right): return "┘"
      }
    }

    enum TableRow { case top, middleLine, bottom }
    enum TableColumn { case left, middle, right }
  }
}
