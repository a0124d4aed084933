/// `derive NAME = EXPR`: a new column computed row by row.
///
/// Cells are read by their column's type (dates as instants through the column's format,
/// numbers through its number format). An empty cell makes an empty result, counted and said;
/// arithmetic on text, a value that does not read as its column's type, dividing by zero and a
/// bare duration stop the query with the row and column — never a wrong number.
enum DeriveStage {
  /// A value while evaluating.
  enum Value {
    case missing
    case number(Double)
    case instant(Double)
    /// Seconds.
    case duration(Double)
    case text(String)
    case truth(Bool)
  }

  struct Failure: Error {
    var message: String
    var span: SourceSpan
    var notes: [String] = []
  }

  /// The relation with the derived column added after the kept columns. `needed` names the
  /// columns later stages read (lowercased; nil: all), so a million-row view copies only those.
  static func apply(_ spec: DeriveSpec, to relation: Relation, needed: Set<String>?, evidence: String)
    throws(Diagnostic) -> (Relation, notes: [String])
  {
    let refs = spec.expression.columns
    var resolved: [String: Int] = [:]
    for ref in refs where resolved[ref.name] == nil {
      resolved[ref.name] = try relation.resolve(ref, evidence: evidence)
    }
    let usedColumns = Array(Set(resolved.values)).sorted()
    let slot = Dictionary(uniqueKeysWithValues: usedColumns.enumerated().map { ($1, $0) })
    let readers = usedColumns.map { relation.reader($0) }
    let types = usedColumns.map { relation.type(of: $0) }
    let names = usedColumns.map { relation.name(of: $0) }
    let kept = keptColumns(relation, needed: needed)
    var regexes: [String: PikeRegex] = [:]
    for pattern in spec.expression.patterns where regexes[pattern] == nil {
      regexes[pattern] = try? PikeRegex(pattern)  // each was read when the stage was parsed
    }
    var values = [Value](repeating: .missing, count: usedColumns.count)
    // Per row, a reference finds its slot by comparing a few short names (no hashing).
    let refNames = Array(resolved.keys)
    let refSlots = refNames.map { slot[resolved[$0]!]! }
    let slotOf: (ColumnRef) -> Int = { ref in
      var i = 0
      while refNames[i] != ref.name { i += 1 }
      return refSlots[i]
    }
    var outRows: [[String]] = []
    outRows.reserveCapacity(relation.rowCount)
    var missing = 0
    var kind: ColumnType = .integer
    var duration = false
    var failure: (Failure, Int)?

    func evaluateRow(_ position: Int, _ cellBytes: (Int, (UnsafePointer<UInt8>, Int) -> Value) -> Value) -> Value? {
      for (i, column) in usedColumns.enumerated() {
        values[i] = cellBytes(column) { p, n in read(p, n, type: types[i], reader: readers[i]) }
      }
      do throws(Failure) {
        return try evaluate(spec.expression, values: values, slot: slotOf, names: names, regexes: regexes)
      } catch {
        failure = (error, position)
        return nil
      }
    }

    /// The value as the new cell's text (one pass: each row is built once, with room for it).
    func cellText(_ v: Value) -> String {
      switch v {
      case .missing: missing += 1; return ""
      case .number(let x):
        if kind == .integer && x != x.rounded() { kind = .decimal }
        return DerivedColumn.text(x)
      case .instant(let t): kind = .dateTime; return Self.dateText(t)
      case .text(let s): kind = .text; return s
      case .truth(let b): kind = .boolean; return b ? "yes" : "no"
      case .duration: duration = true; return ""
      }
    }

    switch relation {
    case .view(let table, let rows, let columns):
      // Numbers, dates and durations throughout: a column at a time, kept as numbers.
      let kinds: (ColumnRef) -> NumericKind? = { ref in
        switch relation.type(of: resolved[ref.name]!) {
        case .integer, .decimal: .number
        case .dateTime: .instant
        case .boolean, .text: nil
        }
      }
      if numericKind(spec.expression, columnKinds: kinds) == .number,
        let values = numericValues(spec.expression, table: table, rows: rows, column: { resolved[$0.name]! })
      {
        var numbers = rows == nil ? values : [Double](repeating: .nan, count: table.rowCount)
        if let rows { for (position, row) in rows.enumerated() { numbers[Int(row)] = values[position] } }
        let empty = values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
        let whole = values.allSatisfy { $0.isNaN || $0 == $0.rounded() }
        missing = empty
        let column = DerivedColumn(
          name: spec.name.name,
          profile: ColumnProfile(type: whole ? .integer : .decimal, values: values.count - empty), numbers: numbers)
        return (
          .view(EvidenceTable(extending: table, with: column), rows: rows, columns: columns + [table.columnCount]),
          missingNote(values.count)
        )
      }
      // The new column sits beside the file's bytes: the view stays a view, no row is copied.
      let base = table.base
      var builder = DerivedColumnBuilder(rowCount: table.rowCount, expectedRows: relation.rowCount)
      var produced = 0
      var fits = true
      table.forEachRow(rows) { position, cursor, local in
        guard failure == nil, !duration, fits else { return }
        guard
          let v = evaluateRow(
            position,
            { column, read in withTrimmedBytes(base, table.value(cursor, local: local, column: column), read) })
        else { return }
        fits = builder.set(row: table.segments[cursor.index].firstRow + local, cellText(v))
        produced += 1
      }
      if fits {
        try finish(produced)
        let column = builder.build(name: spec.name.name, type: kind, values: produced - missing)
        return (
          .view(EvidenceTable(extending: table, with: column), rows: rows, columns: columns + [table.columnCount]),
          missingNote(produced)
        )
      }
      // Past what 32-bit offsets reach: copy the rows instead (slower, same answer).
      (failure, duration, missing, kind) = (nil, false, 0, .integer)
      table.forEachRow(rows) { position, cursor, local in
        guard failure == nil, !duration else { return }
        guard
          let v = evaluateRow(
            position,
            { column, read in withTrimmedBytes(base, table.value(cursor, local: local, column: column), read) })
        else { return }
        var row: [String] = []
        row.reserveCapacity(kept.count + 1)
        for column in kept { row.append(CellDecoder.string(base, table.value(cursor, local: local, column: column))) }
        row.append(cellText(v))
        outRows.append(row)
      }
    case .computed(let c):
      for (position, row) in c.rows.enumerated() {
        guard !duration,
          let v = evaluateRow(
            position, { column, read in withTrimmedBytes(EmptyBytes.pointer, .text(row[column]), read) })
        else { break }
        var out: [String] = []
        out.reserveCapacity(kept.count + 1)
        for column in kept { out.append(row[column]) }
        out.append(cellText(v))
        outRows.append(out)
      }
    }
    try finish(outRows.count)
    let computed = ComputedTable(
      columns: kept.map { relation.name(of: $0) } + [spec.name.name],
      types: kept.map { relation.type(of: $0) } + [kind], rows: outRows,
      formats: kept.map { relation.reader($0).format } + [.standard])
    return (.computed(computed), missingNote(outRows.count))

    /// Stops the query on the first row that failed, or on a bare duration.
    func finish(_ rows: Int) throws(Diagnostic) {
      if let (f, position) = failure {
        throw Diagnostic.error(
          .derivedValue, "`derive \(spec.name.name)`: \(rowName(relation, position)): \(f.message)", at: f.span,
          notes: f.notes)
      }
      if duration {
        throw Diagnostic.error(
          .expressionSyntax, "`derive \(spec.name.name)`: a date minus a date is a duration; say its unit",
          at: spec.expression.span,
          notes: ["e.g. `days(ClosedDate - CreatedDate)`, `hours(…)` or `minutes(…)`"])
      }
    }
    func missingNote(_ rows: Int) -> [String] {
      guard missing > 0 else { return [] }
      return [
        "\(spec.name.name): \(NumberFormat.integer(missing)) of \(NumberFormat.integer(rows)) rows empty (an input cell was empty)"
      ]
    }
  }

  /// The columns a later stage may read, as indices `resolve` gives.
  static func keptColumns(_ relation: Relation, needed: Set<String>?) -> [Int] {
    let all: [Int]
    switch relation {
    case .view(_, _, let columns): all = columns
    case .computed(let c): all = Array(c.columns.indices)
    }
    guard let needed else { return all }
    return all.filter { needed.contains(relation.name(of: $0).lowercased()) }
  }

  static func rowName(_ relation: Relation, _ position: Int) -> String {
    if case .view(_, let rows, _) = relation { return "row \(Int(rows?[position] ?? Int32(position)) + 1)" }
    return "result row \(position + 1)"
  }

  @inline(__always) static func read(_ p: UnsafePointer<UInt8>, _ n: Int, type: ColumnType, reader: ValueReader)
    -> Value
  {
    if n == 0 { return .missing }
    switch type {
    case .integer, .decimal: if let v = reader.number(p, n) { return .number(v) }
    case .dateTime: if let v = reader.instant(p, n) { return .instant(v) }
    case .boolean: if let b = ValueParser.boolean(p, n) { return .truth(b) }
    case .text: break
    }
    return .text(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
  }

  /// - Parameter regexes: the patterns of `~` and `!~`, compiled once for all rows.
  static func evaluate(
    _ e: DeriveExpression, values: [Value], slot: (ColumnRef) -> Int, names: [String],
    regexes: [String: PikeRegex] = [:]
  ) throws(Failure) -> Value {
    func eval(_ e: DeriveExpression) throws(Failure) -> Value {
      try evaluate(e, values: values, slot: slot, names: names, regexes: regexes)
    }
    switch e {
    case .number(let v, _): return .number(v)
    case .date(let t, _): return .instant(t)
    case .text(let s, _): return .text(s)
    case .column(let ref): return values[slot(ref)]
    case .unary(let inner, let span):
      switch try eval(inner) {
      case .missing: return .missing
      case .number(let v): return .number(-v)
      case .duration(let v): return .duration(-v)
      case let other: throw Failure(message: "cannot negate \(describe(other))", span: span)
      }
    case .binary(let op, let a, let b, _):
      if op == .matches || op == .notMatches, case .text(let pattern, _) = b, let regex = regexes[pattern] {
        return DeriveArithmetic.match(op, try eval(a), regex)
      }
      return try DeriveArithmetic.apply(op, try eval(a), try eval(b), left: a, right: b)
    case .call(let name, let args, let span):
      if name == "if" {
        switch try eval(args[0]) {
        case .missing: return .missing
        case .truth(let t): return try eval(t ? args[1] : args[2])
        case let other:
          throw Failure(message: "`if` needs a condition such as `A > B`, not \(describe(other))", span: args[0].span)
        }
      }
      if name == "not" {
        switch try eval(args[0]) {
        case .missing: return .missing
        case .truth(let t): return .truth(!t)
        case let other:
          throw Failure(message: "`not` needs a condition such as `A > B`, not \(describe(other))", span: args[0].span)
        }
      }
      return try DeriveArithmetic.call(name, try eval(args[0]), span: span, argument: args[0])
    }
  }

  static func describe(_ v: Value) -> String {
    switch v {
    case .missing: return "an empty cell"
    case .number(let x): return "the number \(DerivedColumn.text(x))"
    case .instant(let t): return "the date \(dateText(t))"
    case .duration: return "a duration"
    case .text(let s): return "the text `\(s)`"
    case .truth(let b): return b ? "yes" : "no"
    }
  }

  /// `2017-12-31 23:59:58` (a whole day: `2017-12-31`).
  static func dateText(_ t: Double) -> String {
    let seconds = Int64(t.rounded(.down))
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let (y, m, d) = civil(days)
    let s = seconds - days * 86_400
    func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
    let date = "\(y)-\(two(m))-\(two(d))"
    return s == 0 ? date : date + " \(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))"
  }

  /// Year, month, day of days since 1970-01-01 (proleptic Gregorian).
  static func civil(_ days: Int64) -> (Int64, Int64, Int64) {
    let c = ValueParser.civilFromDays(Int(days))
    return (Int64(c.year), Int64(c.month), Int64(c.day))
  }
}
