import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// A large file mapped from the page cache loads exactly as the same bytes read into memory, and
/// when the file changes under the mapping — truncated (copytruncate), rewritten in place — the
/// change is reported and the process survives; a file renamed away and replaced keeps the
/// mapped bytes, which are still the ones hashed.
@Suite(
  .enabled(
    if: ExternalProgram.runs(needing: ExternalTools.path(of: "sha256sum") != nil),
    "needs sha256sum for the expected digests"))
struct PageCacheMappingTests {
  static let size = MappedFile.pageCacheThreshold + 3 << 20

  @Test func aLargeFileIsMappedAndLoadsAsTheSameBytesReadWhole() throws {
    let bytes = StreamedLoadTests.log(size: Self.size, seed: 21, crlf: false)
    let path = try StreamedLoadTests.write(bytes, named: "mapped.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try MappedFile(path: path, streamed: true, pageCache: true)
    #expect(file.isPageCacheMapping)
    #expect(file.bytesRead == bytes.count)
    let mapped = try EvidenceLoader.load(name: "t", path: path, bytes: ByteSource(file), format: .log)
    let whole = try EvidenceLoader.load(name: "t", path: path, bytes: ByteSource(copying: bytes), format: .log)
    #expect(mapped.table.sha256 == (try StreamedLoadTests.sha256sum(path)))
    #expect(mapped.table.rowCount == whole.table.rowCount)
    #expect(mapped.profiles == whole.profiles)
    #expect(mapped.problems == whole.problems)
    try file.checkIntact()
    try file.verifyUnchanged()
  }

  @Test func aSmallFileIsReadNotMapped() throws {
    let path = try StreamedLoadTests.write(
      StreamedLoadTests.log(size: 1 << 20, seed: 22, crlf: false), named: "small.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try MappedFile(path: path, streamed: true, pageCache: true)
    #expect(!file.isPageCacheMapping)
  }

  /// copytruncate under a mapping: reading past the new end gives zeros instead of SIGBUS, and
  /// both checks say what happened.
  @Test func aTruncatedFileReadsAsZerosAndIsReportedNotACrash() throws {
    let bytes = StreamedLoadTests.log(size: Self.size, seed: 23, crlf: false)
    let path = try StreamedLoadTests.write(bytes, named: "truncated.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try MappedFile(path: path, streamed: true, pageCache: true)
    try #require(file.isPageCacheMapping)
    #expect(truncate(path, off_t(1 << 20)) == 0)
    var nonZero = 0
    for offset in stride(from: 0, to: file.bytes.count, by: 4096) where file.bytes[offset] != 0 { nonZero += 1 }
    #expect(nonZero > 0 && nonZero <= (1 << 20) / 4096)
    let intact = #expect(throws: EvidenceError.self) { try file.checkIntact() }
    #expect(intact?.problem.message.contains("changed on disk after it was loaded") == true)
    let unchanged = #expect(throws: EvidenceError.self) { try file.verifyUnchanged() }
    #expect(unchanged?.problem.message.contains("shrank") == true)
  }

  /// Truncated while the loader hashes and scans it: the load is refused, never a wrong table.
  @Test func aFileTruncatedDuringTheLoadIsRefused() throws {
    let bytes = StreamedLoadTests.log(size: Self.size, seed: 24, crlf: false)
    let path = try StreamedLoadTests.write(bytes, named: "truncated-during.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try MappedFile(path: path, streamed: true, pageCache: true)
    #expect(truncate(path, off_t(2 << 20)) == 0)
    #expect(throws: EvidenceError.self) {
      _ = try EvidenceLoader.load(name: "t", path: path, bytes: ByteSource(file), format: .log)
      try file.verifyUnchanged()
    }
  }

  @Test func aFileRewrittenInPlaceIsReported() throws {
    var bytes = StreamedLoadTests.log(size: Self.size, seed: 25, crlf: false)
    let path = try StreamedLoadTests.write(bytes, named: "rewritten.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try MappedFile(path: path, streamed: true, pageCache: true)
    try #require(file.isPageCacheMapping)
    // Same size, other bytes, and a modification time surely different from the first.
    bytes[100] = bytes[100] == 65 ? 66 : 65
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seek(toOffset: 100)
    try handle.write(contentsOf: [bytes[100]])
    try handle.close()
    var times = [timespec(tv_sec: 1_000_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000_000, tv_nsec: 0)]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    let error = #expect(throws: EvidenceError.self) { try file.checkIntact() }
    #expect(error?.problem.message.contains("rewritten in place") == true)
  }

  /// Log rotation by rename: the mapping keeps the old file's bytes, which are the ones hashed.
  @Test func aFileRenamedAwayAndReplacedKeepsTheMappedBytes() throws {
    let bytes = StreamedLoadTests.log(size: Self.size, seed: 26, crlf: false)
    let path = try StreamedLoadTests.write(bytes, named: "renamed.log")
    defer {
      try? FileManager.default.removeItem(atPath: path)
      try? FileManager.default.removeItem(atPath: path + ".1")
    }
    let file = try MappedFile(path: path, streamed: true, pageCache: true)
    try #require(file.isPageCacheMapping)
    #expect(rename(path, path + ".1") == 0)
    try Data("a new log\n".utf8).write(to: URL(fileURLWithPath: path))
    try file.checkIntact()
    #expect(Array(file.bytes) == bytes)
  }
}
