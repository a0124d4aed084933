import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// The zip reader against archives Python's zipfile writes at test time.
@Suite(.enabled(if: ExternalProgram.runs(needing: pythonWorkbookTools == nil), "\(pythonWorkbookTools ?? "")"))
struct ZipArchiveTests {
  /// Writes a zip with `entries` (name → (text, deflate?)) and returns its bytes.
  static func makeZip(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [UInt8] {
    let folder = try workbookScratch("zip\(abs(script.hashValue))")
    let path = folder.appendingPathComponent("a.zip").path
    let run = runPython(
      "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], 'w')\n" + script + "\nz.close()", arguments: [path])
    #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
    return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  static func read(_ bytes: [UInt8], _ name: String, limit: Int = 1 << 30) throws(ZipError) -> [UInt8] {
    try bytes.withUnsafeBufferPointer { b throws(ZipError) in
      let archive = try ZipArchive(base: b.baseAddress!, count: b.count)
      guard let entry = archive.entry(name) else { throw .corrupt(name, "missing") }
      return try archive.data(entry, limit: limit)
    }
  }

  @Test func storedAndDeflatedEntriesReadBack() throws {
    let text = String(repeating: "<row r=\"1\"><c><v>42</v></c></row>\n", count: 5000)
    let zip = try Self.makeZip(
      """
      text = '<row r="1"><c><v>42</v></c></row>\\n' * 5000
      z.writestr('stored.xml', text, compress_type=zipfile.ZIP_STORED)
      z.writestr('xl/deflated.xml', text, compress_type=zipfile.ZIP_DEFLATED)
      z.writestr('empty.txt', '', compress_type=zipfile.ZIP_DEFLATED)
      """)
    #expect(try Self.read(zip, "stored.xml") == Array(text.utf8))
    #expect(try Self.read(zip, "xl/deflated.xml") == Array(text.utf8))
    #expect(try Self.read(zip, "/XL/Deflated.xml") == Array(text.utf8), "a leading slash and letter case are ignored")
    #expect(try Self.read(zip, "empty.txt") == [])
  }

  @Test func aDamagedEntryFailsItsCRC() throws {
    var zip = try Self.makeZip("z.writestr('a.txt', 'hello, workbook', compress_type=zipfile.ZIP_STORED)")
    let at = try #require(Self.find(Array("hello".utf8), in: zip))
    zip[at] = UInt8(ascii: "j")
    #expect(throws: ZipError.crcMismatch("a.txt")) { try Self.read(zip, "a.txt") }
  }

  @Test func aTruncatedCentralDirectoryIsRefused() throws {
    let zip = try Self.makeZip(
      """
      for i in range(20): z.writestr(f'part{i}.xml', 'x' * 100, compress_type=zipfile.ZIP_DEFLATED)
      """)
    // Cut the archive inside its central directory: the end record is gone.
    let cut = Array(zip.prefix(zip.count - 300))
    #expect {
      try cut.withUnsafeBufferPointer { b throws(ZipError) in _ = try ZipArchive(base: b.baseAddress!, count: b.count) }
    } throws: { error in
      guard case ZipError.truncated = error else { return false }
      return true
    }
    // Damage the central directory where the end record points: entries are cut short.
    var damaged = zip
    let central = try #require(Self.find([0x50, 0x4B, 0x01, 0x02], in: damaged))
    damaged[central + 1] = 0
    #expect(throws: ZipError.truncated("the central directory is cut short after 0 of 20 entries")) {
      try damaged.withUnsafeBufferPointer { b throws(ZipError) in
        _ = try ZipArchive(base: b.baseAddress!, count: b.count)
      }
    }
  }

  /// A zip bomb: 64 MiB of zeros deflates to about 64 KiB; read with a 1 MiB limit it is refused
  /// while inflating (memory stays at the piece size), and from its header before inflating.
  @Test func aZipBombIsRefusedPastTheLimit() throws {
    let zip = try Self.makeZip(
      "z.writestr('xl/worksheets/sheet1.xml', b'\\0' * (64 << 20), compress_type=zipfile.ZIP_DEFLATED)")
    #expect(zip.count < 1 << 20)
    #expect(throws: ZipError.tooLarge("xl/worksheets/sheet1.xml", limit: 1 << 20)) {
      try Self.read(zip, "xl/worksheets/sheet1.xml", limit: 1 << 20)
    }
    // A header that lies about the size is caught while inflating.
    var lying = zip
    let central = try #require(Self.find([0x50, 0x4B, 0x01, 0x02], in: lying))
    for k in 0..<4 { lying[central + 24 + k] = k == 0 ? 100 : 0 }
    #expect(throws: ZipError.tooLarge("xl/worksheets/sheet1.xml", limit: 1 << 20)) {
      try Self.read(lying, "xl/worksheets/sheet1.xml", limit: 1 << 20)
    }
  }

  @Test func anEncryptedEntryIsRefused() throws {
    var zip = try Self.makeZip("z.writestr('a.txt', 'secret', compress_type=zipfile.ZIP_STORED)")
    let central = try #require(Self.find([0x50, 0x4B, 0x01, 0x02], in: zip))
    zip[central + 8] |= 1
    #expect(throws: ZipError.encrypted("a.txt")) { try Self.read(zip, "a.txt") }
  }

  static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
    guard bytes.count >= needle.count else { return nil }
    return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
  }
}
