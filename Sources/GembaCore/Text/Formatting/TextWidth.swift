/// Terminal column widths of text, and cell text made safe to print on one line.
enum TextWidth {
  /// Columns the text takes on a terminal: wide (CJK, emoji) count 2, combining marks 0.
  static func of(_ s: String) -> Int {
    var w = 0
    for scalar in s.unicodeScalars { w += width(scalar) }
    return w
  }

  static func width(_ u: Unicode.Scalar) -> Int {
    let v = u.value
    if v < 0x300 { return v < 0x20 || v == 0x7F ? 0 : 1 }
    if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || (0x20D0...0x20FF).contains(v)
      || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)
    {
      return 0
    }
    if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
      || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
      || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
      || (0x2600...0x26FF).contains(v) && u.properties.isEmojiPresentation
      || (0x20000...0x3FFFD).contains(v)
    {
      return 2
    }
    return 1
  }

  /// One printable line: line breaks shown as ↵ (or \n), control bytes escaped, and cut to
  /// `maxWidth` columns with an ellipsis.
  static func cell(_ s: String, maxWidth: Int, unicode: Bool) -> String {
    var pieces: [(String, Int)] = []
    var total = 0
    var cut = false
    var previous: Unicode.Scalar?
    for u in s.unicodeScalars {
      defer { previous = u }
      let piece: String
      switch u {
      case "\n" where previous == "\r": continue
      case "\n", "\r": piece = unicode ? "↵" : "\\n"
      case "\t": piece = " "
      case "\u{0}": piece = "\\0"
      default: piece = u.value < 0x20 || u.value == 0x7F ? "\\u{\(String(u.value, radix: 16))}" : String(u)
      }
      let w = of(piece)
      pieces.append((piece, w))
      total += w
      // Stop early: a 10 MB cell needs only its first few characters.
      if total > maxWidth { cut = true; break }
    }
    guard cut else { return pieces.map(\.0).joined() }
    let ellipsis = unicode ? "…" : "..."
    let budget = maxWidth - of(ellipsis)
    var out = ""
    var w = 0
    for (piece, pw) in pieces {
      if w + pw > budget { break }
      out += piece
      w += pw
    }
    return out + ellipsis
  }

  static func pad(_ s: String, to width: Int, right: Bool = false) -> String {
    let gap = max(0, width - of(s))
    return right ? String(repeating: " ", count: gap) + s : s + String(repeating: " ", count: gap)
  }
}
