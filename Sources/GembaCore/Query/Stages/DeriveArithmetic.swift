/// The operators and functions of `derive`, over typed values.
enum DeriveArithmetic {
  typealias Value = DeriveStage.Value
  typealias Failure = DeriveStage.Failure

  static func apply(_ op: DeriveOperator, _ a: Value, _ b: Value, left: DeriveExpression, right: DeriveExpression)
    throws(Failure) -> Value
  {
    if case .missing = a { return .missing }
    if case .missing = b { return .missing }
    let span = left.span.through(right.span)
    let verb: String
    switch op {
    case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
      return .truth(try compare(op, a, b, span: span))
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
    case .add, .subtract, .multiply, .divide: return false  // not comparisons: `arithmetic` takes them
    }
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
