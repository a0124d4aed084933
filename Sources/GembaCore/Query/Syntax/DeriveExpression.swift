/// The expression of a `derive` stage: `days(ClosedDate - CreatedDate)`, `cost / units`,
/// `if(priority = high, 1, 0)`. Each node keeps where it was typed, so an error points at it.
public indirect enum DeriveExpression: Hashable, Sendable {
  case number(Double, SourceSpan)
  case text(String, SourceSpan)
  case column(ColumnRef)
  case unary(minus: DeriveExpression, SourceSpan)
  case binary(DeriveOperator, DeriveExpression, DeriveExpression, SourceSpan)
  case call(String, [DeriveExpression], SourceSpan)

  public var span: SourceSpan {
    switch self {
    case .number(_, let s), .text(_, let s), .unary(_, let s), .binary(_, _, _, let s), .call(_, _, let s): return s
    case .column(let c): return c.span
    }
  }

  /// Every column the expression reads.
  var columns: [ColumnRef] {
    switch self {
    case .number, .text: return []
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
    enum Kind { case name, number, text, symbol }
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
      if "()+-*/,".contains(c) {
        out.append(Piece(kind: .symbol, text: String(c), span: span(i, 1)))
        i += 1
      } else if "=!<>".contains(c) {
        let two = i + 1 < chars.count && chars[i + 1] == "=" && c != "="
        out.append(Piece(kind: .symbol, text: two ? String(c) + "=" : String(c), span: span(i, two ? 2 : 1)))
        i += two ? 2 : 1
      } else {
        let start = i
        while i < chars.count && !"()+-*/,=!<>".contains(chars[i]) { i += 1 }
        let word = String(chars[start..<i])
        let isNumber = word.first.map { $0.isNumber || $0 == "." } ?? false
        out.append(Piece(kind: isNumber ? .number : .name, text: word, span: span(start, i - start)))
      }
    }
    return out
  }

  mutating func parse() throws(Diagnostic) -> DeriveExpression {
    guard !pieces.isEmpty else {
      throw Diagnostic.error(
        .expressionSyntax, "`derive` needs an expression after `=`", at: end,
        notes: ["e.g. `derive cycle_days = days(ClosedDate - CreatedDate)`"])
    }
    let e = try comparison()
    if index < pieces.count {
      throw Diagnostic.error(
        .expressionSyntax, "unexpected `\(pieces[index].text)` in the expression",
        at: pieces[index].span,
        notes: ["operators: + - * / and ( ); functions: " + DeriveFunction.arity.keys.sorted().joined(separator: ", ")])
    }
    return e
  }

  private var peek: Piece? { index < pieces.count ? pieces[index] : nil }

  private mutating func take(_ symbol: String) -> Piece? {
    guard let p = peek, p.kind == .symbol, p.text == symbol else { return nil }
    index += 1
    return p
  }

  private mutating func comparison() throws(Diagnostic) -> DeriveExpression {
    let left = try sum()
    for op in ["<=", ">=", "!=", "=", "<", ">"] {
      if take(op) != nil {
        let right = try sum()
        return .binary(DeriveOperator(rawValue: op)!, left, right, left.span.through(right.span))
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
        repeat { args.append(try comparison()) } while take(",") != nil
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
        let e = try comparison()
        guard take(")") != nil else { throw Diagnostic.error(.expressionSyntax, "expected `)`", at: peek?.span ?? end) }
        return e
      }
      throw Diagnostic.error(
        .expressionSyntax, "expected a column, a number or a function, not `\(p.text)`",
        at: p.span)
    }
  }
}
