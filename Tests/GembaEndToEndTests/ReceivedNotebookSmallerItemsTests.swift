import Foundation
import Testing

/// Issue 24, finding 14 (the smaller items): a read-only notebook in a batch says nothing was
/// recorded and fails; a killed export's temporary file is cleaned when the notebook opens; a
/// verify without `--chain` says what it cannot see.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct ReceivedNotebookSmallerItemsTests {
  @Test func aReadOnlyNotebookInABatchSaysNothingWasRecordedAndFails() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: url.path)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    let before = try GembaProcess.read(url)
    // root writes through any mode: run as `nobody` then, as a reviewer without rights would.
    let asOther = getuid() == 0
    guard !asOther || FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
      Issue.record("running as root without runuser: cannot test a read-only notebook")
      return
    }
    func batch(_ script: String) throws -> (status: Int32, stderr: String) {
      let command =
        asOther ? ["/usr/sbin/runuser", "-u", "nobody", "--", GembaProcess.binary.path] : [GembaProcess.binary.path]
      let process = Process()
      process.executableURL = URL(fileURLWithPath: command[0])
      process.arguments = Array(command.dropFirst()) + ["nb.md"]
      process.currentDirectoryURL = folder
      process.environment = GembaProcess.environment()
      let input = Pipe(), error = Pipe()
      process.standardInput = input
      process.standardError = error
      process.standardOutput = FileHandle.nullDevice
      try process.run()
      input.fileHandleForWriting.write(Data(script.utf8))
      try input.fileHandleForWriting.close()
      let err = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return (process.terminationStatus, err)
    }
    let cells = try batch("note two\nnote three\n")
    #expect(cells.status == 1, "\(cells.stderr)")
    #expect(cells.stderr.contains("error[E0504]"), "\(cells.stderr)")
    #expect(cells.stderr.contains("nothing was recorded (2 cells ran and were only shown)"), "\(cells.stderr)")
    #expect(try GembaProcess.read(url) == before)
    // Nothing typed: nothing lost, so nothing failed.
    let empty = try batch("")
    #expect(empty.status == 0, "\(empty.stderr)")
  }

  @Test func aKilledWritesTemporaryFileIsRemovedWhenTheNotebookOpens() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\n", in: folder)
    // A process that has ended: its pid names nobody now.
    let ended = Process()
    ended.executableURL = URL(fileURLWithPath: "/bin/true")
    try ended.run()
    ended.waitUntilExit()
    let stale = ".record.md.gemba-\(ended.processIdentifier)-12345.tmp"
    // Ours (the test runner's) is alive: a write in progress, kept.
    let live = ".record.md.gemba-\(getpid())-678.tmp"
    let other = ".record.md.gemba-notapid.tmp"
    for name in [stale, live, other] {
      try "half an export".write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
    }
    let opened = try GembaProcess.run(["nb.md"], stdin: "", in: folder, timeout: 30)
    #expect(opened.status == 0, "\(opened.stderr)")
    let files = Set(try FileManager.default.contentsOfDirectory(atPath: folder.path))
    #expect(!files.contains(stale))
    #expect(files.contains(live))
    #expect(files.contains(other))
  }

  @Test func verifyWithoutAChainValueSaysACutAtACellBoundaryWouldNotShow() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\nnote two\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    let text = try GembaProcess.read(url)
    let last = try #require(text.range(of: "\n<!-- cell 2 ", options: .backwards))
    let chain = String(text[last.upperBound...].split(separator: " ")[4])
    try String(text[..<last.lowerBound]).appending("\n").write(to: url, atomically: true, encoding: .utf8)
    let plain = try GembaProcess.run(["verify", "nb.md"], in: folder, timeout: 30)
    #expect(plain.status == 0)
    #expect(plain.stderr.contains("cells removed from the end would not show"), "\(plain.stderr)")
    let anchored = try GembaProcess.run(["verify", "nb.md", "--chain", chain], in: folder, timeout: 30)
    #expect(anchored.status == 1, "\(anchored.stdout)\(anchored.stderr)")
    #expect(anchored.stderr.contains("cells were removed from the end"), "\(anchored.stderr)")
  }
}
