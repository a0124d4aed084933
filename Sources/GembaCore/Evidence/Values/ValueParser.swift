/// Parses typed values straight from bytes, without locale and without allocating.
enum ValueParser {
  /// `-12`, `+3`, `007`: up to 18 digits.
  static func integer(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int64? {
    var i = 0
    var negative = false
    if n > 0 && (p[0] == 45 || p[0] == 43) { negative = p[0] == 45; i = 1 }
    guard i < n, n - i <= 18 else { return nil }
    var v: Int64 = 0
    while i < n {
      let d = p[i] &- 48
      guard d < 10 else { return nil }
      v = v * 10 + Int64(d)
      i += 1
    }
    return negative ? -v : v
  }

  private static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

  /// `3.14`, `-0.5`, `.5`, `1e-3`, `12`: decimal notation with an optional exponent.
  static func decimal(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    var i = 0
    var negative = false
    if n > 0 && (p[0] == 45 || p[0] == 43) { negative = p[0] == 45; i = 1 }
    var mantissa: UInt64 = 0
    var digits = 0, fractionDigits = 0, significant = 0
    var dropped = 0  // integer digits beyond what the mantissa holds exactly
    while i < n, p[i] &- 48 < 10 {
      if significant < 19 {
        mantissa = mantissa * 10 + UInt64(p[i] - 48); if mantissa > 0 { significant += 1 }
      } else {
        dropped += 1
      }
      digits += 1
      i += 1
    }
    if i < n && p[i] == 46 {
      i += 1
      while i < n, p[i] &- 48 < 10 {
        if significant < 19 {
          mantissa = mantissa * 10 + UInt64(p[i] - 48); fractionDigits += 1; if mantissa > 0 { significant += 1 }
        }
        digits += 1
        i += 1
      }
    }
    guard digits > 0 else { return nil }
    var exponent = 0
    if i < n && (p[i] == 101 || p[i] == 69) {
      i += 1
      var expNegative = false
      if i < n && (p[i] == 45 || p[i] == 43) { expNegative = p[i] == 45; i += 1 }
      var e = 0, expDigits = 0
      while i < n, p[i] &- 48 < 10, expDigits < 5 { e = e * 10 + Int(p[i] - 48); i += 1; expDigits += 1 }
      guard expDigits > 0 else { return nil }
      exponent = expNegative ? -e : e
    }
    guard i == n else { return nil }
    let scale = exponent + dropped - fractionDigits
    var value = Double(mantissa)
    // One multiplication or division by an exact power of ten is correctly rounded only while the
    // mantissa is exact in a Double (≤ 2^53) and |scale| ≤ 22 (Clinger's fast path). Past that,
    // `0.46666666666666673` must still read as the Double that prints so: the exact parser decides.
    if (mantissa > 1 << 53 && scale != 0) || scale > 22 || scale < -22 || dropped > 0 {
      guard let exact = Double(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)), exact.isFinite
      else { return nil }
      return exact
    }
    if scale > 0 {
      value *= powers[scale]
    } else if scale < 0 {
      value /= powers[-scale]
    }
    // 1e400 is not a number anyone measured; treating it as text keeps charts finite.
    guard value.isFinite else { return nil }
    return negative ? -value : value
  }

  /// yes/no, true/false, y/n, t/f in any case.
  static func boolean(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
    guard n >= 1 && n <= 5 else { return nil }
    var word: UInt64 = 0
    for i in 0..<n { word = word << 8 | UInt64(p[i] | 0x20) }
    switch word {
    case 0x796573, 0x74727565, 0x79, 0x74: return true  // yes true y t
    case 0x6E6F, 0x66616C7365, 0x6E, 0x66: return false  // no false n f
    default: return nil
    }
  }

  /// Parses a boolean from a String (query literals).
  static func boolean(_ s: String) -> Bool? {
    var copy = s
    return copy.withUTF8 { b in b.baseAddress.flatMap { boolean($0, b.count) } }
  }

  static func decimal(_ s: String) -> Double? {
    var copy = s
    return copy.withUTF8 { b in b.baseAddress.flatMap { decimal($0, b.count) } }
  }

  static func integer(_ s: String) -> Int64? {
    var copy = s
    return copy.withUTF8 { b in b.baseAddress.flatMap { integer($0, b.count) } }
  }

  static func dateTime(_ s: String) -> Double? {
    var copy = s
    return copy.withUTF8 { b in b.baseAddress.flatMap { dateTime($0, b.count) } }
  }
}
