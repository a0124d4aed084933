#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Excel's stored values as the text gemba keeps: numbers to Excel's 15 significant digits,
/// date serials as ISO-8601 (1900 system with its leap-year quirk, or 1904), durations as `H:MM:SS`.
enum ExcelValue {
  /// Days from 1970-01-01 to the day before serial 1 in each system's counting.
  static let epoch1900 = -25_569  // 1899-12-30: serial 61 is 1900-03-01
  static let epoch1904 = -24_107  // 1904-01-01 is serial 0

  /// A number as written in `<v>`: kept when it has at most 15 significant digits and no
  /// exponent (`42`, `-3.5`), else rounded to 15 (`0.30000000000000004` → `0.3`).
  static func appendNumber(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int, to out: GrowableBuffer<UInt8>) {
    var digits = 0, leading = true, plain = e > s
    for i in s..<e {
      let b = base[i]
      if b &- 48 < 10 {
        if b != 48 || !leading { leading = false; digits += 1 }
      } else if b != 46 && !(b == 45 && i == s) {
        plain = false
        break
      }
    }
    if plain && digits <= 15 {
      out.append(base + s, count: e - s)
      return
    }
    guard let value = parseDouble(base, s, e) else {
      out.append(base + s, count: e - s)
      return
    }
    appendFormatted(value, to: out)
  }

  static func appendFormatted(_ value: Double, to out: GrowableBuffer<UInt8>) {
    var buffer = [CChar](repeating: 0, count: 40)
    let n = buffer.withUnsafeMutableBufferPointer { b in
      withVaList([value]) { vsnprintf(b.baseAddress!, 40, "%.15g", $0) }
    }
    buffer.withUnsafeBufferPointer { b in
      b.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: Int(n)) { out.append($0, count: Int(n)) }
    }
  }

  static func parseDouble(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Double? {
    guard e > s, e - s < 64 else { return nil }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: e - s + 1) { text -> Double? in
      let t = text.baseAddress!
      for i in s..<e { t[i - s] = CChar(bitPattern: base[i]) }
      t[e - s] = 0
      var endPointer: UnsafeMutablePointer<CChar>?
      let v = strtod(t, &endPointer)
      guard let endPointer, endPointer - t == e - s, v.isFinite else { return nil }
      return v
    }
  }

  /// The ISO-8601 text of a date serial: `2024-03-05` for whole days, `2024-03-05T10:30:00`
  /// otherwise (`.250` when there are milliseconds), `10:30:00` for a time alone (serial < 1 in the
  /// 1900 system). Serial 60 in the 1900 system is Excel's fictitious `1900-02-29`. Nil for
  /// serials Excel cannot show as a date (negative, or past 9999-12-31).
  static func isoDate(serial: Double, date1904: Bool) -> String? {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { b -> String? in
      let n = writeISODate(serial: serial, date1904: date1904, into: b.baseAddress!)
      return n == 0 ? nil : String(decoding: UnsafeBufferPointer(start: b.baseAddress!, count: n), as: UTF8.self)
    }
  }

  /// Writes `isoDate`'s text into `out` (at least 32 bytes); returns its length, 0 when there is none.
  static func writeISODate(serial: Double, date1904: Bool, into out: UnsafeMutablePointer<UInt8>) -> Int {
    guard serial >= 0, serial < 2_958_466 else { return 0 }
    let totalMs = Int((serial * 86_400_000).rounded())
    let days = totalMs / 86_400_000
    let ms = totalMs % 86_400_000
    if !date1904 && days == 0 { return writeClock(ms, into: out) }
    var n: Int
    if !date1904 && days == 60 {
      n = write(1900, 2, 29, into: out)
    } else {
      // Excel counts 1900 as a leap year: serials before 60 are one day later than the count says.
      let offset = date1904 ? epoch1904 : (days < 60 ? epoch1900 + 1 : epoch1900)
      let c = ValueParser.civilFromDays(days + offset)
      n = write(c.year, c.month, c.day, into: out)
    }
    if ms != 0 {
      out[n] = 84  // T
      n += 1 + writeClock(ms, into: out + n + 1)
    }
    return n
  }

  private static func write(_ year: Int, _ month: Int, _ day: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
    digits(year, 4, out)
    out[4] = 45
    digits(month, 2, out + 5)
    out[7] = 45
    digits(day, 2, out + 8)
    return 10
  }

  /// `HH:MM:SS` or `HH:MM:SS.sss`.
  private static func writeClock(_ ms: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
    let seconds = ms / 1000
    digits(seconds / 3600, 2, out)
    out[2] = 58
    digits(seconds / 60 % 60, 2, out + 3)
    out[5] = 58
    digits(seconds % 60, 2, out + 6)
    guard ms % 1000 != 0 else { return 8 }
    out[8] = 46
    digits(ms % 1000, 3, out + 9)
    return 12
  }

  @inline(__always) private static func digits(_ value: Int, _ width: Int, _ out: UnsafeMutablePointer<UInt8>) {
    var v = value
    for i in stride(from: width - 1, through: 0, by: -1) {
      out[i] = UInt8(48 + v % 10)
      v /= 10
    }
  }

  /// A duration serial (days) as `H:MM:SS`, hours unbounded: 10.632 → `255:10:10`.
  static func duration(serial: Double) -> String {
    let totalMs = Int((abs(serial) * 86_400_000).rounded())
    let hours = totalMs / 3_600_000
    let rest = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { b in  // "00:MM:SS[.sss]"
      String(
        decoding: UnsafeBufferPointer(
          start: b.baseAddress!, count: writeClock(totalMs % 3_600_000, into: b.baseAddress!)), as: UTF8.self)
    }
    return (serial < 0 ? "-" : "") + "\(hours)" + rest.dropFirst(2)
  }

}

extension GrowableBuffer where Element == UInt8 {
  @inline(__always) func append(_ bytes: UnsafePointer<UInt8>, count n: Int) {
    reserve(n)
    let to = base + count
    if n <= 32 {
      for i in 0..<n { to[i] = bytes[i] }  // cells are short: a loop beats a call to memmove
    } else {
      to.update(from: bytes, count: n)
    }
    setCount(count + n)
  }

  func append(_ text: String) {
    var copy = text
    copy.withUTF8 { b in if let p = b.baseAddress { append(p, count: b.count) } }
  }

  /// Hands the malloc'd bytes to the caller (who frees them) and starts empty again.
  func release() -> (UnsafeMutableRawPointer, Int) {
    let taken = (UnsafeMutableRawPointer(base), count)
    detach()
    return taken
  }
}
