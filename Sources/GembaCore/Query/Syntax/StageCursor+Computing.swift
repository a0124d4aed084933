/// Parsing the stages that compute columns, join and summarise (see `StageCatalog.computing`).
extension StageCursor {
  /// `derive NAME = EXPR`.
  mutating func parseDerive() throws(Diagnostic) -> DeriveSpec {
    guard var nameToken = peek, nameToken.isValue, !nameToken.text.hasPrefix("=") else {
      throw error(
        .expressionSyntax, "`derive` needs a name for the new column", at: peek,
        notes: ["e.g. `derive cycle_days = days(ClosedDate - CreatedDate)`"])
    }
    if nameToken.kind == .word, let eq = nameToken.text.firstIndex(of: "="), eq != nameToken.text.startIndex {
      split(at: nameToken.text.distance(from: nameToken.text.startIndex, to: eq))
      nameToken = peek!
    }
    _ = next()
    guard let eq = peek, eq.kind == .word, eq.text.hasPrefix("=") else {
      throw error(
        .expressionSyntax, "expected `=` after `derive \(nameToken.text)`", at: peek,
        notes: ["e.g. `derive \(nameToken.text) = days(Closed - Opened)`"])
    }
    if eq.text.count > 1 { split(at: 1) }
    _ = next()
    var rest: [Token] = []
    while let t = next() { rest.append(t) }
    var parser = DeriveParser(rest, end: endSpan)
    return DeriveSpec(name: ColumnRef(nameToken.text, span: nameToken.span), expression: try parser.parse())
  }

  /// `extract COL "REGEX" as NAME`.
  mutating func parseExtract() throws(Diagnostic) -> ExtractSpec {
    let source = try column("a column to extract from")
    guard let pattern = next(), pattern.isValue, !pattern.text.isEmpty else {
      throw error(
        .querySyntax, "`extract` needs a regular expression after the column", at: peek,
        notes: ["e.g. `extract message \"user=(\\\\w+)\" as user`"])
    }
    guard next()?.text.lowercased() == "as" else {
      throw error(
        .querySyntax, "expected `as NAME` after the regular expression", at: peek,
        notes: ["e.g. `… as user`"])
    }
    let name = try column("a name for the new column")
    try expectEnd()
    return ExtractSpec(column: source, pattern: pattern.text, patternSpan: pattern.span, name: name)
  }

  /// `join OTHER on KEY [= OTHERKEY] [--left]`.
  mutating func parseJoin() throws(Diagnostic) -> JoinSpec {
    let other = try column("the evidence to join")
    guard let on = next(), on.text.lowercased() == "on" else {
      throw error(
        .querySyntax, "expected `on KEY` after `join \(other.name)`", at: peek,
        notes: ["e.g. `join \(other.name) on agent`"])
    }
    _ = on
    if let t = peek, t.kind == .word, let eq = t.text.firstIndex(of: "="), eq != t.text.startIndex {
      split(at: t.text.distance(from: t.text.startIndex, to: eq))
    }
    let key = try column("the key column")
    var otherKey: ColumnRef?
    if let t = peek, t.kind == .word, t.text.hasPrefix("=") {
      if t.text.count > 1 { split(at: 1) }
      _ = next()
      otherKey = try column("the key's name in \(other.name)")
    }
    var left = false
    while let t = next() {
      guard t.kind == .option, t.text == "left" || t.text == "inner" else {
        throw error(
          .unexpectedToken, "unexpected `\(t.kind == .option ? "--" + t.text : t.text)` after the key", at: t,
          notes: ["`--left` keeps the rows with no match; the key has the same name in both"])
      }
      left = t.text == "left"
    }
    return JoinSpec(other: other, key: key, left: left, otherKey: otherKey, table: nil)
  }

  /// `sum|avg|median|p90 COL [by COL…]`.
  mutating func parseAggregate(_ function: AggregateSpec.Function) throws(Diagnostic) -> AggregateSpec {
    let column = try column("a numeric column")
    var by: [ColumnRef] = []
    if let t = peek {
      guard t.text.lowercased() == "by" else {
        throw error(
          .querySyntax, "expected `by COL` after `\(function.rawValue) \(column.name)`, not `\(t.text)`",
          at: t)
      }
      _ = next()
      by = try columnList("a column to group by")
    }
    try expectEnd()
    return AggregateSpec(function: function, column: column, by: by)
  }

  /// `--percent row|col` after `count by A, B`, if given.
  mutating func percentOption() throws(Diagnostic) -> PercentBasis? {
    guard let t = peek else { return nil }
    guard t.kind == .option, t.text == "percent" else {
      throw error(
        .unexpectedToken, "unexpected `\(t.kind == .option ? "--" + t.text : t.text)` after `count by`",
        at: t,
        notes: ["`--percent row` or `--percent col` gives shares of the cross-tab's rows or columns"])
    }
    _ = next()
    let value = try optionValue(t)
    let text = value.text.lowercased()
    guard let basis = PercentBasis(rawValue: text == "column" ? "col" : (text == "rows" ? "row" : text)) else {
      throw error(.invalidOptionValue, "`--percent` is `row` or `col`, not `\(value.text)`", at: value)
    }
    try expectEnd()
    return basis
  }
}
