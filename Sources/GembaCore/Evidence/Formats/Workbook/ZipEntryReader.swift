import CZlib

/// Reads one zip entry in pieces: stored bytes copied, deflated bytes inflated with the system's
/// zlib (raw DEFLATE), the CRC-32 and size checked at the end, and refused past `limit` bytes, so
/// memory stays bounded however far an entry would inflate.
final class ZipEntryReader: @unchecked Sendable {
  // Used by one thread at a time (the inflating thread of `XlsxSheetReader`).
  private let entry: ZipArchive.Entry
  private let input: UnsafePointer<UInt8>
  private let limit: Int
  private var stream: UnsafeMutablePointer<z_stream>?
  private var storedOffset = 0
  private(set) var produced = 0
  /// The entry's name in the archive, for messages.
  var name: String { entry.name }
  private var crc: UInt = 0
  private var finished = false

  init(_ archive: ZipArchive, _ entry: ZipArchive.Entry, limit: Int) throws(ZipError) {
    if entry.flags & 1 != 0 { throw .encrypted(entry.name) }
    guard entry.method == 0 || entry.method == 8 else { throw .unsupported(entry.name, method: entry.method) }
    if entry.size > limit { throw .tooLarge(entry.name, limit: limit) }
    self.entry = entry
    self.limit = limit
    self.input = archive.base + (try archive.dataOffset(entry))
    crc = crc32(0, nil, 0)
    if entry.method == 8 {
      let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
      s.initialize(to: z_stream())
      s.pointee.next_in = UnsafeMutablePointer(mutating: input)
      s.pointee.avail_in = 0
      guard gemba_inflate_init_raw(s) == Z_OK else {
        s.deallocate()
        throw .corrupt(entry.name, "zlib could not start inflating")
      }
      stream = s
    }
  }

  deinit {
    if let stream {
      inflateEnd(stream)
      stream.deallocate()
    }
  }

  /// Fills up to `capacity` bytes; returns how many, 0 at the end of the entry (checked then).
  func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws(ZipError) -> Int {
    if finished { return 0 }
    var n = 0
    if let stream {
      stream.pointee.next_out = buffer
      stream.pointee.avail_out = UInt32(capacity)
      while stream.pointee.avail_out > 0 {
        if stream.pointee.avail_in == 0 {
          let consumed = Int(stream.pointee.total_in)
          let left = entry.compressedSize - consumed
          if left > 0 {
            stream.pointee.next_in = UnsafeMutablePointer(mutating: input + consumed)
            stream.pointee.avail_in = UInt32(min(left, 1 << 30))
          }
        }
        let status = inflate(stream, Z_NO_FLUSH)
        if status == Z_STREAM_END { finished = true; break }
        if status == Z_BUF_ERROR && stream.pointee.avail_in == 0 {
          throw .corrupt(entry.name, "its compressed data ends early")
        }
        guard status == Z_OK else { throw .corrupt(entry.name, "its compressed data is invalid") }
      }
      n = capacity - Int(stream.pointee.avail_out)
    } else {
      n = min(capacity, entry.compressedSize - storedOffset)
      buffer.update(from: input + storedOffset, count: n)
      storedOffset += n
      if storedOffset == entry.compressedSize { finished = true }
    }
    produced += n
    if produced > limit { throw .tooLarge(entry.name, limit: limit) }
    crc = crc32(crc, buffer, UInt32(n))
    if finished {
      guard produced == entry.size else {
        throw .corrupt(entry.name, "it inflates to \(produced) bytes, not the \(entry.size) its header states")
      }
      guard UInt32(truncatingIfNeeded: crc) == entry.crc else { throw .crcMismatch(entry.name) }
    }
    return n
  }
}
