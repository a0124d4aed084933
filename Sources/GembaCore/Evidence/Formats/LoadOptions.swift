/// How to read a file beyond its format: header rows, title rows, dialect, encoding, formats.
public struct LoadOptions: Hashable, Sendable {
  /// Records that hold column names: 1 (default), 2 (a section row above the names, combined as
  /// "Section.Name"), or 0 (no header; columns are `column_1`, `column_2`, …).
  public var headerRows: Int
  /// Records to skip before the header (a title row above it).
  public var skipRows: Int
  /// Scan large files on all cores (results are identical either way).
  public var parallel: Bool
  /// The field delimiter of a CSV file; nil: sniffed from the first lines (comma, semicolon, tab, pipe).
  public var delimiter: UInt8?
  /// The text encoding; nil: detected (UTF-8, UTF-16 with a BOM, else Windows-1252 when the bytes
  /// are not UTF-8).
  public var encoding: TextEncoding?
  /// Date formats by column name (`CreatedDate` → `%m/%d/%Y %I:%M:%S %p`): strftime layouts, or
  /// `epoch`, `epoch-ms`, `excel`. A given format overrides the one gemba would choose.
  public var dateFormats: [String: String]
  /// A log layout: a regular expression whose named groups become columns (`(?<time>…)`).
  public var pattern: String?
  /// Decide every column's type at load (for the load's report); false leaves it to the first
  /// query that needs it (given `dateFormats` are still checked at load).
  public var profileColumns = true

  /// The bytes read at a time when a file is streamed (`StreamedLoad`); small in tests, so that
  /// lines, times and CRLFs straddle chunks.
  var chunkBytes = StreamedLoad.chunk

  /// The workbook sheet to load, by name or 1-based position (`"2"`); nil: the first worksheet.
  public var sheet: String?

  public init(
    headerRows: Int = 1, skipRows: Int = 0, parallel: Bool = true, delimiter: UInt8? = nil,
    encoding: TextEncoding? = nil, dateFormats: [String: String] = [:], pattern: String? = nil,
    sheet: String? = nil
  ) {
    self.sheet = sheet
    self.headerRows = max(0, min(headerRows, 2))
    self.skipRows = max(0, skipRows)
    self.parallel = parallel
    self.delimiter = delimiter
    self.encoding = encoding
    self.dateFormats = dateFormats
    self.pattern = pattern
  }
}

/// A loaded table and everything that was wrong with the file.
public struct LoadResult: Sendable {
  public var table: EvidenceTable
  /// Problems, in file order within each kind; long lists are cut (see `problemCount`).
  public var problems: [EvidenceProblem]
  /// How many problems there were in all, listed or not.
  public var problemCount: Int
  /// Each column's type, format and unread values, as the load decided them.
  public var profiles: [ColumnProfile] = []
}
