/// An SOP's revision table (a GFM table in its revision-history section): read, checked, and
/// given one more row in its own format — the revision advanced in its own scheme (1.3 → 1.4,
/// B → C, 3 → 4), the date, the change, who approved it.
struct SOPRevisionTable: Sendable {
  /// 0-based line of the header row, and of the last body row.
  var header: Int
  var last: Int
  var columns: [String]
  /// Rows' cells, trimmed, in order, with their 0-based lines.
  var rows: [(line: Int, cells: [String])]
  /// Whether the header line starts and ends with `|` (the new row does the same).
  var outerPipes: Bool
  /// The revision column's index, when the table has one.
  var revisionColumn: Int?

  /// The table inside lines `range` of the document, or nil when there is none. Throws when
  /// a table is there but malformed (ragged rows, revisions that do not advance).
  static func find(in doc: SOPDocument, range: Range<Int>, sopName: String) throws(Diagnostic) -> SOPRevisionTable? {
    let lines = doc.lines
    guard
      let header = range.first(where: { i in
        i + 1 < range.upperBound && !doc.fenced.contains(i) && isRow(lines[i]) && isDelimiter(lines[i + 1])
      })
    else { return nil }
    let columns = cells(lines[header])
    let delimiterCount = cells(lines[header + 1]).count
    guard delimiterCount == columns.count else {
      throw .file(
        .invalidRevisionTable,
        "the revision table's delimiter row has \(delimiterCount) cells and its header \(columns.count)",
        origin: sopName,
        line: header + 2, notes: ["fix the table, then export again; nothing was written"])
    }
    var rows: [(Int, [String])] = []
    var i = header + 2
    while i < range.upperBound, isRow(lines[i]) {
      let row = cells(lines[i])
      guard row.count == columns.count else {
        throw .file(
          .invalidRevisionTable, "revision table row has \(row.count) cells, its header has \(columns.count)",
          origin: sopName, line: i + 1,
          notes: ["fix the table, then export again; nothing was written"])
      }
      rows.append((i, row))
      i += 1
    }
    let trimmed = lines[header].trimmingCharacters()
    let table = SOPRevisionTable(
      header: header, last: i - 1, columns: columns, rows: rows,
      outerPipes: trimmed.hasPrefix("|") && trimmed.hasSuffix("|"),
      revisionColumn: columns.firstIndex {
        ["rev", "revision", "version", "issue", "ver", "rev no", "revision no"].contains(SOPDocument.key($0))
      })
    try table.checkRevisions(sopName: sopName)
    return table
  }

  /// Each revision must advance the one before it, in one scheme.
  func checkRevisions(sopName: String) throws(Diagnostic) {
    guard let column = revisionColumn else { return }
    var previous: (line: Int, rev: Revision)?
    for row in rows {
      let text = row.cells[column]
      guard let rev = Revision(text) else {
        throw .file(
          .invalidRevisionTable, "“\(text)” is not a revision (like 1.3, B or 3)", origin: sopName,
          line: row.line + 1,
          notes: ["fix the table, then export again; nothing was written"])
      }
      if let previous, !rev.follows(previous.rev) {
        throw .file(
          .invalidRevisionTable,
          "revision \(text) does not advance on \(previous.rev.text) (line \(previous.line + 1))", origin: sopName,
          line: row.line + 1,
          notes: ["revisions must rise in one scheme (1.3 → 1.4, B → C, 3 → 4); fix the table, nothing was written"])
      }
      previous = (row.line, rev)
    }
  }

  /// The next revision's text, in the table's scheme (the first revision when it has none yet).
  var nextRevision: String? {
    guard let column = revisionColumn else { return nil }
    return rows.last.flatMap { Revision($0.cells[column]) }?.next.text ?? "1"
  }

  /// The new row, formatted like the header (outer pipes or not), cells chosen by column name.
  func row(date: String, change: String, by: String) -> String {
    let cells = columns.enumerated().map { i, name -> String in
      if i == revisionColumn { return nextRevision ?? "" }
      let key = SOPDocument.key(name)
      if key.contains("date") { return date }
      if ["change", "changes", "description", "summary", "what", "reason", "details", "change description"].contains(
        key)
      {
        return change
      }
      if key.hasPrefix("by") || key.contains("author") || key.contains("approv") || key.contains("owner")
        || key == "who"
      {
        return by
      }
      return ""
    }
    let body = cells.map { " \($0) " }.joined(separator: "|")
    return outerPipes ? "|" + body + "|" : body.trimmingCharacters()
  }

  static func isRow(_ line: String) -> Bool {
    let t = line.trimmingCharacters()
    return t.contains("|") && !t.isEmpty
  }

  static func isDelimiter(_ line: String) -> Bool {
    let parts = cells(line)
    return !parts.isEmpty
      && parts.allSatisfy { p in
        let core = p.drop { $0 == ":" }.reversed().drop { $0 == ":" }
        return !core.isEmpty && core.allSatisfy { $0 == "-" }
      }
  }

  /// A row's cells: split on unescaped `|`, outer pipes dropped, trimmed.
  static func cells(_ line: String) -> [String] {
    var t = Substring(line.trimmingCharacters())
    if t.hasPrefix("|") { t = t.dropFirst() }
    if t.hasSuffix("|") && !t.hasSuffix("\\|") { t = t.dropLast() }
    var out: [String] = [], cell = "", escaped = false
    for c in t {
      if escaped { cell.append(c); escaped = false; continue }
      if c == "\\" { cell.append(c); escaped = true; continue }
      if c == "|" { out.append(cell.trimmingCharacters()); cell = ""; continue }
      cell.append(c)
    }
    out.append(cell.trimmingCharacters())
    return out
  }
}

/// A revision in one of the schemes SOPs use: dotted numbers (`1.3`, `2.0.1`), a whole
/// number (`3`, `Rev 3`, `v3`) or capital letters (`B`, `AA`).
struct Revision: Sendable, Equatable {
  enum Scheme: Sendable, Equatable { case dotted(places: Int), number, letters }
  var scheme: Scheme
  var numbers: [Int]
  var letters: String
  /// The prefix written before it (`Rev `, `v`), kept on the next one.
  var prefix: String

  init?(_ raw: String) {
    var text = Substring(raw.trimmingCharacters())
    var prefix = ""
    for p in ["Rev. ", "Rev ", "Rev.", "rev ", "Rev", "v", "V"] where text.hasPrefix(p) && text.count > p.count {
      prefix = p
      text = text.dropFirst(p.count)
      break
    }
    self.prefix = prefix
    letters = ""
    numbers = []
    if !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isUppercase }) {
      scheme = .letters
      letters = String(text)
    } else {
      let parts = text.split(separator: ".", omittingEmptySubsequences: false)
      guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
        return nil
      }
      numbers = parts.compactMap { Int($0) }
      guard numbers.count == parts.count else { return nil }
      scheme = numbers.count == 1 ? .number : .dotted(places: numbers.count)
    }
  }

  var text: String {
    switch scheme {
    case .letters: prefix + letters
    case .dotted, .number: prefix + numbers.map(String.init).joined(separator: ".")
    }
  }

  /// 1.3 → 1.4, 3 → 4, B → C, Z → AA.
  var next: Revision {
    var r = self
    switch scheme {
    case .letters:
      var chars = Array(letters.unicodeScalars.map { Int($0.value) - 65 })
      var i = chars.count - 1
      while i >= 0 {
        if chars[i] < 25 { chars[i] += 1; break }
        chars[i] = 0
        i -= 1
      }
      if i < 0 { chars.insert(0, at: 0) }
      r.letters = String(String.UnicodeScalarView(chars.compactMap { Unicode.Scalar(UInt32($0 + 65)) }))
    case .dotted, .number:
      r.numbers[r.numbers.count - 1] += 1
    }
    return r
  }

  /// Whether this revision comes after `earlier` in the same scheme (a dotted revision may
  /// change its number of places, 1.9 → 2.0 or 1.2 → 1.2.1, as long as it rises).
  func follows(_ earlier: Revision) -> Bool {
    switch (scheme, earlier.scheme) {
    case (.letters, .letters):
      return (letters.count, letters) > (earlier.letters.count, earlier.letters)
    case (.letters, _), (_, .letters):
      return false
    case (.dotted, .dotted), (.dotted, .number), (.number, .dotted), (.number, .number):
      for (a, b) in zip(
        numbers + Array(repeating: 0, count: max(0, earlier.numbers.count - numbers.count)),
        earlier.numbers + Array(repeating: 0, count: max(0, numbers.count - earlier.numbers.count)))
      where a != b {
        return a > b
      }
      return false
    }
  }
}
