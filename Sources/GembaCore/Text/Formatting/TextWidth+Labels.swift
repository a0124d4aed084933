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
  /// Labels of different values that would still read alike are widened together until they read
  /// apart or are whole, so two rows never look like one value. Nil `maxWidth`: every label whole
  /// (files, pipes, notebooks and exports).
  static func labels(_ values: [String], maxWidth: Int?, unicode: Bool) -> [String] {
    let whole = values.map { printable($0, unicode: unicode) }
    guard let maxWidth else { return whole }
    let ellipsis = unicode ? "…" : "..."
    // Only the labels that are cut are split into characters.
    var glyphs: [[(Character, Int)]?] = whole.map { text in
      of(text) > maxWidth ? text.map { ($0, of(String($0))) } : nil
    }
    var widths = Array(repeating: maxWidth, count: values.count)
    var shown = whole.indices.map { i in glyphs[i].map { middleCut($0, to: maxWidth, ellipsis: ellipsis) } ?? whole[i] }
    while true {
      var alike: [String: [Int]] = [:]
      for i in shown.indices { alike[shown[i], default: []].append(i) }
      var widened = false
      // Each group is widened on its own, so the order the groups come in changes nothing.
      for group in alike.values where group.count > 1 {
        let first = values[group[0]]
        guard group.contains(where: { values[$0] != first }) else { continue }
        for i in group {
          guard let g = glyphs[i] else { continue }
          // One column at a time while close to the limit, faster for values alike far in.
          widths[i] += 1 + (widths[i] - maxWidth) / 8
          if widths[i] >= g.reduce(0, { $0 + $1.1 }) {
            shown[i] = whole[i]
            glyphs[i] = nil
          } else {
            shown[i] = middleCut(g, to: widths[i], ellipsis: ellipsis)
          }
          widened = true
        }
      }
      // Every pass makes a cut label wider, so this ends; labels that are whole and still alike
      // (`a↵b` typed as text and `a`, a line break, `b`) cannot be told apart by cutting less.
      if !widened { return shown }
    }
  }

  /// One label cut in the middle to at most `width` columns: the start gets the odd column.
  static func middleCut(_ glyphs: [(Character, Int)], to width: Int, ellipsis: String) -> String {
    let room = width - of(ellipsis)
    guard room > 0 else { return String(ellipsis.prefix(max(0, width))) }
    var head = 0
    var used = 0
    while head < glyphs.count, used + glyphs[head].1 <= (room + 1) / 2 {
      used += glyphs[head].1
      head += 1
    }
    var tail = glyphs.count
    while tail > head, used + glyphs[tail - 1].1 <= room {
      used += glyphs[tail - 1].1
      tail -= 1
    }
    return String(glyphs[..<head].map(\.0)) + ellipsis + String(glyphs[tail...].map(\.0))
  }
}
