import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// A file streamed in chunks (hashed on one core while the other scans its lines) loads exactly as
/// the same bytes loaded whole, and its digest is what `sha256sum` says, wherever the chunks
/// cut: inside a time, between CR and LF, at a file's last byte without a newline.
@Suite(
  .enabled(
    if: ExternalProgram.runs(needing: ExternalTools.path(of: "sha256sum") != nil),
    "needs sha256sum for the expected digests"))
struct StreamedLoadTests {
  /// A deterministic log of about `size` bytes: ISO times (T and space, fractions, zones),
  /// levels bare and bracketed, lines without a time, blank lines, non-ASCII text.
  static func log(size: Int, seed: UInt64, crlf: Bool, trailingNewline: Bool = true) -> [UInt8] {
    var rng = seed
    func next() -> Int { rng = rng &* 6364136223846793005 &+ 1442695040888963407; return Int(rng >> 33) }
    let levels = ["INFO", "WARN", "ERROR", "[DEBUG]", "error:", "Trace"]
    let eol = crlf ? "\r\n" : "\n"
    var out = ""
    var second = 0
    while out.utf8.count < size {
      second += next() % 3
      func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
      let time =
        "2026-03-\(two(1 + second / 86_400 % 28))\(next() % 2 == 0 ? "T" : " ")"
        + "\(two(second / 3600 % 24)):\(two(second / 60 % 60)):\(two(second % 60))"
      let fraction = [".", ",", ""][next() % 3] + String(next() % 1000)
      let zone = ["Z", "+02:00", ""][next() % 3]
      switch next() % 20 {
      case 0: out += "    at com.example.Worker.run(Worker.java:\(next() % 500))" + eol
      case 1: out += eol
      case 2: out += "\(time)\(fraction)\(zone) INFO größe=\(next() % 90) — über 😀" + eol
      default:
        out +=
          "\(time)\(fraction)\(zone) \(levels[next() % levels.count]) [svc-\(next() % 9)] req=\(next()) timeout \(next() % 7)"
          + eol
      }
    }
    if !trailingNewline { while out.hasSuffix("\n") || out.hasSuffix("\r") { out.removeLast() } }
    return Array(out.utf8)
  }

  static func sha256sum(_ path: String) throws -> String {
    let result = try ExternalTools.run(["sha256sum", path])
    return String(result.stdout.prefix(64))
  }

  static func write(_ bytes: [UInt8], named name: String) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-streamed-\(getpid())-\(name)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Loads `path` streamed with `chunk`-byte reads, and its bytes whole; checks they agree.
  static func compare(
    _ path: String, bytes: [UInt8], chunk: Int, format: EvidenceFormat = .log,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    var options = LoadOptions()
    options.chunkBytes = chunk
    // Streamed indeed, unless the whole file fits in the first read.
    let probe = try StreamedLoad.prepare(
      ByteSource(MappedFile(path: path, streamed: true)), format: format, options: options)
    #expect((probe != nil) == (bytes.count > max(chunk, 2 << 20)), sourceLocation: sourceLocation)
    let file = try MappedFile(path: path, streamed: true)
    #expect(file.bytesRead == 0, sourceLocation: sourceLocation)
    let streamed = try EvidenceLoader.load(
      name: "t", path: path, bytes: ByteSource(file), format: format, options: options)
    let whole = try EvidenceLoader.load(name: "t", path: path, bytes: ByteSource(copying: bytes), format: format)
    let s = streamed.table, w = whole.table
    #expect(s.sha256 == (try sha256sum(path)), sourceLocation: sourceLocation)
    #expect(s.sha256 == w.sha256, sourceLocation: sourceLocation)
    #expect(s.rowCount == w.rowCount, sourceLocation: sourceLocation)
    #expect(s.columns == w.columns, sourceLocation: sourceLocation)
    #expect(cells(s) == cells(w), sourceLocation: sourceLocation)
    #expect(
      (0..<s.rowCount).allSatisfy { s.lineNumber(ofRow: $0) == w.lineNumber(ofRow: $0) }, sourceLocation: sourceLocation
    )
    #expect(streamed.profiles == whole.profiles, sourceLocation: sourceLocation)
    // The time column's type, decided as the lines were read, is what a scan of the table decides.
    if w.columns.first == "time" {
      #expect(streamed.profiles.first == ColumnTypeInference.profile(w, column: 0), sourceLocation: sourceLocation)
    }
    #expect(streamed.problems == whole.problems, sourceLocation: sourceLocation)
    #expect(streamed.problemCount == whole.problemCount, sourceLocation: sourceLocation)
  }

  /// Chunk boundaries (the first read is 2 MiB, then every `chunk` bytes).
  static func boundaries(count: Int, chunk: Int) -> [Int] {
    Array(stride(from: max(chunk, 2 << 20), to: count, by: chunk))
  }

  @Test func timesAndCRLFsStraddleChunks() throws {
    let bytes = Self.log(size: 3 << 20, seed: 7, crlf: true)
    // A chunk size whose boundaries fall both inside a time and between a CR and its LF.
    let chunk = try #require(
      (4001...9000).first { chunk in
        let cuts = Self.boundaries(count: bytes.count, chunk: chunk)
        let crlf = cuts.contains { bytes[$0 - 1] == 13 && bytes[$0] == 10 }
        let inTime = cuts.contains { cut in
          var start = cut
          while start > 0 && bytes[start - 1] != 10 { start -= 1 }
          return (5..<19).contains(cut - start) && bytes[start] == 50 && bytes[start + 4] == 45
        }
        return crlf && inTime
      })
    #expect(bytes.count % chunk != 0)
    let path = try Self.write(bytes, named: "crlf.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Self.compare(path, bytes: bytes, chunk: chunk)
  }

  @Test(arguments: [(1 << 20) + 1, 8 << 20])
  func lfLogWithoutTrailingNewline(_ chunk: Int) throws {
    let bytes = Self.log(size: 5 << 20, seed: 11, crlf: false, trailingNewline: false)
    #expect(bytes.last != 10)
    let path = try Self.write(bytes, named: "lf-\(chunk).log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Self.compare(path, bytes: bytes, chunk: chunk)
  }

  @Test func textAndJSONLinesStreamToo() throws {
    let bytes = Self.log(size: 3 << 20, seed: 3, crlf: false)
    let path = try Self.write(bytes, named: "notes.txt")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Self.compare(path, bytes: bytes, chunk: 65_537, format: .text)
    var json = [UInt8]()
    var i = 0
    while json.count < 3 << 20 {
      json += Array("{\"time\":\"2026-03-01T00:00:\(i % 60)Z\",\"level\":\"INFO\",\"n\":\(i)}\n".utf8)
      i += 1
    }
    let jsonPath = try Self.write(json, named: "events.jsonl")
    defer { try? FileManager.default.removeItem(atPath: jsonPath) }
    try Self.compare(jsonPath, bytes: json, chunk: 70_001, format: .jsonl)
  }

  @Test func smallFileIsReadWhole() throws {
    let bytes = Self.log(size: 40_000, seed: 5, crlf: true)
    let path = try Self.write(bytes, named: "small.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Self.compare(path, bytes: bytes, chunk: 4096)
  }

  @Test func emptyFile() throws {
    let path = try Self.write([], named: "empty.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try MappedFile(path: path, streamed: true)
    #expect(try EvidenceHash.sha256(of: ByteSource(file)) == (try Self.sha256sum(path)))
    #expect(throws: EvidenceError.self) {
      try EvidenceLoader.load(
        name: "t", path: path, bytes: ByteSource(MappedFile(path: path, streamed: true)), format: .log)
    }
  }

  @Test(arguments: [4096, 1 << 20, 8 << 20])
  func digestWhileReading(_ size: Int) throws {
    let bytes = (0..<(size + 12_345)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
    let path = try Self.write(bytes, named: "bytes-\(size).bin")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try MappedFile(path: path, streamed: true)
    #expect(try EvidenceHash.sha256(of: ByteSource(file)) == (try Self.sha256sum(path)))
    #expect(file.bytesRead == bytes.count)
  }

  /// The UTF-8 and NUL check reads no byte past the ones it is given (NULs lie just beyond), and
  /// finds a NUL or a bad byte at every position, whatever the block it falls in.
  @Test func utf8CheckStaysInsideTheBytes() {
    for count in [0, 1, 7, 8, 31, 32, 33, 64, 96, 160, 1000] {
      var memory = [UInt8](repeating: 0, count: count + 64)
      for i in 0..<count { memory[i] = UInt8(97 + i % 26) }
      memory.withUnsafeBytes { all in
        let digest = FileDigest.compute(UnsafeRawBufferPointer(rebasing: all[0..<count]))
        #expect(digest.nulCount == 0 && digest.invalidUTF8Count == 0, "\(count) bytes")
      }
      for bad in Swift.stride(from: 0, to: count, by: 13) {
        var copy = memory
        copy[bad] = bad % 2 == 0 ? 0 : 0xFF
        copy.withUnsafeBytes { all in
          let digest = FileDigest.compute(UnsafeRawBufferPointer(rebasing: all[0..<count]))
          #expect((bad % 2 == 0 ? digest.nulBytes : digest.invalidUTF8) == [bad], "\(count) bytes, bad at \(bad)")
        }
      }
    }
  }

  /// A digest known from moments ago is taken as it is; the UTF-8 checks still run.
  @Test func knownDigestIsNotComputedAgain() throws {
    var bytes = Self.log(size: 3 << 20, seed: 17, crlf: false)
    bytes[(2 << 20) + 5] = 0xFF  // not UTF-8: listed by the check that still runs
    let path = try Self.write(bytes, named: "known.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let expected = try Self.sha256sum(path)
    let loaded = try EvidenceLoader.load(
      name: "t", path: path, bytes: ByteSource(MappedFile(path: path, streamed: true)),
      format: .log, knownDigest: expected)
    let hashed = try EvidenceLoader.load(name: "t", path: path, bytes: ByteSource(copying: bytes), format: .log)
    #expect(loaded.table.sha256 == expected)
    #expect(hashed.table.sha256 == expected)
    #expect(loaded.problems == hashed.problems)
    #expect(loaded.problems.contains { $0.kind == .invalidUTF8 })
  }

  /// A file cut short after it was opened (a log rotated with copytruncate) is refused, not hung on.
  @Test func fileThatShrinksIsRefused() throws {
    let bytes = Self.log(size: 6 << 20, seed: 13, crlf: false)
    let path = try Self.write(bytes, named: "shrinks.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try MappedFile(path: path, streamed: true)
    #expect(truncate(path, off_t(3 << 20)) == 0)
    var options = LoadOptions()
    options.chunkBytes = 1 << 20
    let error = #expect(throws: EvidenceError.self) {
      try EvidenceLoader.load(name: "t", path: path, bytes: ByteSource(file), format: .log, options: options)
    }
    #expect(error?.problem.message.contains("shrank") == true)
  }
}
