import GembaCore

/// How a register answer is written: one entry point, the style chosen by a value.
public enum ReportFormat: String, CaseIterable, Sendable {
  case table, csv, json, html

  public func render(_ report: RegisterReport) -> String {
    switch self {
    case .table: TableReportRenderer().render(report)
    case .csv: CSVReportRenderer().render(report)
    case .json: JSONReportRenderer().render(report)
    case .html: HTMLReportRenderer().render(report)
    }
  }
}

/// Aligned columns; numbers right-aligned; each section titled; notes below.
struct TableReportRenderer {
  /// Cells longer than this are cut with `…` (the full text is in csv, json and html).
  var maxWidth = 60

  func render(_ report: RegisterReport) -> String {
    var out = report.title + (report.asOf.map { " (as of \($0))" } ?? "") + "\n"
    for section in report.sections {
      if report.sections.count > 1 || section.title != report.title { out += "\n" + section.title + "\n" }
      if section.rows.isEmpty {
        out += "  (none)\n"
      } else {
        let cells = section.rows.map { $0.map { cut($0.plain) } }
        var widths = section.columns.map(\.count)
        for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        let numeric = section.columns.indices.map { i in
          section.rows.allSatisfy { row in
            switch row[i] {
            case .integer, .number, .empty: true
            case .text: false
            }
          }
        }
        func line(_ values: [String]) -> String {
          var parts: [String] = []
          for (i, value) in values.enumerated() {
            let pad = String(repeating: " ", count: widths[i] - value.count)
            parts.append(numeric[i] ? pad + value : (i == values.count - 1 ? value : value + pad))
          }
          return parts.joined(separator: "  ").trailingSpacesRemoved + "\n"
        }
        out += line(section.columns)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in cells { out += line(row) }
      }
      if section.more > 0 { out += "  … \(section.more) more; --limit 0 for all\n" }
      for note in section.notes { out += "  note: " + note + "\n" }
    }
    return out
  }

  private func cut(_ text: String) -> String {
    let flat = text.replacingNewlines
    return flat.count > maxWidth ? String(flat.prefix(maxWidth - 1)) + "…" : flat
  }
}

/// RFC 4180 fields (a comma, quote or line break quotes the field), lines ended by LF (a CR would be
/// escaped by the terminal-safe output). Several sections are
/// separated by a blank line, each with its own header row.
struct CSVReportRenderer {
  func render(_ report: RegisterReport) -> String {
    report.sections.map { section in
      ([section.columns] + section.rows.map { $0.map(\.plain) }).map { row in
        row.map(field).joined(separator: ",")
      }.joined(separator: "\n") + "\n"
    }.joined(separator: "\n")
  }

  private func field(_ text: String) -> String {
    // Bytes, not Characters: faster on 40,000 rows, and a CR LF (one Character) is seen too.
    guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }
}

/// `{"as_of", "question", "sections": [{"columns", "more" (only when a --limit left rows out), "notes", "rows": [{column: value}],
/// "title"}], "title"}`,
/// keys sorted, numbers as numbers, blanks as null.
struct JSONReportRenderer {
  func render(_ report: RegisterReport) -> String {
    let sections: [JSONValue] = report.sections.map { section in
      var members: [String: JSONValue] = [
        "columns": .array(section.columns.map(JSONValue.string)),
        "notes": .array(section.notes.map(JSONValue.string)),
        "rows": .array(section.rows.map { row in
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

  private func value(_ v: RegisterReport.Value) -> JSONValue {
    switch v {
    case .text(let t): .string(t)
    case .integer(let i): .int(i)
    case .number(let d, let places): d.isFinite ? .number(RegisterReport.Value.fixed(d, places: places)) : .null
    case .empty: .null
    }
  }
}

extension String {
  var trailingSpacesRemoved: String {
    var s = Substring(self)
    while s.last == " " { s.removeLast() }
    return String(s)
  }
  var replacingNewlines: String { String(map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }) }
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
