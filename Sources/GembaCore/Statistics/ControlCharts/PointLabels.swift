/// Point labels for charts of many points: `1`, `2`, … or `#12`, written digit by digit into a
/// small string (no formatting machinery, no allocation), since a chart of a million rows
/// needs a million of them.
enum PointLabels {
  /// `prefix` then the decimal digits of `n` (n ≥ 0); a prefix of at most one ASCII byte.
  @inline(__always) static func label(_ n: Int, prefix: UInt8? = nil) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
      var digits = 0, m = n
      repeat { digits += 1; m /= 10 } while m > 0
      var start = 0
      if let prefix { buffer[0] = prefix; start = 1 }
      m = n
      for i in stride(from: start + digits - 1, through: start, by: -1) {
        buffer[i] = UInt8(ascii: "0") + UInt8(m % 10)
        m /= 10
      }
      return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<(start + digits)]), as: UTF8.self)
    }
  }

  /// `1` … `count`.
  static func numbers(_ count: Int) -> [String] {
    (1...max(1, count)).map { label($0) }
  }
}
