/// A citation of evidence: `tickets` (the whole file), `tickets#12` (row or line 12, 1-based,
/// header excluded) or `tickets#12-40` (a range). Evidence's own type, so the language that
/// cites evidence depends on it and not the reverse.
public struct EvidenceReference: Hashable, Sendable, CustomStringConvertible {
  public var name: String
  /// The cited rows, 1-based and inclusive; nil for the whole file.
  public var rows: ClosedRange<Int>?

  public init(name: String, rows: ClosedRange<Int>? = nil) {
    self.name = name
    self.rows = rows
  }

  /// Parses `NAME`, `NAME#N` or `NAME#N-M` (the one parser of this grammar: the command parser
  /// and the workspace both call it); the span is the token's, for diagnostics.
  public static func parse(_ text: String, span: SourceSpan? = nil) throws(Diagnostic) -> EvidenceReference {
    guard !text.isEmpty else {
      throw Diagnostic.error(.invalidEvidenceReference, "expected an evidence name", at: span)
    }
    let parts = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let range = parts.count == 2 ? parts[1].split(separator: "-", omittingEmptySubsequences: false) : []
    // ASCII digits only: `Int("+3")` alone would accept a sign.
    guard isName(parts[0]), parts.count == 1 || (1...2).contains(range.count) && range.allSatisfy(\.isASCIIDigits),
      let first = parts.count == 1 ? 1 : Int(range[0]), first >= 1,
      let last = range.count == 2 ? Int(range[1]) : first, last >= first
    else {
      throw Diagnostic.error(
        .invalidEvidenceReference, "expected evidence like tickets, tickets#12 or tickets#12-40, found `\(text)`",
        at: span,
        notes: ["NAME#12 is row 12 (the header is not counted); NAME#12-40 is rows 12 to 40"])
    }
    return EvidenceReference(name: String(parts[0]), rows: parts.count == 1 ? nil : first...last)
  }

  /// Evidence names are identifiers: letters, digits, `_`, `-`, `.`, starting with a letter.
  public static func isName(_ text: some StringProtocol) -> Bool {
    guard let first = text.first, first.isLetter else { return false }
    return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
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
      throw Diagnostic.error(
        .invalidEvidenceReference,
        "\(name) has \(NumberFormat.integer(table.rowCount)) \(unit); there is no \(unit.dropLast()) \(rows.upperBound)",
        at: span)
    }
  }
}
