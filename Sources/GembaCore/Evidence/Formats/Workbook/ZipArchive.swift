import Foundation

/// The entries of a zip archive, read in place from its bytes (the central directory, ZIP64 where
/// the sizes need it). Entries are inflated on demand by `ZipEntryReader`.
///
/// Only what a workbook needs: stored and deflated entries, one disk, no encryption.
struct ZipArchive: @unchecked Sendable {
  // Reads immutable bytes that outlive it (the loader's ByteSource); never writes them.
  struct Entry: Sendable {
    var name: String
    var flags: UInt16
    var method: UInt16
    var crc: UInt32
    var compressedSize: Int
    var size: Int
    var localHeaderOffset: Int
  }

  let base: UnsafePointer<UInt8>
  let count: Int
  let entries: [Entry]
  private let byName: [String: Int]

  static let localSignature: UInt32 = 0x0403_4B50
  static let centralSignature: UInt32 = 0x0201_4B50
  static let endSignature: UInt32 = 0x0605_4B50
  static let zip64EndSignature: UInt32 = 0x0606_4B50
  static let zip64LocatorSignature: UInt32 = 0x0706_4B50

  init(base: UnsafePointer<UInt8>, count: Int) throws(ZipError) {
    self.base = base
    self.count = count
    guard count >= 22 else { throw .truncated("the file is too short to be a zip archive") }
    // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB, at the end.
    var end = -1
    var p = count - 22
    let lowest = max(0, count - 22 - 0xFFFF)
    while p >= lowest {
      if base[p] == 0x50 && Self.u32(base, p) == Self.endSignature { end = p; break }
      p -= 1
    }
    guard end >= 0 else {
      throw .truncated("no end-of-central-directory record (the file is cut short, or not a zip archive)")
    }
    var total = Int(Self.u16(base, end + 10))
    var directorySize = Int(Self.u32(base, end + 12))
    var directoryOffset = Int(Self.u32(base, end + 16))
    if total == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
      let locator = end - 20
      guard locator >= 0, Self.u32(base, locator) == Self.zip64LocatorSignature else {
        throw .truncated("the ZIP64 end-of-central-directory locator is missing")
      }
      let record = Int(Self.u64(base, locator + 8))
      guard record >= 0, record + 56 <= count, Self.u32(base, record) == Self.zip64EndSignature else {
        throw .truncated("the ZIP64 end-of-central-directory record is missing")
      }
      total = Int(Self.u64(base, record + 32))
      directorySize = Int(Self.u64(base, record + 40))
      directoryOffset = Int(Self.u64(base, record + 48))
    }
    guard directoryOffset >= 0, directorySize >= 0, directoryOffset + directorySize <= count else {
      throw .truncated("the central directory lies past the end of the file (the file is cut short)")
    }
    var entries: [Entry] = []
    var byName: [String: Int] = [:]
    var q = directoryOffset
    for _ in 0..<total {
      guard q + 46 <= count, Self.u32(base, q) == Self.centralSignature else {
        throw .truncated("the central directory is cut short after \(entries.count) of \(total) entries")
      }
      let nameLength = Int(Self.u16(base, q + 28))
      let extraLength = Int(Self.u16(base, q + 30))
      let commentLength = Int(Self.u16(base, q + 32))
      guard q + 46 + nameLength + extraLength + commentLength <= count else {
        throw .truncated("the central directory is cut short after \(entries.count) of \(total) entries")
      }
      var entry = Entry(
        name: String(decoding: UnsafeBufferPointer(start: base + q + 46, count: nameLength), as: UTF8.self),
        flags: Self.u16(base, q + 8), method: Self.u16(base, q + 10), crc: Self.u32(base, q + 16),
        compressedSize: Int(Self.u32(base, q + 20)), size: Int(Self.u32(base, q + 24)),
        localHeaderOffset: Int(Self.u32(base, q + 42)))
      Self.applyZip64(&entry, extra: q + 46 + nameLength, length: extraLength, base: base)
      byName[Self.key(entry.name)] = entries.count
      entries.append(entry)
      q += 46 + nameLength + extraLength + commentLength
    }
    self.entries = entries
    self.byName = byName
  }

  /// The entry at `path` (a leading `/` and letter case ignored, `\` read as `/`).
  func entry(_ path: String) -> Entry? {
    byName[Self.key(path)].map { entries[$0] }
  }

  /// Where an entry's data starts, after its local header.
  func dataOffset(_ entry: Entry) throws(ZipError) -> Int {
    let p = entry.localHeaderOffset
    guard p >= 0, p + 30 <= count, Self.u32(base, p) == Self.localSignature else {
      throw .corrupt(entry.name, "its local header is missing")
    }
    let start = p + 30 + Int(Self.u16(base, p + 26)) + Int(Self.u16(base, p + 28))
    guard start + entry.compressedSize <= count else {
      throw .truncated("`\(entry.name)` runs past the end of the file")
    }
    return start
  }

  /// The whole entry, inflated and checked; refused past `limit` bytes.
  func data(_ entry: Entry, limit: Int) throws(ZipError) -> [UInt8] {
    let reader = try ZipEntryReader(self, entry, limit: limit)
    // The size is what the archive claims: its memory is asked for first, so a claim too large
    // for the memory left is a refusal, not a crash in the array's growth.
    let claimed = min(entry.size, limit)
    guard let probe = malloc(max(claimed, 1)) else { throw .noMemory(entry.name, bytes: claimed) }
    free(probe)
    var out: [UInt8] = []
    out.reserveCapacity(claimed)
    let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
    defer { chunk.deallocate() }
    while true {
      let n = try reader.read(into: chunk, capacity: 1 << 16)
      if n == 0 { break }
      out.append(contentsOf: UnsafeBufferPointer(start: chunk, count: n))
    }
    return out
  }

  private static func key(_ path: String) -> String {
    var s = path.replacingOccurrences(of: "\\", with: "/")
    while s.hasPrefix("/") { s.removeFirst() }
    return s.lowercased()
  }

  private static func applyZip64(_ entry: inout Entry, extra: Int, length: Int, base: UnsafePointer<UInt8>) {
    var p = extra
    let end = extra + length
    while p + 4 <= end {
      let id = u16(base, p)
      let size = Int(u16(base, p + 2))
      if id == 1 {
        var f = p + 4
        if entry.size == 0xFFFF_FFFF, f + 8 <= p + 4 + size { entry.size = Int(u64(base, f)); f += 8 }
        if entry.compressedSize == 0xFFFF_FFFF, f + 8 <= p + 4 + size {
          entry.compressedSize = Int(u64(base, f)); f += 8
        }
        if entry.localHeaderOffset == 0xFFFF_FFFF, f + 8 <= p + 4 + size { entry.localHeaderOffset = Int(u64(base, f)) }
        return
      }
      p += 4 + size
    }
  }

  @inline(__always) static func u16(_ b: UnsafePointer<UInt8>, _ p: Int) -> UInt16 {
    UInt16(b[p]) | UInt16(b[p + 1]) << 8
  }
  @inline(__always) static func u32(_ b: UnsafePointer<UInt8>, _ p: Int) -> UInt32 {
    UInt32(b[p]) | UInt32(b[p + 1]) << 8 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 24
  }
  @inline(__always) static func u64(_ b: UnsafePointer<UInt8>, _ p: Int) -> UInt64 {
    UInt64(u32(b, p)) | UInt64(u32(b, p + 4)) << 32
  }
}

/// Why a zip archive or one of its entries cannot be read.
enum ZipError: Error, Equatable {
  case truncated(String)
  case encrypted(String)
  case unsupported(String, method: UInt16)
  case tooLarge(String, limit: Int)
  case crcMismatch(String)
  case corrupt(String, String)
  /// The memory to inflate it into is not there.
  case noMemory(String, bytes: Int)

  var message: String {
    switch self {
    case .truncated(let why): return "the zip archive is damaged: \(why)"
    case .encrypted(let name): return "`\(name)` inside the archive is encrypted"
    case .unsupported(let name, let method):
      return "`\(name)` is compressed with method \(method), which gemba does not read (only stored and deflate)"
    case .tooLarge(let name, let limit):
      return "`\(name)` inflates past \(NumberFormat.integer(limit)) bytes (a zip bomb, or a sheet too large to load)"
    case .crcMismatch(let name): return "`\(name)` fails its CRC-32 check (the file is damaged)"
    case .corrupt(let name, let why): return "`\(name)` is damaged: \(why)"
    case .noMemory(let name, let bytes):
      return "`\(name)` is too large for the memory left (\(NumberFormat.integer(bytes)) bytes)"
    }
  }
}
