#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams one worksheet part through `SheetScanner`: inflated a few MiB at a time, cut after the
/// last complete `</row>`, so memory holds the grid and one piece of XML, never the whole part.
enum XlsxSheetReader {
  static let pieceSize = 4 << 20

  /// False when `progress` cancelled the read part way.
  static func read(_ reader: ZipEntryReader, entry: ZipArchive.Entry, scanner: inout SheetScanner,
                   progress: LoadProgress?) throws(ZipError) -> Bool {
    var capacity = pieceSize
    var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    defer { buffer.deallocate() }
    var filled = 0
    var done = false
    var reported = 0
    while true {
      if !done {
        let n = try reader.read(into: buffer + filled, capacity: capacity - filled)
        if n == 0 { done = true }
        filled += n
        if let progress, entry.size > 0 {
          // Progress is counted in the file's (compressed) bytes.
          let now = Int(Double(reader.produced) / Double(entry.size) * Double(entry.compressedSize))
          if !progress.advance(by: max(0, now - reported)) { return false }
          reported = now
        }
      }
      let cut = done ? filled : lastRowEnd(buffer, filled)
      guard let cut, cut > 0 else {
        if filled == capacity {  // one row longer than the buffer: make room
          let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
          bigger.update(from: buffer, count: filled)
          buffer.deallocate()
          buffer = bigger
          capacity *= 2
        }
        if done { return true }
        continue
      }
      scanner.scan(buffer, 0, cut)
      if scanner.grid.tooLarge { return true }
      if done { return true }
      memmove(buffer, buffer + cut, filled - cut)
      filled -= cut
    }
  }

  /// The offset just after the last `</row>` (or `</x:row>`) in `[0, n)`.
  static func lastRowEnd(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
    var i = n - 1
    while i >= 5 {
      if p[i] == 62 && p[i - 1] == 119 && p[i - 2] == 111 && p[i - 3] == 114 {  // "row>"
        var j = i - 4
        if p[j] == 58 {  // a prefix: walk back to the '<'
          while j > 0 && p[j] != 60 && p[j] != 62 { j -= 1 }
          if p[j] == 60 && p[j + 1] == 47 { return i + 1 }
        } else if p[j] == 47 && j >= 1 && p[j - 1] == 60 {
          return i + 1
        }
      }
      i -= 1
    }
    return nil
  }
}
