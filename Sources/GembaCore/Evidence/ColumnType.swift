/// What a column holds, inferred from every non-empty cell.
public enum ColumnType: String, Sendable, Hashable, Codable, CaseIterable {
  case integer, decimal, dateTime, boolean, text

  /// How `evidence` and `show` name it.
  public var label: String {
    switch self {
    case .integer: return "integer"
    case .decimal: return "decimal"
    case .dateTime: return "date/time"
    case .boolean: return "boolean"
    case .text: return "text"
    }
  }

  public var isNumeric: Bool { self == .integer || self == .decimal }
}

/// Infers column types: the narrowest type every non-empty (trimmed) cell parses as.
enum ColumnTypeInference {
  static func infer(_ table: EvidenceTable, column: Int) -> ColumnType {
    var candidates: Set<ColumnType> = [.integer, .decimal, .dateTime, .boolean]
    var sawValue = false
    let base = table.base
    for (index, segment) in table.segments.enumerated() {
      let cursor = segment.cursor(index)
      for local in 0..<segment.rowCount {
        let value = table.value(cursor, local: local, column: column)
        let keep: Bool = withTrimmedBytes(base, value) { p, n in
          if n == 0 { return true }
          sawValue = true
          if candidates.contains(.integer) && ValueParser.integer(p, n) == nil { candidates.remove(.integer) }
          if candidates.contains(.decimal) && ValueParser.decimal(p, n) == nil { candidates.remove(.decimal) }
          if candidates.contains(.boolean) && ValueParser.boolean(p, n) == nil { candidates.remove(.boolean) }
          if candidates.contains(.dateTime) && ValueParser.dateTime(p, n) == nil { candidates.remove(.dateTime) }
          return !candidates.isEmpty
        }
        if !keep { return .text }
      }
    }
    guard sawValue else { return .text }
    for type in [ColumnType.integer, .decimal, .boolean, .dateTime] where candidates.contains(type) { return type }
    return .text
  }
}

/// Calls `body` with the value's bytes, leading and trailing spaces and tabs removed.
@inline(__always)
func withTrimmedBytes<R>(_ base: UnsafePointer<UInt8>, _ value: CellValue, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
  switch value {
  case .bytes(var s, var e):
    while s < e && (base[s] == 32 || base[s] == 9) { s += 1 }
    while e > s && (base[e - 1] == 32 || base[e - 1] == 9) { e -= 1 }
    return body(base + s, e - s)
  case .missing:
    return body(base, 0)
  case .text(let t):
    var copy = t
    return copy.withUTF8 { buf in
      var s = 0, e = buf.count
      while s < e && (buf[s] == 32 || buf[s] == 9) { s += 1 }
      while e > s && (buf[e - 1] == 32 || buf[e - 1] == 9) { e -= 1 }
      guard let b = buf.baseAddress else { return body(base, 0) }
      return body(b + s, e - s)
    }
  }
}
