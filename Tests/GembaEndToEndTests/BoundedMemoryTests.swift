import Foundation
import GembaTestSupport
import Testing

/// Issue 24, finding 7: a received notebook cannot exhaust memory. A table's line over 64 MiB is
/// refused naming its line; a sparse 3.9 GiB file is refused quickly; a long line under the cap
/// costs about its own size; a notebook over 256 MiB, or with a cell over 32 MiB, is refused on
/// open, verify, export and replay. Peak memory is measured by /usr/bin/time (GNU time's %M).
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"), .serialized)
struct BoundedMemoryTests {
  /// gemba's exit status, stderr and peak resident memory in KiB, under GNU time.
  static func measured(_ arguments: [String], stdin: String = "", in folder: URL) throws -> (
    status: Int32, stderr: String, peakKiB: Int
  ) {
    // stdout and stderr together: replay reports a notebook's problems in its report.
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else {
      try ExternalProgram.skip("GNU time (/usr/bin/time) is not installed")
    }
    let report = folder.appendingPathComponent("time.txt").path
    let result = try GembaProcess.run(
      ["-c", "exec /usr/bin/time -f %M -o \"$0\" \"$@\"", report, GembaProcess.binary.path] + arguments,
      stdin: stdin, in: folder, timeout: 120, executable: URL(fileURLWithPath: "/bin/sh"))
    let peak = Int(try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n").last ?? "") ?? -1
    return (result.status, result.stdout + result.stderr, peak)
  }

  /// A CSV with a line of `length` bytes as its third line.
  static func csv(lineOf length: Int, in folder: URL) throws {
    var bytes = Array("id,note\n1,short\n2,".utf8)
    bytes += [UInt8](repeating: UInt8(ascii: "x"), count: length - 2)
    bytes += Array("\n3,short\n".utf8)
    try Data(bytes).write(to: folder.appendingPathComponent("long.csv"))
  }

  @Test func aLineOverTheCapIsRefusedNamingIt() throws {
    let folder = try GembaProcess.scratchFolder()
    try Self.csv(lineOf: (64 << 20) + 10, in: folder)
    let run = try Self.measured(["nb.md"], stdin: "load long.csv as l\n", in: folder)
    #expect(run.stderr.contains("line 3 has no line break in its first 64 MiB"), "\(run.stderr)")
    #expect(run.stderr.contains("more than a line of evidence may be (64 MiB)"), "\(run.stderr)")
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 0)
    // The file is read once (about 64 MiB); nothing is built from the line.
    #expect(run.peakKiB < 200 << 10, "peak \(run.peakKiB) KiB")
  }

  @Test func aLongLineUnderTheCapCostsAboutItsOwnSize() throws {
    let folder = try GembaProcess.scratchFolder()
    let length = 48 << 20
    try Self.csv(lineOf: length, in: folder)
    let run = try Self.measured(["nb.md"], stdin: "load long.csv as l\nl | count\n", in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    // The type note quotes the start of the value, not all of it.
    let notebook = folder.appendingPathComponent("nb.md")
    let size = (try FileManager.default.attributesOfItem(atPath: notebook.path)[.size] as? Int) ?? 0
    #expect(size < 64 << 10, "the notebook holds \(size) bytes")
    // At most 1.5 × the file, above what gemba takes with no evidence (about 60 MiB here).
    let idle = try Self.measured(["idle.md"], stdin: "", in: folder).peakKiB
    #expect(run.peakKiB - idle < (length + length / 2) >> 10, "peak \(run.peakKiB) KiB, idle \(idle) KiB")
  }

  @Test func aSparseFileOfNearlyFourGiBIsRefusedQuickly() throws {
    let folder = try GembaProcess.scratchFolder()
    let url = folder.appendingPathComponent("sparse.csv")
    // 12 KiB of rows (past the 8 KiB the binary check reads), then a hole to 3.9 GiB.
    var text = "id,note\n"
    var row = 1
    while text.utf8.count < 12 << 10 {
      text += "\(row),fine\n"
      row += 1
    }
    try text.write(to: url, atomically: false, encoding: .utf8)
    try #require(truncate(url.path, off_t(3900) << 20) == 0)
    let started = Date()
    let run = try Self.measured(["nb.md"], stdin: "load sparse.csv as s\n", in: folder)
    #expect(Date().timeIntervalSince(started) < 20)
    // Rows 1…row-1 end on line `row`: the hole is line row + 1 (1,341 here, grouped as gemba writes it).
    #expect(row + 1 == 1_341)
    // Its length is not measured: that would read the 3.9 GiB the refusal spares.
    #expect(run.stderr.contains("line 1,341 has no line break in its first 64 MiB"), "\(run.stderr)")
    #expect(run.stderr.contains("more than a line of evidence may be (64 MiB)"), "\(run.stderr)")
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 0)
  }

  @Test func aNotebookOverTheCapIsRefusedBeforeItIsRead() throws {
    let folder = try GembaProcess.scratchFolder()
    let url = folder.appendingPathComponent("nb.md")
    try "<!-- gemba notebook v2 -->\n".write(to: url, atomically: false, encoding: .utf8)
    try #require(truncate(url.path, off_t(300) << 20) == 0)
    for mode in [["nb.md"], ["verify", "nb.md"], ["export", "nb.md", "--format", "md"], ["replay", "nb.md"]] {
      let run = try Self.measured(mode, in: folder)
      #expect(run.status == 2, "\(mode): \(run.stderr)")
      #expect(run.stderr.contains("error[E0807]"), "\(mode): \(run.stderr)")
      #expect(run.stderr.contains("is 300 MiB, more than gemba reads here (256 MiB)"), "\(mode): \(run.stderr)")
      #expect(run.peakKiB < 200 << 10, "\(mode): peak \(run.peakKiB) KiB")
    }
  }

  @Test func aCellOverTheCapIsRefusedNamingItsLine() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    // A second cell whose output is one 40 MiB line: no gemba writes that.
    let huge = String(repeating: "y", count: 40 << 20)
    let text =
      try GembaProcess.read(url)
      + "\n<!-- cell 2 · 2026-11-24T10:00:00Z · chain 0123456789abcdef -->\n```gemba\nnote two\n```\n```output\n\(huge)\n```\n"
    try text.write(to: url, atomically: false, encoding: .utf8)
    for mode in [["nb.md"], ["verify", "nb.md"], ["export", "nb.md", "--format", "md"], ["replay", "nb.md"]] {
      let run = try Self.measured(mode, in: folder)
      #expect(run.status != 0, "\(mode)")
      // verify reports it as its failure (E0509), replay as where it stopped; the others as E0807.
      #expect(
        run.stderr.contains("the cell at line 11 is 40 MiB, more than a cell may hold (32 MiB)"),
        "\(mode): \(run.stderr)")
      #expect(run.peakKiB < 400 << 10, "\(mode): peak \(run.peakKiB) KiB")
    }
  }
}
