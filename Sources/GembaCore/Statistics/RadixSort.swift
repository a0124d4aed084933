/// Sorting finite doubles by their bits, in linear time: a least-significant-digit radix sort
/// over keys that order as the values do (flip every bit of a negative, the sign bit of a
/// positive). The ranks, medians and order statistics of a million values cost a few passes
/// over memory instead of a comparison sort. Results are the comparison sort's: equal values
/// are indistinguishable, and −0 sorts next to +0.
enum RadixSort {
  /// Below this many values the standard library's sort is as fast.
  static let threshold = 2_048

  @inline(__always) static func key(_ x: Double) -> UInt64 {
    let bits = x.bitPattern
    return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
  }

  @inline(__always) static func value(_ key: UInt64) -> Double {
    Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
  }

  /// The values in ascending order.
  static func sorted(_ values: [Double]) -> [Double] {
    guard values.count >= threshold else { return values.sorted() }
    var keys = values.map(key)
    var scratch = [UInt64](repeating: 0, count: keys.count)
    var none: [Int32] = [], noneScratch: [Int32] = []
    sort(&keys, &scratch, &none, &noneScratch, carry: false)
    return keys.map(value)
  }

  /// The values in ascending order, each with its position in `values`.
  static func sortedWithPositions(_ values: [Double]) -> (values: [Double], positions: [Int32]) {
    guard values.count >= threshold else {
      let order = values.enumerated().map { ($0.element, Int32(truncatingIfNeeded: $0.offset)) }.sorted { $0.0 < $1.0 }
      return (order.map(\.0), order.map(\.1))
    }
    var keys = values.map(key)
    var scratch = [UInt64](repeating: 0, count: keys.count)
    var positions = (0..<Int32(truncatingIfNeeded: values.count)).map { $0 }
    var positionScratch = [Int32](repeating: 0, count: values.count)
    sort(&keys, &scratch, &positions, &positionScratch, carry: true)
    return (keys.map(value), positions)
  }

  /// Six passes of 11 bits, skipping a pass when every key has the same digit there.
  private static func sort(_ keys: inout [UInt64], _ scratch: inout [UInt64], _ carried: inout [Int32],
                           _ carriedScratch: inout [Int32], carry: Bool) {
    let n = keys.count
    var counts = [Int](repeating: 0, count: 2048)
    for shift in stride(from: 0, to: 64, by: 11) {
      for i in counts.indices { counts[i] = 0 }
      keys.withUnsafeBufferPointer { k in
        for i in 0..<n { counts[Int((k[i] >> UInt64(shift)) & 2047)] += 1 }
      }
      if counts.contains(n) { continue }  // one digit for all: this pass would not move anything
      var total = 0
      for i in counts.indices {
        let c = counts[i]
        counts[i] = total
        total += c
      }
      keys.withUnsafeBufferPointer { k in
        scratch.withUnsafeMutableBufferPointer { out in
          counts.withUnsafeMutableBufferPointer { start in
            if carry {
              carried.withUnsafeBufferPointer { p in
                carriedScratch.withUnsafeMutableBufferPointer { pOut in
                  for i in 0..<n {
                    let d = Int((k[i] >> UInt64(shift)) & 2047)
                    out[start[d]] = k[i]
                    pOut[start[d]] = p[i]
                    start[d] += 1
                  }
                }
              }
            } else {
              for i in 0..<n {
                let d = Int((k[i] >> UInt64(shift)) & 2047)
                out[start[d]] = k[i]
                start[d] += 1
              }
            }
          }
        }
      }
      swap(&keys, &scratch)
      if carry { swap(&carried, &carriedScratch) }
    }
  }
}
