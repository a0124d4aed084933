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
    var text = [CChar](repeating: 0, count: e - s + 1)
    for i in s..<e { text[i - s] = CChar(bitPattern: base[i]) }
    return text.withUnsafeBufferPointer { b -> Double? in
      var endPointer: UnsafeMutablePointer<CChar>?
      let v = strtod(b.baseAddress!, &endPointer)
      guard let endPointer, endPointer - UnsafeMutablePointer(mutating: b.baseAddress!) == e - s, v.isFinite else { return nil }
      return v
    }
  }

  /// The ISO-8601 text of a date serial: `2024-03-05` for whole days, `2024-03-05T10:30:00`
  /// otherwise (`.250` when there are milliseconds), `10:30:00` for a time alone (serial < 1 in the
  /// 1900 system). Serial 60 in the 1900 system is Excel's fictitious `1900-02-29`. Nil for
  /// serials Excel cannot show as a date (negative, or past 9999-12-31).
  static func isoDate(serial: Double, date1904: Bool) -> String? {
    guard serial >= 0, serial < 2_958_466 else { return nil }
    let totalMs = Int((serial * 86_400_000).rounded())
    let days = totalMs / 86_400_000
    let ms = totalMs % 86_400_000
    let time = ms == 0 ? "" : clock(ms)
    if !date1904 && days == 0 { return clock(ms) }
    let date: String
    if !date1904 && days == 60 {
      date = "1900-02-29"
    } else {
      // Excel counts 1900 as a leap year: serials before 60 are one day later than the count says.
      let offset = date1904 ? epoch1904 : (days < 60 ? epoch1900 + 1 : epoch1900)
      let c = ValueParser.civilFromDays(days + offset)
      date = "\(c.year)-\(two(c.month))-\(two(c.day))"
    }
    return time.isEmpty ? date : date + "T" + time
  }

  /// A duration serial (days) as `H:MM:SS`, hours unbounded: 10.632 → `255:10:10`.
  static func duration(serial: Double) -> String {
    let totalMs = Int((abs(serial) * 86_400_000).rounded())
    let hours = totalMs / 3_600_000
    let rest = clock(totalMs % 3_600_000)  // "00:MM:SS[.sss]"
    return (serial < 0 ? "-" : "") + "\(hours)" + rest.dropFirst(2)
  }

  private static func clock(_ ms: Int) -> String {
    let seconds = ms / 1000
    let fraction = ms % 1000
    var s = "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
    if fraction != 0 {
      s += "." + String(String(fraction + 1000).dropFirst())
    }
    return s
  }

  private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

extension GrowableBuffer where Element == UInt8 {
  @inline(__always) func append(_ bytes: UnsafePointer<UInt8>, count n: Int) {
    reserve(n)
    (base + count).update(from: bytes, count: n)
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
