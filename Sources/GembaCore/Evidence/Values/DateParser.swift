extension ValueParser {
  /// Seconds since 1970-01-01T00:00:00Z (times without a zone are read as UTC).
  ///
  /// Accepts `2026-03-01`, `2026-03-01T10:04:11.5Z`, `2026-03-01 10:04:11+00:00`, `2026/03/01`,
  /// JIRA's `30/Sep/21 17:20` and `14-Mar-14`.
  static func dateTime(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    guard n >= 8, n <= 40 else { return nil }
    if let t = isoFast(p, n) { return t }
    var i = 0
    func number(_ width: Int) -> Int? {
      guard i + width <= n else { return nil }
      var v = 0
      for k in 0..<width {
        let d = p[i + k] &- 48
        guard d < 10 else { return nil }
        v = v * 10 + Int(d)
      }
      i += width
      return v
    }
    func byte(_ c: UInt8) -> Bool {
      if i < n && p[i] == c { i += 1; return true }
      return false
    }
    var year: Int, month: Int, day: Int
    if n >= 10, p[4] == 45 || p[4] == 47 {
      let sep = p[4]
      guard let y = number(4), byte(sep), let m = number(2), byte(sep), let d = number(2) else { return nil }
      (year, month, day) = (y, m, d)
    } else {
      // DD/Mon/YY or DD-Mon-YYYY
      let d1 = i + 1 < n && p[i + 1] &- 48 < 10 ? 2 : 1
      guard let d = number(d1), i < n, p[i] == 47 || p[i] == 45 else { return nil }
      let sep = p[i]
      i += 1
      guard i + 3 <= n, let m = monthNumber(p[i], p[i + 1], p[i + 2]) else { return nil }
      i += 3
      guard byte(sep) else { return nil }
      let yStart = i
      while i < n && p[i] &- 48 < 10 { i += 1 }
      let yDigits = i - yStart
      i = yStart
      guard yDigits == 2 || yDigits == 4, let y = number(yDigits) else { return nil }
      year = yDigits == 2 ? (y < 69 ? 2000 + y : 1900 + y) : y
      (month, day) = (m, d)
    }
    guard month >= 1, month <= 12, day >= 1, day <= daysIn(month, year) else { return nil }
    var seconds = Double(daysFromCivil(year, month, day)) * 86_400
    if i == n { return seconds }
    guard p[i] == 84 || p[i] == 32 else { return nil }
    i += 1
    // apt's history log pads with two spaces (`2024-01-02  10:00:01`); pandas reads it too.
    if p[i - 1] == 32 { while i < n && p[i] == 32 { i += 1 } }
    let hourDigits = i + 1 < n && p[i + 1] &- 48 < 10 ? 2 : 1
    guard let hh = number(hourDigits), byte(58), let mm = number(2), hh < 24, mm < 60 else { return nil }
    seconds += Double(hh * 3600 + mm * 60)
    if byte(58) {
      guard let ss = number(2), ss <= 60 else { return nil }
      seconds += Double(ss)
      if byte(46) || byte(44) {
        var scale = 0.1
        let start = i
        while i < n && p[i] &- 48 < 10 { seconds += Double(p[i] - 48) * scale; scale /= 10; i += 1 }
        guard i > start else { return nil }
      }
    }
    if i == n { return seconds }
    if byte(90) { return i == n ? seconds : nil }
    guard p[i] == 43 || p[i] == 45 else { return nil }
    let sign = p[i] == 45 ? -1.0 : 1.0
    i += 1
    guard let oh = number(2) else { return nil }
    _ = byte(58)
    let om = i < n ? (number(2) ?? -1) : 0
    guard om >= 0, i == n else { return nil }
    return seconds - sign * Double(oh * 3600 + om * 60)
  }

  /// Whether `dateTime(p, n)` reads the bytes, without computing the instant: a log time
  /// (`2026-03-01T00:00:00.007Z`) is checked by position, anything else goes the general way.
  static func isDateTime(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    isoFractionShape(p, n) || dateTime(p, n) != nil
  }

  /// Whether `isoFastFraction` reads the bytes (`YYYY-MM-DD[T ]HH:MM:SS[.,]digits[Z]`, a valid
  /// date and time of day), checked by position only.
  @inline(__always)
  private static func isoFractionShape(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard n > 20, n <= 40, p[4] == 45, p[7] == 45, p[10] == 84 || p[10] == 32, p[13] == 58, p[16] == 58,
      p[19] == 46 || p[19] == 44
    else { return false }
    @inline(__always) func digit(_ i: Int) -> Bool { p[i] &- 48 < 10 }
    guard digit(0), digit(1), digit(2), digit(3), digit(5), digit(6), digit(8), digit(9),
      digit(11), digit(12), digit(14), digit(15), digit(17), digit(18)
    else { return false }
    let end = p[n - 1] == 90 ? n - 1 : n
    guard end > 20 else { return false }
    for i in 20..<end where !digit(i) { return false }
    @inline(__always) func d(_ i: Int) -> Int { Int(p[i] &- 48) }
    let year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3), month = d(5) * 10 + d(6), day = d(8) * 10 + d(9)
    return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month, year)
      && d(11) * 10 + d(12) < 24 && d(14) * 10 + d(15) < 60 && d(17) * 10 + d(18) <= 60
  }

  /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` and `YYYY-MM-DD HH:MM:SS` (the usual exports) read by
  /// position; anything else (fractions, zones, other separators) goes the general way.
  @inline(__always)
  private static func isoFast(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    // Log times: `2026-03-01T00:00:00.007Z` — seconds with a fraction and UTC's `Z`.
    if n > 19 { return isoFastFraction(p, n) }
    guard n == 10 || n == 16 || n == 19, p[4] == 45, p[7] == 45 else { return nil }
    @inline(__always) func d(_ i: Int) -> Int? { let v = p[i] &- 48; return v < 10 ? Int(v) : nil }
    guard let y0 = d(0), let y1 = d(1), let y2 = d(2), let y3 = d(3), let m0 = d(5), let m1 = d(6), let d0 = d(8),
      let d1 = d(9)
    else { return nil }
    let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3, month = m0 * 10 + m1, day = d0 * 10 + d1
    guard month >= 1, month <= 12, day >= 1, day <= daysIn(month, year) else { return nil }
    var seconds = daysFromCivil(year, month, day) * 86_400
    if n > 10 {
      guard p[10] == 84 || p[10] == 32, p[13] == 58, let h0 = d(11), let h1 = d(12), let i0 = d(14), let i1 = d(15)
      else { return nil }
      let hour = h0 * 10 + h1, minute = i0 * 10 + i1
      guard hour < 24, minute < 60 else { return nil }
      seconds += hour * 3600 + minute * 60
      if n == 19 {
        guard p[16] == 58, let s0 = d(17), let s1 = d(18), s0 * 10 + s1 <= 60 else { return nil }
        seconds += s0 * 10 + s1
      }
    }
    return Double(seconds)
  }

  /// `YYYY-MM-DDTHH:MM:SS.fff[Z]`: the fraction is added digit by digit exactly as the general
  /// way adds it, so both read the same Double; anything else goes the general way.
  private static func isoFastFraction(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    guard p[19] == 46 || p[19] == 44, var seconds = isoFast(p, 19) else { return nil }
    let end = p[n - 1] == 90 ? n - 1 : n
    guard end > 20 else { return nil }
    var scale = 0.1
    for i in 20..<end {
      let digit = p[i] &- 48
      guard digit < 10 else { return nil }
      seconds += Double(digit) * scale
      scale /= 10
    }
    return seconds
  }

  static func monthNumber(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int? {
    switch UInt32(a | 0x20) << 16 | UInt32(b | 0x20) << 8 | UInt32(c | 0x20) {
    case 0x6A616E: return 1
    case 0x666562: return 2
    case 0x6D6172: return 3
    case 0x617072: return 4
    case 0x6D6179: return 5
    case 0x6A756E: return 6
    case 0x6A756C: return 7
    case 0x617567: return 8
    case 0x736570: return 9
    case 0x6F6374: return 10
    case 0x6E6F76: return 11
    case 0x646563: return 12
    default: return nil
    }
  }

  static func daysIn(_ month: Int, _ year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil date of a day number since 1970-01-01.
  static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
