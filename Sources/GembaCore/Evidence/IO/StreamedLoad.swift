/// Loading a line-based file while it is read: a two-stage pipeline over both cores.
///
/// The file is read in chunks into the buffer the table will point into (`ByteArrival`); one core
/// hashes each chunk and checks its UTF-8, the other scans its lines (times, levels, the time
/// column's type), and whichever needs the next chunk first reads it. Every byte is read once and
/// hashed once, and the file is in memory once.
enum StreamedLoad {
  /// Large enough that the hand-over costs nothing, small enough that both stages work on a
  /// chunk still in the cache.
  static let chunk = 8 << 20

  /// The file whose rest can be scanned as it is read, after reading its first chunk; nil when
  /// all of it is in memory (it was not streamed, or it was read through here because its format
  /// or its first bytes need the whole file first: a workbook, a Zeek log, another encoding).
  static func prepare(_ source: ByteSource, format: EvidenceFormat, options: LoadOptions) throws(EvidenceError)
    -> MappedFile?
  {
    guard let file = source.unread else { return nil }
    guard format == .log || format == .text || format == .md || format == .jsonl else {
      try file.readRest()
      return nil
    }
    // The first MiB decides the encoding: it is read before anything is scanned.
    try file.read(upTo: max(options.chunkBytes, 2 << 20))
    if file.bytesRead == source.count
      || !streamable(UnsafeRawBufferPointer(rebasing: source.buffer[0..<file.bytesRead]), options)
    {
      try file.readRest()
      return nil
    }
    return file
  }

  /// Whether the loader's checks of a file's first bytes give the same answer from `head` alone:
  /// UTF-8 (the encoding is sniffed from the first MiB), not a zip, not a Zeek log (a
  /// delimited table), and not blank all the way through `head`.
  static func streamable(_ head: UnsafeRawBufferPointer, _ options: LoadOptions) -> Bool {
    guard options.encoding == nil || options.encoding == .utf8, let raw = head.baseAddress, head.count > (1 << 20) + 4
    else {
      return false
    }
    let p = raw.assumingMemoryBound(to: UInt8.self)
    func starts(_ prefix: String) -> Bool { prefix.utf8.enumerated().allSatisfy { p[$0.offset] == $0.element } }
    if starts("PK\u{3}\u{4}") || starts("#separator ") { return false }
    guard TextEncoding.detect(p, head.count).encoding == .utf8 else { return false }
    var i = 0
    while i + 3 <= head.count, p[i] == 0xEF, p[i + 1] == 0xBB, p[i + 2] == 0xBF { i += 3 }
    while i < head.count, p[i] == 10 || p[i] == 13 || p[i] == 32 || p[i] == 9 { i += 1 }
    return i < head.count
  }

  /// The hashing stage: hashes and checks the bytes as they arrive (reading chunks itself when
  /// the scanner has not), until all are in or reading stopped.
  static func digest(_ arrival: ByteArrival, of buffer: UnsafeRawBufferPointer, known: String?) -> FileDigest {
    var digest = FileDigest.Stream(known: known)
    var offset = 0
    while offset < arrival.end, let filled = arrival.wait(past: offset) {
      digest.take(buffer, upTo: filled)
      offset = filled
    }
    return digest.finish()
  }
}
