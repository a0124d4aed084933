/// The JSON needed for JSON Lines: find an object's members as byte ranges, unescape strings.
enum JSONText {
  struct Member {
    var keyStart: Int, keyEnd: Int
    var valueStart: Int, valueEnd: Int
  }

  /// Parses the object spanning [start, end) (one line); returns its members, or the offset of
  /// the first byte that is not valid JSON.
  static func members(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, into out: inout [Member]) -> Int? {
    out.removeAll(keepingCapacity: true)
    var i = skipSpace(p, start, end)
    guard i < end, p[i] == 123 else { return i }
    i = skipSpace(p, i + 1, end)
    if i < end && p[i] == 125 { return skipSpace(p, i + 1, end) == end ? nil : i + 1 }
    while true {
      guard i < end, p[i] == 34, let keyEnd = stringEnd(p, i, end) else { return i }
      let key = (i + 1, keyEnd - 1)
      i = skipSpace(p, keyEnd, end)
      guard i < end, p[i] == 58 else { return i }
      i = skipSpace(p, i + 1, end)
      guard let valueEnd = valueEnd(p, i, end) else { return i }
      out.append(Member(keyStart: key.0, keyEnd: key.1, valueStart: i, valueEnd: valueEnd))
      i = skipSpace(p, valueEnd, end)
      guard i < end else { return i }
      if p[i] == 44 { i = skipSpace(p, i + 1, end); continue }
      guard p[i] == 125 else { return i }
      return skipSpace(p, i + 1, end) == end ? nil : i + 1
    }
  }

  @inline(__always) static func skipSpace(_ p: UnsafePointer<UInt8>, _ i0: Int, _ end: Int) -> Int {
    var i = i0
    while i < end && (p[i] == 32 || p[i] == 9 || p[i] == 13 || p[i] == 10) { i += 1 }
    return i
  }

  /// The offset after the string whose opening quote is at `i`.
  static func stringEnd(_ p: UnsafePointer<UInt8>, _ i0: Int, _ end: Int) -> Int? {
    var i = i0 + 1
    while i < end {
      let c = p[i]
      if c == 92 { i += 2; continue }
      if c == 34 { return i + 1 }
      if c < 32 { return nil }
      i += 1
    }
    return nil
  }

  /// The offset after the value starting at `i`: a string, number, literal, array or object.
  static func valueEnd(_ p: UnsafePointer<UInt8>, _ i0: Int, _ end: Int) -> Int? {
    guard i0 < end else { return nil }
    let c = p[i0]
    if c == 34 { return stringEnd(p, i0, end) }
    if c == 123 || c == 91 {
      var depth = 0
      var i = i0
      while i < end {
        let b = p[i]
        if b == 34 { guard let e = stringEnd(p, i, end) else { return nil }; i = e; continue }
        if b == 123 || b == 91 { depth += 1 }
        if b == 125 || b == 93 { depth -= 1; if depth == 0 { return i + 1 } }
        i += 1
      }
      return nil
    }
    var i = i0
    while i < end {
      let b = p[i]
      if b == 44 || b == 125 || b == 93 || b == 32 || b == 9 || b == 13 || b == 10 { break }
      i += 1
    }
    guard i > i0 else { return nil }
    let n = i - i0
    if c == 116 || c == 102 || c == 110 {  // true false null
      let word = String(decoding: UnsafeBufferPointer(start: p + i0, count: n), as: UTF8.self)
      return ["true", "false", "null"].contains(word) ? i : nil
    }
    return ValueParser.decimal(p + i0, n) != nil ? i : nil
  }

  /// Escapes in [start, end) that JSON does not have (`\x41`, read as `x41`) and lone surrogates
  /// (read as U+FFFD), each with its offset and what was done.
  static func escapeIssues(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> [(Int, String)] {
    guard CellDecoder.memchrByte(p, start, end, 92) != nil else { return [] }
    var issues: [(Int, String)] = []
    var i = start
    while i + 1 < end {
      guard p[i] == 92 else { i += 1; continue }
      let e = p[i + 1]
      switch e {
      case 34, 92, 47, 98, 102, 110, 114, 116:
        i += 2
      case 117:
        guard let scalar = hex4(p, i + 2, end) else {
          issues.append((i, "`\\u` without four hex digits; read as written"))
          i += 2
          continue
        }
        if (0xD800..<0xDC00).contains(scalar) {
          if i + 12 <= end, p[i + 6] == 92, p[i + 7] == 117, let low = hex4(p, i + 8, end),
            (0xDC00..<0xE000).contains(low)
          {
            i += 12
            continue
          }
          issues.append((i, "a lone surrogate (\\u\(String(scalar, radix: 16, uppercase: true))); read as U+FFFD"))
        } else if (0xDC00..<0xE000).contains(scalar) {
          issues.append((i, "a lone surrogate (\\u\(String(scalar, radix: 16, uppercase: true))); read as U+FFFD"))
        }
        i += 6
      default:
        let shown = String(decoding: [e], as: UTF8.self)
        issues.append((i, "`\\\(shown)` is not a JSON escape; read as `\(shown)`"))
        i += 2
      }
    }
    return issues
  }

  /// True when the text at `i` is a JSON number too large for a Double (`1e999999`).
  static func numberTooLarge(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
    var j = i
    while j < end, (p[j] >= 48 && p[j] <= 57) || p[j] == 45 || p[j] == 43 || p[j] == 46 || p[j] == 101 || p[j] == 69 {
      j += 1
    }
    guard j > i, p[i] == 45 || (p[i] >= 48 && p[i] <= 57) else { return false }
    let text = String(decoding: UnsafeBufferPointer(start: p + i, count: j - i), as: UTF8.self)
    return Double(text).map { $0.isInfinite } ?? false
  }

  /// The text of a JSON string's contents (between the quotes).
  static func unescape(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(end - start)
    var i = start
    while i < end {
      let c = p[i]
      guard c == 92, i + 1 < end else { out.append(c); i += 1; continue }
      let e = p[i + 1]
      i += 2
      switch e {
      case 110: out.append(10)
      case 116: out.append(9)
      case 114: out.append(13)
      case 98: out.append(8)
      case 102: out.append(12)
      case 117:
        guard var scalar = hex4(p, i, end) else { out.append(92); out.append(e); continue }
        i += 4
        if (0xD800..<0xDC00).contains(scalar), i + 6 <= end, p[i] == 92, p[i + 1] == 117,
          let low = hex4(p, i + 2, end), (0xDC00..<0xE000).contains(low)
        {
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          i += 6
        }
        let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(s)).utf8))
      default: out.append(e)  // \" \\ \/
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func hex4(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> UInt32? {
    guard i + 4 <= end else { return nil }
    var v: UInt32 = 0
    for k in 0..<4 {
      guard let h = CellDecoder.hexValue(p[i + k]) else { return nil }
      v = v << 4 | UInt32(h)
    }
    return v
  }
}
