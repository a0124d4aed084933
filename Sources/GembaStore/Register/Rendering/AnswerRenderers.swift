import GembaCore

/// How a register answer is written: one entry point, the style chosen by a value.
public enum AnswerFormat: String, CaseIterable, Sendable {
  case table, csv, json, html

  public func render(_ report: RegisterAnswer) -> String {
    switch self {
    case .table: AnswerTableRenderer().render(report)
    case .csv: AnswerCSVRenderer().render(report)
    case .json: AnswerJSONRenderer().render(report)
    case .html: AnswerHTMLRenderer().render(report)
    }
  }
}

/// Aligned columns; numbers right-aligned; each section titled; notes below.
struct AnswerTableRenderer {
  /// Cells longer than this are cut with `…` (the full text is in csv, json and html).
  var maxWidth = 60

  func render(_ report: RegisterAnswer) -> String {
    var out = report.title + (report.asOf.map { " (as of \($0))" } ?? "") + "\n"
    for section in report.sections {
      if report.sections.count > 1 || section.title != report.title { out += "\n" + section.title + "\n" }
      if section.rows.isEmpty {
        out += "  (none)\n"
      } else {
        // Each cell's text and its width in Characters, counted once (ASCII by its bytes).
        let cells = section.rows.map { $0.map { cut($0.plain) } }
        var widths = section.columns.map(\.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.width) } }
        let numeric = section.columns.indices.map { i in
          section.rows.allSatisfy { row in
            switch row[i] {
            case .integer, .number, .empty: true
            case .text: false
            }
          }
        }
        // Written straight into `out`: padding appended, trailing spaces never written.
        func line(_ values: [Cell]) {
          var spaces = 0
          for (i, value) in values.enumerated() {
            let pad = widths[i] - value.width
            if i > 0 { spaces += 2 }
            if numeric[i] { spaces += pad }
            if !value.text.isEmpty {
              if spaces > 0 { out.append(String(repeating: " ", count: spaces)) }
              out.append(value.text)
              spaces = 0
            }
            if !numeric[i] { spaces += pad }
          }
          // A cell's own trailing spaces at the end of the line go too.
          while out.utf8.last == 0x20 { out.removeLast() }
          out.append("\n")
        }
        line(section.columns.map { Cell(text: $0, width: $0.count) })
        line(widths.map { Cell(text: String(repeating: "-", count: $0), width: $0) })
        for row in cells { line(row) }
      }
      if section.more > 0 { out += "  … \(section.more) more; --limit 0 for all\n" }
      for note in section.notes { out += "  note: " + note + "\n" }
    }
    return out
  }

  /// A cell's text and how many Characters wide it is.
  struct Cell {
    var text: String
    var width: Int
  }

  private func cut(_ text: String) -> Cell {
    // Most cells are short ASCII without line breaks: their width is their byte count, and
    // nothing needs replacing (walking Characters for 100,000 cells took seconds).
    let bytes = text.utf8
    if bytes.count <= maxWidth, !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      return Cell(text: text, width: bytes.count)
    }
    let flat = text.replacingNewlines
    let count = flat.count
    return count > maxWidth
      ? Cell(text: String(flat.prefix(maxWidth - 1)) + "…", width: maxWidth) : Cell(text: flat, width: count)
  }
}

/// RFC 4180 fields (a comma, quote or line break quotes the field) with formula-like cells
/// neutralised (`CSVField`: a register answer quotes notebooks' text), lines ended by LF (a CR would be
/// escaped by the terminal-safe output). Several sections are
/// separated by a blank line, each with its own header row.
struct AnswerCSVRenderer {
  func render(_ report: RegisterAnswer) -> String {
    // One string, appended to field by field (no array per row, no joins).
    var out = ""
    for (n, section) in report.sections.enumerated() {
      if n > 0 { out.append("\n") }
      func line<S: Sequence>(_ fields: S) where S.Element == String {
        var first = true
        for text in fields {
          if !first { out.append(",") }
          first = false
          append(text, to: &out)
        }
        out.append("\n")
      }
      line(section.columns)
      for row in section.rows { line(row.lazy.map(\.plain)) }
    }
    return out
  }

  private func append(_ text: String, to out: inout String) { CSVField.append(text, to: &out) }
}

/// `{"as_of", "question", "sections": [{"columns", "more" (only when a --limit left rows out), "notes", "rows": [{column: value}],
/// "title"}], "title"}`,
/// keys sorted, numbers as numbers, blanks as null.
struct AnswerJSONRenderer {
  func render(_ report: RegisterAnswer) -> String {
    let sections: [JSONValue] = report.sections.map { section in
      var members: [String: JSONValue] = [
        "columns": .array(section.columns.map(JSONValue.string)),
        "notes": .array(section.notes.map(JSONValue.string)),
        "rows": .array(
          section.rows.map { row in
            .object(Dictionary(zip(section.columns, row.map(value)), uniquingKeysWith: { first, _ in first }))
          }),
        "title": .string(section.title),
      ]
      // Only when a --limit left rows out.
      if section.more > 0 { members["more"] = .int(section.more) }
      return .object(members)
    }
    let document: JSONValue = .object([
      "as_of": report.asOf.map(JSONValue.string) ?? .null, "question": .string(report.question),
      "sections": .array(sections), "title": .string(report.title),
    ])
    return document.written(indent: 2) + "\n"
  }

  private func value(_ v: RegisterAnswer.Value) -> JSONValue {
    switch v {
    case .text(let t): .string(t)
    case .integer(let i): .int(i)
    case .number(let d, let places):
      d.isFinite ? .number(NumberFormat.decimal(d, places: places, grouped: false)) : .null
    case .empty: .null
    }
  }
}

extension String {
  var replacingNewlines: String { String(map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }) }
}
