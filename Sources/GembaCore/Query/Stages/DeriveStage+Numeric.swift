/// The fast path of `derive` for expressions over numbers, dates and durations (`minutes / 60`,
/// `days(ClosedDate - CreatedDate)`, `hour(opened_at)`): each column is read once into an array
/// of Doubles and the expression runs a column at a time, with no value boxed per row.
///
/// It answers only when the general path would give the same answer: a cell that does not read
/// as its column's type, a division by zero, or a result that is not a number sends the whole
/// derive back to the general path, which names the row (nil here means "not mine").
extension DeriveStage {
  enum NumericKind { case number, instant, duration }

  /// The expression's kind, when it is numeric throughout; nil otherwise.
  static func numericKind(_ e: DeriveExpression, columnKinds: (ColumnRef) -> NumericKind?) -> NumericKind? {
    switch e {
    case .number: return .number
    case .date: return .instant
    case .text: return nil
    case .column(let ref): return columnKinds(ref)
    case .unary(let inner, _):
      let k = numericKind(inner, columnKinds: columnKinds)
      return k == .number || k == .duration ? k : nil
    case .binary(let op, let a, let b, _):
      guard let x = numericKind(a, columnKinds: columnKinds), let y = numericKind(b, columnKinds: columnKinds) else {
        return nil
      }
      switch (op, x, y) {
      case (.add, .number, .number), (.subtract, .number, .number), (.multiply, .number, .number),
        (.divide, .number, .number):
        return .number
      case (.subtract, .instant, .instant): return .duration
      case (.subtract, .instant, .duration), (.add, .instant, .duration), (.add, .duration, .instant): return .instant
      case (.add, .duration, .duration), (.subtract, .duration, .duration): return .duration
      case (.multiply, .duration, .number), (.multiply, .number, .duration), (.divide, .duration, .number):
        return .duration
      default: return nil
      }
    case .call(let name, let args, _):
      guard args.count == 1, let k = numericKind(args[0], columnKinds: columnKinds) else { return nil }
      switch (name, k) {
      case ("days", .duration), ("hours", .duration), ("minutes", .duration): return .number
      case ("hour", .instant), ("month", .instant), ("year", .instant): return .number
      default: return nil
      }
    }
  }

  /// The derived values (NaN: empty) for the rows of `relation`'s view, or nil when the general
  /// path must decide. `columns` maps a reference to its column index.
  static func numericValues(_ e: DeriveExpression, table: EvidenceTable, rows: [Int32]?, column: (ColumnRef) -> Int)
    -> [Double]?
  {
    var read: [Int: [Double]] = [:]
    /// A column's cells as numbers or instants; nil when a cell does not read as its type.
    func cells(_ c: Int) -> [Double]? {
      if let done = read[c] { return done }
      let reader = table.reader(c)
      let instants = table.columnType(c) == .dateTime
      var out: [Double] = []
      out.reserveCapacity(rows?.count ?? table.rowCount)
      var fits = true
      Relation.view(table, rows: rows, columns: [c]).forEachValue(column: c) { _, p, n in
        guard fits else { return }
        if n == 0 { out.append(.nan); return }
        guard let v = instants ? reader.instant(p, n) : reader.number(p, n) else { fits = false; return }
        out.append(v)
      }
      guard fits else { return nil }
      read[c] = out
      return out
    }
    func eval(_ e: DeriveExpression) -> [Double]? {
      switch e {
      case .number(let v, _):
        return [Double](repeating: v, count: rows?.count ?? table.rowCount)
      case .date(let t, _):
        return [Double](repeating: t, count: rows?.count ?? table.rowCount)
      case .text:
        return nil
      case .column(let ref):
        return cells(column(ref))
      case .unary(let inner, _):
        return eval(inner)?.map { -$0 }
      case .binary(let op, let a, let b, _):
        guard var x = eval(a), let y = eval(b) else { return nil }
        switch op {
        case .add: for i in x.indices { x[i] += y[i] }
        case .subtract: for i in x.indices { x[i] -= y[i] }
        case .multiply: for i in x.indices { x[i] *= y[i] }
        case .divide:
          for i in x.indices {
            // Empty on either side stays empty; a zero divisor is the general path's error.
            if y[i] == 0 && !x[i].isNaN { return nil }
            x[i] /= y[i]
          }
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .matches, .notMatches, .and, .or:
          return nil
        }
        return x
      case .call(let name, let args, _):
        guard var x = eval(args[0]) else { return nil }
        switch name {
        case "days": for i in x.indices { x[i] /= 86_400 }
        case "hours": for i in x.indices { x[i] /= 3_600 }
        case "minutes": for i in x.indices { x[i] /= 60 }
        case "hour":
          for i in x.indices where !x[i].isNaN {
            x[i] = Double((DeriveArithmetic.floorDiv(Int64(x[i].rounded(.down)), 3_600) % 24 + 24) % 24)
          }
        case "month", "year":
          for i in x.indices where !x[i].isNaN {
            let civil = civil(DeriveArithmetic.floorDiv(Int64(x[i].rounded(.down)), 86_400))
            x[i] = Double(name == "month" ? civil.1 : civil.0)
          }
        default: return nil
        }
        return x
      }
    }
    return eval(e)
  }
}
