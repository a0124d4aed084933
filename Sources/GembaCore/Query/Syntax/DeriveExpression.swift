/// The expression of a `derive` stage: `days(ClosedDate - CreatedDate)`, `cost / units`,
/// `if(priority = high, 1, 0)`, `if(robot = "" or agent ~ "bot", 1, 0)`. Each node keeps where
/// it was typed, so an error points at it. `not X` is the call `not` of one argument.
public indirect enum DeriveExpression: Hashable, Sendable {
  case number(Double, SourceSpan)
  /// A date written in the expression (`when >= 2026-03-01`): an instant, never `2026 - 3 - 1`.
  case date(Double, SourceSpan)
  case text(String, SourceSpan)
  case column(ColumnRef)
  case unary(minus: DeriveExpression, SourceSpan)
  case binary(DeriveOperator, DeriveExpression, DeriveExpression, SourceSpan)
  case call(String, [DeriveExpression], SourceSpan)

  public var span: SourceSpan {
    switch self {
    case .number(_, let s), .date(_, let s), .text(_, let s), .unary(_, let s), .binary(_, _, _, let s),
      .call(_, _, let s):
      return s
    case .column(let c): return c.span
    }
  }

  /// The patterns of its `~` and `!~`.
  var patterns: [String] {
    switch self {
    case .number, .date, .text, .column: return []
    case .unary(let e, _): return e.patterns
    case .binary(let op, let a, let b, _):
      var own: [String] = []
      if op == .matches || op == .notMatches, case .text(let p, _) = b { own = [p] }
      return own + a.patterns + b.patterns
    case .call(_, let args, _): return args.flatMap(\.patterns)
    }
  }

  /// Every column the expression reads.
  var columns: [ColumnRef] {
    switch self {
    case .number, .date, .text: return []
    case .column(let c): return [c]
    case .unary(let e, _): return e.columns
    case .binary(_, let a, let b, _): return a.columns + b.columns
    case .call(_, let args, _): return args.flatMap(\.columns)
    }
  }
}

public enum DeriveOperator: String, Hashable, Sendable {
  case add = "+", subtract = "-", multiply = "*", divide = "/"
  case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
  /// A regular expression found in the text (as `where`'s `~`).
  case matches = "~", notMatches = "!~"
  case and, or
}

/// `derive NAME = EXPR`.
public struct DeriveSpec: Hashable, Sendable {
  public var name: ColumnRef
  public var expression: DeriveExpression
}

/// The functions `derive` knows, with how many arguments each takes.
enum DeriveFunction {
  static let arity: [String: Int] = [
    "days": 1, "hours": 1, "minutes": 1, "hour": 1, "weekday": 1, "month": 1, "year": 1,
    "lower": 1, "upper": 1, "if": 3,
  ]
}

/// Turns a `derive` stage's tokens into an expression. Words are split into pieces here
/// (`days(ClosedDate` is `days`, `(`, `ClosedDate`), each with its own column.
struct DeriveParser {
  struct Piece {
    enum Kind { case name, number, date, text, symbol }
    var kind: Kind
    var text: String
    var span: SourceSpan
  }

  private var pieces: [Piece] = []
  private var index = 0
  private let end: SourceSpan

  init(_ tokens: [Token], end: SourceSpan) {
    self.end = end
    for token in tokens { pieces += Self.split(token) }
  }

  static func split(_ token: Token) -> [Piece] {
    if token.kind == .string { return [Piece(kind: .text, text: token.text, span: token.span)] }
    if token.kind == .option { return [Piece(kind: .symbol, text: "--" + token.text, span: token.span)] }
    let chars = Array(token.text)
    var out: [Piece] = []
    var i = 0
    func span(_ at: Int, _ length: Int) -> SourceSpan { StageCursor.sub(token.span, offset: at, length: length) }
    while i < chars.count {
      let c = chars[i]
      if let length = dateLength(chars, from: i) {
        out.append(Piece(kind: .date, text: String(chars[i..<i + length]), span: span(i, length)))
        i += length
      } else if "()+-*/,~".contains(c) {
        out.append(Piece(kind: .symbol, text: String(c), span: span(i, 1)))
        i += 1
      } else if "=!<>".contains(c) {
        let next = i + 1 < chars.count ? chars[i + 1] : nil
        let two = (next == "=" && c != "=") || (c == "!" && next == "~")
        out.append(Piece(kind: .symbol, text: two ? String(c) + String(next!) : String(c), span: span(i, two ? 2 : 1)))
        i += two ? 2 : 1
      } else {
        let start = i
        while i < chars.count && !"()+-*/,=!<>~".contains(chars[i]) { i += 1 }
        let word = String(chars[start..<i])
        let isNumber = word.first.map { $0.isNumber || $0 == "." } ?? false
        out.append(Piece(kind: isNumber ? .number : .name, text: word, span: span(start, i - start)))
      }
    }
    return out
  }

  /// The length of an ISO date (`2026-03-01`, `2026-3-1`, with a time `2026-03-01T10:04`) at
  /// `start`, read whole before `-` can split it; nil when none starts there.
  static func dateLength(_ chars: [Character], from start: Int) -> Int? {
    var i = start
    func digits(_ most: Int) -> Int {
      var k = 0
      while k < most, i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1; k += 1 }
      return k
    }
    guard start == 0 || !chars[start - 1].isLetter && !chars[start - 1].isNumber && chars[start - 1] != "_",
      digits(4) == 4, i < chars.count, chars[i] == "-"
    else { return nil }
    i += 1
    guard digits(2) > 0, i < chars.count, chars[i] == "-" else { return nil }
    i += 1
    guard digits(2) > 0 else { return nil }
    if i < chars.count, chars[i] == "T", i + 1 < chars.count, chars[i + 1].isNumber {
      while i < chars.count, chars[i].isNumber || ":.TZ".contains(chars[i]) { i += 1 }
    }
    if i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { return nil }
    return i - start
  }

  mutating func parse() throws(Diagnostic) -> DeriveExpression {
    guard !pieces.isEmpty else {
      throw Diagnostic.error(
        .expressionSyntax, "`derive` needs an expression after `=`", at: end,
        notes: ["e.g. `derive cycle_days = days(ClosedDate - CreatedDate)`"])
    }
    let e = try disjunction()
    if index < pieces.count {
      throw Diagnostic.error(
        .expressionSyntax, "unexpected `\(pieces[index].text)` in the expression",
        at: pieces[index].span,
        notes: [
          "operators: + - * / ( ), comparisons = != < <= > >= ~ !~, and, or, not; functions: "
            + DeriveFunction.arity.keys.sorted().joined(separator: ", ")
        ])
    }
    return e
  }

  private var peek: Piece? { index < pieces.count ? pieces[index] : nil }

  private mutating func take(_ symbol: String) -> Piece? {
    guard let p = peek, p.kind == .symbol, p.text == symbol else { return nil }
    index += 1
    return p
  }

  /// `and`, `or` and `not` are words (`a = 1 or not b = 2`); `and` binds tighter than `or`.
  private mutating func takeWord(_ word: String) -> Piece? {
    guard let p = peek, p.kind == .name, p.text.lowercased() == word else { return nil }
    index += 1
    return p
  }

  private mutating func disjunction() throws(Diagnostic) -> DeriveExpression {
    var left = try conjunction()
    while takeWord("or") != nil {
      let right = try conjunction()
      left = .binary(.or, left, right, left.span.through(right.span))
    }
    return left
  }

  private mutating func conjunction() throws(Diagnostic) -> DeriveExpression {
    var left = try negation()
    while takeWord("and") != nil {
      let right = try negation()
      left = .binary(.and, left, right, left.span.through(right.span))
    }
    return left
  }

  private mutating func negation() throws(Diagnostic) -> DeriveExpression {
    if let not = takeWord("not") {
      let e = try negation()
      return .call("not", [e], not.span.through(e.span))
    }
    return try comparison()
  }

  private mutating func comparison() throws(Diagnostic) -> DeriveExpression {
    let left = try sum()
    for op in ["<=", ">=", "!=", "!~", "=", "<", ">", "~"] {
      if let symbol = take(op) {
        let right = try sum()
        if op.hasSuffix("~") {
          // The pattern is written in the query, so a bad one is refused before any row is read.
          guard case .text(let pattern, let span) = right else {
            throw Diagnostic.error(
              .expressionSyntax, "`\(op)` takes a quoted pattern on its right", at: right.span,
              notes: ["e.g. `if(agent ~ \"bot|crawler\", \"robot\", \"browser\")`"])
          }
          do throws(LayoutError) {
            _ = try PikeRegex(pattern)
          } catch {
            throw Diagnostic.error(
              .invalidRegex, "`\(pattern)` is not a regular expression gemba reads: \(error.reason)", at: span,
              notes: ["escape special characters with a backslash, e.g. `a\\.b`"])
          }
        }
        return .binary(DeriveOperator(rawValue: op)!, left, right, left.span.through(symbol.span).through(right.span))
      }
    }
    return left
  }

  private mutating func sum() throws(Diagnostic) -> DeriveExpression {
    var left = try product()
    while let p = peek, p.kind == .symbol, p.text == "+" || p.text == "-" {
      index += 1
      let right = try product()
      left = .binary(DeriveOperator(rawValue: p.text)!, left, right, left.span.through(right.span))
    }
    return left
  }

  private mutating func product() throws(Diagnostic) -> DeriveExpression {
    var left = try unary()
    while let p = peek, p.kind == .symbol, p.text == "*" || p.text == "/" {
      index += 1
      let right = try unary()
      left = .binary(DeriveOperator(rawValue: p.text)!, left, right, left.span.through(right.span))
    }
    return left
  }

  private mutating func unary() throws(Diagnostic) -> DeriveExpression {
    if let minus = take("-") {
      let e = try unary()
      return .unary(minus: e, minus.span.through(e.span))
    }
    return try primary()
  }

  private mutating func primary() throws(Diagnostic) -> DeriveExpression {
    guard let p = peek else {
      throw Diagnostic.error(
        .expressionSyntax, "the expression ends too soon", at: end,
        notes: ["e.g. `days(ClosedDate - CreatedDate)`"])
    }
    index += 1
    switch p.kind {
    case .number:
      guard let v = Double(p.text) else {
        throw Diagnostic.error(.expressionSyntax, "`\(p.text)` is not a number", at: p.span)
      }
      return .number(v, p.span)
    case .date:
      switch DateLiteral.read(p.text) {
      case .instant(let t): return .date(t, p.span)
      case .impossible(let why):
        throw Diagnostic.error(.impossibleDate, "`\(p.text)` is not a date: \(why)", at: p.span)
      case .notADate:
        throw Diagnostic.error(
          .expressionSyntax, "`\(p.text)` is not a date", at: p.span,
          notes: ["dates in an expression are written 2026-03-01 or 2026-03-01T10:04"])
      }
    case .text:
      return .text(p.text, p.span)
    case .name:
      guard take("(") != nil else { return .column(ColumnRef(p.text, span: p.span)) }
      let name = p.text.lowercased()
      guard let arity = DeriveFunction.arity[name] else {
        var notes = ["functions: " + DeriveFunction.arity.keys.sorted().joined(separator: ", ")]
        if let near = Suggestion.nearest(to: name, in: DeriveFunction.arity.keys) {
          notes.insert("did you mean `\(near)`?", at: 0)
        }
        throw Diagnostic.error(.unknownFunction, "unknown function `\(p.text)`", at: p.span, notes: notes)
      }
      var args: [DeriveExpression] = []
      if take(")") == nil {
        repeat { args.append(try disjunction()) } while take(",") != nil
        guard let close = take(")") else {
          throw Diagnostic.error(.expressionSyntax, "expected `)` to close `\(p.text)(`", at: peek?.span ?? end)
        }
        _ = close
      }
      guard args.count == arity else {
        throw Diagnostic.error(
          .expressionSyntax, "`\(name)` takes \(arity) argument\(arity == 1 ? "" : "s"), not \(args.count)", at: p.span)
      }
      return .call(name, args, p.span.through(pieces[index - 1].span))
    case .symbol:
      if p.text == "(" {
        let e = try disjunction()
        guard take(")") != nil else { throw Diagnostic.error(.expressionSyntax, "expected `)`", at: peek?.span ?? end) }
        return e
      }
      throw Diagnostic.error(
        .expressionSyntax, "expected a column, a number or a function, not `\(p.text)`",
        at: p.span)
    }
  }
}
