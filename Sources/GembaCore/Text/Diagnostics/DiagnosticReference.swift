extension DiagnosticCode {
  /// The area a code's block of numbers belongs to: the two digits after the letter (`E03xx`).
  public enum Area: Int, CaseIterable, Sendable {
    case language = 1, evidence, queries, statistics, notebook, export, register, commandLine, investigation

    public var title: String {
      switch self {
      case .language: "The command language"
      case .evidence: "Loading evidence"
      case .queries: "Queries and metrics"
      case .statistics: "Statistics and charts"
      case .notebook: "The notebook, verify and replay"
      case .export: "Exports and the record"
      case .register: "The register and databases"
      case .commandLine: "The command line and files"
      case .investigation: "Changes the investigation refuses"
      }
    }
  }

  /// Nil only for a code outside every block, which `DiagnosticCodeTests` refuses.
  public var area: Area? {
    Int(rawValue.dropFirst().prefix(2)).flatMap(Area.init(rawValue:))
  }

  /// `docs/diagnostics.md`: every code with its one line, from this enum (a test keeps the file
  /// equal to this; `GEMBA_RECORD_DOCS=1 swift test --filter DiagnosticCode` rewrites it).
  public static func reference() -> String {
    var lines = [
      "# Diagnostic codes", "",
      "Every error and warning gemba prints carries a stable code, shown the way rustc and swiftc show",
      "theirs: ``error[E0301]: no column `x` in tickets``. The code names the kind of problem; the",
      "message's wording may be improved at any time, the code keeps its meaning. Scripts and tests",
      "should match the code. `E` codes are errors (the command is refused), `W` codes warnings (the",
      "result stands, with a caveat). A rejected command is printed on standard error and never recorded,",
      "so no notebook holds a code; a warning that goes with a result (a chart's provisional limits) is",
      "part of the recorded output and keeps its plain `warning:` line there, so recorded notebooks replay",
      "unchanged.", "",
      "Generated from `DiagnosticCode` (`Sources/GembaCore/Text/Diagnostics/DiagnosticCode.swift`).",
      "Do not edit by hand: `GEMBA_RECORD_DOCS=1 swift test --filter DiagnosticCode` rewrites it.", "",
    ]
    for area in Area.allCases {
      let codes = allCases.filter { $0.area == area }.sorted { $0.rawValue < $1.rawValue }
      guard !codes.isEmpty else { continue }
      lines += ["## \(area.title)", "", "| code | meaning |", "|---|---|"]
      lines += codes.map { "| \($0.code) | \($0.summary) |" }
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }
}
