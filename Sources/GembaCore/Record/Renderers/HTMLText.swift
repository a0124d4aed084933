/// Escaping for HTML text, attributes and inline SVG: the five characters that can end a
/// text run, an attribute or start markup (`& < > " '`), so user text is only ever text.
public enum HTMLText {
  /// For attribute values, `<pre>`, `<title>` and SVG `<text>`: newlines kept as they are.
  /// (Public: the register's dashboard escapes with the same rule.)
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    escape(text, into: &out)
    return out
  }

  static func escape(_ text: String, into out: inout String, breakLines: Bool = false) {
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\n", "\r\n", "\r": out += breakLines ? "<br>" : "\n"
      // NUL is a parse error in HTML; show the replacement character a browser would.
      case "\u{0}": out += "\u{FFFD}"
      default: out.append(c)
      }
    }
  }

  /// User text in running prose: escaped, line breaks kept, and isolated with `<bdi>` so
  /// right-to-left text or a stray direction override cannot reorder what follows it. A date
  /// (`2026-12-04`) is held whole: browsers break after a hyphen, and "2026-/12-04" misreads.
  static func text(_ text: String) -> String {
    var out = "<bdi>"
    out.reserveCapacity(text.utf8.count + 16)
    var rest = Array(text.utf8)[...]
    while let start = firstDate(in: rest) {
      escape(String(decoding: rest[..<start], as: UTF8.self), into: &out, breakLines: true)
      out += "<span class=\"nw\">" + String(decoding: rest[start..<start + 10], as: UTF8.self) + "</span>"
      rest = rest[(start + 10)...]
    }
    escape(String(decoding: rest, as: UTF8.self), into: &out, breakLines: true)
    return out + "</bdi>"
  }

  /// gemba's own messages, which quote commands and ids in backticks as Markdown does: each
  /// quoted part as `<code>`, the rest as `text` (an unpaired backtick stays a backtick).
  static func markedText(_ message: String) -> String {
    let parts = message.split(separator: "`", omittingEmptySubsequences: false)
    guard parts.count >= 3, parts.count % 2 == 1 else { return text(message) }
    return parts.enumerated().map { i, part in
      i % 2 == 1 ? "<code>\(escape(String(part)))</code>" : (part.isEmpty ? "" : text(String(part)))
    }.joined()
  }

  /// Where the first `YYYY-MM-DD` standing alone (not inside a longer run of digits) starts.
  static func firstDate(in bytes: ArraySlice<UInt8>) -> Int? {
    guard bytes.count >= 10 else { return nil }
    func digit(_ i: Int) -> Bool { bytes.indices.contains(i) && bytes[i] >= 48 && bytes[i] <= 57 }
    for i in bytes.startIndex...(bytes.endIndex - 10) where !digit(i - 1) && !digit(i + 10) {
      if (0..<10).allSatisfy({ k in k == 4 || k == 7 ? bytes[i + k] == 45 : digit(i + k) }) { return i }
    }
    return nil
  }

  static func text(_ text: String?) -> String { text.map { self.text($0) } ?? "" }

  /// Cuts text to `limit` characters (with `…`) for places with no room, such as the
  /// fishbone's labels; the full text is always shown elsewhere.
  static func shortened(_ text: String, to limit: Int) -> String {
    let flat = text.replacingNewlines(with: " ")
    return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
  }
}
