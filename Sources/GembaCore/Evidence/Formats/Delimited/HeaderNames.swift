/// Makes header names usable as column names: trimmed, non-empty and unique.
enum HeaderNames {
  struct Result {
    var names: [String]
    var problems: [LocalProblem]
  }

  /// Names from one or two header records; `line` is the header's first line.
  static func make(_ records: [[String]], line: Int, offset: Int) -> Result {
    guard let last = records.last else { return Result(names: [], problems: []) }
    var raw = last.map(trim)
    if records.count == 2 {
      // Two header rows (a section row above the names): "Aircraft 1.Make Model Name".
      var section = ""
      for i in raw.indices {
        let s = i < records[0].count ? trim(records[0][i]) : ""
        if !s.isEmpty { section = s }
        if !section.isEmpty && !raw[i].isEmpty { raw[i] = section + "." + raw[i] }
      }
    }
    var problems: [LocalProblem] = []
    var used = Set<String>()
    var names: [String] = []
    for (i, name) in raw.enumerated() where !name.isEmpty { _ = i; used.insert(name) }
    var seen = Set<String>()
    for (i, name) in raw.enumerated() {
      var final = name
      if name.isEmpty {
        final = unique("column_\(i + 1)", &used)
        problems.append(
          LocalProblem(
            kind: .emptyHeader, row: nil, line: line, column: i + 1, offset: offset,
            message: "empty header name; column \(i + 1) is called `\(final)`", action: .renamed))
      } else if seen.contains(name) {
        final = unique(name + "_2", &used)
        problems.append(
          LocalProblem(
            kind: .duplicateHeader, row: nil, line: line, column: i + 1, offset: offset,
            message: "duplicate header name `\(name)`; column \(i + 1) is called `\(final)`", action: .renamed))
      }
      seen.insert(name)
      names.append(final)
    }
    return Result(names: names, problems: problems)
  }

  private static func unique(_ candidate: String, _ used: inout Set<String>) -> String {
    var name = candidate
    var n = 2
    while used.contains(name) {
      n += 1
      name = candidate.hasSuffix("_2") ? String(candidate.dropLast(2)) + "_\(n)" : candidate + "_\(n)"
    }
    used.insert(name)
    return name
  }

  static func trim(_ s: String) -> String {
    var sub = Substring(s)
    while let f = sub.first, f == " " || f == "\t" { sub = sub.dropFirst() }
    while let l = sub.last, l == " " || l == "\t" { sub = sub.dropLast() }
    return String(sub)
  }

  /// A header that looks like a title above the real header: only its first cell is filled.
  static func looksLikeTitle(_ header: [String], next: [String]?) -> Bool {
    guard header.count >= 2, !trim(header[0]).isEmpty, header.dropFirst().allSatisfy({ trim($0).isEmpty }),
      let next, next.count == header.count
    else { return false }
    return next.allSatisfy { !trim($0).isEmpty }
  }

  /// A header whose names repeat a lot, the way a section row above the real names does.
  static func looksLikeSectionRow(_ header: [String]) -> Bool {
    let names = header.map(trim).filter { !$0.isEmpty }
    guard names.count >= 6 else { return false }
    return Set(names).count * 2 <= names.count
  }
}
