import Foundation
import Testing
@testable import GembaCore

/// Every bad input gives a message naming the file, the row and column (or byte offset) and
/// what gemba did; none crashes, and loading goes on working afterwards.
@Suite struct BadInputTests {
  /// The refusal for `bytes`, or a recorded issue when there was none.
  func refusal(
    _ bytes: [UInt8], format: EvidenceFormat = .csv, path: String = "bad.csv",
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> EvidenceError? {
    do {
      _ = try loadBytes(bytes, format: format, path: path)
      Issue.record("expected a refusal", sourceLocation: sourceLocation)
    } catch let error as EvidenceError {
      return error
    } catch {
      Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
    return nil
  }

  @Test func raggedRowIsLoadedAndListed() throws {
    let result = try loadText("a,b,c\n1,2,3\n4,5\n6,7,8,9\n", path: "r.csv")
    #expect(result.table.rowCount == 3)
    #expect(result.table.cell(row: 1, column: 2) == "")
    let short = try #require(result.problems.first)
    #expect(
      short.description == "r.csv:3 (row 2, column 3, byte 12): ragged row: 2 of 3 fields; loaded, the missing 1 empty")
    let long = try #require(result.problems.last)
    #expect(long.row == 3 && long.line == 4 && long.column == 4 && long.action == .loaded)
    #expect(try query(result.table, "x | count") == .count(3))
  }

  @Test func unterminatedQuoteIsRefusedWhereItOpened() throws {
    let error = try #require(refusal(Array("a,b\n1,2\n3,\"oops\n4,5\n".utf8)))
    #expect(error.problem.kind == .unterminatedQuote)
    #expect(
      error.problem.line == 3 && error.problem.row == 2 && error.problem.column == 2 && error.problem.byteOffset == 10)
    #expect(error.description.hasPrefix("cannot load bad.csv:3 (row 2, column 2, byte 10)"))
    #expect(error.hint.contains("--format text"))
  }

  @Test func invalidUTF8IsListedAtItsCell() throws {
    // Read as UTF-8 (given): the bad byte is listed at its cell. Undetected, the same bytes are
    // Windows-1252 (see `latin1IsDetectedAndDecoded`).
    let bytes = Array("name,city\nAna,S".utf8) + [0xE3, 0x6F] + Array(" Paulo\n".utf8)
    let result = try EvidenceLoader.load(
      name: "t", path: "t.csv", bytes: ByteSource(copying: bytes), format: .csv,
      options: LoadOptions(encoding: .utf8))
    let problem = try #require(result.problems.first { $0.kind == .invalidUTF8 && $0.row != nil })
    #expect(problem.row == 1 && problem.column == 2 && problem.line == 2 && problem.byteOffset == 15)
    #expect(result.table.cell(row: 0, column: 1) == "S\u{FFFD}o Paulo")
  }

  @Test func nulByteEarlyMeansBinary() throws {
    let error = try #require(refusal(Array("a,b\n1,".utf8) + [0] + Array("2\n".utf8)))
    #expect(error.problem.kind == .binaryFile && error.problem.byteOffset == 6)
    #expect(error.description.contains("byte 6"))
  }

  @Test func nulByteLateIsListedAtItsCell() throws {
    let padding = String(repeating: "x,y\n", count: 3000)
    let result = try loadBytes(Array(("a,b\n" + padding + "1,").utf8) + [0] + Array("2\n".utf8))
    let problem = try #require(result.problems.first { $0.kind == .nulByte })
    #expect(problem.row == 3001 && problem.column == 2)
    #expect(result.table.rowCount == 3001)
  }

  @Test(
    arguments: [
      ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "binary"),
      ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "Excel"),
      ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], "ZIP"),
      ([0x1F, 0x8B, 0x08, 0x00], "gzip"),
    ] as [([UInt8], String)])
  func binaryFilesAreRefused(_ bytes: [UInt8], _ word: String) throws {
    let error = try #require(refusal(bytes))
    #expect(error.problem.kind == .binaryFile && error.problem.action == .refused)
    #expect(error.description.contains(word) && error.description.contains("bad.csv"))
  }

  @Test(arguments: EvidenceFormat.allCases)
  func emptyFileIsRefused(_ format: EvidenceFormat) throws {
    let error = try #require(refusal([], format: format, path: "empty.\(format.rawValue)"))
    #expect(error.problem.kind == .emptyFile)
    #expect(error.description.contains("empty.\(format.rawValue)") && error.description.contains("0 bytes"))
  }

  @Test func duplicateAndEmptyHeaderNamesAreRenamed() throws {
    let result = try loadText("id,team,,team,team\n1,a,b,c,d\n", path: "h.csv")
    #expect(result.table.columns == ["id", "team", "column_3", "team_2", "team_3"])
    #expect(result.problems.map(\.kind) == [.emptyHeader, .duplicateHeader, .duplicateHeader])
    #expect(
      result.problems[0].description == "h.csv:1 (column 3, byte 0): empty header name; column 3 is called `column_3`")
    #expect(result.problems.allSatisfy { $0.action == .renamed })
  }

  @Test func tenMegabyteLineIsRefusedAsCSVAndLoadedAsText() throws {
    let line = [UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20)
    let error = try #require(refusal(line))
    #expect(error.problem.kind == .longLine && error.hint.contains("--format text"))
    let text = try loadBytes(line + [10] + Array("short\n".utf8), format: .text, path: "long.txt")
    #expect(text.table.rowCount == 2)
    #expect(text.problems.first?.kind == .longLine && text.problems.first?.line == 1)
    let shown = EvidenceTextRenderer().preview(text.table, limit: 1)
    #expect(shown.count < 1000)
  }

  @Test func longCSVRowWithManyFieldsIsLoaded() throws {
    // A long data row is fine; only a header without a line break is refused.
    let row = (0..<200_000).map { _ in "x" }.joined(separator: ",")
    let result = try loadText("a,b\n" + row + "\n1,2\n")
    #expect(result.table.rowCount == 2)
    #expect(result.problems.first?.kind == .raggedRow)
  }

  @Test func invalidJSONLineIsSkippedAndListed() throws {
    let result = try loadText(
      "{\"a\": 1}\n{\"a\": 2,}\nnot json\n{\"a\": \"x\\\"y\"}\n", format: .jsonl, path: "e.jsonl")
    #expect(result.table.rowCount == 2)
    #expect(result.problems.map(\.line) == [2, 3])
    #expect(result.problems[0].column == 9 && result.problems[0].action == .skipped)
    #expect(result.table.cell(row: 1, column: 0) == "x\"y")
  }

  @Test func missingFileAndDirectoryNameThePath() {
    #expect { try MappedFile(path: "/nonexistent/evidence.csv") } throws: {
      "\($0)".contains("/nonexistent/evidence.csv")
    }
    #expect { try MappedFile(path: "/tmp") } throws: { "\($0)".contains("directory") }
  }

  @Test func fileChangedWhileLoadingIsDetected() throws {
    let path = NSTemporaryDirectory() + "gemba-change-\(getpid()).csv"
    try "a,b\n1,2\n".write(toFile: path, atomically: false, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let file = try MappedFile(path: path)
    try file.verifyUnchanged()
    try "a,b\n1,2\n3,4\n".write(toFile: path, atomically: false, encoding: .utf8)
    #expect { try file.verifyUnchanged() } throws: { "\($0)".contains("changed while loading") }
    try FileManager.default.removeItem(atPath: path)
    #expect { try file.verifyUnchanged() } throws: { "\($0)".contains("vanished") }
  }

  @Test func loadingGoesOnAfterARefusal() throws {
    _ = refusal([])
    _ = refusal(Array("a\n\"x\n".utf8))
    #expect(try loadText("a\n1\n").table.rowCount == 1)
  }
}

@Suite struct LoadProgressTests {
  @Test(arguments: [EvidenceFormat.csv, .log])
  func cancelledLoadThrowsAndLeavesNothing(_ format: EvidenceFormat) {
    let text = "a,b\n" + String(repeating: "1,2\n", count: 2_000_000)
    let progress = LoadProgress()
    progress.cancel()
    #expect {
      try EvidenceLoader.load(name: "t", path: "big", bytes: ByteSource(text: text), format: format, progress: progress)
    } throws: { ($0 as? EvidenceError)?.problem.kind == .cancelled }
  }

  @Test func progressCountsEveryByte() throws {
    let text = "a,b\n" + String(repeating: "1,2\n", count: 2_000_000)
    let progress = LoadProgress()
    let result = try EvidenceLoader.load(
      name: "t", path: "big", bytes: ByteSource(text: text), format: .csv, progress: progress)
    #expect(result.table.rowCount == 2_000_000)
    #expect(progress.bytesDone == text.utf8.count - 4)  // the data after the header
  }
}
