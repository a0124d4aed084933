/// `?` placeholders → PostgreSQL's `$1 … $n`, leaving alone a `?` inside a string (`'…'`, `E'…'`),
/// a quoted identifier (`"…"`), a dollar-quoted body (`$tag$…$tag$`) or a comment (`--`, nested `/* */`).
enum SQLPlaceholders {
  /// The statement with its placeholders numbered, and how many there were.
  static func numbered(_ sql: String) -> (sql: String, count: Int) {
    let chars = Array(sql.unicodeScalars)
    var out = String.UnicodeScalarView()
    var count = 0
    var i = 0
    func copy(until end: Int) {
      out.append(contentsOf: chars[i..<min(end, chars.count)])
      i = min(end, chars.count)
    }
    while i < chars.count {
      let c = chars[i]
      let next: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
      switch c {
      case "'":
        // E'…' reads backslash escapes; a standard string only doubled quotes.
        let escapes = i > 0 && (chars[i - 1] == "E" || chars[i - 1] == "e") && (i < 2 || !isWordChar(chars[i - 2]))
        copy(until: endOfQuoted(chars, from: i, quote: "'", backslash: escapes))
      case "\"":
        copy(until: endOfQuoted(chars, from: i, quote: "\"", backslash: false))
      case "-" where next == "-":
        var j = i
        while j < chars.count && chars[j] != "\n" { j += 1 }
        copy(until: j)
      case "/" where next == "*":
        var depth = 0
        var j = i
        while j < chars.count {
          if chars[j] == "/" && j + 1 < chars.count && chars[j + 1] == "*" { depth += 1; j += 2; continue }
          if chars[j] == "*" && j + 1 < chars.count && chars[j + 1] == "/" {
            depth -= 1; j += 2
            if depth == 0 { break }
            continue
          }
          j += 1
        }
        copy(until: j)
      case "$" where i == 0 || !isWordChar(chars[i - 1]):
        if let end = endOfDollarQuoted(chars, from: i) { copy(until: end) } else { copy(until: i + 1) }
      case "?":
        count += 1
        out.append(contentsOf: "$\(count)".unicodeScalars)
        i += 1
      default:
        copy(until: i + 1)
      }
    }
    return (String(out), count)
  }

  private static func isWordChar(_ c: Unicode.Scalar) -> Bool {
    c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
  }

  /// The index after the closing quote (a doubled quote stays inside); the end when unterminated.
  private static func endOfQuoted(_ chars: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar, backslash: Bool)
    -> Int
  {
    var j = start + 1
    while j < chars.count {
      if backslash && chars[j] == "\\" { j += 2; continue }
      if chars[j] == quote {
        if j + 1 < chars.count && chars[j + 1] == quote { j += 2; continue }
        return j + 1
      }
      j += 1
    }
    return chars.count
  }

  /// `$tag$ … $tag$` (or `$$ … $$`): the index after the closing tag; nil when `$` opens no tag (`$1`).
  private static func endOfDollarQuoted(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
    var j = start + 1
    while j < chars.count && chars[j] != "$" {
      guard isWordChar(chars[j]), !(j == start + 1 && ("0"..."9").contains(chars[j])) else { return nil }
      j += 1
    }
    guard j < chars.count else { return nil }
    let tag = Array(chars[start...j])
    var k = j + 1
    while k + tag.count <= chars.count {
      if Array(chars[k..<(k + tag.count)]) == tag { return k + tag.count }
      k += 1
    }
    return chars.count
  }
}
