/// A report drawn from the record (the 8D, and the record's corrective-action sections):
/// sections of neutral blocks holding plain text, so the Markdown and HTML forms say the
/// same thing and each escapes in its own way. What the record lacks is a `.missing` block,
/// never a guess.
struct ReportDocument: Sendable {
  var title: String
  /// The line under the title: kind, version, time, integrity.
  var subtitle: String
  /// A line under the subtitle in the alarm style (the integrity line when it does not verify).
  var alarm: String? = nil
  var sections: [ReportSection]
}

struct ReportSection: Sendable {
  /// `d0` … `d8`, or the record's anchor.
  var anchor: String
  var title: String
  var blocks: [ReportBlock]
}

enum ReportBlock: Sendable {
  /// Labelled values; a nil value shows as missing.
  case fields([(label: String, value: String?)])
  case paragraph(String)
  /// `MISSING: …` — something the report asks for that was not recorded.
  case missing(String)
  /// What undoes a claim the report makes (a broken sign-off, an overdue action, an
  /// unverified escape point): shown in the integrity line's alarm style.
  case alarm(String)
  case heading(String)
  /// A heading under a `heading` (an escape point under "Escape point").
  case subheading(String)
  case table(ReportTable)
  case list([String])
  /// Five-whys nodes with their children.
  case tree([Record.Node])
  /// Cited evidence as the record shows it (rows as tables, charts, excerpts).
  case evidence([Record.Citation])
}

struct ReportTable: Sendable {
  var header: [String]
  var rows: [[String]]
  /// Columns of ids, dates and cadences: never broken inside a word.
  var nowrap: Set<Int> = []
  /// Cells shown in the alarm style (a broken sign-off's meaning, an overdue date).
  var alarms: Set<Place> = []

  struct Place: Hashable, Sendable {
    var row: Int
    var column: Int
  }

  /// A cell the report asks for and the record lacks.
  static let missing = "MISSING"
}
