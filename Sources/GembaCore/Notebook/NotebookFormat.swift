/// The notebook file format (spec section 4): Markdown with one header comment,
/// then per cell a header comment, a fenced `gemba` block, a fenced `output` block and,
/// for a cell that read evidence (v2), one `<!-- data {…} -->` line that GitHub does not show.
/// Prose between cells is allowed and ignored.
public enum NotebookFormat {
  public static let version = 2
  public static let header = "<!-- gemba notebook v2 -->\n"
  static let dataPrefix = "<!-- data "
  /// The largest cell gemba reads (32 MiB, from its header to the next one): a larger one is
  /// refused before the notebook's lines are split, so a received notebook holding one huge line
  /// costs its reading and no more.
  public static let maximumCellBytes = 32 << 20

  /// The text of `bytes` when they are UTF-8 but for a character cut short at the very end (a
  /// write torn inside a character); nil when they are whole, or invalid anywhere else.
  public static func textBeforeCutCharacter(_ bytes: [UInt8]) -> String? {
    // A cut character is a lead byte followed by fewer continuation bytes than it announces.
    var start = bytes.count
    while start > 0, bytes.count - start < 3, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
    guard start > 0 else { return nil }
    let lead = bytes[start - 1]
    let length = lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
    guard length > bytes.count - (start - 1) else { return nil }
    return String(validating: bytes[..<(start - 1)], as: UTF8.self)
  }

  /// The text appended to the file for one cell.
  public static func render(_ cell: Cell) -> String {
    var out = "\n<!-- cell \(cell.number) · \(cell.time) · chain \(cell.chain) -->\n"
    out += fenced(cell.command, info: "gemba")
    out += fenced(cell.output, info: "output")
    if let data = cell.data { out += dataPrefix + data + " -->\n" }
    return out
  }

  /// A fence longer than any run of backticks inside the text (CommonMark's rule),
  /// so user text can never close the block early.
  static func fenced(_ text: String, info: String) -> String {
    var longest = 0, run = 0
    for c in text {
      if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
    }
    let fence = String(repeating: "`", count: max(3, longest + 1))
    return fence + info + "\n" + (text.isEmpty ? "" : text + "\n") + fence + "\n"
  }

  /// The cells of a notebook's text, and the problems that stop it from being read whole.
  public struct Document: Sendable {
    /// The format version the header names (1 or 2).
    public var version = NotebookFormat.version
    public var cells: [Cell] = []
    /// In file order; each names its line. Reading stops at the first one.
    public var problems: [Diagnostic] = []
    /// The header line of a last cell that was cut short (a crash or a full disk while it was
    /// written; never acknowledged, since the prompt returns only after fsync): the rest opens.
    public var tornAt: Int?
  }

  /// Reads a notebook. Cells are read up to the first problem, which is reported
  /// with its line number, so replay can go as far as the file allows.
  public static func parse(_ text: String) -> Document {
    var doc = Document()
    if let (line, bytes) = oversizedCell(text) {
      doc.problems.append(
        .error(
          .fileTooLarge,
          "the cell at line \(line) is \(bytes >> 20) MiB, more than a cell may hold (\(maximumCellBytes >> 20) MiB)",
          at: SourceSpan(at: SourcePosition(line: line, column: 1)),
          notes: ["gemba writes no cell that large; the notebook was made or edited by another program"]))
      return doc
    }
    let lines = Self.lines(of: text)
    var i = 0
    var cellStart: Int?  // the header line of the cell being read
    func problem(_ code: DiagnosticCode, _ line: Int, _ message: String, _ notes: [String] = []) {
      doc.problems.append(
        .error(
          code, message, at: SourceSpan(at: SourcePosition(line: line, column: 1)),
          notes: notes))
      // Torn: the problem is inside the last cell, with no cell header after it.
      if let start = cellStart, !lines[(start)...].contains(where: { $0.trimmingSpaces().hasPrefix("<!-- cell ") }) {
        doc.tornAt = start
      }
    }
    while i < lines.count, lines[i].trimmingSpaces().isEmpty { i += 1 }
    guard i < lines.count else { return doc }
    var first = lines[i].trimmingSpaces()
    if first.hasPrefix("\u{FEFF}") { first.removeFirst() }  // a byte-order mark an editor added
    if let v = versionNumber(first) {
      guard v <= version else {
        problem(
          .newerNotebook, i + 1,
          "this notebook was written by a newer gemba (format v\(first.dropFirst("<!-- gemba notebook v".count).prefix { $0.isASCII && $0.isNumber })); this gemba reads v\(version)",
          ["upgrade gemba to open it"])
        return doc
      }
      doc.version = v
    } else {
      problem(
        .malformedNotebook, i + 1,
        "not a gemba notebook: the first line should be `<!-- gemba notebook v\(version) -->`",
        ["gemba never overwrites a file it did not write; choose a new notebook name"])
      return doc
    }
    i += 1
    while i < lines.count {
      let line = lines[i]
      let trimmed = line.trimmingSpaces()
      if trimmed.hasPrefix("<!-- cell ") {
        let headerLine = i + 1
        cellStart = headerLine
        guard let (number, time, chain) = cellHeader(trimmed) else {
          problem(
            .malformedNotebook, headerLine, "malformed cell header", ["expected `<!-- cell N · TIME · chain HEX -->`"])
          return doc
        }
        // One spelling per header: spaces, `cell 02` or a short chain would verify as another
        // cell's header while reading differently (the header's text is not in the chain).
        let canonical = "<!-- cell \(number) · \(time) · chain \(chain) -->"
        guard line == canonical, chain.count == Chain.shownLength, chain == chain.lowercased() else {
          cellStart = nil
          problem(
            .malformedNotebook, headerLine, "cell header not written as gemba writes it",
            ["expected `\(canonical)` with a 16-digit lowercase chain"])
          return doc
        }
        let expected = (doc.cells.last?.number ?? 0) + 1
        guard number == expected else {
          cellStart = nil  // a hand edit, not a cut-short write
          problem(
            .malformedNotebook, headerLine,
            doc.cells.contains { $0.number == number }
              ? "duplicate cell number \(number)" : "cell \(number) where cell \(expected) was expected",
            ["cells are numbered 1, 2, 3… in order; was the notebook edited by hand?"])
          return doc
        }
        i += 1
        guard let command = readBlock(lines, &i, info: "gemba", after: headerLine, problem: problem) else { return doc }
        guard let output = readBlock(lines, &i, info: "output", after: headerLine, problem: problem) else { return doc }
        var data: String?
        // Also in a v1 file: cells this gemba appended to it carry data.
        do {
          var j = i
          while j < lines.count, lines[j].trimmingSpaces().isEmpty { j += 1 }
          if j < lines.count, lines[j].hasPrefix(dataPrefix) {
            let line = lines[j]
            guard line.hasSuffix(" -->"), line.count >= dataPrefix.count + 4 else {
              problem(
                .malformedNotebook, j + 1, "the data line of the cell at line \(headerLine) is not closed with ` -->`",
                ["the file was cut short, or the line was edited by hand"])
              return doc
            }
            data = String(line.dropFirst(dataPrefix.count).dropLast(4))
            i = j + 1
          }
        }
        doc.cells.append(
          Cell(
            number: number, time: time, chain: chain, command: command, output: output, data: data,
            line: headerLine))
        cellStart = nil
        continue
      }
      if let (_, info) = fenceOpening(trimmed), info == "gemba" || info == "output" {
        problem(
          .malformedNotebook, i + 1, "a ```\(info) block with no cell header before it",
          ["each cell starts with `<!-- cell N · TIME · chain HEX -->`"])
        return doc
      }
      i += 1
    }
    // A cell header cut before it says `<!-- cell `: the file's last line, with no line break
    // after it, is the start of one. Prose never ends so (gemba ends every line it writes).
    if let last = lines.last, !last.isEmpty, !text.hasSuffix("\n"), "<!-- cell ".hasPrefix(last) {
      doc.problems.append(
        .error(
          .malformedNotebook, "the notebook ends inside a cell header",
          at: SourceSpan(at: SourcePosition(line: lines.count, column: 1)),
          notes: ["the file was cut short (a crash while writing?); the cells before it are intact"]))
      doc.tornAt = lines.count
    }
    return doc
  }

  /// The first cell longer than `maximumCellBytes` (its header line and size), from one pass over
  /// the bytes that copies nothing. The text before the first header counts as a cell too.
  static func oversizedCell(_ text: String) -> (line: Int, bytes: Int)? {
    guard text.utf8.count > maximumCellBytes else { return nil }
    let marker = Array("<!-- cell ".utf8)
    var found: (Int, Int)?
    var text = text
    text.withUTF8 { bytes in
      var line = 1, cellStart = 0, cellLine = 1
      var i = 0
      while i < bytes.count {
        if bytes[i] == 0x0A {
          line += 1
          let next = i + 1
          if next + marker.count <= bytes.count, bytes[next] == marker[0],
            marker.indices.allSatisfy({ bytes[next + $0] == marker[$0] })
          {
            if next - cellStart > maximumCellBytes {
              found = (cellLine, next - cellStart)
              return
            }
            cellStart = next
            cellLine = line
          }
        }
        i += 1
      }
      if bytes.count - cellStart > maximumCellBytes { found = (cellLine, bytes.count - cellStart) }
    }
    return found
  }

  /// The text's lines, split at LF and CR LF (`splitLines`), each without one final CR: cut by
  /// bytes, which gives the same lines as Characters would (a LF is always a Character of its own
  /// unless a CR comes before it) at a fraction of the cost.
  static func lines(of text: String) -> [String] {
    var lines: [String] = []
    var text = text
    text.withUTF8 { bytes in
      var start = 0
      func add(_ end: Int, atLF: Bool) {
        var end = end
        // CR LF is one break; then one more CR is dropped, as a line's final CR always was.
        if atLF, end > start, bytes[end - 1] == 0x0D { end -= 1 }
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
      }
      for i in 0..<bytes.count where bytes[i] == 0x0A {
        add(i, atLF: true)
        start = i + 1
      }
      add(bytes.count, atLF: false)
    }
    return lines
  }

  static func versionNumber(_ line: String) -> Int? {
    guard line.hasPrefix("<!-- gemba notebook v"), line.hasSuffix("-->") else { return nil }
    let digits = line.dropFirst("<!-- gemba notebook v".count).prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty else { return nil }
    return Int(digits) ?? Int.max  // more digits than an Int holds: a (much) newer format all the same
  }

  /// `<!-- cell 3 · 2026-11-20T10:04:11Z · chain 9c1e07d2a4f1b3e8 -->`
  static func cellHeader(_ line: String) -> (Int, String, String)? {
    guard line.hasSuffix("-->") else { return nil }
    let body = line.dropFirst("<!-- cell ".count).dropLast(3)
    let parts = body.split(separator: "·").map { $0.trimmingSpaces() }
    guard parts.count == 3, let number = Int(parts[0]), parts[2].hasPrefix("chain ") else { return nil }
    let chain = String(parts[2].dropFirst("chain ".count))
    guard !chain.isEmpty, chain.allSatisfy(\.isHexDigit), !parts[1].isEmpty else { return nil }
    return (number, parts[1], chain)
  }

  static func fenceOpening(_ line: String) -> (Int, String)? {
    let ticks = line.prefix { $0 == "`" }.count
    guard ticks >= 3 else { return nil }
    return (ticks, line.dropFirst(ticks).trimmingSpaces())
  }

  /// Reads the next fenced block, which must carry `info`; advances past its closing fence.
  static func readBlock(
    _ lines: [String], _ i: inout Int, info: String, after header: Int,
    problem: (DiagnosticCode, Int, String, [String]) -> Void
  ) -> String? {
    while i < lines.count, lines[i].trimmingSpaces().isEmpty { i += 1 }
    guard i < lines.count else {
      // The last line of the file (a final newline does not start another line).
      let last = lines.last == "" ? max(1, lines.count - 1) : lines.count
      problem(
        .malformedNotebook, last, "the notebook ends inside cell at line \(header): no ```\(info) block",
        ["the file was cut short (a crash while writing?); the cells before line \(header) are intact"])
      return nil
    }
    guard let (ticks, found) = fenceOpening(lines[i].trimmingSpaces()), found == info else {
      problem(.malformedNotebook, i + 1, "expected a ```\(info) block for the cell at line \(header)", [])
      return nil
    }
    let start = i + 1
    i += 1
    var body: [String] = []
    while i < lines.count {
      let t = lines[i].trimmingSpaces()
      if t.count >= ticks, t.allSatisfy({ $0 == "`" }) {
        i += 1
        return body.joined(separator: "\n")
      }
      body.append(lines[i])
      i += 1
    }
    problem(
      .malformedNotebook, start - 1 + 1, "the ```\(info) block opened at line \(start) is never closed",
      ["the file was cut short (a crash while writing?); the cells before line \(header) are intact"])
    return nil
  }
}
