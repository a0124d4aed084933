/// The formats the record is written in (`export md|html|json|ipynb|dot`).
public enum RecordFormat: String, CaseIterable, Sendable {
  case md, html, json, ipynb, dot

  /// The usual file extension, for a default output name.
  public var fileExtension: String {
    switch self {
    case .md: "md"
    case .html: "html"
    case .json: "json"
    case .ipynb: "ipynb"
    case .dot: "dot"
    }
  }
}

/// The documents made from the record for readers outside gemba: `8d` (D0–D8; Markdown, or
/// HTML when the path ends `.html`/`.htm`) and `a3` (one landscape A3 page, HTML only).
/// Both read only the record, like every other export.
public enum ReportKind: String, CaseIterable, Sendable {
  case eightD = "8d"
  case a3

  /// Whether `path` asks for HTML (by its extension); anything else, stdout included, is Markdown.
  public static func wantsHTML(_ path: String) -> Bool {
    let lower = path.lowercased()
    return lower.hasSuffix(".html") || lower.hasSuffix(".htm")
  }
}

/// What `export FORMAT PATH` can write: the record in one of its formats, a report built from it,
/// or the SOP with the actions' changes. `export`'s usage, its completion and the shell's
/// `--format` all read `allCases`, so a new `RecordFormat` or `ReportKind` case needs no line here.
/// (The names live here, with the command that asks for them; how each is made is the record's:
/// `RecordFormat.renderer`, `ReportKind.render`, `SOPUpdater`.)
public enum ExportFormat: Hashable, Sendable, CaseIterable {
  case record(RecordFormat)
  case report(ReportKind)
  case sop

  public static var allCases: [ExportFormat] {
    RecordFormat.allCases.map(ExportFormat.record) + ReportKind.allCases.map(ExportFormat.report) + [.sop]
  }

  /// As typed after `export`: `md`, `8d`, `sop`.
  public var name: String {
    switch self {
    case .record(let format): format.rawValue
    case .report(let kind): kind.rawValue
    case .sop: "sop"
    }
  }

  public init?(name: String) {
    guard let format = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = format
  }

  /// Every name `export` takes, in order.
  public static let names = allCases.map(\.name)
}
