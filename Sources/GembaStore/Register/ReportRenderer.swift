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
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingAll("\"", with: "\"\"") + "\""
  }
}

/// `{"as_of", "question", "sections": [{"columns", "more" (only when a --limit left rows out), "notes", "rows": [{column: value}],
/// "title"}], "title"}`,
/// keys sorted, numbers as numbers, blanks as null.
struct JSONReportRenderer {
  func render(_ report: RegisterReport) -> String {
    var out = "{\n"
    out += "  \"as_of\": " + (report.asOf.map(quote) ?? "null") + ",\n"
    out += "  \"question\": " + quote(report.question) + ",\n"
    out += "  \"sections\": ["
    out += report.sections.map { section in
      var s = "\n    {\n      \"columns\": [" + section.columns.map(quote).joined(separator: ", ") + "],\n"
      // Only when a --limit left rows out: keys stay sorted.
      if section.more > 0 { s += "      \"more\": \(section.more),\n" }
      s += "      \"notes\": [" + section.notes.map(quote).joined(separator: ", ") + "],\n"
      s += "      \"rows\": ["
      s += section.rows.map { row in
        let pairs = zip(section.columns, row).sorted { $0.0 < $1.0 }.map { quote($0.0) + ": " + value($0.1) }
        return "\n        {" + pairs.joined(separator: ", ") + "}"
      }.joined(separator: ",")
      s += (section.rows.isEmpty ? "" : "\n      ") + "],\n"
      s += "      \"title\": " + quote(section.title) + "\n    }"
      return s
    }.joined(separator: ",")
    out += (report.sections.isEmpty ? "" : "\n  ") + "],\n"
    out += "  \"title\": " + quote(report.title) + "\n}\n"
    return out
  }

  private func value(_ v: RegisterReport.Value) -> String {
    switch v {
    case .text(let t): quote(t)
    case .integer(let i): String(i)
    case .number(let d, let places): d.isFinite ? RegisterReport.Value.fixed(d, places: places) : "null"
    case .empty: "null"
    }
  }

  func quote(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
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
