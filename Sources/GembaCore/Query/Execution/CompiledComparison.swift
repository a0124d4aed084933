#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A `where` comparison ready to test cell bytes.
///
/// Typing is per cell, driven by the literal: a numeric literal compares cells that read as
/// numbers numerically, a date literal compares dates (a bare date means the whole day), `yes`,
/// `true`, `y`… compare truth values. A cell that does not read as the literal's type is equal
/// only to the same text, and never less or greater.
struct CompiledComparison {
  let column: Int
  let op: ComparisonOperator
  private let literal: [UInt8]
  private let number: Double?
  private let date: Double?
  /// True when the literal is a date without a time: `= 2026-03-01` means that whole day.
  private let wholeDay: Bool
  private let boolean: Bool?
  /// Linear-time (a Pike VM): `where note ~ "(a+)+$"` from a received notebook cannot hang gemba.
  private let regex: PikeRegex?
  private let search: LiteralSearch
  /// How the column writes its numbers and dates (a US date-time, a decimal comma…).
  private let reader: ValueReader
  /// `--ignore-case`: the literal lowercased, for `=` and `!=`.
  private let folded: [UInt8]?

  /// - Parameter reader: the column's reading; asked only when the literal is a number or a date,
  ///   so comparing with a word never has to infer the column's type.
  init(_ comparison: Comparison, column: Int, reader columnReader: () -> ValueReader) throws(Diagnostic) {
    self.column = column
    self.op = comparison.op
    let value = comparison.value
    let trimmed = HeaderNames.trim(value)
    literal = Array(value.utf8)
    number = ValueParser.decimal(trimmed)
    var date = number == nil ? ValueParser.dateTime(trimmed) : nil
    var reader = ValueReader.standard
    if number != nil || date != nil {
      reader = columnReader()
    } else if ValueParser.boolean(trimmed) == nil {
      // A date written the column's way: `where CreatedDate >= "12/15/2017"`.
      let own = columnReader()
      if own.type == .dateTime, let t = own.instant(trimmed) {
        date = t
        reader = own
      }
    }
    self.date = date
    self.reader = reader
    wholeDay = date != nil && !value.contains(":")
    boolean = ValueParser.boolean(HeaderNames.trim(value))
    search = LiteralSearch(literal)
    folded = comparison.ignoreCase ? Array(value.lowercased().utf8) : nil
    if op == .matches || op == .notMatches, comparison.ignoreCase || EvidenceGrep.hasRegexSyntax(value) {
      do throws(LayoutError) {
        regex = try PikeRegex(value, ignoreCase: comparison.ignoreCase)
      } catch {
        throw Diagnostic.error(
          .invalidRegex, "`\(value)` is not a regular expression gemba reads: \(error.reason)",
          at: comparison.valueSpan,
          notes: ["escape special characters with a backslash, e.g. `a\\.b`"])
      }
    } else {
      regex = nil
    }
  }

  @inline(__always) func test(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    switch op {
    case .equal: return equals(p, n)
    case .notEqual: return !equals(p, n)
    case .matches: return matches(p, n)
    case .notMatches: return !matches(p, n)
    case .less, .lessOrEqual, .greater, .greaterOrEqual:
      guard let order = order(p, n) else { return false }
      switch op {
      case .less: return order < 0
      case .lessOrEqual: return order <= 0
      case .greater: return order > 0
      case .greaterOrEqual: return order >= 0
      case .equal, .notEqual, .matches, .notMatches: return false  // decided above
      }
    }
  }

  @inline(__always) private func equals(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    if n == literal.count && (n == 0 || literal.withUnsafeBufferPointer { memcmp($0.baseAddress!, p, n) == 0 }) {
      return true
    }
    if n == 0 { return false }
    if let folded, Self.equalIgnoringCase(p, n, folded) { return true }
    if let number, let v = reader.number(p, n) { return v == number }
    if let date, let v = reader.instant(p, n) { return wholeDay ? (v >= date && v < date + 86_400) : v == date }
    if let boolean, let b = ValueParser.boolean(p, n) { return b == boolean }
    return false
  }

  /// ASCII letters compared without case; anything else through Swift's lowercasing.
  private static func equalIgnoringCase(_ p: UnsafePointer<UInt8>, _ n: Int, _ folded: [UInt8]) -> Bool {
    var ascii = true
    if n == folded.count {
      var i = 0
      while i < n {
        let b = p[i]
        if b >= 0x80 { ascii = false; break }
        let lower = (b >= 65 && b <= 90) ? b + 32 : b
        if lower != folded[i] { return false }
        i += 1
      }
      if ascii { return true }
    } else {
      var i = 0
      while i < n { if p[i] >= 0x80 { ascii = false; break }; i += 1 }
      if ascii && !folded.contains(where: { $0 >= 0x80 }) { return false }
    }
    return Array(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self).lowercased().utf8) == folded
  }

  /// The cell compared with the literal (-1, 0, 1), or nil when they are not comparable.
  @inline(__always) private func order(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
    if n == 0 { return nil }
    if let number {
      guard let v = reader.number(p, n) else { return nil }
      return v < number ? -1 : (v > number ? 1 : 0)
    }
    if let date {
      guard let v = reader.instant(p, n) else { return nil }
      if wholeDay && v >= date && v < date + 86_400 { return 0 }
      return v < date ? -1 : (v > date ? 1 : 0)
    }
    if literal.isEmpty { return 1 }  // every non-empty cell sorts after ""
    let c = literal.withUnsafeBufferPointer { memcmp(p, $0.baseAddress!, min(n, $0.count)) }
    if c != 0 { return c < 0 ? -1 : 1 }
    return n < literal.count ? -1 : (n > literal.count ? 1 : 0)
  }

  private func matches(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard let regex else {
      if literal.isEmpty { return true }
      return search.first(in: p, from: 0, to: n) != nil
    }
    return regex.firstMatch(p, n) != nil
  }
}

/// A compiled `where` condition.
indirect enum CompiledPredicate {
  case compare(CompiledComparison)
  case and(CompiledPredicate, CompiledPredicate)
  case or(CompiledPredicate, CompiledPredicate)

  init(
    _ predicate: Predicate, resolve: (ColumnRef) throws(Diagnostic) -> Int,
    reader: (Int) -> ValueReader = { _ in .standard }
  ) throws(Diagnostic) {
    switch predicate {
    case .compare(let c):
      let column = try resolve(c.column)
      self = .compare(try CompiledComparison(c, column: column, reader: { reader(column) }))
    case .and(let a, let b):
      self = .and(
        try CompiledPredicate(a, resolve: resolve, reader: reader),
        try CompiledPredicate(b, resolve: resolve, reader: reader))
    case .or(let a, let b):
      self = .or(
        try CompiledPredicate(a, resolve: resolve, reader: reader),
        try CompiledPredicate(b, resolve: resolve, reader: reader))
    }
  }

  /// Evaluates with `value(column, test)`, which runs `test` on that column's trimmed bytes.
  func evaluate(_ value: (Int, (UnsafePointer<UInt8>, Int) -> Bool) -> Bool) -> Bool {
    switch self {
    case .compare(let c): return value(c.column) { c.test($0, $1) }
    case .and(let a, let b): return a.evaluate(value) && b.evaluate(value)
    case .or(let a, let b): return a.evaluate(value) || b.evaluate(value)
    }
  }
}
