#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decides each column's type and format from all its values.
///
/// Every reading (integer, decimal, numbers with separators, booleans, each date layout) is tried
/// on every non-empty trimmed cell, counting the cells it fails on; a reading that fails on more
/// than a quarter of the cells drops out (checked as the scan goes, so text columns cost a few
/// dozen cells). The reading that fails least wins (ties go to the earlier, narrower one), and its
/// failures are reported — a mostly-date column with a few bad cells is a date column with a few
/// missing values, never silently text.
enum ColumnTypeInference {
  enum Test {
    case integer, decimal, boolean, iso
    case number(NumberPattern)
    case date(DatePattern)
    case given(ValueReader)
  }

  struct Candidate {
    let type: ColumnType
    let format: ValueFormat
    let test: Test
    /// The index of the same layout with day and month swapped.
    var twin: Int? = nil
    var failures = 0
    var examples: [ColumnProfile.Unparsed] = []
    var alive = true
    var integral = true
    var low = Double.infinity, high = -Double.infinity
  }

  /// The date layouts tried, month-first before day-first (the reading chosen when both fit).
  static let dateLayouts: [(String, String?)] = {
    let dates: [(String, String?)] = [
      ("%m/%d/%Y", "%d/%m/%Y"), ("%d/%m/%Y", "%m/%d/%Y"), ("%d.%m.%Y", nil),
      ("%m-%d-%Y", "%d-%m-%Y"), ("%d-%m-%Y", "%m-%d-%Y"),
      ("%m/%d/%y", "%d/%m/%y"), ("%d/%m/%y", "%m/%d/%y"), ("%d.%m.%y", nil),
    ]
    let times = ["", " %I:%M:%S %p", " %I:%M %p", " %H:%M:%S", " %H:%M"]
    var out: [(String, String?)] = []
    for (d, twin) in dates { for t in times { out.append((d + t, twin.map { $0 + t })) } }
    out += [
      ("%b %d %H:%M:%S", nil), ("%a %b %d %H:%M:%S %Y", nil), ("%b %d %Y %H:%M:%S", nil),
      ("%d/%b/%Y:%H:%M:%S %z", nil), ("%a, %d %b %Y %H:%M:%S %z", nil),
    ]
    return out
  }()

  static let standardCandidates: [Candidate] = {
    var list: [Candidate] = [
      Candidate(type: .integer, format: .standard, test: .integer),
      Candidate(type: .decimal, format: .standard, test: .decimal),
      Candidate(type: .decimal, format: .number(.point), test: .number(.point)),
      Candidate(type: .decimal, format: .number(.comma), test: .number(.comma)),
      Candidate(type: .boolean, format: .standard, test: .boolean),
      Candidate(type: .dateTime, format: .standard, test: .iso),
    ]
    let first = list.count
    let layouts = dateLayouts
    for (layout, _) in layouts {
      let pattern = try! DatePattern(layout)
      list.append(Candidate(type: .dateTime, format: .date(pattern), test: .date(pattern)))
    }
    for (k, (_, twin)) in layouts.enumerated() {
      if let twin, let j = layouts.firstIndex(where: { $0.0 == twin }) { list[first + k].twin = first + j }
    }
    return list
  }()

  static func profile(_ table: EvidenceTable, column: Int, given: ValueFormat? = nil) -> ColumnProfile {
    var scan = startScan(given: given)
    let base = table.base
    var row = 0
    // One pass over the column's cells; it stops early once no reading is left (text).
    outer: for (s, segment) in table.segments.enumerated() {
      let cursor = segment.cursor(s)
      for local in 0..<segment.rowCount {
        if scan.active.isEmpty { break outer }
        withTrimmedBytes(base, table.value(cursor, local: local, column: column)) { p, n in
          if n > 0 { scan.visit(p, n, row: row) }
        }
        row += 1
      }
    }
    return profile(after: scan, name: table.columns[column], given: given)
  }

  /// A scan of one column before its first cell. `visit` its non-empty trimmed cells in row
  /// order (none once `active` is empty), then `profile(after:)`: a reader that meets the cells
  /// as it reads the file (`readLog`'s times) gets what `profile(_:column:)` gives.
  static func startScan(given: ValueFormat? = nil) -> Scan {
    if let given {
      let reader = ValueReader(type: .dateTime, format: given)
      return Scan(candidates: [Candidate(type: .dateTime, format: given, test: .given(reader))], killing: false)
    }
    return Scan(candidates: standardCandidates, killing: true)
  }

  /// The column's type and format from a finished scan.
  static func profile(after scan: Scan, name: String, given: ValueFormat? = nil) -> ColumnProfile {
    let candidates = scan.candidates
    let values = scan.values
    guard values > 0 else { return ColumnProfile(type: .text) }
    if let given {
      let c = candidates[0]
      return ColumnProfile(
        type: .dateTime, format: given, values: values, unparsed: c.failures, examples: c.examples, given: true)
    }
    var best: Int? = nil
    for k in candidates.indices where candidates[k].alive && candidates[k].failures * 4 <= values {
      if best == nil || candidates[k].failures < candidates[best!].failures { best = k }
    }
    guard let best else { return textProfile(candidates, values: values, name: name) }
    let winner = candidates[best]
    var profile = ColumnProfile(
      type: winner.type, format: winner.format, values: values, unparsed: winner.failures,
      examples: winner.examples)
    if case .number = winner.format, winner.integral { profile.type = .integer }
    if winner.type.isNumeric, winner.format == .standard, let epoch = epochFormat(name, candidates[1]) {
      profile.type = .dateTime
      profile.format = epoch
      profile.note = "read as \(epoch) (the column is named like a time); give --date-format to read it otherwise"
    }
    if let note = orderNote(winner, candidates, name: name) { profile.note = note }
    return profile
  }

  /// For a day/month layout: whether every value also read the other way round (ambiguous), or
  /// some values only read the other way (the column mixes them).
  static func orderNote(_ winner: Candidate, _ candidates: [Candidate], name: String) -> String? {
    guard let twin = winner.twin, case .date(let mine) = winner.format, case .date(let other) = candidates[twin].format
    else { return nil }
    let order = mine.layout.hasPrefix("%m") ? "month first" : "day first"
    if candidates[twin].alive && candidates[twin].failures == 0 && winner.failures == 0 {
      return
        "every value reads both day first and month first; read \(order) (\(mine.layout)); --date-format \(name)=\(other.layout) reads them the other way"
    }
    if let mixed = winner.examples.first(where: { other.parse($0.text) != nil }) {
      return
        "the column mixes day-first and month-first dates: read \(order) (\(mine.layout)), `\(mixed.text)` (row \(mixed.row + 1)) reads only the other way"
    }
    return nil
  }

  /// A column no reading fits: text, with a note when most values did read one way (so the
  /// fallback is never silent).
  static func textProfile(_ candidates: [Candidate], values: Int, name: String) -> ColumnProfile {
    var profile = ColumnProfile(type: .text, values: values)
    guard
      let best = candidates.indices.filter({ candidates[$0].failures * 2 < values }).min(by: {
        candidates[$0].failures < candidates[$1].failures
      })
    else { return profile }
    let c = candidates[best]
    let what = c.format == .standard ? c.type.label : "\(c.type.label) (\(c.format))"
    let listed = c.examples.map { "row \($0.row + 1) `\($0.text)`" }.joined(separator: ", ")
    var note =
      "kept as text: \(NumberFormat.integer(values - c.failures)) of \(NumberFormat.integer(values)) values read as \(what), \(NumberFormat.integer(c.failures)) did not (\(listed)\(c.failures > c.examples.count ? ", …" : ""))"
    if let order = orderNote(c, candidates, name: name) { note += "; " + order }
    if c.type == .dateTime { note += "; --date-format \(name)=FORMAT reads them as dates" }
    profile.note = note
    return profile
  }

  /// Epoch seconds or milliseconds, for a numeric column named like a time whose values all fall
  /// between 1973 and 2100 in that unit.
  static func epochFormat(_ name: String, _ decimal: Candidate) -> ValueFormat? {
    let lower = name.lowercased()
    let timeLike =
      ["time", "date", "epoch", "stamp", "created", "updated", "modified"].contains { lower.contains($0) }
      || lower == "ts" || lower.hasSuffix("_ts") || lower.hasSuffix("_at") || lower.hasSuffix("_on")
    guard timeLike, decimal.failures == 0, decimal.low <= decimal.high else { return nil }
    if decimal.low >= 1e8 && decimal.high <= 4.2e9 { return .epochSeconds }
    if decimal.low >= 1e11 && decimal.high <= 4.2e12 { return .epochMilliseconds }
    return nil
  }
}
