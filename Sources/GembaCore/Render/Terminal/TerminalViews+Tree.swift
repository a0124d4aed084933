extension TerminalViews {
  /// The one traversal the tree views share (`whys`, and `fishbone` on a narrow
  /// screen): nodes in their stored child order, drawn with branch glyphs.
  struct TreeDrawer {
    let inv: Investigation
    let style: TerminalStyle
    /// Whether to show why a node was confirmed or ruled out (a dim line under it).
    var showRationale = true

    var glyphs: Glyphs { Glyphs(style) }
    var ink: Ink { Ink(style) }

    /// `ids` and their descendants as branches under `prefix`, walked with an explicit stack of
    /// open levels (a why chain may be thousands deep, more than the call stack holds).
    func branches(_ ids: [ItemID], prefix: String) -> [String] {
      var out: [String] = []
      var open: [(ids: [ItemID], next: Int, prefix: String)] = [(ids, 0, prefix)]
      while let level = open.last {
        guard level.next < level.ids.count else {
          open.removeLast()
          continue
        }
        open[open.count - 1].next += 1
        let i = level.next
        guard let node = inv.nodes[level.ids[i]] else { continue }
        let last = i == level.ids.count - 1
        let below = level.prefix + (last ? glyphs.gap : glyphs.pipe)
        out += lines(for: node, lead: level.prefix + (last ? glyphs.lastBranch : glyphs.branch), below: below)
        open.append((node.children, 0, below))
      }
      return out
    }

    /// A node and its whole subtree, the node itself flush left.
    func tree(_ id: ItemID) -> [String] {
      guard let node = inv.nodes[id] else { return [] }
      return lines(for: node, lead: "", below: "") + branches(node.children, prefix: "")
    }

    /// One node: `mark id text`, wrapped under its text, then its tags and rationale.
    /// - Parameters:
    ///   - lead: what precedes the mark on the first line (indent and branch glyph).
    ///   - below: the prefix its children are drawn under, continued on its later lines.
    func lines(for node: CauseNode, lead: String, below: String) -> [String] {
      let mark = glyphs.mark(node.status)
      let head = lead + mark + " " + node.id.description + " "
      let column = Text.width(head)
      // Deep nodes on narrow screens get a thin text column rather than overflowing the width.
      let room = max(6, style.width - column)
      // Later lines keep the trunk to the children visible, then align with the text.
      let hang = Text.pad(below + (node.children.isEmpty ? "" : glyphs.vertical), to: column)

      var text = Text.wrap(node.text, to: room)
      let tags = self.tags(node)
      if !tags.isEmpty {
        let plainTags = tags.map(\.0).joined(separator: "  ")
        let paintedTags = tags.map { ink.paint($0.0, $0.1) }.joined(separator: "  ")
        if Text.width(text[text.count - 1]) + 2 + Text.width(plainTags) <= room {
          text[text.count - 1] += "  " + paintedTags
        } else if Text.width(plainTags) <= room {
          text.append(paintedTags)
        } else {
          text += tags.map { ink.paint(Text.truncate($0.0, to: room, ellipsis: glyphs.ellipsis), $0.1) }
        }
      }
      var out = [lead + ink.paint(mark, ink.tone(for: node.status)) + " " + ink.id(node.id) + " " + text[0]]
      out += text.dropFirst().map { hang + $0 }
      if showRationale, let rationale = node.rationale, node.status != .hypothesis {
        let verdict = node.status == .confirmed ? "confirmed: " : "ruled out: "
        out += Text.wrap(verdict + rationale, to: room).map { hang + ink.dim($0) }
      }
      return out
    }

    /// The marks after a node's text: root cause, and how much evidence it cites.
    func tags(_ node: CauseNode) -> [(String, Ink.Tone)] {
      var tags: [(String, Ink.Tone)] = []
      if node.isRoot { tags.append((glyphs.root, .boldYellow)) }
      switch node.citations.count {
      case 0 where node.status == .confirmed: tags.append(("\(glyphs.dot) no evidence", .red))
      case 0: break
      case 1: tags.append(("\(glyphs.dot) 1 citation", .dim))
      case let n: tags.append(("\(glyphs.dot) \(n) citations", .dim))
      }
      return tags
    }
  }
}
