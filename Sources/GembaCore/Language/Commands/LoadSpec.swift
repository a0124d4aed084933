/// `load PATH [as NAME] [--format F] [--sheet NAME|N] [--header-rows N] [--skip N]`.
public struct LoadSpec: Hashable, Sendable {
  public var path: Located<String>
  public var name: Located<String>?
  public var format: Located<String>?
  /// Header rows above the data (0, 1 or 2); nil: one.
  public var headerRows: Located<Int>?
  /// Lines to skip before the header (a title row); nil: none.
  public var skip: Located<Int>?
  /// `--delimiter C` (`,` `;` `tab` `pipe` …); nil: sniffed.
  public var delimiter: Located<String>? = nil
  /// `--encoding E` (`utf-8`, `utf-16`, `windows-1252`, `latin1`); nil: detected.
  public var encoding: Located<String>? = nil
  /// `--date-format COL=FORMAT …`, as written.
  public var dateFormats: [Located<String>] = []
  /// `--pattern REGEX`: a log layout whose named groups become columns.
  public var pattern: Located<String>? = nil
  /// The workbook sheet, by name or 1-based position; nil: the first worksheet.
  public var sheet: Located<String>? = nil
  /// `load sql "QUERY" --db URL as NAME`: the query and server behind the CSV snapshot at `path`.
  public var sql: SQLLoadSpec? = nil
  /// `--through DATE`: the last day the extract covers, when it ends before the day it is loaded.
  public var through: Located<CalendarDate>? = nil
  public init(
    path: Located<String>, name: Located<String>? = nil, format: Located<String>? = nil,
    headerRows: Located<Int>? = nil, skip: Located<Int>? = nil
  ) {
    self.path = path
    self.name = name
    self.format = format
    self.headerRows = headerRows
    self.skip = skip
  }
}
