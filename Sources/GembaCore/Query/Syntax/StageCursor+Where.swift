extension StageCursor {
  var verbText: String { verbToken.text.lowercased() }
  var verbSpan: SourceSpan { verbToken.span }

  /// `COL OP VALUE [and|or COL OP VALUE]…`, with `and` binding tighter than `or`.
  mutating func parsePredicate() throws(Diagnostic) -> Predicate {
    var disjuncts: [Predicate] = []
    var conjuncts: [Predicate] = [.compare(try parseComparison())]
    var ignoreCase = false
    while let t = next() {
      if t.kind == .option {
        guard t.text == "ignore-case" || t.text == "i" else {
          throw error(
            .unknownOption, "`where` has no option `--\(t.text)`", at: t,
            notes: ["`--ignore-case` makes = != ~ !~ ignore letter case"])
        }
        ignoreCase = true
        continue
      }
      switch t.text.lowercased() {
      case "and": conjuncts.append(.compare(try parseComparison()))
      case "or":
        disjuncts.append(conjuncts.dropFirst().reduce(conjuncts[0]) { .and($0, $1) })
        conjuncts = [.compare(try parseComparison())]
      default:
        throw error(
          .querySyntax, "expected `and` or `or` between conditions, not `\(t.text)`", at: t,
          notes: ["quote a value that has spaces: where reason = \"wrong macro\""])
      }
    }
    disjuncts.append(conjuncts.dropFirst().reduce(conjuncts[0]) { .and($0, $1) })
    let predicate = disjuncts.dropFirst().reduce(disjuncts[0]) { .or($0, $1) }
    return ignoreCase ? predicate.ignoringCase() : predicate
  }

  private static let operatorChars: Set<Character> = ["=", "!", "<", ">", "~"]

  private mutating func parseComparison() throws(Diagnostic) -> Comparison {
    guard var columnToken = peek, columnToken.isValue else {
      throw error(.querySyntax, "expected a condition like `reopened = yes`", at: peek)
    }
    if columnToken.kind == .word, let i = columnToken.text.firstIndex(where: { Self.operatorChars.contains($0) }),
      i != columnToken.text.startIndex
    {
      split(at: columnToken.text.distance(from: columnToken.text.startIndex, to: i))
      columnToken = peek!
    }
    _ = next()
    guard var opToken = peek else {
      throw error(
        .querySyntax, "expected an operator after `\(columnToken.text)`", at: nil,
        notes: ["operators: = != < <= > >= ~ (regex)"])
    }
    var op: ComparisonOperator?
    if opToken.kind == .word {
      for candidate in ["!=", "<=", ">=", "==", "!~", "=", "<", ">", "~"] where opToken.text.hasPrefix(candidate) {
        op = candidate == "==" ? .equal : ComparisonOperator(rawValue: candidate)
        if opToken.text.count > candidate.count { split(at: candidate.count); opToken = peek! }
        break
      }
    }
    guard let op else {
      throw error(
        .querySyntax, "expected an operator (= != < <= > >= ~) after `\(columnToken.text)`, not `\(opToken.text)`",
        at: opToken)
    }
    _ = next()
    guard let value = next(), value.isValue else {
      throw error(
        .querySyntax, "expected a value after `\(op.rawValue)`", at: nil,
        notes: ["e.g. `where \(columnToken.text) \(op.rawValue) VALUE`"])
    }
    return Comparison(
      column: ColumnRef(columnToken.text, span: columnToken.span), op: op, value: value.text, valueSpan: value.span)
  }
}

extension Predicate {
  /// The same condition with every comparison ignoring letter case.
  func ignoringCase() -> Predicate {
    switch self {
    case .compare(var c):
      c.ignoreCase = true
      return .compare(c)
    case .and(let a, let b): return .and(a.ignoringCase(), b.ignoringCase())
    case .or(let a, let b): return .or(a.ignoringCase(), b.ignoringCase())
    }
  }
}
