extension TerminalViews {
  /// `whys`: every five-whys tree, drawn with branches and status marks.
  ///
  /// ```
  /// five whys · 1 tree, 3 whys
  /// ? hypothesis  ✓ confirmed  ✗ ruled out  ★ root cause
  ///
  /// ? W1 Agents give different refund answers
  /// ├─ ✓ W1.1 Policy lives in three places  · 1 citation
  /// │       confirmed: wiki, macro and PDF disagree
  /// └─ ✗ W1.2 Agents are new  · 1 citation
  /// ```
  public static func whys(_ inv: Investigation, style: TerminalStyle) -> String {
    guard !inv.whyRoots.isEmpty || !inv.escapes.isEmpty else {
      return "no five-whys trees yet: start one with `why TEXT`"
    }
    let drawer = TreeDrawer(inv: inv, style: style)
    var out: [String] = []
    if !inv.whyRoots.isEmpty {
      let trees = inv.whyRoots.count
      let nodes = inv.whysInOrder.count
      out += headline("five whys", ["\(counted(trees, "tree")), \(counted(nodes, "why"))"], style: style)
      out += legend(style)
      for root in inv.whyRoots {
        out.append("")
        out += drawer.tree(root)
      }
    }
    if !inv.escapes.isEmpty {
      if !out.isEmpty { out.append("") }
      out += escapes(inv, drawer: drawer, style: style)
    }
    return out.joined(separator: "\n")
  }

  /// The escape points (where the defect should have been caught) and the whys asked of each:
  ///
  /// ```
  /// escape points · 1 point, 2 whys
  ///
  /// escape E1 at S3 · inspection passed it
  /// └─ ★ E1.1 the gauge checks length, not flatness
  /// ```
  static func escapes(_ inv: Investigation, drawer: TreeDrawer, style: TerminalStyle) -> [String] {
    let ink = Ink(style)
    let whys = inv.escapeWhysInOrder.count
    var out = headline(
      "escape points", ["\(counted(inv.escapes.count, "point")), \(counted(whys, "why"))"], style: style)
    if inv.whyRoots.isEmpty { out += legend(style) }
    for escape in inv.escapes {
      out.append("")
      let step = escape.step.map { " at \($0)" } ?? ""
      let head = Text.wrap("escape \(escape.id)\(step) \(Glyphs(style).dot) \(escape.text)", to: style.width)
      out += head.enumerated().map { $0.offset == 0 ? ink.bold($0.element) : $0.element }
      out += drawer.branches(escape.children, prefix: "")
    }
    return out
  }

  /// A view's first line: its name in bold and the facts that size it, wrapped between facts.
  static func headline(_ title: String, _ facts: [String], style: TerminalStyle) -> [String] {
    let ink = Ink(style)
    let pieces = [(plain: title, painted: ink.bold(title))] + facts.map { (plain: $0, painted: $0) }
    return Text.fill(pieces, separator: " \(Glyphs(style).dot) ", width: style.width)
  }

  /// The key to the status marks, dim, wrapped between entries.
  static func legend(_ style: TerminalStyle) -> [String] {
    let ink = Ink(style)
    return Text.fill(Glyphs(style).legendEntries.map { ($0, ink.dim($0)) }, separator: "  ", width: style.width)
  }
}
