extension EvidenceTextRenderer {
  /// A boxed (or ASCII) grid; cells are made printable and fitted to the maximum width column by
  /// column, so that different values in a column never read alike (`TextWidth.labels`).
  func grid(_ header: [String], _ rows: [[String]], rightAligned: [Bool]) -> String {
    let u = options.unicode
    let head = header.map { TextWidth.labels([$0], maxWidth: options.maxCellWidth, unicode: u)[0] }
    var body = rows
    for column in 0..<max(header.count, rows.map(\.count).max() ?? 0) {
      let fitted = TextWidth.labels(
        rows.map { column < $0.count ? $0[column] : "" }, maxWidth: options.maxCellWidth, unicode: u)
      for r in body.indices where column < body[r].count { body[r][column] = fitted[r] }
    }
    var widths = head.map { TextWidth.of($0) }
    for row in body {
      for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TextWidth.of(c)) }
    }
    // Keep the columns that fit the width (at least two, so a row number has its first cell).
    var kept = widths.count
    if let limit = options.maxTableWidth {
      var total = 1
      for (i, w) in widths.enumerated() {
        total += w + 3
        if total > limit && i >= 2 { kept = i; break }
      }
    }
    let hidden = widths.count - kept
    widths = Array(widths.prefix(kept))
    let (h, v) = u ? ("─", "│") : ("-", "|")
    func rule(_ left: String, _ mid: String, _ right: String) -> String {
      left + widths.map { String(repeating: h, count: $0 + 2) }.joined(separator: mid) + right + "\n"
    }
    func line(_ cells: [String], bold: Bool) -> String {
      let padded = widths.indices.map { i -> String in
        let c = i < cells.count ? cells[i] : ""
        let text = TextWidth.pad(c, to: widths[i], right: rightAligned[safe: i] ?? false)
        return bold ? emphasis(text) : text
      }
      return v + " " + padded.joined(separator: " \(v) ") + " \(v)\n"
    }
    var out = u ? rule("┌", "┬", "┐") : rule("+", "+", "+")
    out += line(head, bold: true)
    out += u ? rule("├", "┼", "┤") : rule("+", "+", "+")
    for row in body { out += line(row, bold: false) }
    out += u ? rule("└", "┴", "┘") : rule("+", "+", "+")
    if hidden > 0 {
      out +=
        "\(hidden) more columns not shown (\(header.suffix(hidden).prefix(3).joined(separator: ", "))\(hidden > 3 ? ", …" : "")); `select` chooses columns\n"
    }
    return out
  }

  /// A table result, with evidence row numbers when the rows come from a file.
  public func table(_ t: ResultTable) -> String {
    var header = t.columns
    var rows = t.rows
    var right = t.types.map(\.isNumeric)
    if let numbers = t.rowNumbers {
      header.insert("#", at: 0)
      right.insert(true, at: 0)
      rows = zip(numbers, rows).map { [String($0)] + $1 }
    }
    var out = grid(header, rows, rightAligned: right)
    if t.rows.count < t.totalRows {
      out +=
        "\(NumberFormat.integer(t.rows.count)) of \(NumberFormat.integer(t.totalRows)) rows shown; add `| limit N` to choose\n"
    } else {
      out += t.totalRows == 1 ? "1 row\n" : "\(NumberFormat.integer(t.totalRows)) rows\n"
    }
    return out
  }

  func crossTab(_ c: CrossTab) -> String {
    let header = ["\(c.rowColumn) \\ \(c.columnColumn)"] + c.columnValues + ["total"]
    var rows = c.rowValues.indices.map { r in
      [c.rowValues[r]] + c.counts[r].map { NumberFormat.integer($0) } + [NumberFormat.integer(c.rowTotals[r])]
    }
    rows.append(["total"] + c.columnTotals.map { NumberFormat.integer($0) } + [NumberFormat.integer(c.total)])
    return grid(header, rows, rightAligned: [false] + Array(repeating: true, count: header.count - 1))
  }

  func grep(_ g: GrepMatches) -> String {
    var out = ""
    let width = String(g.matches.map(\.line).max() ?? 0).count
    for m in g.matches {
      let place =
        m.row == m.line
        ? TextWidth.pad(String(m.line), to: width, right: true)
        : "#\(m.row) (line \(m.line))"
      out +=
        place + (options.unicode ? " │ " : " | ") + TextWidth.cell(m.text, maxWidth: 160, unicode: options.unicode)
        + "\n"
    }
    if g.matches.count < g.total {
      out += "\(NumberFormat.integer(g.matches.count)) of \(NumberFormat.integer(g.total)) matching rows shown\n"
    } else {
      out += g.total == 1 ? "1 matching row\n" : "\(NumberFormat.integer(g.total)) matching rows\n"
    }
    return out
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
