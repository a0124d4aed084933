/// How an export writes numbers beyond plain `1234.5`: a decimal mark, a thousands separator,
/// currency and percent signs (`$1,234.50`, `1.234,56 €`, `12,5 %`, `(1,200.00)` for -1200).
///
/// The value is the number as written: `12,5 %` reads 12.5, and `$1,234.50` reads 1234.5.
public struct NumberPattern: Hashable, Sendable, CustomStringConvertible {
  /// `.` or `,`.
  public var decimalMark: UInt8
  /// `,`, `.`, or nil for no grouping.
  public var groupMark: UInt8?

  public init(decimalMark: UInt8, groupMark: UInt8?) {
    self.decimalMark = decimalMark
    self.groupMark = groupMark
  }

  /// `1,234.56`
  public static let point = NumberPattern(decimalMark: 46, groupMark: 44)
  /// `1.234,56`
  public static let comma = NumberPattern(decimalMark: 44, groupMark: 46)

  public var description: String {
    switch (decimalMark, groupMark) {
    case (46, 44): return "1,234.56"
    case (44, 46): return "1.234,56"
    case (44, nil): return "1234,56"
    default: return "1234.56"
    }
  }

  /// The number, or nil when the bytes are not one in this layout.
  func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    var s = 0, e = n
    var negative = false
    if s < e && p[s] == 40 && p[e - 1] == 41 { negative = true; s += 1; e -= 1 }  // (1,200.00)
    if s < e && (p[s] == 45 || p[s] == 43) { negative = negative || p[s] == 45; s += 1 }
    s = Self.skipSymbols(p, s, e, forward: true)
    if s < e && (p[s] == 45 || p[s] == 43) { negative = negative || p[s] == 45; s += 1 }  // $-5
    e = Self.skipSymbols(p, s, e, forward: false)
    guard s < e else { return nil }
    guard e - s < 64 else { return nil }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { digits -> Double? in
      var count = 0, anyDigit = false
      var i = s
      var groupDigits = -1  // digits since the last group mark; -1 before any
      var leading = 0
      var sawDecimal = false
      while i < e {
        let c = p[i]
        if c &- 48 < 10 {
          digits[count] = c; count += 1; anyDigit = true
          if sawDecimal {} else if groupDigits >= 0 { groupDigits += 1 } else { leading += 1 }
        } else if let g = groupMark, c == g, !sawDecimal {
          guard (groupDigits == -1 && leading >= 1 && leading <= 3) || groupDigits == 3 else { return nil }
          groupDigits = 0
        } else if c == decimalMark, !sawDecimal {
          guard groupDigits == -1 || groupDigits == 3 else { return nil }
          sawDecimal = true
          digits[count] = 46; count += 1
        } else {
          return nil
        }
        i += 1
      }
      guard groupDigits == -1 || groupDigits == 3 || sawDecimal, anyDigit else { return nil }
      let v = ValueParser.decimal(UnsafePointer(digits.baseAddress!), count)
      return v.map { negative ? -$0 : $0 }
    }
  }

  /// Past currency signs (`$ € £ ¥ ₹`), `%` and spaces (also U+00A0), from the front or the back.
  static func skipSymbols(_ p: UnsafePointer<UInt8>, _ s0: Int, _ e0: Int, forward: Bool) -> Int {
    var s = s0, e = e0
    while s < e {
      if forward {
        if p[s] == 36 || p[s] == 32 { s += 1; continue }
        if let k = multiByteSymbol(p, s, e) { s += k; continue }
        return s
      } else {
        let c = p[e - 1]
        if c == 36 || c == 37 || c == 32 { e -= 1; continue }
        if let k = multiByteSymbolEnding(p, s, e) { e -= k; continue }
        return e
      }
    }
    return forward ? s : e
  }

  private static let symbols: [[UInt8]] = [
    [0xE2, 0x82, 0xAC], [0xC2, 0xA3], [0xC2, 0xA5], [0xE2, 0x82, 0xB9], [0xC2, 0xA0],
  ]

  private static func multiByteSymbol(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
    for sym in symbols where e - s >= sym.count && sym.indices.allSatisfy({ p[s + $0] == sym[$0] }) { return sym.count }
    return nil
  }

  private static func multiByteSymbolEnding(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Int? {
    for sym in symbols where e - s >= sym.count && sym.indices.allSatisfy({ p[e - sym.count + $0] == sym[$0] }) {
      return sym.count
    }
    return nil
  }
}
