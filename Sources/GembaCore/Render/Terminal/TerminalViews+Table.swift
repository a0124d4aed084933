extension TerminalViews {
  /// A bordered table that fits the style's width: flexible columns (free text)
  /// wrap, the others are cut with an ellipsis only when there is no other way.
  struct Table {
    struct Column {
      var title: String
      /// Free text that wraps when the table is too wide.
      var flexible = false
    }

    /// One cell: plain text and the tone it is painted in once laid out.
    struct Cell: ExpressibleByStringLiteral {
      var text: String
      var tone: Ink.Tone?
      /// Tones for single lines of a fixed cell written as several lines; `tone` for the rest.
      var lineTones: [Ink.Tone?] = []
      init(_ text: String, _ tone: Ink.Tone? = nil) {
        self.text = text
        self.tone = tone
      }
      /// A fixed cell of several lines, each with its own tone.
      init(lines: [(String, Ink.Tone?)]) {
        self.init(lines.map(\.0).joined(separator: "\n"))
        lineTones = lines.map(\.1)
      }
      init(stringLiteral value: String) { self.init(value) }

      func tone(ofLine k: Int) -> Ink.Tone? { k < lineTones.count ? lineTones[k] : tone }
    }

    var columns: [Column]
    var rows: [[Cell]] = []

    /// A flexible column narrower than this wraps too often to read; below it, cards.
    static let flexibleMinimum = 10

    /// The table's lines, borders included; one card per row when a table cannot fit.
    func render(_ style: TerminalStyle) -> [String] {
      let glyphs = Glyphs(style)
      let ink = Ink(style)
      guard let widths = fit(style.width) else { return cards(style) }
      let laidOut = rows.map { row in
        zip(row, widths.indices).map { cell, i in lines(cell.text, column: i, width: widths[i], glyphs: glyphs) }
      }
      let separated = laidOut.contains { $0.contains { $0.count > 1 } }

      func rule(_ kind: Glyphs.TableRow) -> String {
        glyphs.corner(kind, .left)
          + widths.map { String(repeating: glyphs.horizontal, count: $0 + 2) }.joined(
            separator: glyphs.corner(kind, .middle))
          + glyphs.corner(kind, .right)
      }
      func line(_ cells: [String], tones: [Ink.Tone?]) -> String {
        let v = glyphs.vertical
        let inner = zip(cells, widths.indices).map { text, i in
          // Paint the text, not the padding, so colour never bleeds into blank space.
          return " " + Text.pad(tones[i].map { ink.paint(text, $0) } ?? text, to: widths[i]) + " "
        }
        return v + inner.joined(separator: v) + v
      }

      var out = [rule(.top)]
      let titles = zip(columns, widths).map { Text.truncate($0.title, to: $1, ellipsis: glyphs.ellipsis) }
      out.append(line(titles, tones: columns.map { _ in .bold }))
      out.append(rule(.middleLine))
      for (r, cells) in laidOut.enumerated() {
        if separated && r > 0 { out.append(rule(.middleLine)) }
        let height = cells.map(\.count).max() ?? 1
        for k in 0..<height {
          out.append(line(cells.map { k < $0.count ? $0[k] : "" }, tones: rows[r].map { $0.tone(ofLine: k) }))
        }
      }
      out.append(rule(.bottom))
      return out
    }

    /// The text of one cell as lines no wider than `width`.
    private func lines(_ text: String, column: Int, width: Int, glyphs: Glyphs) -> [String] {
      if columns[column].flexible { return Text.wrap(text, to: width) }
      return text.split(separator: "\n", omittingEmptySubsequences: false).map {
        Text.truncate(String($0), to: width, ellipsis: glyphs.ellipsis)
      }
    }

    /// Column widths: each column's widest text, then flexible columns squeezed
    /// (they wrap) until the table fits `total` columns; nil when it cannot fit
    /// without squeezing a fixed column or a flexible one below `flexibleMinimum`.
    func fit(_ total: Int) -> [Int]? {
      var widths = columns.indices.map { i in
        ([Text.width(columns[i].title)]
          + rows.map { row in
            row[i].text.split(separator: "\n").map { Text.width($0) }.max() ?? 0
          }).max() ?? 0
      }
      // Borders: "│ " before each column, " " after, and a closing "│".
      var over = widths.reduce(0, +) + 3 * widths.count + 1 - total
      while over > 0 {
        let squeezable = widths.indices.filter { columns[$0].flexible && widths[$0] > Table.flexibleMinimum }
        // The widest flexible column gives a column; ties go to the leftmost, for determinism.
        guard let i = squeezable.max(by: { widths[$0] < widths[$1] || (widths[$0] == widths[$1] && $0 > $1) })
        else { return nil }
        widths[i] -= 1
        over -= 1
      }
      return widths
    }

    /// The narrow-screen form: each row as a card headed by its first cell,
    /// the other columns as `title  value` lines (like psql's expanded display).
    func cards(_ style: TerminalStyle) -> [String] {
      let glyphs = Glyphs(style)
      let ink = Ink(style)
      let label = (columns.dropFirst().map { Text.width($0.title) }.max() ?? 0) + 2
      let room = max(10, style.width - 2 - label)
      var out: [String] = []
      for row in rows {
        let head = row.first?.text ?? ""
        let rule = String(
          repeating: glyphs.horizontal, count: max(0, min(style.width, label + 2 + 20) - Text.width(head) - 1))
        out.append(ink.paint(head, row.first?.tone ?? .bold) + " " + ink.dim(rule))
        for (column, cell) in zip(columns.dropFirst(), row.dropFirst()) {
          let lines = cell.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().flatMap {
            k, part in
            Text.wrap(String(part), to: room).map { (text: $0, tone: cell.tone(ofLine: k)) }
          }
          for (k, line) in lines.enumerated() {
            let title = k == 0 ? ink.dim(Text.pad(column.title, to: label)) : String(repeating: " ", count: label)
            out.append("  " + title + (line.tone.map { ink.paint(line.text, $0) } ?? line.text))
          }
        }
      }
      return out
    }
  }
}
