extension EvidenceTextRenderer {
  /// The cited rows as they appear in the file, each with its row and line number; at most
  /// `maxRows` of them, so a citation stored in a notebook cell stays readable.
  public func excerpt(_ reference: EvidenceReference, in table: EvidenceTable, maxRows: Int = 20) -> String {
    let rows = reference.rows ?? 1...min(table.rowCount, maxRows)
    guard !rows.isEmpty, rows.upperBound <= table.rowCount else { return "" }
    var out = "\(reference) · \(table.path) · sha256 \(table.shortHash)\n"
    if !table.format.isLineOriented || table.columnCount > 1, table.format != .log {
      out += "  header: " + table.columns.joined(separator: ",") + "\n"
    }
    for row in rows.prefix(maxRows) {
      let line = table.lineNumber(ofRow: row - 1)
      let place = table.format.isLineOriented ? "line \(line)" : "#\(row) (line \(line))"
      out +=
        "  \(place): " + TextWidth.cell(table.rawText(ofRow: row - 1), maxWidth: 200, unicode: options.unicode) + "\n"
    }
    if rows.count > maxRows { out += "  … \(NumberFormat.integer(rows.count - maxRows)) more rows\n" }
    return out
  }
}
