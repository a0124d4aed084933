/// How a table's raw cell bytes become values.
enum CellEncoding: Sendable, Hashable {
  /// The bytes are the value.
  case plain
  /// RFC 4180: a field that starts with the quote byte is unquoted and its doubled quotes undoubled.
  case quoted(UInt8)
  /// PostgreSQL TEXT / TSV: `\t`, `\n`, `\\`, `\xHH`…; `\N` alone is NULL (empty).
  case backslash
  /// Zeek TSV: backslash escapes, `-` unset and `(empty)` as empty, T/F in bool columns, and
  /// epoch seconds in time columns as ISO-8601 UTC (as Zeek's JSON logs write them).
  case zeek(boolColumns: Set<Int>, timeColumns: Set<Int>)
  /// JSON Lines values: strings unescaped, `null` empty, numbers and literals as written.
  case json
  /// A record's value folded over lines (`Install: a (1.0),` then ` b (2.0)`): read with its
  /// line breaks removed, the continuation's leading space kept (RFC 5322 unfolding).
  case folded
}

/// A cell's value without copying when it needs no decoding, or decoded text otherwise.
enum CellValue {
  case bytes(Int, Int)
  case text(String)
  case missing
}

/// Turns raw cell bytes into values; the only place that knows each encoding's escapes.
enum CellDecoder {
  /// The cell as a byte range when its value is exactly those bytes, else decoded text.
  @inline(__always)
  static func value(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ encoding: CellEncoding, column: Int)
    -> CellValue
  {
    switch encoding {
    case .plain:
      return .bytes(start, end)
    case .quoted(let q):
      if start == end || base[start] != q { return .bytes(start, end) }
      return unquote(base, start, end, q)
    case .backslash:
      if memchrByte(base, start, end, 92) == nil { return .bytes(start, end) }
      if end - start == 2 && base[start + 1] == 78 { return .bytes(start, start) }  // \N
      return .text(unescapeBackslashes(base, start, end))
    case .zeek(let bools, let times):
      let n = end - start
      if n == 1 && base[start] == 45 { return .bytes(start, start) }  // "-": unset
      if n == 7 && String(decoding: UnsafeBufferPointer(start: base + start, count: 7), as: UTF8.self) == "(empty)" {
        return .bytes(start, start)
      }
      if n == 1 && bools.contains(column) {
        if base[start] == 84 { return .text("true") }
        if base[start] == 70 { return .text("false") }
      }
      if times.contains(column), let iso = isoTime(base, start, end) { return .text(iso) }
      if memchrByte(base, start, end, 92) == nil { return .bytes(start, end) }
      return .text(unescapeBackslashes(base, start, end))
    case .json:
      if start == end { return .bytes(start, end) }
      if base[start] == 34 {
        if memchrByte(base, start + 1, end - 1, 92) == nil { return .bytes(start + 1, end - 1) }
        return .text(JSONText.unescape(base, start + 1, end - 1))
      }
      if end - start == 4 && base[start] == 110 { return .bytes(start, start) }  // null
      return .bytes(start, end)
    case .folded:
      guard memchrByte(base, start, end, 10) != nil || memchrByte(base, start, end, 13) != nil else {
        return .bytes(start, end)
      }
      var out: [UInt8] = []
      out.reserveCapacity(end - start)
      for p in start..<end where base[p] != 10 && base[p] != 13 { out.append(base[p]) }
      return .text(String(decoding: out, as: UTF8.self))
    }
  }

  static func string(_ base: UnsafePointer<UInt8>, _ value: CellValue) -> String {
    switch value {
    case .bytes(let s, let e):
      return String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self)
    case .text(let t): return t
    case .missing: return ""
    }
  }

  @inline(__always)
  static func memchrByte(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ byte: UInt8) -> Int? {
    var p = start
    while p < end {
      if base[p] == byte { return p }
      p += 1
    }
    return nil
  }

  /// `"a ""b"" c"` → `a "b" c`; bytes after the closing quote are kept unless they are only spaces.
  private static func unquote(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ q: UInt8) -> CellValue {
    var p = start + 1
    var closing = -1
    var doubled = false
    while p < end {
      if base[p] == q {
        if p + 1 < end && base[p + 1] == q { doubled = true; p += 2; continue }
        closing = p
        break
      }
      p += 1
    }
    if closing < 0 { closing = end }  // unterminated: the rest is the value
    var tailIsSpace = true
    var t = closing + 1
    while t < end { if base[t] != 32 && base[t] != 9 { tailIsSpace = false; break }; t += 1 }
    if !doubled && (tailIsSpace || closing >= end) { return .bytes(start + 1, closing) }
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    p = start + 1
    while p < closing {
      out.append(base[p])
      p += (base[p] == q && p + 1 < closing && base[p + 1] == q) ? 2 : 1
    }
    if !tailIsSpace && closing + 1 < end {
      for i in (closing + 1)..<end { out.append(base[i]) }
    }
    return .text(String(decoding: out, as: UTF8.self))
  }

  private static func unescapeBackslashes(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var p = start
    while p < end {
      let c = base[p]
      guard c == 92, p + 1 < end else { out.append(c); p += 1; continue }
      let e = base[p + 1]
      switch e {
      case 98: out.append(8)
      case 102: out.append(12)
      case 110: out.append(10)
      case 114: out.append(13)
      case 116: out.append(9)
      case 118: out.append(11)
      case 92: out.append(92)
      case 120 where p + 3 < end:
        if let hi = hexValue(base[p + 2]), let lo = hexValue(base[p + 3]) {
          out.append(hi << 4 | lo)
          p += 4
          continue
        }
        out.append(c); out.append(e)
      default:
        out.append(c); out.append(e)
      }
      p += 2
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// `1521911720.629574` → `2018-03-24T17:15:20.629574Z`, keeping the written fraction digits.
  static func isoTime(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String? {
    var p = start
    var seconds = 0
    while p < end, base[p] &- 48 < 10, p - start < 12 { seconds = seconds * 10 + Int(base[p] - 48); p += 1 }
    guard p > start else { return nil }
    var fraction = ""
    if p < end && base[p] == 46 {
      let f = p + 1
      p = f
      while p < end, base[p] &- 48 < 10 { p += 1 }
      fraction = "." + String(decoding: UnsafeBufferPointer(start: base + f, count: p - f), as: UTF8.self)
    }
    guard p == end else { return nil }
    let c = ValueParser.civilFromDays(seconds / 86_400)
    let s = seconds % 86_400
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let year = String(c.year)
    return "\(year)-\(two(c.month))-\(two(c.day))T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))\(fraction)Z"
  }

  static func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case 48...57: return c - 48
    case 65...70: return c - 55
    case 97...102: return c - 87
    default: return nil
    }
  }
}
