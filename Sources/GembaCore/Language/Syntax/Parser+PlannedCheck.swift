/// `action … --verify QUERY --target EXPR --after DATE`: the check that will judge the action,
/// parsed when the action is agreed, so a query or target that cannot work is refused then,
/// with its column, and not months later when the action is judged.
extension Parser {
  /// The planned check, or nil when none of the three options was given.
  static func plannedCheck(
    verify: (name: Token, values: [Token])?, target: (name: Token, values: [Token])?,
    after: (name: Token, values: [Token])?
  ) throws(Diagnostic) -> (check: PlannedCheck, afterSpan: SourceSpan)? {
    let given = [("--verify QUERY", verify), ("--target EXPR", target), ("--after YYYY-MM-DD", after)]
    guard given.contains(where: { $0.1 != nil }) else { return nil }
    let missing = given.filter { $0.1 == nil }.map(\.0)
    if let first = given.compactMap(\.1).first, !missing.isEmpty {
      throw .error(
        .missingOption,
        "a planned check needs --verify, --target and --after together (" + missing.joined(separator: ", ")
          + (missing.count == 1 ? " is" : " are") + " missing)", at: first.name.span,
        notes: [
          "example: --verify \"defects | where line = B | timeline found_at --every week\" --target \"<= 2 per week\" --after 2026-12-31"
        ])
    }
    guard let verify, let target, let after, let afterToken = after.values.first else { return nil }
    let source = try plannedQuery(verify.values, option: verify.name)
    let pipeline = try QueryPipeline.parse(source.stages)
    let (over, bucket) = overTime(pipeline.stages.last)
    guard over != nil else {
      throw .error(
        .invalidOptionValue,
        "a planned check must end in a result over time, so gemba can judge only the periods after the date",
        at: pipeline.spans.last ?? source.evidence.span,
        notes: [
          "end the query in `timeline COL --every week` (counts per period) or `spc COL --by week` (a control chart)"
        ])
    }
    let pieces = targetPieces(target.values)
    let parsed: CheckTarget
    do {
      parsed = try CheckTarget.parse(pieces.map(\.text))
    } catch {
      throw .error(
        .invalidOptionValue, "the target cannot be read: \(error.message)",
        at: pieces.isEmpty ? target.name.span : pieces[error.piece].span,
        notes: ["targets: " + CheckTarget.grammar])
    }
    if parsed.needsLimits, over != .chart {
      throw .error(
        .invalidOptionValue,
        "`\(pieces.map(\.text).joined(separator: " "))` reads control limits: the query must end in `spc COL --by week`",
        at: pieces.first?.span ?? target.name.span)
    }
    if case .value(_, _, _, let per?) = parsed, per != bucket {
      let span = pieces.last?.span ?? target.name.span
      throw .error(
        .invalidOptionValue,
        "the target is per \(per.rawValue) but the query "
          + (bucket.map { "counts per \($0.rawValue)" } ?? "does not say its period"),
        at: span,
        notes: [
          over == .chart
            ? "say it in the query: spc COL --by \(per.rawValue)"
            : "say it in the query: timeline COL --every \(per.rawValue)"
        ])
    }
    let date = try Parser.date(afterToken)
    let text = pieces.map(\.text).joined(separator: " ")
    return (PlannedCheck(query: source.text, target: text, after: date), afterToken.span)
  }

  enum OverTime { case counts, chart }

  /// Whether a pipeline's last stage is a result over time, and its period when it says one.
  static func overTime(_ stage: QueryStage?) -> (OverTime?, TimeBucket?) {
    switch stage?.overTime {
    case .counts(let every)?: (.counts, every)
    case .chart(let by)?: (.chart, by)
    case nil: (nil, nil)
    }
  }

  /// The query of `--verify`: typed bare (`--verify defects | where …`) or as one quoted string,
  /// whose text is read again with positions moved to where it stands in the line.
  static func plannedQuery(_ values: [Token], option: Token) throws(Diagnostic) -> QuerySource {
    var tokens = values
    if values.count == 1, values[0].kind == .string { tokens = try relex(values[0]) }
    guard tokens.contains(where: { $0.kind == .pipe }) else {
      throw .error(
        .invalidOptionValue, "--verify takes a query pipeline: NAME | … | timeline COL --every week",
        at: values.first?.span ?? option.span,
        notes: [
          "quote it when it holds options: --verify \"defects | where line = B | timeline found_at --every week\""
        ])
    }
    return try querySource(tokens)
  }

  /// The tokens inside a quoted string, placed where the string stands (one column past its quote).
  static func relex(_ token: Token) throws(Diagnostic) -> [Token] {
    let start = token.span.start
    func shift(_ p: SourcePosition) -> SourcePosition {
      p.line == 1
        ? SourcePosition(line: start.line, column: start.column + p.column)
        : SourcePosition(line: start.line + p.line - 1, column: p.column)
    }
    do {
      return try Lexer.tokenize(token.text).map { t in
        Token(kind: t.kind, text: t.text, span: SourceSpan(start: shift(t.span.start), end: shift(t.span.end)))
      }
    } catch {
      var moved = error
      moved.span = error.span.map { SourceSpan(start: shift($0.start), end: shift($0.end)) }
      throw moved
    }
  }

  /// The target's pieces with their places: words, an operator glued to its number split off.
  static func targetPieces(_ values: [Token]) -> [(text: String, span: SourceSpan)] {
    var out: [(text: String, span: SourceSpan)] = []
    for token in values {
      var parts: [(String, Int)] = []  // text and its column offset within the token's text
      if token.kind == .string {
        var offset = 0
        for word in token.text.split(separator: " ", omittingEmptySubsequences: false) {
          if !word.isEmpty { parts.append((String(word), offset + 1)) }  // past the opening quote
          offset += word.count + 1
        }
      } else {
        parts.append((token.text, 0))
      }
      for (text, offset) in parts {
        let op = text.prefix { "<>=".contains($0) }
        let column = token.span.start.column + offset
        func span(_ at: Int, _ length: Int) -> SourceSpan {
          SourceSpan(at: SourcePosition(line: token.span.start.line, column: column + at), length: length)
        }
        if !op.isEmpty, op.count < text.count {
          out.append((String(op), span(0, op.count)))
          out.append((String(text.dropFirst(op.count)), span(op.count, text.count - op.count)))
        } else {
          out.append((text, span(0, text.count)))
        }
      }
    }
    return out
  }
}
