/// Escaping and block helpers for Markdown (CommonMark + GFM tables), so user text
/// always renders literally: it can open no emphasis, link, HTML tag, table column or fence.
enum MarkdownText {
  /// ASCII punctuation that means something inline in CommonMark or GFM (emphasis, code,
  /// links, images, HTML, entities, tables, strikethrough, GitHub math, a heading's closing
  /// `#`s). Block markers (`-`, `+`, `=`, `>` at a line's start) need no escape because
  /// inline text never starts a source line: it always follows a label, and its own line
  /// breaks become `<br>`.
  private static let special: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "!", "|", "~", "&", "$"]

  /// User text for inline positions (paragraphs after a label, list items, table cells,
  /// headings): punctuation escaped, line breaks as `<br>` so a line can never start a block.
  static func inline(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count + 8)
    var atStart = true
    var pendingDigits = ""
    for c in text {
      if c == "\n" || c == "\r\n" || c == "\r" {
        out += pendingDigits + "<br>"
        pendingDigits = ""
        atStart = true
        continue
      }
      // `1.` or `1)` at the start would make an ordered list when the text starts a block.
      if atStart, c.isASCII, c.isNumber {
        pendingDigits.append(c)
        continue
      }
      if atStart, !pendingDigits.isEmpty, c == "." || c == ")" {
        out += pendingDigits + "\\" + String(c)
        pendingDigits = ""
        atStart = false
        continue
      }
      out += pendingDigits
      pendingDigits = ""
      atStart = false
      if special.contains(c) { out.append("\\") }
      out.append(c)
    }
    return out + pendingDigits
  }

  /// User prose as its own paragraphs (a note): each line inline-escaped and kept as a hard
  /// break, blank lines kept as paragraph breaks, and whatever could open a block at a
  /// line's start (`-`, `+`, `=`, indentation) neutralised.
  static func block(_ text: String) -> String {
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    var out = ""
    out.reserveCapacity(text.utf8.count + 16)
    for (i, raw) in lines.enumerated() {
      let line = raw.drop { $0 == " " || $0 == "\t" }
      guard !line.isEmpty else {
        out += "\n"
        continue
      }
      if let first = line.first, "-+=".contains(first) { out += "\\" }
      out += inline(String(line))
      let next = i + 1 < lines.count ? lines[i + 1].drop { $0 == " " || $0 == "\t" } : ""
      // A backslash before the newline is a hard break; never before a blank line or the end.
      out += next.isEmpty ? "\n" : "\\\n"
    }
    return out
  }

  /// Text that is already safe (ids, hashes, numbers) in a code span sized to the text.
  /// - Parameter inTable: GFM splits table cells on `|` before code spans are read, so
  ///   there `|` must be escaped; outside a table the backslash would show literally.
  static func code(_ text: String, inTable: Bool = true) -> String {
    let flat = text.replacingNewlines(with: " ")
    let fence = String(repeating: "`", count: longestBacktickRun(flat) + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
    return fence + pad + (inTable ? flat.replacing("|", with: "\\|") : flat) + pad + fence
  }

  /// A fenced block longer than any backtick run inside, so the text cannot close it.
  static func fenced(_ text: String, info: String) -> String {
    let fence = String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
    var out = fence + info + "\n"
    out.reserveCapacity(text.utf8.count + 16)
    let body = text.replacing("\r\n", with: "\n")
    if !body.isEmpty { out += body + (body.hasSuffix("\n") ? "" : "\n") }
    return out + fence + "\n"
  }

  /// A GFM table; cells must already be inline-escaped. An empty cell shows `—`.
  static func table(_ header: [String], _ rows: [[String]], into out: inout String) {
    out += "| " + header.joined(separator: " | ") + " |\n"
    out += "|" + String(repeating: " --- |", count: header.count) + "\n"
    for row in rows {
      out += "| " + row.map { $0.isEmpty ? "—" : $0 }.joined(separator: " | ") + " |\n"
    }
    out += "\n"
  }

  static func longestBacktickRun(_ text: String) -> Int {
    var longest = 0, run = 0
    for b in text.utf8 {
      if b == UInt8(ascii: "`") {
        run += 1
        longest = max(longest, run)
      } else {
        run = 0
      }
    }
    return longest
  }
}

extension String {
  func replacingNewlines(with replacement: String) -> String {
    var out = ""
    out.reserveCapacity(utf8.count)
    for c in self {
      if c == "\n" || c == "\r\n" || c == "\r" { out += replacement } else { out.append(c) }
    }
    return out
  }

}
