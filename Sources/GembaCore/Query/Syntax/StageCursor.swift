extension QueryPipeline {
  /// Parses pipeline stages, each the tokens between two `|` (the evidence name excluded).
  ///
  /// `[[where, reopened, =, yes], [count, by, team]]` → `where` then `count by`. With the table's
  /// `columns`, a stage that fails where a column name with a space was typed bare says to quote it
  /// (`evidence`: the name, so a one-stage shorthand, `pareto t by …`, is shown as typed).
  public static func parse(_ stages: [[Token]], columns: [String] = [], evidence: Token? = nil) throws(Diagnostic)
    -> QueryPipeline
  {
    var parsed: [QueryStage] = []
    var spans: [SourceSpan] = []
    // The names a later stage may use: the table's, then those `derive` and `extract` make.
    var columns = columns
    for tokens in stages {
      let verbToken = tokens.first { $0.kind != .pipe }
      guard let verbToken else {
        throw Diagnostic.error(
          .querySyntax, "empty stage in the pipeline", notes: ["write a stage after `|`, e.g. `| count by team`"])
      }
      if let last = parsed.last, last.endsPipeline {
        throw Diagnostic.error(
          .querySyntax, "`\(verbToken.text)` cannot follow a stage that ends the pipeline",
          at: verbToken.span,
          notes: ["count (or count by A, B) and the charts print a result; put them last"])
      }
      let words = tokens.filter { $0.kind != .pipe }
      var cursor = StageCursor(words)
      do {
        parsed.append(try cursor.parseStage())
        if let made = parsed.last?.madeColumn { columns.append(made) }
      } catch {
        throw spacedColumnName(in: words, columns: columns, evidence: evidence) ?? error
      }
      spans.append(verbToken.span)
    }
    guard !parsed.isEmpty else {
      throw Diagnostic.error(.querySyntax, "a query needs at least one stage, e.g. `| count`")
    }
    return QueryPipeline(stages: parsed, spans: spans)
  }
}

/// Reads one stage's tokens, splitting words where an operator or comma is glued to a name.
struct StageCursor {
  private var tokens: [Token]
  private var index = 0
  let verbToken: Token

  init(_ tokens: [Token]) {
    self.verbToken = tokens[0]
    self.tokens = Array(tokens.dropFirst())
  }

  var atEnd: Bool { index >= tokens.count }
  var peek: Token? { atEnd ? nil : tokens[index] }

  /// Where a missing argument would have gone: just after the last token.
  var endSpan: SourceSpan {
    let last = tokens.last ?? verbToken
    return SourceSpan(at: last.span.end, length: 1)
  }

  mutating func next() -> Token? {
    guard let t = peek else { return nil }
    index += 1
    return t
  }

  /// Replaces the current word with its pieces split at `offset` characters.
  mutating func split(at offset: Int) {
    let t = tokens[index]
    let chars = Array(t.text)
    let left = Token(kind: t.kind, text: String(chars[..<offset]), span: Self.sub(t.span, offset: 0, length: offset))
    let right = Token(
      kind: t.kind, text: String(chars[offset...]), span: Self.sub(t.span, offset: offset, length: chars.count - offset)
    )
    tokens.replaceSubrange(index...index, with: [left, right].filter { !$0.text.isEmpty })
  }

  static func sub(_ span: SourceSpan, offset: Int, length: Int) -> SourceSpan {
    guard span.start.line == span.end.line else { return span }
    return SourceSpan(
      start: SourcePosition(line: span.start.line, column: span.start.column + offset),
      end: SourcePosition(line: span.start.line, column: span.start.column + offset + max(length, 1)))
  }

  func error(_ code: DiagnosticCode, _ message: String, at token: Token?, notes: [String] = []) -> Diagnostic {
    Diagnostic.error(code, message, at: token?.span ?? endSpan, notes: notes)
  }

  /// An option's value: `--bins 10`.
  mutating func optionValue(_ option: Token) throws(Diagnostic) -> Token {
    guard let value = next(), value.isValue else {
      throw error(
        .missingArgument, "`--\(option.text)` needs a value", at: peek,
        notes: ["e.g. `--\(option.text) \(Self.example(option.text))`"])
    }
    return value
  }

  static func example(_ option: String) -> String {
    switch option {
    case "bins": return "10"
    case "every": return "day"
    case "by": return "week"
    case "rules": return "nelson"
    case "sum": return "cost"
    default: return "VALUE"
    }
  }

  /// A positive whole number argument.
  mutating func positiveInteger(for what: String) throws(Diagnostic) -> Int {
    guard let t = next() else {
      throw error(
        .missingArgument, "`\(verbToken.text)` needs a number of \(what)", at: nil,
        notes: ["e.g. `\(verbToken.text) 10`"])
    }
    guard let n = Int(t.text), n > 0 else {
      throw error(
        .querySyntax, "expected a positive whole number of \(what), not `\(t.text)`", at: t,
        notes: ["e.g. `\(verbToken.text) 10`"])
    }
    return n
  }

  /// One column name (a word or a quoted string).
  mutating func column(_ purpose: String) throws(Diagnostic) -> ColumnRef {
    guard let t = next() else {
      throw error(
        .missingArgument, "`\(verbToken.text)` needs \(purpose)", at: nil, notes: ["e.g. `\(verbToken.text) team`"])
    }
    guard t.isValue else { throw error(.querySyntax, "expected \(purpose), not `--\(t.text)`", at: t) }
    return ColumnRef(t.text, span: t.span)
  }

  /// Column names separated by commas or spaces: `team, channel`, `team,channel`.
  mutating func columnList(_ purpose: String) throws(Diagnostic) -> [ColumnRef] {
    var columns: [ColumnRef] = []
    while let t = peek, t.isValue {
      if t.kind == .word, t.text.count > 1, let comma = t.text.firstIndex(of: ",") {
        let offset = t.text.distance(from: t.text.startIndex, to: comma)
        if offset == 0 { split(at: 1) } else { split(at: offset) }
        continue
      }
      _ = next()
      if t.kind == .word && t.text == "," { continue }
      columns.append(ColumnRef(t.text, span: t.span))
    }
    if columns.isEmpty {
      throw error(
        .missingArgument, "`\(verbToken.text)` needs \(purpose)", at: peek, notes: ["e.g. `\(verbToken.text) team`"])
    }
    return columns
  }

  mutating func expectEnd() throws(Diagnostic) {
    if let extra = peek {
      throw error(
        .unexpectedToken,
        "unexpected `\(extra.kind == .option ? "--" + extra.text : extra.text)` after `\(verbToken.text)`", at: extra,
        notes: ["`help \(verbToken.text)` shows what it takes"])
    }
  }
}
