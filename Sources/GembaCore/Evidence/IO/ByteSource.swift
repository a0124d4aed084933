#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Read-only bytes to load evidence from, kept alive as long as a table points into them.
///
/// Tables store cells as offsets into these bytes, so the source must outlive them; it owns either
/// a `MappedFile` or a private heap copy (for tests and for text that did not come from a file).
public final class ByteSource: @unchecked Sendable {
  // Immutable after init: the buffer is never written, so sharing it across threads is safe.
  public let buffer: UnsafeRawBufferPointer
  private let mapping: MappedFile?
  private let heap: UnsafeMutableRawPointer?

  /// The bytes of a mapped file.
  public init(_ file: MappedFile) {
    self.buffer = file.bytes
    self.mapping = file
    self.heap = nil
  }

  /// A private copy of `bytes`.
  public convenience init<Bytes: Collection>(copying bytes: Bytes) where Bytes.Element == UInt8 {
    guard let memory = malloc(max(bytes.count, 1)) else { fatalError("out of memory for \(bytes.count) bytes") }
    self.init(copying: bytes, into: memory)
  }

  /// A private copy of `bytes`, or nil when the memory for it is not there (a load refuses the file).
  static func copy<Bytes: Collection>(_ bytes: Bytes) -> ByteSource? where Bytes.Element == UInt8 {
    malloc(max(bytes.count, 1)).map { ByteSource(copying: bytes, into: $0) }
  }

  private init<Bytes: Collection>(copying bytes: Bytes, into memory: UnsafeMutableRawPointer)
  where Bytes.Element == UInt8 {
    let count = bytes.count
    let typed = memory.bindMemory(to: UInt8.self, capacity: max(count, 1))
    var i = 0
    for b in bytes {
      typed[i] = b
      i += 1
    }
    self.heap = memory
    self.buffer = UnsafeRawBufferPointer(start: memory, count: count)
    self.mapping = nil
  }

  /// Takes ownership of `count` malloc'd bytes (freed with the source): text a loader decoded.
  init(adopting memory: UnsafeMutableRawPointer, count: Int) {
    self.heap = memory
    self.buffer = UnsafeRawBufferPointer(start: memory, count: count)
    self.mapping = nil
  }

  /// The UTF-8 bytes of `text`.
  public convenience init(text: String) {
    self.init(copying: Array(text.utf8))
  }

  public var count: Int { buffer.count }

  /// The file whose bytes are still being read (opened `streamed`), or nil when all are in memory.
  var unread: MappedFile? {
    guard let mapping, mapping.bytesRead < mapping.bytes.count else { return nil }
    return mapping
  }

  /// Throws when the file these bytes are mapped from changed since (see `MappedFile.checkIntact`).
  public func checkIntact() throws(EvidenceError) {
    try mapping?.checkIntact()
  }

  /// Reads whatever of the file is still unread: after this, `buffer` holds all of it.
  public func readRest() throws(EvidenceError) {
    try mapping?.readRest()
  }

  deinit {
    if let heap { free(heap) }
  }
}
