import Crypto

/// The SHA-256 of a file's bytes, and where they are not valid UTF-8 or hold NUL bytes.
///
/// One pass per block: hash, then check. Pure ASCII is checked eight bytes at a time.
struct FileDigest: Sendable {
  var sha256 = ""
  /// Offsets of the first invalid UTF-8 sequences (up to `limit`), and how many there are.
  var invalidUTF8: [Int] = []
  var invalidUTF8Count = 0
  var nulBytes: [Int] = []
  var nulCount = 0
  static let limit = 100

  /// Stops early (with a meaningless hash) once `progress` is cancelled; the load then throws.
  static func compute(_ buffer: UnsafeRawBufferPointer, progress: LoadProgress? = nil) -> FileDigest {
    var digest = FileDigest()
    var hasher = SHA256()
    let block = 1 << 20
    var offset = 0
    var checked = 0  // a sequence may run past a block's end; the next block resumes after it
    while offset < buffer.count {
      if progress?.isCancelled == true { break }
      let n = min(block, buffer.count - offset)
      hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + n)]))
      checked = digest.validate(buffer, from: checked, to: offset + n)
      offset += n
    }
    digest.sha256 = Chain.hex(hasher.finalize())
    return digest
  }

  /// Checks sequences starting in [from, to); returns the offset where checking stopped.
  private mutating func validate(_ buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int {
    guard let raw = buffer.baseAddress else { return to }
    let p = raw.assumingMemoryBound(to: UInt8.self)
    let end = buffer.count
    var i = from
    while i < to {
      // Eight ASCII non-NUL bytes at a time.
      if i + 8 <= to {
        let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
        let high = w & 0x8080_8080_8080_8080
        let zero = (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
        if high == 0 && zero == 0 { i += 8; continue }
      }
      let c = p[i]
      if c < 0x80 {
        if c == 0 { nulCount += 1; if nulBytes.count < Self.limit { nulBytes.append(i) } }
        i += 1
        continue
      }
      let length = Self.sequenceLength(p, i, end)
      if length == 0 {
        invalidUTF8Count += 1
        if invalidUTF8.count < Self.limit { invalidUTF8.append(i) }
        i += 1
      } else {
        i += length
      }
    }
    return i
  }

  /// The length of the valid UTF-8 sequence at `i`, or 0 when it is invalid.
  static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
    let c = p[i]
    @inline(__always) func cont(_ k: Int) -> Bool { i + k < end && p[i + k] & 0xC0 == 0x80 }
    switch c {
    case 0xC2...0xDF:
      return cont(1) ? 2 : 0
    case 0xE0...0xEF:
      guard cont(1), cont(2) else { return 0 }
      let c1 = p[i + 1]
      if c == 0xE0 && c1 < 0xA0 { return 0 }  // overlong
      if c == 0xED && c1 > 0x9F { return 0 }  // surrogate
      return 3
    case 0xF0...0xF4:
      guard cont(1), cont(2), cont(3) else { return 0 }
      let c1 = p[i + 1]
      if c == 0xF0 && c1 < 0x90 { return 0 }
      if c == 0xF4 && c1 > 0x8F { return 0 }
      return 4
    default:
      return 0
    }
  }
}
