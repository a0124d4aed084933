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
  /// right-to-left text or a stray direction override cannot reorder what follows it.
  static func text(_ text: String) -> String {
    var out = "<bdi>"
    out.reserveCapacity(text.utf8.count + 16)
    escape(text, into: &out, breakLines: true)
    return out + "</bdi>"
  }

  static func text(_ text: String?) -> String { text.map { self.text($0) } ?? "" }

  /// Cuts text to `limit` characters (with `…`) for places with no room, such as the
  /// fishbone's labels; the full text is always shown elsewhere.
  static func shortened(_ text: String, to limit: Int) -> String {
    let flat = text.replacingNewlines(with: " ")
    return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
  }
}
