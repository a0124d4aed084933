/// What `export FORMAT PATH` can write: the record in one of its formats, a report built from it,
/// or the SOP with the actions' changes. `export`'s usage, its completion and the shell's
/// `--format` all read `allCases`, so a new `RecordFormat` or `ReportKind` case needs no line here.
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
}
