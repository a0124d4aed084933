import Foundation
import Testing

/// Issue 24, finding 9: a last cell torn inside a UTF-8 character (every cell header holds "·",
/// and power cuts tear at 4 KiB boundaries) is a torn tail like any other, whatever byte it ends
/// on; a notebook broken before its last cell is still refused.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct TornCharacterTests {
  /// A notebook of two cells whose last one holds non-ASCII text, and the offset of that cell's
  /// header line.
  static func notebook(_ name: String = #function) throws -> (URL, [UInt8], Int) {
    let folder = try GembaProcess.scratchFolder(name)
    let made = try GembaProcess.run(["nb.md"], stdin: "note one\nnote \"zwei · drei é ✓\"\n", in: folder)
    try #require(made.status == 0, "\(made.stderr)")
    let bytes = Array(try Data(contentsOf: folder.appendingPathComponent("nb.md")))
    let marker = Array("\n<!-- cell 2 ".utf8)
    let start =
      try #require(
        (0...(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker }) + 1
    return (folder, bytes, start)
  }

  @Test func aLastCellCutAtAnyByteOpensWithTheCellsBeforeIt() throws {
    let (folder, bytes, start) = try Self.notebook()
    let url = folder.appendingPathComponent("nb.md")
    var insideCharacter = 0
    for cut in (start + 1)..<bytes.count {
      // Leftovers of the cut before: a torn tail moved aside, and the notebook cut back.
      for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasPrefix("nb.md.torn-") {
        try FileManager.default.removeItem(at: folder.appendingPathComponent(file))
      }
      try Data(bytes[..<cut]).write(to: url)
      // Cut between a lead byte and its continuation bytes, or just after a lead byte.
      let cutsCharacter = bytes[cut] & 0xC0 == 0x80
      if cutsCharacter { insideCharacter += 1 }
      let opened = try GembaProcess.run(["nb.md"], in: folder, timeout: 30)
      #expect(opened.status == 0, "cut at byte \(cut): \(opened.stderr)")
      #expect(!opened.stderr.contains("not UTF-8"), "cut at byte \(cut): \(opened.stderr)")
      // Only the final newline may go without tearing the cell.
      if cut < bytes.count - 1 {
        #expect(opened.stderr.contains("was cut short"), "cut at byte \(cut): \(opened.stderr)")
        #expect(GembaProcess.cellCount(url) == 1, "cut at byte \(cut)")
        let verify = try GembaProcess.run(["verify", "nb.md"], in: folder, timeout: 30)
        #expect(verify.status == 0, "cut at byte \(cut): \(verify.stderr)")
      }
    }
    // "·" in the header (1 place to cut inside it), and "·", "é", "✓" in the command (1 + 1 + 2).
    #expect(insideCharacter >= 5)
  }

  @Test func exportAndForkOfANotebookCutInsideACharacterSayItIsTorn() throws {
    let (folder, bytes, start) = try Self.notebook()
    let url = folder.appendingPathComponent("nb.md")
    // Inside the "·" after the cell number: `<!-- cell 2 ` then the first byte of "·".
    try Data(bytes[..<(start + "<!-- cell 2 ".utf8.count + 1)]).write(to: url)
    let export = try GembaProcess.run(["export", "nb.md", "--format", "md"], in: folder, timeout: 30)
    #expect(!export.stderr.contains("not UTF-8"), "\(export.stderr)")
    #expect(export.stderr.contains("malformed cell header"), "\(export.stderr)")
    let fork = try GembaProcess.run(["nb.md", "--fork", "fork.md"], in: folder, timeout: 30)
    #expect(fork.status == 0, "\(fork.stderr)")
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("fork.md")) == 1)
  }

  @Test func aNotebookBrokenBeforeItsLastCellIsStillRefused() throws {
    let (folder, bytes, start) = try Self.notebook()
    let url = folder.appendingPathComponent("nb.md")
    // An invalid byte in cell 1 (before the last cell), and the last cell cut inside its "·".
    var broken = Array(bytes[..<(start + "<!-- cell 2 ".utf8.count + 1)])
    let one = try #require((0..<start).first { broken[$0] == UInt8(ascii: "o") && broken[$0 + 1] == UInt8(ascii: "n") })
    broken[one] = 0xFF
    try Data(broken).write(to: url)
    let opened = try GembaProcess.run(["nb.md"], in: folder, timeout: 30)
    #expect(opened.status == 2)
    #expect(opened.stderr.contains("is not UTF-8 text"), "\(opened.stderr)")
    #expect(Array(try Data(contentsOf: url)) == broken)
    let verify = try GembaProcess.run(["verify", "nb.md"], in: folder, timeout: 30)
    #expect(verify.status != 0)
    #expect(verify.stderr.contains("is not UTF-8 text"), "\(verify.stderr)")
  }
}
