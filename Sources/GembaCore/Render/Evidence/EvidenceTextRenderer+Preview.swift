import Foundation

extension EvidenceTextRenderer {
  /// `show NAME [--limit N] [--format table|csv|json]`: the first rows of a table.
  public func preview(_ table: EvidenceTable, limit: Int = 10, format: PreviewFormat = .table) -> String {
    let n = min(max(limit, 0), table.rowCount)
    let rows = (0..<n).map { r in table.columns.indices.map { table.cell(row: r, column: $0) } }
    switch format {
    case .json: return Self.json(columns: table.columns, rows: rows)
    case .csv: return Self.csv(columns: table.columns, rows: rows)
    case .table where table.format.isLineOriented && table.columnCount == 1:
      // Notes and plain text read as numbered lines, whole: a grid would cut them and
      // print a type row that says nothing about prose.
      let width = String(max(n, 1)).count
      var out = ""
      for (i, row) in rows.enumerated() {
        let number = String(i + 1)
        // Long enough for a paragraph; a 10 MB line is still cut.
        let line = TextWidth.cell(row[0], maxWidth: max(options.maxCellWidth ?? 400, 400), unicode: options.unicode)
        out += String(repeating: " ", count: width - number.count) + number + "  " + line + "\n"
      }
      return out + "\(NumberFormat.integer(n)) of \(NumberFormat.integer(table.rowCount)) lines\n"
    case .table:
      let types = table.columnTypes
      var out = grid(
        ["#"] + table.columns, [[""] + types.map(\.label)] + rows.enumerated().map { [String($0 + 1)] + $1 },
        rightAligned: [true] + types.map(\.isNumeric))
      out +=
        "\(NumberFormat.integer(n)) of \(NumberFormat.integer(table.rowCount)) \(table.format.isLineOriented && table.columnCount == 1 ? "lines" : "rows") · \(table.columnCount) columns\n"
      return out
    }
  }

  /// An array of objects keyed by the header, all values strings; one object per line.
  public static func json(columns: [String], rows: [[String]]) -> String {
    guard !rows.isEmpty else { return "[]\n" }
    let keys = columns.map(jsonString)
    let objects = rows.map { row in
      "  {" + keys.indices.map { "\(keys[$0]): \(jsonString($0 < row.count ? row[$0] : ""))" }.joined(separator: ", ")
        + "}"
    }
    return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
  }

  /// A JSON string literal: quotes, backslashes and control characters escaped; the rest
  /// as is. The record's JSON writer does the escaping, so every JSON gemba writes agrees.
  public static func jsonString(_ s: String) -> String {
    var out = ""
    JSONValue.quote(s, into: &out)
    return out
  }

  /// RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled, and a
  /// cell a spreadsheet would run as a formula neutralised (`CSVField`, OWASP's rule): evidence
  /// comes from anyone.
  public static func csv(columns: [String], rows: [[String]]) -> String {
    ([columns] + rows).map { $0.map { CSVField.written($0) }.joined(separator: ",") + "\n" }.joined()
  }
}
