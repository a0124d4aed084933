import Testing
@testable import GembaCore

/// The chunked parallel scan gives exactly the sequential result, including when chunk
/// boundaries fall inside quoted fields that span lines.
@Suite struct ParallelScanTests {
  /// A deterministic CSV of about `size` bytes; `spread` lines inside each quoted note.
  static func csv(size: Int, spread: Int, seed: UInt64) -> String {
    var rng = seed
    func next() -> Int { rng = rng &* 6364136223846793005 &+ 1442695040888963407; return Int(rng >> 33) }
    var out = "id,team,note,n\r\n"
    var i = 0
    while out.utf8.count < size {
      i += 1
      var note = "line"
      for k in 0..<(next() % (spread + 1)) { note += (k % 3 == 0 ? "\r\n" : "\n") + "more \"\"q\"\" text, \(k)" }
      let ragged = next() % 97 == 0
      out +=
        "R\(i),team\(next() % 7),\"\(note)\"" + (ragged ? "" : ",\(next() % 1000)")
        + (next() % 50 == 0 ? "\n\n" : "\r\n")
    }
    return out
  }

  static func compare(_ text: String, expectChunks: Bool) throws {
    let parallel = try loadText(text)
    let sequential = try loadText(text, options: LoadOptions(parallel: false))
    let p = parallel.table, s = sequential.table
    // Really scanned in chunks, unless every boundary fell inside a quoted field (then the
    // scan falls back to one thread, which is what the 400-line notes exercise).
    #expect((p.segments.count > 1) == expectChunks)
    #expect(p.rowCount == s.rowCount)
    #expect(cells(p) == cells(s))
    #expect((0..<p.rowCount).allSatisfy { p.lineNumber(ofRow: $0) == s.lineNumber(ofRow: $0) })
    #expect((0..<p.rowCount).allSatisfy { p.byteOffset(ofRow: $0) == s.byteOffset(ofRow: $0) })
    #expect(parallel.problems == sequential.problems)
    #expect(parallel.problemCount == sequential.problemCount)
  }

  @Test(arguments: [0, 3, 400])
  func sameAsSequential(_ spread: Int) throws {
    try Self.compare(Self.csv(size: 6 << 20, spread: spread, seed: UInt64(spread) + 1), expectChunks: spread < 100)
  }

  @Test func lineNumbersCountQuotedBreaks() throws {
    let text = Self.csv(size: 5 << 20, spread: 5, seed: 9)
    let table = try loadText(text).table
    // Recount line starts by hand for a sample of rows.
    let bytes = Array(text.utf8)
    var lineAt = [Int](repeating: 0, count: bytes.count + 1)
    var line = 1
    for (i, b) in bytes.enumerated() {
      lineAt[i] = line
      if b == 10 || (b == 13 && (i + 1 >= bytes.count || bytes[i + 1] != 10)) { line += 1 }
    }
    for row in stride(from: 0, to: table.rowCount, by: 997) {
      #expect(table.lineNumber(ofRow: row) == lineAt[table.byteOffset(ofRow: row)])
    }
  }
}
