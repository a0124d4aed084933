extension StageCursor {
  mutating func parseStage() throws(Diagnostic) -> QueryStage {
    let verb = verbText
    switch verb {
    case "where": return .filter(try parsePredicate())
    case "count":
      if atEnd { return .count(by: []) }
      guard peek?.text == "by" else {
        throw error(
          .querySyntax, "expected `by` after `count`", at: peek,
          notes: ["`count` alone counts rows; `count by team` counts per team"])
      }
      _ = next()
      let columns = try columnList("a column to count by")
      guard columns.count <= 2 else {
        throw Diagnostic.error(
          .querySyntax, "`count by` takes one or two columns", at: columns[2].span,
          notes: ["two columns give a cross-tab; filter with `where` for more"])
      }
      if let percent = try percentOption() {
        guard columns.count == 2 else {
          throw Diagnostic.error(
            .optionNotApplicable, "`--percent` needs a cross-tab: `count by A, B --percent row`",
            at: columns[0].span)
        }
        return .percentTable(rows: columns[0], columns: columns[1], basis: percent)
      }
      return .count(by: columns)
    case "sort":
      let column = try column("a column to sort by")
      var descending = false
      while let t = next() {
        switch t.text.lowercased() {
        case "desc", "descending": descending = true
        case "asc", "ascending": descending = false
        default: throw error(.querySyntax, "expected `desc` or `asc` after the column, not `\(t.text)`", at: t)
        }
      }
      return .sort(column, descending: descending)
    case "top":
      let n = try positiveInteger(for: "rows")
      try expectEnd()
      return .top(n)
    case "limit":
      let n = try positiveInteger(for: "rows")
      try expectEnd()
      return .limit(n)
    case "select":
      let columns = try columnList("the columns to keep")
      try expectEnd()
      return .select(columns)
    case "grep":
      var pattern: Token?
      var ignoreCase = false
      while let t = next() {
        if t.kind == .option && (t.text == "ignore-case" || t.text == "i") { ignoreCase = true; continue }
        guard pattern == nil, t.isValue else {
          throw error(.invalidOptionValue, "`grep` takes one pattern; quote it if it has spaces", at: t)
        }
        pattern = t
      }
      guard let pattern, !pattern.text.isEmpty else {
        throw error(
          .missingArgument, "`grep` needs a pattern", at: nil,
          notes: ["e.g. `grep timeout` or `grep \"time.?out\"`"])
      }
      return .grep(pattern: pattern.text, ignoreCase: ignoreCase, span: pattern.span)
    case "pareto":
      if peek?.text == "by" { _ = next() }
      let column = try column("a column to count by")
      var sum: ColumnRef?
      try options { name, cursor throws(Diagnostic) in
        guard name.text == "sum" else { return false }
        let value = try cursor.optionValue(name)
        sum = ColumnRef(value.text, span: value.span)
        return true
      }
      return .pareto(by: column, sum: sum)
    case "histogram":
      let column = try column("a numeric column")
      var bins: Int?
      try options { name, cursor throws(Diagnostic) in
        guard name.text == "bins" else { return false }
        let value = try cursor.optionValue(name)
        guard let n = Int(value.text), (1...200).contains(n) else {
          throw cursor.error(
            .invalidOptionValue, "`--bins` takes a whole number from 1 to 200, not `\(value.text)`",
            at: value)
        }
        bins = n
        return true
      }
      return .histogram(column, bins: bins)
    case "timeline":
      let column = try column("a date/time column")
      var every: TimeBucket?
      var spanEvidence = false
      try options { name, cursor throws(Diagnostic) in
        switch name.text {
        case "every":
          every = try cursor.bucket(name, allowed: TimeBucket.allCases)
        case "span":
          let value = try cursor.optionValue(name)
          guard ["rows", "evidence"].contains(value.text) else {
            throw cursor.error(
              .invalidOptionValue,
              "`--span` is rows (the matching rows' dates, the default) or evidence (the whole file's), not `\(value.text)`",
              at: value)
          }
          spanEvidence = value.text == "evidence"
        default:
          return false
        }
        return true
      }
      return .timeline(column, every: every, spanEvidence: spanEvidence)
    case "spc": return try parseControlChart()
    case "compare": return .compare(try parseCompare())
    case "capability": return .capability(try parseCapability())
    case "derive": return .derive(try parseDerive())
    case "extract": return .extract(try parseExtract())
    case "join": return .join(try parseJoin())
    case "distinct":
      let columns = try columnList("the columns whose values to list")
      try expectEnd()
      return .distinct(columns)
    case "sum", "avg", "median", "p90":
      return .aggregate(try parseAggregate(AggregateSpec.Function(rawValue: verb)!))
    default:
      var notes = ["stages: " + QueryPipeline.verbs.joined(separator: ", ")]
      if let near = Suggestions.note(for: verb, in: QueryPipeline.verbs) { notes.insert(near, at: 0) }
      throw Diagnostic.error(.unknownStage, "unknown query stage `\(verb)`", at: verbSpan, notes: notes)
    }
  }

  /// Reads `--name value` options until the end; `handle` returns false for unknown names.
  mutating func options(_ handle: (Token, inout StageCursor) throws(Diagnostic) -> Bool) throws(Diagnostic) {
    while let t = next() {
      guard t.kind == .option else {
        throw error(
          .unexpectedToken, "unexpected `\(t.text)`", at: t, notes: ["`help \(verbText)` shows what it takes"])
      }
      guard try handle(t, &self) else {
        throw error(.unknownOption, "`\(verbText)` has no option `--\(t.text)`", at: t)
      }
    }
  }

  mutating func bucket(_ option: Token, allowed: [TimeBucket]) throws(Diagnostic) -> TimeBucket {
    let value = try optionValue(option)
    guard let b = TimeBucket(rawValue: value.text.lowercased()), allowed.contains(b) else {
      throw error(
        .invalidOptionValue,
        "`--\(option.text)` is one of \(allowed.map(\.rawValue).joined(separator: ", ")), not `\(value.text)`",
        at: value)
    }
    return b
  }
}
