import Crypto

/// The SHA-256 of a file's bytes, and where they are not valid UTF-8 or hold NUL bytes.
///
/// One pass per block: hash, then check. Pure ASCII is checked eight bytes at a time.
/// (`Stream` takes the bytes as they are read.)
struct FileDigest: Sendable {
  var sha256 = ""
  /// Offsets of the first invalid UTF-8 sequences (up to `limit`), and how many there are.
  var invalidUTF8: [Int] = []
  var invalidUTF8Count = 0
  var nulBytes: [Int] = []
  var nulCount = 0
  static let limit = 100

  /// Stops early (with a meaningless hash) once `progress` is cancelled; the load then throws.
  static func compute(_ buffer: UnsafeRawBufferPointer, known: String? = nil, progress: LoadProgress? = nil)
    -> FileDigest
  {
    var stream = Stream(known: known)
    var offset = 0
    while offset < buffer.count {
      if progress?.isCancelled == true { break }
      offset = min(offset + Stream.block, buffer.count)
      stream.take(buffer, upTo: offset)
    }
    return stream.finish()
  }

  /// The digest of bytes that arrive in order: `take` each prefix as it is read, then `finish`.
  /// Gives what `compute` gives for the whole buffer, however the bytes were cut.
  struct Stream {
    static let block = 1 << 20
    private var digest = FileDigest()
    private var hasher = SHA256()
    private var hashed = 0
    private var checked = 0  // a sequence may run past a block's end; the next block resumes after it
    /// The digest, when it is known already (the same file, same stamp, hashed moments ago): only
    /// the UTF-8 and NUL checks run.
    private let known: String?

    init(known: String? = nil) {
      self.known = known
    }

    /// Takes in `buffer`'s bytes before `offset` (the rest of the buffer may not be read yet).
    mutating func take(_ buffer: UnsafeRawBufferPointer, upTo offset: Int) {
      while hashed < offset {
        let n = min(Self.block, offset - hashed)
        if known == nil {
          hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[hashed..<(hashed + n)]))
        }
        hashed += n
        // A UTF-8 sequence is up to 4 bytes: one starting in the last 3 bytes waits for the next bytes.
        let limit = hashed == buffer.count ? hashed : max(checked, hashed - 3)
        checked = digest.validate(buffer, from: checked, to: limit)
      }
    }

    mutating func finish() -> FileDigest {
      var done = digest
      done.sha256 = known ?? Hex.string(hasher.finalize())
      return done
    }
  }

  /// Checks sequences starting in [from, to); returns the offset where checking stopped.
  fileprivate mutating func validate(_ buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int {
    guard let raw = buffer.baseAddress else { return to }
    let p = raw.assumingMemoryBound(to: UInt8.self)
    let end = buffer.count
    var i = from
    while i < to {
      // Thirty-two ASCII non-NUL bytes at a time (one branch), then eight.
      while i + 32 <= to {
        let q = UnsafeRawPointer(p + i)
        var flags: UInt64 = 0
        for k in 0..<4 {
          let w = q.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)
          flags |= w | ((w &- 0x0101_0101_0101_0101) & ~w)
        }
        if flags & 0x8080_8080_8080_8080 != 0 { break }
        i += 32
      }
      if i >= to { break }
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
