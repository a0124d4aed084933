/// How to read a file beyond its format: header rows, title rows, threads.
public struct LoadOptions: Hashable, Sendable {
  /// Records that hold column names: 1 (default), 2 (a section row above the names, combined as
  /// "Section.Name"), or 0 (no header; columns are `column_1`, `column_2`, …).
  public var headerRows: Int
  /// Records to skip before the header (a title row above it).
  public var skipRows: Int
  /// Scan large files on all cores (results are identical either way).
  public var parallel: Bool
  /// The workbook sheet to load, by name or 1-based position (`"2"`); nil: the first worksheet.
  public var sheet: String?

  public init(headerRows: Int = 1, skipRows: Int = 0, parallel: Bool = true, sheet: String? = nil) {
    self.headerRows = max(0, min(headerRows, 2))
    self.skipRows = max(0, skipRows)
    self.parallel = parallel
    self.sheet = sheet
  }
}

/// A loaded table and everything that was wrong with the file.
public struct LoadResult: Sendable {
  public var table: EvidenceTable
  /// Problems, in file order within each kind; long lists are cut (see `problemCount`).
  public var problems: [EvidenceProblem]
  /// How many problems there were in all, listed or not.
  public var problemCount: Int
}
