/// The one rule for shortening labels and table cells on screen: cut in the middle, and never so
/// that two different values read alike.
extension TextWidth {
  /// A cell's text on one line, whole: line breaks shown as ↵ (or \n), tabs as a space, control
  /// bytes escaped.
  static func printable(_ s: String, unicode: Bool) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    var previous: Unicode.Scalar?
    for u in s.unicodeScalars {
      defer { previous = u }
      switch u {
      case "\n" where previous == "\r": continue
      case "\n", "\r": out += unicode ? "↵" : "\\n"
      case "\t": out += " "
      case "\u{0}": out += "\\0"
      default:
        if u.value < 0x20 || u.value == 0x7F {
          out += "\\u{\(String(u.value, radix: 16))}"
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out
  }

  /// The labels of one column, each on one line and at most `maxWidth` columns where that keeps
  /// them apart. A label too wide is cut in the middle (`/presentations/lo…uppetconf.html`), so
  /// its start and its end both show: values that share a long prefix usually differ at the end.
  /// Labels of different values that would still read alike first keep more of one end and less
  /// of the other (`/pr…ha/slides/index.html`), then, if no cut at that width tells them apart,
  /// are widened together until they read apart or are whole: two rows never look like one
  /// value. Nil `maxWidth`: every label whole (files, pipes, notebooks and exports).
  static func labels(_ values: [String], maxWidth: Int?, unicode: Bool) -> [String] {
    let whole = values.map { printable($0, unicode: unicode) }
    guard let maxWidth else { return whole }
    let ellipsis = unicode ? "…" : "..."
    let room = { (width: Int) in width - of(ellipsis) }
    // Only the labels that are cut are measured character by character.
    var glyphs: [Glyphs?] = whole.map { text in of(text) > maxWidth ? Glyphs(text) : nil }
    var widths = Array(repeating: maxWidth, count: values.count)
    // The width at which a label's cut was moved off the middle: moved once per width, then widened,
    // so the passes end.
    var moved: [Int?] = Array(repeating: nil, count: values.count)
    var shown = whole.indices.map { i in
      glyphs[i].map { middleCut($0, to: maxWidth, ellipsis: ellipsis) } ?? whole[i]
    }
    while true {
      var alike: [String: [Int]] = [:]
      for i in shown.indices { alike[shown[i], default: []].append(i) }
      var changed = false
      // Each group is handled on its own, so the order the groups come in changes nothing.
      for group in alike.values where group.count > 1 {
        let first = values[group[0]]
        guard group.contains(where: { values[$0] != first }) else { continue }
        let cut = group.filter { glyphs[$0] != nil }
        guard !cut.isEmpty else { continue }
        changed = true
        if cut.allSatisfy({ moved[$0] != widths[$0] }),
          let labels = movedCuts(
            cut, in: group, values: values, whole: whole, glyphs: glyphs, widths: widths, room: room, ellipsis: ellipsis
          )
        {
          for (i, label) in zip(cut, labels) {
            shown[i] = label
            moved[i] = widths[i]
          }
          continue
        }
        for i in cut {
          guard let g = glyphs[i] else { continue }
          // One column at a time while close to the limit, faster for values alike far in.
          widths[i] += 1 + (widths[i] - maxWidth) / 8
          if widths[i] >= g.width {
            shown[i] = whole[i]
            glyphs[i] = nil
          } else {
            shown[i] = middleCut(g, to: widths[i], ellipsis: ellipsis)
          }
        }
      }
      // Every pass moves or widens a cut label, and a label is moved once per width, so this ends;
      // labels that are whole and still alike (`a↵b` typed as text and `a`, a line break, `b`)
      // cannot be told apart by cutting less.
      if !changed { return shown }
    }
  }

  /// The labels of a group's `cut` members with the cut moved off the middle by the same number
  /// of columns, where that tells the whole group apart; nil if no move does. The moves tried grow
  /// by about half each time (1, 2, 3, 4, 6, 8, 12, …, then all of one end), towards the end first:
  /// a few dozen cuts for a long label, not one per column.
  private static func movedCuts(
    _ cut: [Int], in group: [Int], values: [String], whole: [String], glyphs: [Glyphs?], widths: [Int],
    room: (Int) -> Int, ellipsis: String
  ) -> [String]? {
    let widest = cut.map { room(widths[$0]) }.max() ?? 0
    var moves: [Int] = []
    var k = 1
    while k <= widest {
      moves += [-k, k]
      k = k < 4 ? k + 1 : k + k / 2
    }
    moves += [-widest, widest]
    for offset in moves {
      let labels = cut.map { i in
        let r = room(widths[i])
        return middleCut(glyphs[i]!, to: widths[i], ellipsis: ellipsis, head: min(max(0, (r + 1) / 2 + offset), r))
      }
      var reads: [String: String] = [:]
      for i in group where glyphs[i] == nil { reads[whole[i]] = values[i] }
      let apart = zip(cut, labels).allSatisfy { i, label in
        if let other = reads[label] { return other == values[i] }
        reads[label] = values[i]
        return true
      }
      if apart { return labels }
    }
    return nil
  }

  /// A label's characters (whole grapheme clusters) and the columns up to each, for cutting it
  /// anywhere without measuring it again.
  struct Glyphs {
    /// The label's UTF-8 bytes, cut at character bounds.
    let bytes: [UInt8]
    /// The byte offset where each character starts, then the end.
    let offsets: [Int]
    /// The columns before each offset.
    let columns: [Int]
    var width: Int { columns[columns.count - 1] }

    init(_ text: String) {
      bytes = Array(text.utf8)
      var offsets = [0]
      var columns = [0]
      for character in text {
        offsets.append(offsets[offsets.count - 1] + character.utf8.count)
        columns.append(columns[columns.count - 1] + TextWidth.of(String(character)))
      }
      self.offsets = offsets
      self.columns = columns
    }

    func text(_ characters: Range<Int>) -> String {
      String(decoding: bytes[offsets[characters.lowerBound]..<offsets[characters.upperBound]], as: UTF8.self)
    }
  }

  /// One label cut to at most `width` columns around an ellipsis: `head` columns (at most) of its
  /// start, in the middle unless said (the start gets the odd column), and its end in the rest.
  static func middleCut(_ glyphs: Glyphs, to width: Int, ellipsis: String, head start: Int? = nil) -> String {
    let room = width - of(ellipsis)
    guard room > 0 else { return String(ellipsis.prefix(max(0, width))) }
    let c = glyphs.columns
    // The most characters of the start within the head's columns, then of the end within the rest.
    let head = lastBound(c, atMost: start ?? (room + 1) / 2)
    let total = c[c.count - 1]
    var low = head
    var high = c.count - 1
    while low < high {
      let mid = (low + high) / 2
      if total - c[mid] <= room - c[head] { high = mid } else { low = mid + 1 }
    }
    return glyphs.text(0..<head) + ellipsis + glyphs.text(low..<(c.count - 1))
  }

  /// The last index of `columns` (ascending, from 0) whose value is at most `limit`.
  private static func lastBound(_ columns: [Int], atMost limit: Int) -> Int {
    var low = 0
    var high = columns.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if columns[mid] <= limit { low = mid } else { high = mid - 1 }
    }
    return low
  }
}
