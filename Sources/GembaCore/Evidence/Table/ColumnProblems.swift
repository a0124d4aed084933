/// What loading says about column types: values that did not read as their column's type, readings
/// that were a choice (day or month first), and a `--date-format` that reads nothing (refused).
enum ColumnProblems {
  static func list(_ profiles: [ColumnProfile], columns: [Int], in table: EvidenceTable) throws(EvidenceError)
    -> [EvidenceProblem]
  {
    var out: [EvidenceProblem] = []
    for (profile, c) in zip(profiles, columns) {
      let name = table.columns[c]
      let what = describe(profile)
      if profile.given && profile.values > 0 && profile.unparsed == profile.values, let first = profile.examples.first {
        throw EvidenceError(
          EvidenceProblem(
            .invalidOption, file: table.path, row: first.row + 1, line: table.lineNumber(ofRow: first.row),
            column: c + 1,
            message:
              "no value of `\(name)` reads as --date-format \(profile.format): the first is `\(first.text)`; nothing was loaded",
            action: .refused),
          hint:
            "give the format the values are written in, e.g. --date-format \(name)=%m/%d/%Y %I:%M:%S %p for 12/31/2017 11:59:58 PM"
        )
      }
      if profile.unparsed > 0, let first = profile.examples.first {
        let listed = profile.examples.map { "row \($0.row + 1) `\($0.text)`" }.joined(separator: ", ")
        let more = profile.unparsed > profile.examples.count ? ", …" : ""
        out.append(
          EvidenceProblem(
            .unreadValues, file: table.path, row: first.row + 1, line: table.lineNumber(ofRow: first.row),
            column: c + 1,
            message:
              "`\(name)` is \(what): \(NumberFormat.integer(profile.unparsed)) of \(NumberFormat.integer(profile.values)) values did not read as it and count as missing (\(listed)\(more))",
            action: .loaded))
      }
      if let note = profile.note {
        out.append(
          EvidenceProblem(
            .ambiguousValues, file: table.path, column: c + 1, message: "`\(name)`: \(note)", action: .loaded))
      }
    }
    return out
  }

  /// `date/time (%m/%d/%Y %I:%M:%S %p)`, `decimal (1.234,56)`, `integer`.
  static func describe(_ profile: ColumnProfile) -> String {
    profile.format == .standard || profile.type == .text
      ? profile.type.label : "\(profile.type.label) (\(profile.format))"
  }
}
