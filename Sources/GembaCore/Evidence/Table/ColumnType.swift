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

/// Calls `body` with the value's bytes, leading and trailing spaces and tabs removed.
@inline(__always)
func withTrimmedBytes<R>(_ base: UnsafePointer<UInt8>, _ value: CellValue, _ body: (UnsafePointer<UInt8>, Int) -> R)
  -> R
{
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
