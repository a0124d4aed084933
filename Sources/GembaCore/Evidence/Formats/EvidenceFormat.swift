/// The kinds of evidence file gemba reads.
public enum EvidenceFormat: String, Sendable, Hashable, CaseIterable, Codable {
  /// RFC 4180 comma-separated values (quoted fields may hold commas, quotes and newlines).
  case csv
  /// Tab-separated values without quoting; backslash escapes as PostgreSQL TEXT and Zeek write them.
  case tsv
  /// JSON Lines: one JSON object per line; the columns are the union of the keys.
  case jsonl
  /// An application log: one row per line, with `time`, `level` and `message` when lines start with
  /// an ISO-8601 time. A Zeek log (`#separator` header) loads as its `#fields` columns.
  case log
  /// Records of `Key: value` lines separated by blank lines (apt's history log, dpkg's status,
  /// Debian control files): one row per record, a column per key. A `log` whose lines are such
  /// records is read so too.
  case records
  /// Plain text notes: one row per line.
  case text
  /// Markdown notes: one row per line.
  case md
  /// An Excel workbook (.xlsx, .xlsm): one sheet's cells, dates from their cell style as ISO-8601.
  case xlsx

  /// What `--format` takes, in this order: `load`'s choices, usage and messages all come from here,
  /// so a new format is offered everywhere once it is a case.
  public static let names: [String] = allCases.map(\.rawValue)

  /// The format a file's extension implies (`tickets.CSV` → `.csv`), or nil when it implies none.
  public init?(pathExtension: String) {
    switch pathExtension.lowercased() {
    case "csv": self = .csv
    case "tsv", "tab": self = .tsv
    case "jsonl", "ndjson", "json": self = .jsonl
    case "log": self = .log
    case "txt", "text": self = .text
    case "md", "markdown": self = .md
    case "xlsx", "xlsm": self = .xlsx
    default: return nil
    }
  }

  /// The format for a path, from the text after its last dot.
  public init?(path: String) {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return nil }
    self.init(pathExtension: String(file[file.index(after: dot)...]))
  }

  /// True for the formats whose rows are lines of text rather than records with fields.
  public var isLineOriented: Bool {
    switch self {
    case .log, .text, .md: return true
    case .csv, .tsv, .jsonl, .xlsx, .records: return false
    }
  }
}
