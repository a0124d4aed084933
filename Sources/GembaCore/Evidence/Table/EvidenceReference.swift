/// A citation of evidence: `tickets` (the whole file), `tickets#12` (row or line 12, 1-based,
/// header excluded) or `tickets#12-40` (a range).
public struct EvidenceReference: Hashable, Sendable, CustomStringConvertible {
  public var name: String
  /// The cited rows, 1-based and inclusive; nil for the whole file.
  public var rows: ClosedRange<Int>?

  public init(name: String, rows: ClosedRange<Int>? = nil) {
    self.name = name
    self.rows = rows
  }

  /// Parses `NAME`, `NAME#N` or `NAME#N-M`; the span is the token's, for diagnostics.
  public static func parse(_ text: String, span: SourceSpan? = nil) throws(Diagnostic) -> EvidenceReference {
    guard let hash = text.firstIndex(of: "#") else {
      guard !text.isEmpty else { throw Diagnostic.error(.invalidEvidenceReference, "expected an evidence name", at: span) }
      return EvidenceReference(name: text)
    }
    let name = String(text[..<hash])
    let range = text[text.index(after: hash)...]
    let parts = range.split(separator: "-", omittingEmptySubsequences: false)
    guard !name.isEmpty, parts.count <= 2, let first = Int(parts[0]), first >= 1,
          let last = parts.count == 2 ? Int(parts[1]) : first, last >= first else {
      throw Diagnostic.error(.invalidEvidenceReference, "`\(text)` is not an evidence reference", at: span,
                             notes: ["write NAME, NAME#12 (row 12) or NAME#12-40 (rows 12 to 40)"])
    }
    return EvidenceReference(name: name, rows: first...last)
  }

  public var description: String {
    guard let rows else { return name }
    return rows.count == 1 ? "\(name)#\(rows.lowerBound)" : "\(name)#\(rows.lowerBound)-\(rows.upperBound)"
  }

  /// Checks the rows exist in `table`.
  public func validate(against table: EvidenceTable, span: SourceSpan? = nil) throws(Diagnostic) {
    guard let rows else { return }
    guard rows.upperBound <= table.rowCount else {
      let unit = table.format.isLineOriented && table.columnCount == 1 ? "lines" : "rows"
      throw Diagnostic.error(.invalidEvidenceReference, "\(name) has \(NumberFormat.integer(table.rowCount)) \(unit); there is no \(unit.dropLast()) \(rows.upperBound)", at: span)
    }
  }
}

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
      out += "  \(place): " + TextWidth.cell(table.rawText(ofRow: row - 1), maxWidth: 200, unicode: options.unicode) + "\n"
    }
    if rows.count > maxRows { out += "  … \(NumberFormat.integer(rows.count - maxRows)) more rows\n" }
    return out
  }
}
