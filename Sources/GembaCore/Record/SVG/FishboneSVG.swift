/// The fishbone (Ishikawa) diagram as inline SVG, laid out from the record's data:
/// a spine to the effect, bones alternating above and below, causes as labelled
/// ribs on their bone (sub-causes indented), statuses as line and text styles.
enum FishboneSVG {
  static let columnWidth = 260
  static let rowHeight = 20
  static let slant = 70
  static let effectWidth = 190
  static let margin = 20
  /// Between the lines of a wrapped cause label (12 px text).
  static let lineHeight = 14
  /// Characters of a 12 px label that fit a rib (`columnWidth - 90` px at ~6.6 px each, with room).
  static let labelChars = 25
  static let maxLabelLines = 6

  static func render(_ fishbone: Record.Fishbone) -> String {
    let bones = fishbone.bones
    let top = bones.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
    let bottom = bones.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    let columns = max(top.count, bottom.count, 1)
    let topLength = max(top.map(height).max() ?? 0, rowHeight) + rowHeight + 10
    let bottomLength = max(bottom.map(height).max() ?? 0, rowHeight) + rowHeight + 10
    let spineY = margin + 24 + topLength
    let spineEnd = margin + columns * columnWidth + 40
    let width = spineEnd + effectWidth + margin
    let legendY = spineY + bottomLength + 48
    let height = legendY + 24

    var out = ""
    out.reserveCapacity(2048 + bones.count * 512)
    out +=
      "<svg class=\"fishbone\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" "
    out += "height=\"\(height)\" role=\"img\" aria-labelledby=\"fishbone-title\">\n"
    out += "<title id=\"fishbone-title\">Fishbone diagram: \(HTMLText.escape(fishbone.effect))</title>\n"
    out += "<line class=\"spine\" x1=\"\(margin)\" y1=\"\(spineY)\" x2=\"\(spineEnd)\" y2=\"\(spineY)\"/>\n"
    out +=
      "<polygon class=\"spine\" points=\"\(spineEnd),\(spineY) \(spineEnd - 12),\(spineY - 6) \(spineEnd - 12),\(spineY + 6)\"/>\n"
    effect(fishbone.effect, x: spineEnd + 4, y: spineY, into: &out)
    for (k, bone) in top.enumerated() {
      draw(bone, attachX: spineEnd - 40 - k * columnWidth, spineY: spineY, length: topLength, up: true, into: &out)
    }
    for (k, bone) in bottom.enumerated() {
      draw(bone, attachX: spineEnd - 40 - k * columnWidth, spineY: spineY, length: bottomLength, up: false, into: &out)
    }
    legend(y: legendY, into: &out)
    out += "</svg>\n"
    return out
  }

  /// A bone's causes depth first, with their depth below the bone (0 for a top-level cause).
  static func rows(_ bone: Record.Bone) -> [(node: Record.Node, depth: Int)] {
    Record.Node.depthFirst(bone.causes)
  }

  /// A cause's label wrapped to its rib: whole words, at most `maxLabelLines` lines.
  static func label(_ node: Record.Node, depth: Int) -> [String] {
    wrap(node.id + " " + node.text, width: labelChars - depth * 2, maxLines: maxLabelLines)
  }

  /// A row's height: one rib plus its label's extra lines.
  static func rowHeight(_ node: Record.Node, depth: Int) -> Int {
    rowHeight + (label(node, depth: depth).count - 1) * lineHeight
  }

  /// A bone's rows stacked.
  static func height(_ bone: Record.Bone) -> Int { rows(bone).map { rowHeight($0.node, depth: $0.depth) }.reduce(0, +) }

  static func draw(_ bone: Record.Bone, attachX: Int, spineY: Int, length: Int, up: Bool, into out: inout String) {
    let sign = up ? -1 : 1
    let farX = attachX - slant, farY = spineY + sign * length
    out += "<g class=\"bone\">\n<line x1=\"\(attachX)\" y1=\"\(spineY)\" x2=\"\(farX)\" y2=\"\(farY)\"/>\n"
    out += "<text class=\"bone-label\" x=\"\(farX)\" y=\"\(up ? farY - 8 : farY + 18)\" text-anchor=\"middle\">"
    out += HTMLText.escape(HTMLText.shortened(bone.name, to: 34)) + "</text>\n"
    var offset = 0
    for row in rows(bone) {
      let lines = label(row.node, depth: row.depth)
      let rowSize = rowHeight(row.node, depth: row.depth)
      offset += rowSize
      // Rows read top to bottom in tree order on both sides of the spine; each rib lies under its label.
      let y = up ? farY + offset : spineY + offset + 6
      // Where the bone crosses the label's farthest line from the spine, so no line runs into it.
      let far = abs(y - spineY) + (up ? rowSize - 6 : 0)
      let boneX = attachX - slant * far / length
      let end = boneX - row.depth * 16
      let start = end - columnWidth + 90
      // The rib itself runs on to the bone where the bone crosses the rib's own height (it stopped
      // short by the label's depth, ~17 px, before); only the label keeps clear of the bone.
      let ribEnd = attachX - slant * abs(y - spineY) / length - row.depth * 16
      let classes = "s-\(row.node.status.rawValue)" + (row.node.root ? " root" : "")
      out +=
        "<g class=\"cause \(classes)\"><title>\(HTMLText.escape(row.node.id + " " + row.node.text + " (" + row.node.statusText + ")"))</title>"
      out += "<line x1=\"\(start)\" y1=\"\(y)\" x2=\"\(ribEnd)\" y2=\"\(y)\"/>"
      if row.node.root { out += "<line x1=\"\(start)\" y1=\"\(y + 3)\" x2=\"\(ribEnd)\" y2=\"\(y + 3)\"/>" }
      out += "<text x=\"\(end - 4)\" y=\"\(y - 4 - (lines.count - 1) * lineHeight)\" text-anchor=\"end\">"
      for (i, line) in lines.enumerated() {
        out += "<tspan x=\"\(end - 4)\" dy=\"\(i == 0 ? 0 : lineHeight)\">\(HTMLText.escape(line))</tspan>"
      }
      out += "</text></g>\n"
    }
    out += "</g>\n"
  }

  static func effect(_ text: String, x: Int, y: Int, into out: inout String) {
    let lines = wrap(text, width: 24, maxLines: 3)
    let boxHeight = max(44, lines.count * 18 + 16)
    out +=
      "<rect class=\"effect\" x=\"\(x)\" y=\"\(y - boxHeight / 2)\" width=\"\(effectWidth - 8)\" height=\"\(boxHeight)\" rx=\"6\"/>\n"
    out +=
      "<text class=\"effect-text\" x=\"\(x + (effectWidth - 8) / 2)\" y=\"\(y - (lines.count - 1) * 9 + 5)\" text-anchor=\"middle\">"
    for (i, line) in lines.enumerated() {
      out += "<tspan x=\"\(x + (effectWidth - 8) / 2)\" dy=\"\(i == 0 ? 0 : 18)\">\(HTMLText.escape(line))</tspan>"
    }
    out += "</text>\n"
  }

  /// Greedy word wrap; a word longer than the width is cut, and the last line ends in `…`
  /// when text remains.
  static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.replacingNewlines(with: " ").split(separator: " ") {
      var word = Substring(word)
      while !word.isEmpty {
        let room = line.isEmpty ? width : width - line.count - 1
        if word.count <= room {
          line += (line.isEmpty ? "" : " ") + word
          word = ""
        } else if line.isEmpty {
          lines.append(String(word.prefix(width)))
          word = word.dropFirst(width)
        } else {
          lines.append(line)
          line = ""
        }
      }
    }
    if !line.isEmpty { lines.append(line) }
    guard lines.count > maxLines else { return lines.isEmpty ? [""] : lines }
    let last = lines[maxLines - 1]
    return Array(lines.prefix(maxLines - 1)) + [last.count < width ? last + "…" : String(last.prefix(width - 1)) + "…"]
  }

  static func legend(y: Int, into out: inout String) {
    let items = [
      ("s-confirmed", "confirmed", false), ("s-ruled-out", "ruled out", false), ("s-hypothesis", "hypothesis", false),
      ("s-confirmed root", "root cause", true),
    ]
    out += "<g class=\"legend\">"
    for (i, item) in items.enumerated() {
      let x = margin + i * 150
      out += "<g class=\"cause \(item.0)\"><line x1=\"\(x)\" y1=\"\(y)\" x2=\"\(x + 40)\" y2=\"\(y)\"/>"
      if item.2 { out += "<line x1=\"\(x)\" y1=\"\(y + 3)\" x2=\"\(x + 40)\" y2=\"\(y + 3)\"/>" }
      out += "<text x=\"\(x + 48)\" y=\"\(y + 4)\">\(item.1)</text></g>"
    }
    out += "</g>\n"
  }
}
