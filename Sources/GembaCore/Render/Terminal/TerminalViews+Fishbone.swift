extension TerminalViews {
  /// `fishbone`: the cause-and-effect diagram as text, the effect at the head.
  ///
  /// Bones sit in columns above and below the spine, like the drawing on a
  /// whiteboard; each bone lists its causes with their sub-causes as small trees.
  /// When the screen is too narrow for columns, the same content is one tree.
  public static func fishbone(_ inv: Investigation, style: TerminalStyle) -> String {
    guard let fishbone = inv.fishbone else { return "no fishbone yet: fishbone \"EFFECT\" --template 6M|8P|4S" }
    let ink = Ink(style)
    let causes = inv.causesInOrder.count
    let facts =
      ["\(counted(fishbone.categories.count, "bone")), \(counted(causes, "cause"))"]
      + (fishbone.template == .none ? [] : ["\(fishbone.template.rawValue) template"])
    var out = headline("fishbone", facts, style: style) + legend(style) + [""]
    if fishbone.categories.isEmpty {
      out += Text.wrap("effect: " + fishbone.effect, to: style.width).map(ink.bold)
      out.append(ink.dim("no bones yet: add one with `category NAME`"))
    } else if let diagram = FishboneDiagram(inv: inv, fishbone: fishbone, style: style) {
      out += diagram.lines()
    } else {
      out += fishboneTree(inv, fishbone, style: style)
    }
    return out.joined(separator: "\n")
  }

  /// The narrow-screen fishbone: the effect, then each bone as a branch.
  static func fishboneTree(_ inv: Investigation, _ fishbone: Fishbone, style: TerminalStyle) -> [String] {
    let glyphs = Glyphs(style)
    let ink = Ink(style)
    var drawer = TreeDrawer(inv: inv, style: style)
    drawer.showRationale = false
    var out = Text.wrap("effect: " + fishbone.effect, to: style.width).map(ink.bold)
    for (i, bone) in fishbone.categories.enumerated() {
      let last = i == fishbone.categories.count - 1
      let below = last ? glyphs.gap : glyphs.pipe
      out.append((last ? glyphs.lastBranch : glyphs.branch) + ink.bold(bone.name))
      out += bone.causes.isEmpty ? [below + ink.dim("no causes yet")] : drawer.branches(bone.causes, prefix: below)
    }
    return out
  }
}

extension TerminalViews {
  /// The column layout of the fishbone: bones alternate above and below a spine
  /// that runs right into a box holding the effect.
  struct FishboneDiagram {
    let inv: Investigation
    let fishbone: Fishbone
    let style: TerminalStyle
    let columnWidth: Int
    let headText: [String]

    /// Columns narrower than this make causes unreadable; the caller draws a tree instead.
    /// ASCII marks (`[v]`, `` `-- ``) are wider, so ASCII columns need more room.
    static func minimumColumn(_ style: TerminalStyle) -> Int { style.unicode ? 20 : 24 }

    init?(inv: Investigation, fishbone: Fishbone, style: TerminalStyle) {
      let columns = (fishbone.categories.count + 1) / 2
      let headWidth = min(Text.width(fishbone.effect), max(12, style.width / 5))
      let body = style.width - (headWidth + 4)
      guard columns > 0, body / columns >= FishboneDiagram.minimumColumn(style) else { return nil }
      self.inv = inv
      self.fishbone = fishbone
      self.style = style
      self.columnWidth = body / columns
      self.headText = Text.wrap(fishbone.effect, to: headWidth)
    }

    func lines() -> [String] {
      let glyphs = Glyphs(style)
      let ink = Ink(style)
      let half = (fishbone.categories.count + 1) / 2
      let top = Array(fishbone.categories.prefix(half))
      let bottom = Array(fishbone.categories.dropFirst(half))
      let body = columnWidth * half

      // Each bone: its label, then its causes; the top half reads down to the spine,
      // the bottom half reads up from it, so labels sit on the outside edges.
      let topCells = top.map { [ink.bold(label($0.name))] + causeLines($0) }
      let bottomCells = bottom.map { causeLines($0) }
      let topHeight = topCells.map(\.count).max() ?? 0
      let bottomHeight = bottomCells.map(\.count).max() ?? 0

      var rows: [String] = []
      for r in 0..<topHeight { rows.append(row(topCells.map { r < $0.count ? $0[r] : "" })) }
      rows.append(connectors(count: top.count, glyph: glyphs.unicode ? "╲" : "\\"))
      let spine = rows.count
      rows.append(spineRow(glyphs))
      if !bottom.isEmpty {
        rows.append(connectors(count: bottom.count, glyph: glyphs.unicode ? "╱" : "/"))
        for r in 0..<bottomHeight { rows.append(row(bottomCells.map { r < $0.count ? $0[r] : "" })) }
        rows.append(row(bottom.map { ink.bold(label($0.name)) }))
      }
      return placeHead(on: rows, spine: spine, body: body, glyphs: glyphs, ink: ink).map { trimTrailing($0) }
    }

    private func label(_ name: String) -> String {
      Text.truncate(name, to: columnWidth - 2, ellipsis: Glyphs(style).ellipsis)
    }

    /// A bone's causes as small trees, or a dim note when the bone is empty.
    private func causeLines(_ bone: Fishbone.Category) -> [String] {
      var narrow = style
      narrow.width = columnWidth - 2
      var drawer = TreeDrawer(inv: inv, style: narrow)
      drawer.showRationale = false
      guard !bone.causes.isEmpty else { return [Ink(style).dim("no causes yet")] }
      return bone.causes.flatMap { drawer.tree($0) }
    }

    private func row(_ cells: [String]) -> String {
      cells.map { Text.pad($0, to: columnWidth) }.joined()
    }

    /// The diagonal where each bone meets the spine, just left of its junction.
    private func connectors(count: Int, glyph: String) -> String {
      var line = ""
      for _ in 0..<count { line += String(repeating: " ", count: columnWidth - 3) + glyph + "  " }
      return line
    }

    /// The spine: a junction under each bone, an arrow into the head.
    private func spineRow(_ glyphs: Glyphs) -> String {
      let line = glyphs.unicode ? "─" : "-"
      let junction = glyphs.unicode ? "┼" : "+"
      var out = ""
      for _ in 0..<(fishbone.categories.count + 1) / 2 {
        out += String(repeating: line, count: columnWidth - 2) + junction + line
      }
      return String(out.dropLast()) + (glyphs.unicode ? "▶" : ">")
    }

    /// Draws the effect's box to the right of the body, its top edge on the row
    /// above the spine (the connectors), so the spine runs into its first line.
    private func placeHead(on rows: [String], spine: Int, body: Int, glyphs: Glyphs, ink: Ink) -> [String] {
      let inner = headText.map { Text.width($0) }.max() ?? 0
      let h = glyphs.unicode ? "─" : "-"
      let (tl, tr, bl, br, v) = glyphs.unicode ? ("┌", "┐", "└", "┘", "│") : ("+", "+", "+", "+", "|")
      let head =
        [tl + String(repeating: h, count: inner + 2) + tr]
        + headText.map { v + " " + Text.pad(ink.bold($0), to: inner) + " " + v }
        + [bl + String(repeating: h, count: inner + 2) + br]
      var rows = rows
      let first = spine - 1
      while rows.count < first + head.count { rows.append("") }
      for (k, piece) in head.enumerated() {
        rows[first + k] = Text.pad(rows[first + k], to: body) + piece
      }
      return rows
    }

    private func trimTrailing(_ line: String) -> String {
      var line = line
      while line.last == " " { line.removeLast() }
      return line
    }
  }
}
