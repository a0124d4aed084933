import Testing
@testable import GembaCore

@Suite struct GrepTests {
  static func naiveFirst(_ hay: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
    guard needle.count <= hay.count else { return nil }
    var i = from
    while i + needle.count <= hay.count {
      if Array(hay[i..<(i + needle.count)]) == needle { return i }
      i += 1
    }
    return nil
  }

  @Test(arguments: ["timeout", "ab", "a", "zz", "abcab", "xyzzy", "aaaaaaa"])
  func literalSearchAgreesWithNaive(_ needle: String) {
    var rng: UInt64 = 42
    let alphabet = Array("abcxyz \n".utf8)
    let hay: [UInt8] =
      (0..<5000).map { _ in
        rng = rng &* 6364136223846793005 &+ 1
        return alphabet[Int(rng >> 61)]
      } + Array("timeout".utf8)
    let n = Array(needle.utf8)
    let search = LiteralSearch(n)
    hay.withUnsafeBufferPointer { buf in
      var from = 0
      var found: [Int] = []
      while let hit = search.first(in: buf.baseAddress!, from: from, to: buf.count) {
        found.append(hit); from = hit + 1
      }
      var expected: [Int] = []
      from = 0
      while let hit = Self.naiveFirst(hay, n, from: from) { expected.append(hit); from = hit + 1 }
      #expect(found == expected)
    }
  }

  @Test func countsMatchingLinesLikeRipgrep() throws {
    var text = ""
    var expected = 0
    for i in 0..<200_000 {
      let hit = i % 7 == 0
      if hit { expected += 1 }
      text +=
        "2026-03-01T00:00:\(i % 60)Z INFO [api] req=\(i) " + (hit ? "timeout after 30000ms timeout" : "fine") + "\n"
    }
    #expect(text.utf8.count > 1 << 22)  // the two-core path
    let source = ByteSource(text: text)
    #expect(try EvidenceGrep(pattern: "timeout").countMatchingLines(in: source) == expected)
    #expect(try EvidenceGrep(pattern: "timeout").countMatchingLines(in: source, parallel: false) == expected)
    let prefix = String(text.prefix(100_000))
    let expectedInPrefix = prefix.split(separator: "\n").filter { $0.contains("timeout") }.count
    #expect(try EvidenceGrep(pattern: "time.?out").countMatchingLines(in: ByteSource(text: prefix)) == expectedInPrefix)
    #expect(
      try EvidenceGrep(pattern: "TIMEOUT", ignoreCase: true).countMatchingLines(in: ByteSource(text: "a\nTimeOut\nb\n"))
        == 1)
    #expect(try EvidenceGrep(pattern: "zzz").countMatchingLines(in: ByteSource(text: "abc")) == 0)
  }

  @Test func badRegexIsADiagnostic() {
    #expect(throws: Diagnostic.self) { try EvidenceGrep(pattern: "a(") }
  }

  @Test func logLinesAreSplitIntoTimeLevelMessage() throws {
    let log =
      "2026-03-01T00:00:00.007Z INFO [api] started\n2026-03-01T00:00:01Z ERROR: timeout after 30000ms\ncontinuation line\n"
    let table = try loadText(log, format: .log, path: "app.log").table
    #expect(table.columns == ["time", "level", "message"])
    #expect(
      cells(table) == [
        ["2026-03-01T00:00:00.007Z", "INFO", "[api] started"],
        ["2026-03-01T00:00:01Z", "ERROR", "timeout after 30000ms"],
        ["", "", "continuation line"],
      ])
    #expect(table.columnType(0) == .dateTime)
    #expect(counts(try query(table, "x | count by level")) == ["INFO": 1, "ERROR": 1, "(empty)": 1])
    guard case .grep(let g) = try query(table, "x | grep timeout") else { Issue.record("grep"); return }
    #expect(g.matches.map(\.line) == [2])
  }

  @Test func textNotesAreOneRowPerLine() throws {
    let table = try loadText("# Notes\n\nThe macro says 30 days.\r\nThe wiki says 14.", format: .md, path: "n.md").table
    #expect(table.rowCount == 4)
    #expect(table.cell(row: 2, column: 0) == "The macro says 30 days.")
    #expect(table.lineNumber(ofRow: 3) == 4)
  }
}
