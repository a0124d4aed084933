/// A Markdown SOP read as its steps: headings and numbered items (outside code fences),
/// with where each step's content ends, so a change can be inserted under it.
struct SOPDocument: Sendable {
  enum Kind: Equatable, Sendable {
    case heading(level: Int)
    /// A numbered list item; `content` is the column its text starts at.
    case item(content: Int)
  }

  struct Step: Equatable, Sendable {
    /// 0-based line index.
    var line: Int
    var kind: Kind
    /// The heading's or item's text, as written.
    var title: String
    /// For matching: lower case, numbering and punctuation dropped.
    var key: String
  }

  /// Lines without their terminators.
  let lines: [String]
  /// `\r\n` when the SOP uses it, so inserted lines match.
  let newline: String
  let endsWithNewline: Bool
  private(set) var steps: [Step] = []
  private(set) var headings: [(line: Int, level: Int, title: String)] = []
  /// Lines inside fenced code blocks (never steps, never boundaries).
  private(set) var fenced: Set<Int> = []

  init(_ text: String) {
    // Bytes, not Characters: Swift reads `\r\n` as one Character.
    let bytes = Array(text.utf8)
    newline = zip(bytes, bytes.dropFirst()).contains { $0 == 13 && $1 == 10 } ? "\r\n" : "\n"
    endsWithNewline = bytes.last == 10
    var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { line in
      String(decoding: line.last == 13 ? line.dropLast() : line, as: UTF8.self)
    }
    if endsWithNewline { lines.removeLast() }
    self.lines = lines
    var fence: String?
    for (i, line) in lines.enumerated() {
      let trimmed = line.drop { $0 == " " }
      let marker = String(trimmed.prefix { $0 == "`" || $0 == "~" })
      if let open = fence {
        fenced.insert(i)
        if marker.count >= open.count, marker.first == open.first,
          trimmed.dropFirst(marker.count).allSatisfy(\.isWhitespace)
        {
          fence = nil
        }
        continue
      }
      if line.prefix(while: { $0 == " " }).count < 4, marker.count >= 3, marker.allSatisfy({ $0 == marker.first }) {
        fence = marker
        fenced.insert(i)
        continue
      }
      if let (level, title) = SOPDocument.heading(line) {
        headings.append((i, level, title))
        steps.append(Step(line: i, kind: .heading(level: level), title: title, key: SOPDocument.key(title)))
      } else if let (content, title) = SOPDocument.numberedItem(line) {
        steps.append(Step(line: i, kind: .item(content: content), title: title, key: SOPDocument.key(title)))
      }
    }
    // The document's title (a lone leading level-1 heading) names the SOP, not a step.
    if let first = headings.first, first.level == 1, headings.filter({ $0.level == 1 }).count == 1 {
      steps.removeAll { $0.line == first.line }
    }
    steps.removeAll { SOPDocument.isReserved($0.key) }
  }

  /// `## Title ##` → (2, "Title"); nil when the line is no ATX heading.
  static func heading(_ line: String) -> (Int, String)? {
    guard line.prefix(while: { $0 == " " }).count < 4 else { return nil }
    let trimmed = line.drop { $0 == " " }
    let level = trimmed.prefix { $0 == "#" }.count
    guard (1...6).contains(level) else { return nil }
    let rest = trimmed.dropFirst(level)
    guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
    var title = rest.trimmingCharacters()
    // An optional closing sequence of `#`s, when a space (or nothing) precedes it.
    let kept = title.reversed().drop { $0 == "#" }
    if kept.count < title.count, kept.isEmpty || kept.first == " " {
      title = String(kept.reversed()).trimmingCharacters()
    }
    return (level, title)
  }

  /// `  2. Text` or `2) Text` → (content column, "Text").
  static func numberedItem(_ line: String) -> (Int, String)? {
    let indent = line.prefix { $0 == " " }.count
    let rest = line.dropFirst(indent)
    let digits = rest.prefix { $0.isASCII && $0.isNumber }
    guard (1...9).contains(digits.count), let delimiter = rest.dropFirst(digits.count).first,
      delimiter == "." || delimiter == ")"
    else { return nil }
    let afterMarker = rest.dropFirst(digits.count + 1)
    let spaces = afterMarker.prefix { $0 == " " }.count
    guard spaces >= 1, afterMarker.count > spaces else { return nil }
    // CommonMark: five or more spaces after the marker start indented code; content is at one.
    let content = indent + digits.count + 1 + (spaces > 4 ? 1 : spaces)
    return (content, afterMarker.trimmingCharacters())
  }

  /// Headings a revised SOP adds itself: never steps to place a change under.
  static func isReserved(_ key: String) -> Bool {
    ["revision history", "revisions", "change history", "change log", "changelog", "unplaced changes"].contains(key)
  }

  /// `Step 2: Triage the request.` → `triage the request`; `**2.** Approve` → `approve`.
  static func key(_ text: String) -> String {
    let letters: [Character] = text.lowercased().map { (c: Character) -> Character in c.isLetter || c.isNumber ? c : " "
    }
    var words: [String] = letters.split(separator: " ").map { String($0) }
    if words.first == "step" { words.removeFirst() }
    // Leading numbering: `2`, `2 1` (from `2.1`), `s2`.
    while let first = words.first, isNumbering(first) { words.removeFirst() }
    if words.first == "step" { words.removeFirst() }
    return words.joined(separator: " ")
  }
}

extension SOPDocument {
  static func isNumbering(_ word: String) -> Bool {
    let digits = word.hasPrefix("s") ? word.dropFirst() : word[...]
    return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
  }

  /// The line index after which a change under `step` is inserted: the end of the
  /// heading's section (before the next heading of the same or a higher level), or the
  /// end of the list item (its indented lines and lazy continuation), trailing blanks skipped.
  func insertionLine(for step: Step) -> Int {
    var last = step.line
    switch step.kind {
    case .heading(let level):
      let end = headings.first { $0.line > step.line && $0.level <= level }?.line ?? lines.count
      for i in (step.line + 1)..<max(end, step.line + 1) where !isBlank(i) { last = i }
    case .item(let content):
      var i = step.line + 1
      while i < lines.count {
        if isBlank(i) { i += 1; continue }
        let indent = lines[i].prefix { $0 == " " }.count
        // Indented to the item's text, or inside a fence the item opened.
        if indent >= content || (fenced.contains(i) && fenced.contains(i - 1) && i - 1 >= step.line && last == i - 1) {
          last = i
        } else if i == last + 1, !startsBlock(i) {
          last = i  // lazy continuation of the item's paragraph
        } else {
          break
        }
        i += 1
      }
    }
    return last + 1
  }

  func isBlank(_ i: Int) -> Bool { lines[i].allSatisfy(\.isWhitespace) }

  /// Whether a line would interrupt a paragraph: a heading, list item, quote, fence or rule.
  func startsBlock(_ i: Int) -> Bool {
    let trimmed = lines[i].drop { $0 == " " }
    guard let first = trimmed.first else { return true }
    if "#>`~".contains(first) || SOPDocument.numberedItem(lines[i]) != nil { return true }
    if "-*+".contains(first), trimmed.dropFirst().first == " " || trimmed.count == 1 { return true }
    return trimmed.allSatisfy { $0 == "-" || $0 == "*" || $0 == "_" || $0 == " " } && trimmed.count >= 3
  }

  /// An existing revision-history section: its heading's line, and the line after its last text.
  var revisionHistory: (start: Int, end: Int)? {
    guard
      let history = headings.first(where: {
        ["revision history", "revisions", "change history", "change log", "changelog"].contains(
          SOPDocument.key($0.title))
      })
    else { return nil }
    let end = headings.first { $0.line > history.line && $0.level <= history.level }?.line ?? lines.count
    var last = history.line
    for i in (history.line + 1)..<max(end, history.line + 1) where !isBlank(i) { last = i }
    return (history.line, last + 1)
  }
}

extension StringProtocol {
  func trimmingCharacters() -> String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
