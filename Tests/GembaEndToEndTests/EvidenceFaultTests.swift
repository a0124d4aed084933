import Foundation
import Testing

/// Evidence that blocks, shrinks, balloons or backtracks: bounded, with a message, never a hang
/// or a crash — in the shell and in every mode that reads a received notebook.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct EvidenceFaultTests {
  /// Runs gemba with a 30-second watchdog: a hang fails the test (status 124).
  static func bounded(_ arguments: [String], stdin: String = "", in folder: URL) throws -> GembaProcess.Result {
    try GembaProcess.run(arguments, stdin: stdin, in: folder, timeout: 30)
  }

  /// A notebook that loaded `evidence/p.csv` (a small file) and queried it.
  static func notebookWithEvidence(_ name: String = #function) throws -> URL {
    let folder = try GembaProcess.scratchFolder(name)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("evidence"), withIntermediateDirectories: true)
    try "note\naaaaaaaaaaaaaaaaaaaaaaaaaab\nbbb\n".write(
      to: folder.appendingPathComponent("evidence/p.csv"), atomically: true,
      encoding: .utf8)
    let made = try GembaProcess.run(
      ["nb.md"],
      stdin: "load evidence/p.csv as p\np | where note ~ \"(a+)+$\" | count\nexport md record.md\n", in: folder)
    try #require(made.status == 0, "\(made.stderr)")
    return folder
  }

  static let modes: [[String]] = [
    ["nb.md"], ["verify", "nb.md"], ["replay", "nb.md"], ["export", "nb.md", "--format", "html"],
  ]

  @Test func aFIFOInPlaceOfEvidenceIsRefusedInEveryModeWithoutHanging() throws {
    let folder = try Self.notebookWithEvidence()
    let fifo = folder.appendingPathComponent("evidence/p.csv").path
    try FileManager.default.removeItem(atPath: fifo)
    try #require(mkfifo(fifo, 0o644) == 0)
    for mode in Self.modes {
      let result = try Self.bounded(mode, stdin: "p | count\n", in: folder)
      #expect(result.status != 124, "`gemba \(mode.joined(separator: " "))` hung on a FIFO")
      // The export states it in its integrity line; the others say why.
      let said = mode[0] == "export" ? "the evidence is NOT as cited" : "not a regular file"
      #expect((result.stdout + result.stderr).contains(said), "\(mode): \(result.stderr)")
    }
  }

  @Test func aHugeSparseFileIsRefusedBeforeItIsRead() throws {
    let folder = try Self.notebookWithEvidence()
    let path = folder.appendingPathComponent("evidence/p.csv").path
    try #require(truncate(path, 20 << 30) == 0)
    for mode in Self.modes {
      let result = try Self.bounded(mode, stdin: "p | count\n", in: folder)
      #expect(result.status != 124)
      let said = mode[0] == "export" ? "the evidence is NOT as cited" : "more than gemba reads (4 GiB)"
      #expect((result.stdout + result.stderr).contains(said), "\(mode): \(result.stderr)")
    }
  }

  @Test func aBacktrackingPatternRunsInLinearTimeInEveryMode() throws {
    let folder = try Self.notebookWithEvidence()
    let long = String(repeating: "a", count: 5_000) + "b"
    try "note\n\(long)\n".write(to: folder.appendingPathComponent("evidence/p.csv"), atomically: true, encoding: .utf8)
    for mode in Self.modes {
      let result = try Self.bounded(
        mode, stdin: "p | where note ~ \"(a+)+$\" | count\ngrep p \"(a|aa)+c\"\n", in: folder)
      #expect(result.status != 124, "`gemba \(mode.joined(separator: " "))` hung on a backtracking pattern")
    }
  }

  @Test func evidenceTruncatedWhileItLoadsIsReportedNotACrash() throws {
    let folder = try GembaProcess.scratchFolder()
    let path = folder.appendingPathComponent("t.csv")
    var text = "id,team,note\n"
    let row = (0..<40).map { _ in "x" }.joined()
    while text.utf8.count < 50_000_000 { text += "1,blue,\(row)\n2,green,\(row)\n3,red,\(row)\n" }
    for delay in [0, 20_000, 50_000, 100_000] as [UInt32] {
      try text.write(to: path, atomically: true, encoding: .utf8)
      let (process, input) = try GembaProcess.startHeld(folder, notebook: "nb-\(delay).md")
      try? input.write(contentsOf: Data("load t.csv\n".utf8))
      try input.close()
      usleep(delay)
      try #require(truncate(path.path, 1_000_000) == 0)
      process.waitUntilExit()
      // Loaded before the cut, or refused because the file changed: never killed by SIGBUS (135).
      #expect(process.terminationReason == .exit, "killed by a signal after \(delay) µs")
      #expect(process.terminationStatus == 0 || process.terminationStatus == 1)
    }
  }
}

/// Input that used to cost quadratic time, and a file of blank lines (issue 10, items 9 and 11).
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct LinearInputTests {
  /// On a memory file system when there is one: 20,000 fsyncs on a disk measure the disk.
  static func folder() throws -> URL {
    let shm = URL(fileURLWithPath: "/dev/shm")
    guard FileManager.default.isWritableFile(atPath: shm.path) else { return try GembaProcess.scratchFolder() }
    let url = shm.appendingPathComponent("gemba-linear-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func aLongPastedNoteAndTwentyThousandCommandsFinishWithinTheirBound() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let note =
      "note \"\"\"\n" + (0..<2_000).map { "line \($0) of a pasted note" }.joined(separator: "\n") + "\n\"\"\"\n"
    let long = try EvidenceFaultTests.bounded(["long.md"], stdin: note, in: folder)
    #expect(long.status == 0, "\(long.stderr)")
    let many = (0..<20_000).map { "note \"n \($0)\"" }.joined(separator: "\n") + "\n"
    let batch = try EvidenceFaultTests.bounded(["many.md"], stdin: many, in: folder)
    #expect(batch.status == 0, "quadratic input timed out (status 124) or failed: \(batch.stderr.suffix(300))")
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("many.md")) == 20_000)
  }

  @Test func aFileOfBlankLinesSaysSo() throws {
    let folder = try GembaProcess.scratchFolder()
    try "\n\n\r\n  \n".write(to: folder.appendingPathComponent("nl.csv"), atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(["nb.md"], stdin: "load nl.csv\n", in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("the file holds only blank lines"))
  }
}
