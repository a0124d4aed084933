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
    var number = ValueParser.decimal(trimmed)
    var date = number == nil ? ValueParser.dateTime(trimmed) : nil
    var reader = ValueReader.standard
    let regexOp = comparison.op == .matches || comparison.op == .notMatches
    let ordering = !regexOp && comparison.op != .equal && comparison.op != .notEqual
    // A word compared for equality (`= open`, `= n/a`) needs no typing: it finds cells written
    // that way, and the column's type is not inferred for it. Anything with a digit, or any
    // ordering, reads as the column's type or is refused.
    if !regexOp && !trimmed.isEmpty && (ordering || trimmed.contains(where: \.isNumber)) {
      reader = columnReader()
      try Self.typeLiteral(comparison, trimmed, reader: reader, number: &number, date: &date)
    } else if !regexOp && number == nil && date == nil && ValueParser.boolean(trimmed) == nil && !trimmed.isEmpty {
      // A date written the column's way without digits (`where Month = "Mar-Apr"` never is one,
      // but a month name layout may be): the column decides.
      let own = columnReader()
      if own.type == .dateTime, let t = own.instant(trimmed) {
        date = t
        reader = own
      }
    }
    self.number = number
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

  /// Reads the literal as the column's type: a date column takes its own layout, ISO, or
  /// `2020-2-1` (one-digit month and day, as pandas reads it); a numeric column takes plain
  /// numbers, or its own layout (a decimal comma only where the file writes them). A value that
  /// does not read is an error naming what the column accepts: never a silent text comparison.
  private static func typeLiteral(
    _ comparison: Comparison, _ trimmed: String, reader: ValueReader, number: inout Double?, date: inout Double?
  ) throws(Diagnostic) {
    let name = comparison.column.name
    switch reader.type {
    case .dateTime:
      if let t = reader.instant(trimmed) {
        (number, date) = (nil, t)
        return
      }
      if number == nil, date != nil { return }
      switch DateLiteral.read(trimmed) {
      case .instant(let t):
        (number, date) = (nil, t)
      case .impossible(let why):
        throw Diagnostic.error(
          .impossibleDate, "`\(trimmed)` is not a date: \(why)", at: comparison.valueSpan,
          notes: [acceptedDates(name, reader)])
      case .notADate:
        throw Diagnostic.error(
          .literalNotColumnType, "`\(trimmed)` does not read as a date, and `\(name)` holds dates",
          at: comparison.valueSpan, notes: [acceptedDates(name, reader)])
      }
    case .integer, .decimal:
      if number != nil { return }
      var copy = trimmed
      if let v = copy.withUTF8({ b in b.baseAddress.flatMap { reader.number($0, b.count) } }) {
        number = v
        return
      }
      let mark: UInt8 = {
        if case .number(let p) = reader.format { return p.decimalMark }
        return 46
      }()
      let what = date != nil ? "is a date" : "does not read as a number"
      throw Diagnostic.error(
        .literalNotColumnType, "`\(trimmed)` \(what), and `\(name)` holds numbers", at: comparison.valueSpan,
        notes: [
          mark == 44
            ? "`\(name)` writes numbers with a decimal comma, like 41,9"
            : "`\(name)` writes numbers with a decimal point, like 41.9; a decimal comma reads only in a column written with decimal commas"
        ])
    case .boolean, .text:
      return
    }
  }

  /// What a date column accepts, for an error's note.
  private static func acceptedDates(_ name: String, _ reader: ValueReader) -> String {
    let iso = "ISO dates such as 2020-02-01 (or 2020-2-1) and 2020-02-01T10:04"
    switch reader.format {
    case .standard, .number: return "`\(name)` accepts \(iso)"
    case .date(let p): return "`\(name)` accepts dates written as the file writes them (\(p.layout)), or \(iso)"
    case .epochSeconds, .epochMilliseconds, .excelSerial:
      return "`\(name)` accepts \(reader.format) as the file writes them, or \(iso)"
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
    return regex.matches(p, n)
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
