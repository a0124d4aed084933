#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds a byte string fast: SIMD compares of two rare bytes of the needle at their offsets
/// (the "packed pair" method), then a full compare at each candidate.
struct LiteralSearch: Sendable {
  let needle: [UInt8]
  private let offset1: Int, offset2: Int
  private let byte1: UInt8, byte2: UInt8

  init(_ needle: [UInt8]) {
    self.needle = needle
    // The two rarest bytes (by a rough frequency rank of text), at different offsets.
    let ranked = needle.indices.sorted { (Self.rank(needle[$0]), $0) < (Self.rank(needle[$1]), $1) }
    let a = ranked.first ?? 0
    let b = ranked.dropFirst().first ?? a
    offset1 = min(a, b)
    offset2 = max(a, b)
    byte1 = needle.isEmpty ? 0 : needle[offset1]
    byte2 = needle.isEmpty ? 0 : needle[offset2]
  }

  /// Lower is rarer: control and high bytes, then punctuation, upper case, digits, letters, space.
  static func rank(_ b: UInt8) -> Int {
    let common = Array("etaoinshrdlcumwfgypbvkjxqz".utf8)
    switch b {
    case 32: return 100
    case 97...122: return 90 - (common.firstIndex(of: b) ?? 26) * 2
    case 48...57: return 35
    case 65...90: return 30
    case 33...47, 58...64, 91...96, 123...126: return 20
    default: return 0
    }
  }

  /// The offset of the first occurrence in [from, end), or nil.
  func first(in base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int? {
    let n = needle.count
    guard n > 0 else { return from }
    guard end - from >= n else { return nil }
    if n == 1 {
      guard let hit = memchr(base + from, Int32(needle[0]), end - from) else { return nil }
      return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }
    let v1 = SIMD16<UInt8>(repeating: byte1)
    let v2 = SIMD16<UInt8>(repeating: byte2)
    var p = from
    let lastStart = end - n  // the last offset where the needle fits
    // Scalar steps until the first byte stream is 16-byte aligned (loads then split no cache line).
    while p <= lastStart && (Int(bitPattern: base + p + offset1) & 15) != 0 {
      if base[p + offset1] == byte1 && base[p + offset2] == byte2 && verify(base + p) { return p }
      p += 1
    }
    // Eight 16-byte blocks per step; loads stay inside [p, p + 128 + offset2) ⊆ the buffer.
    while p + 128 + offset2 <= end {
      let r1 = UnsafeRawPointer(base + p + offset1)
      let r2 = UnsafeRawPointer(base + p + offset2)
      @inline(__always) func block(_ k: Int) -> SIMDMask<SIMD16<Int8>> {
        (r1.load(fromByteOffset: k, as: SIMD16<UInt8>.self) .== v1)
          .& (r2.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self) .== v2)
      }
      let m0 = block(0), m1 = block(16), m2 = block(32), m3 = block(48)
      let m4 = block(64), m5 = block(80), m6 = block(96), m7 = block(112)
      if any((m0 .| m1) .| (m2 .| m3) .| (m4 .| m5) .| (m6 .| m7)) {
        // Visit only the candidate lanes: each mask becomes bytes of 0xFF, read as two words.
        for (index, mask) in [m0, m1, m2, m3, m4, m5, m6, m7].enumerated() where any(mask) {
          let bytes = SIMD16<UInt8>(repeating: 0).replacing(with: 0xFF, where: mask)
          let words = unsafeBitCast(bytes, to: (UInt64, UInt64).self)
          for (half, w0) in [words.0, words.1].enumerated() {
            var w = w0
            while w != 0 {
              let lane = w.trailingZeroBitCount >> 3
              w &= ~(UInt64(0xFF) << UInt64(lane << 3))
              let candidate = p + index * 16 + half * 8 + lane
              if candidate <= lastStart && verify(base + candidate) { return candidate }
            }
          }
        }
      }
      p += 128
    }
    while p <= lastStart {
      if base[p + offset1] == byte1 && base[p + offset2] == byte2 && verify(base + p) { return p }
      p += 1
    }
    return nil
  }

  @inline(__always) private func verify(_ p: UnsafePointer<UInt8>) -> Bool {
    needle.withUnsafeBufferPointer { memcmp(p, $0.baseAddress!, $0.count) == 0 }
  }
}
