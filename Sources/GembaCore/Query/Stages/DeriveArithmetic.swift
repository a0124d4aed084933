/// The operators and functions of `derive`, over typed values.
enum DeriveArithmetic {
  typealias Value = DeriveStage.Value
  typealias Failure = DeriveStage.Failure

  static func apply(_ op: DeriveOperator, _ a: Value, _ b: Value, left: DeriveExpression, right: DeriveExpression)
    throws(Failure) -> Value
  {
    let span = left.span.through(right.span)
    switch op {
    case .and, .or: return try logic(op, a, b, left: left, right: right)
    case .matches, .notMatches:
      guard case .text(let pattern) = b else {
        throw Failure(message: "`\(op.rawValue)` takes a quoted pattern on its right", span: right.span)
      }
      do throws(LayoutError) {
        return match(op, a, try PikeRegex(pattern))
      } catch {
        throw Failure(
          message: "`\(pattern)` is not a regular expression gemba reads: \(error.reason)", span: right.span)
      }
    case .equal, .notEqual:
      // An empty cell equals "" and nothing else: `if(robot = "", …)` finds the empty ones.
      if let empty = emptyEquality(a, b) { return .truth(op == .equal ? empty : !empty) }
    case .less, .lessOrEqual, .greater, .greaterOrEqual, .add, .subtract, .multiply, .divide: break
    }
    if case .missing = a { return .missing }
    if case .missing = b { return .missing }
    let verb: String
    switch op {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
      return .truth(try compare(op, a, b, span: span))
    case .and, .or, .matches, .notMatches: return .missing  // decided above
    case .add: verb = "add"
    case .subtract: verb = "subtract"
    case .multiply: verb = "multiply"
    case .divide: verb = "divide"
    }
    for (v, e) in [(a, left), (b, right)] {
      if case .text(let s) = v {
        throw Failure(
          message: "cannot \(verb) text: \(name(e)) is `\(s)`", span: e.span,
          notes: [
            "arithmetic needs numbers or dates; a text column may hold a value that did not read as one (`evidence` shows each column's type)"
          ])
      }
    }
    switch (op, a, b) {
    case (.add, .number(let x), .number(let y)): return .number(x + y)
    case (.subtract, .number(let x), .number(let y)): return .number(x - y)
    case (.multiply, .number(let x), .number(let y)): return .number(x * y)
    case (.divide, .number(let x), .number(let y)):
      guard y != 0 else {
        throw Failure(
          message: "division by zero: \(name(right)) is 0", span: right.span,
          notes: ["keep the rows with a divisor first: `where COL != 0`, or `if(COL = 0, …, …)`"])
      }
      return .number(x / y)
    case (.subtract, .instant(let x), .instant(let y)): return .duration(x - y)
    case (.subtract, .instant(let x), .duration(let y)): return .instant(x - y)
    case (.add, .instant(let x), .duration(let y)), (.add, .duration(let y), .instant(let x)): return .instant(x + y)
    case (.add, .duration(let x), .duration(let y)): return .duration(x + y)
    case (.subtract, .duration(let x), .duration(let y)): return .duration(x - y)
    case (.multiply, .duration(let x), .number(let y)), (.multiply, .number(let y), .duration(let x)):
      return .duration(x * y)
    case (.divide, .duration(let x), .number(let y)):
      guard y != 0 else { throw Failure(message: "division by zero: \(name(right)) is 0", span: right.span) }
      return .duration(x / y)
    default:
      throw Failure(
        message: "cannot \(verb) \(DeriveStage.describe(a)) and \(DeriveStage.describe(b))", span: span,
        notes: ["a date minus a date is a duration: days(A - B), hours(…) or minutes(…) turn it into a number"])
    }
  }

  static func compare(_ op: DeriveOperator, _ a: Value, _ b: Value, span: SourceSpan) throws(Failure) -> Bool {
    let order: Int
    switch (a, b) {
    case (.number(let x), .number(let y)), (.instant(let x), .instant(let y)), (.duration(let x), .duration(let y)):
      order = x < y ? -1 : (x > y ? 1 : 0)
    case (.text(let x), .text(let y)):
      order = x < y ? -1 : (x > y ? 1 : 0)
    case (.truth(let x), .truth(let y)):
      order = x == y ? 0 : (x ? 1 : -1)
    case (.text(let x), .number(let y)), (.number(let y), .text(let x)):
      // A text cell compared with a number is only ever unequal.
      guard op == .equal || op == .notEqual else {
        throw Failure(message: "cannot order the text `\(x)` against the number \(DerivedColumn.text(y))", span: span)
      }
      return op == .notEqual
    default:
      throw Failure(message: "cannot compare \(DeriveStage.describe(a)) with \(DeriveStage.describe(b))", span: span)
    }
    switch op {
    case .equal: return order == 0
    case .notEqual: return order != 0
    case .less: return order < 0
    case .lessOrEqual: return order <= 0
    case .greater: return order > 0
    case .greaterOrEqual: return order >= 0
    case .add, .subtract, .multiply, .divide, .and, .or, .matches, .notMatches:
      return false  // not orderings: `apply` takes them
    }
  }

  /// Whether `a` equals `b` when either is an empty cell (nil when neither is): empty equals
  /// empty and the text "", and nothing else, so `=` and `!=` always answer on empty cells.
  static func emptyEquality(_ a: Value, _ b: Value) -> Bool? {
    func isEmpty(_ v: Value) -> Bool {
      switch v {
      case .missing: return true
      case .text(let s): return s.isEmpty
      case .number, .instant, .duration, .truth: return false
      }
    }
    guard case .missing = a else {
      guard case .missing = b else { return nil }
      return isEmpty(a)
    }
    return isEmpty(b)
  }

  /// `and` and `or` over yes/no, with an unknown (empty) side as SQL and pandas' nullable
  /// booleans treat it: `no and ?` is no, `yes or ?` is yes, otherwise unknown.
  static func logic(_ op: DeriveOperator, _ a: Value, _ b: Value, left: DeriveExpression, right: DeriveExpression)
    throws(Failure) -> Value
  {
    func truth(_ v: Value, _ e: DeriveExpression) throws(Failure) -> Bool? {
      switch v {
      case .missing: return nil
      case .truth(let t): return t
      case .number, .instant, .duration, .text:
        throw Failure(
          message: "`\(op.rawValue)` joins conditions such as `A > B`, not \(DeriveStage.describe(v))", span: e.span)
      }
    }
    let x = try truth(a, left), y = try truth(b, right)
    let decisive = op == .or  // `or` is decided by one yes, `and` by one no
    if x == decisive || y == decisive { return .truth(decisive) }
    guard x != nil, y != nil else { return .missing }
    return .truth(!decisive)
  }

  /// `~` and `!~`: the pattern found anywhere in the value's text (an empty cell is "").
  static func match(_ op: DeriveOperator, _ a: Value, _ regex: PikeRegex) -> Value {
    var text: String
    switch a {
    case .missing: text = ""
    case .text(let s): text = s
    case .number(let x): text = DerivedColumn.text(x)
    case .instant(let t): text = DeriveStage.dateText(t)
    case .duration(let x): text = DerivedColumn.text(x)
    case .truth(let t): text = t ? "yes" : "no"
    }
    let found = text.withUTF8 { b in regex.matches(b.baseAddress ?? EmptyBytes.pointer, b.count) }
    return .truth(op == .matches ? found : !found)
  }

  static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

  static func call(_ function: String, _ v: Value, span: SourceSpan, argument: DeriveExpression) throws(Failure)
    -> Value
  {
    if case .missing = v { return .missing }
    switch (function, v) {
    case ("days", .duration(let s)): return .number(s / 86_400)
    case ("hours", .duration(let s)): return .number(s / 3_600)
    case ("minutes", .duration(let s)): return .number(s / 60)
    case ("hour", .instant(let t)): return .number(Double((floorDiv(Int64(t.rounded(.down)), 3_600) % 24 + 24) % 24))
    case ("weekday", .instant(let t)):
      let day = floorDiv(Int64(t.rounded(.down)), 86_400)
      return .text(weekdays[Int(((day % 7) + 7) % 7)])
    case ("month", .instant(let t)):
      return .number(Double(DeriveStage.civil(floorDiv(Int64(t.rounded(.down)), 86_400)).1))
    case ("year", .instant(let t)):
      return .number(Double(DeriveStage.civil(floorDiv(Int64(t.rounded(.down)), 86_400)).0))
    case ("lower", .text(let s)): return .text(s.lowercased())
    case ("upper", .text(let s)): return .text(s.uppercased())
    case ("lower", .number(let x)), ("upper", .number(let x)): return .text(DerivedColumn.text(x))
    default:
      let wants: String
      switch function {
      case "days", "hours", "minutes": wants = "a duration (a date minus a date)"
      case "lower", "upper": wants = "text"
      default: wants = "a date"
      }
      throw Failure(
        message: "`\(function)` needs \(wants), but \(name(argument)) is \(DeriveStage.describe(v))",
        span: argument.span)
    }
  }

  @inline(__always) static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }

  /// How an operand is named in a message: its column, or the expression.
  static func name(_ e: DeriveExpression) -> String {
    if case .column(let c) = e { return "`\(c.name)`" }
    return "the value"
  }
}
