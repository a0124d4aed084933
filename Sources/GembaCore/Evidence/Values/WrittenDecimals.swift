/// How many decimals a cell was written with: figures computed from a column are shown at its own precision.
enum WrittenDecimals {
  /// Digits written after the decimal mark (`74.030` → 3), nil for exponent notation.
  static func written(_ p: UnsafePointer<UInt8>, _ n: Int, mark: UInt8 = 46) -> Int? {
    var i = 0
    while i < n && p[i] != mark {
      if p[i] == 101 || p[i] == 69 { return nil }
      i += 1
    }
    guard i < n else { return 0 }
    var d = 0
    i += 1
    while i < n, p[i] &- 48 < 10 { d += 1; i += 1 }
    while i < n { if p[i] == 101 || p[i] == 69 { return nil }; i += 1 }
    return d
  }

  /// Digits after the decimal point in a number's text (`74.030` → 3).
  @inline(__always) static func afterPoint(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
    var i = 0
    while i < n && p[i] != UInt8(ascii: ".") { i += 1 }
    guard i < n else { return 0 }
    var d = 0
    i += 1
    while i < n && p[i] >= UInt8(ascii: "0") && p[i] <= UInt8(ascii: "9") { d += 1; i += 1 }
    return d
  }
}
