import Foundation
import Testing

/// Nothing typed is lost and nothing is overwritten: what real machines and people do to a
/// notebook while gemba holds it (issue "the notebook under faults and hostile input").
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct NotebookFaultTests {
  /// Runs gemba in batch mode, feeding `lines` one at a time and calling `between(i)` after line i.
  static func slowBatch(_ arguments: [String], lines: [String], in folder: URL, between: (Int) throws -> Void) throws
    -> GembaProcess.Result
  {
    let process = Process()
    process.executableURL = GembaProcess.binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = GembaProcess.environment()
    let input = Pipe(), output = Pipe(), error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    for (i, line) in lines.enumerated() {
      try? input.fileHandleForWriting.write(contentsOf: Data((line + "\n").utf8))
      usleep(400_000)  // the cell is written before the next line arrives
      try between(i)
    }
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return .init(
      stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
      status: process.terminationStatus)
  }

  static func shell(_ command: String, in folder: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = folder
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "`\(command)` failed")
  }

  @Test func anExportNamingTheNotebookIsRefusedBeforeItIsRecorded() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try GembaProcess.run(["nb.md"], stdin: "title \"x\"\nexport md nb.md\n", in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("refused to export to `nb.md`: it is this notebook's own file"))
    let reopened = try GembaProcess.run(["nb.md"], stdin: "", in: folder)
    #expect(reopened.status == 0, "\(reopened.stderr)")
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 1)
    // From the command line too.
    let cli = try GembaProcess.run(["export", "nb.md", "--format", "md", "-o", "nb.md"], in: folder)
    #expect(cli.status == 2)
    #expect(cli.stderr.contains("refused to write nb.md: it is the notebook itself"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 1)
  }

  @Test func anEditorsSaveThatKeepsTheCellsIsFollowed() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try Self.slowBatch(["nb.md"], lines: ["note \"one\"", "note \"two\"", "note \"three\""], in: folder) {
      i in
      if i == 0 { try Self.shell("sed -i '1a ## reviewer remark' nb.md", in: folder) }
    }
    #expect(result.status == 0, "\(result.stderr)")
    let text = try GembaProcess.read(folder.appendingPathComponent("nb.md"))
    #expect(text.contains("## reviewer remark"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 3)
    #expect(result.stderr.contains("its cells are intact, so this session goes on appending to it"))
    let verify = try GembaProcess.run(["verify", "nb.md"], in: folder)
    #expect(verify.status == 0, "\(verify.stderr)")
  }

  @Test func anEditThatChangesACellSendsTheNextCellsToARecoveryFile() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try Self.slowBatch(["nb.md"], lines: ["note \"one\"", "note \"two\"", "note \"three\""], in: folder) {
      i in
      if i == 0 { try Self.shell("sed -i 's/^one$/ONE/' nb.md", in: folder) }
    }
    #expect(result.status == 0)
    #expect(result.stderr.contains("this cell and every cell before it were written to nb.md.recovered-"))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    let recovered = try #require(files.first { $0.hasPrefix("nb.md.recovered-") })
    let text = try GembaProcess.read(folder.appendingPathComponent(recovered))
    #expect(text.contains("note \"two\"") && text.contains("note \"three\""))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 1)
    // The recovery file is a notebook of its own: it verifies, and gemba opens it and goes on there.
    #expect(GembaProcess.cellCount(folder.appendingPathComponent(recovered)) == 3)
    let verify = try GembaProcess.run(["verify", recovered], in: folder)
    #expect(verify.stdout == "verified: 3 cells\n", "\(verify.stderr)")
    let goOn = try GembaProcess.run([recovered], stdin: "note \"four\"\n", in: folder)
    #expect(goOn.status == 0, "\(goOn.stderr)")
    #expect(GembaProcess.cellCount(folder.appendingPathComponent(recovered)) == 4)
  }

  /// A `git checkout` of the notebook mid-session takes acknowledged cells off the disk; the
  /// recovery file puts them back, with the cells typed after.
  @Test func aRevertMidSessionLosesNoAcknowledgedCell() throws {
    let folder = try GembaProcess.scratchFolder()
    let url = folder.appendingPathComponent("nb.md")
    var afterOne = ""
    let result = try Self.slowBatch(["nb.md"], lines: ["note \"one\"", "note \"two\"", "note \"three\""], in: folder) {
      i in
      if i == 0 { afterOne = try GembaProcess.read(url) }
      // What `git checkout nb.md` does: the file replaced by an older version of it.
      if i == 1 { try afterOne.write(to: url, atomically: true, encoding: .utf8) }
    }
    #expect(result.status == 0, "\(result.stderr)")
    #expect(GembaProcess.cellCount(url) == 1)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    let recovered = try #require(files.first { $0.hasPrefix("nb.md.recovered-") })
    let text = try GembaProcess.read(folder.appendingPathComponent(recovered))
    #expect(text.contains("note \"one\"") && text.contains("note \"two\"") && text.contains("note \"three\""))
    let verify = try GembaProcess.run(["verify", recovered], in: folder)
    #expect(verify.stdout == "verified: 3 cells\n", "\(verify.stderr)")
  }

  @Test func aTornLastCellIsMovedAsideAndTheRestOpens() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\nnote two\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    let text = try GembaProcess.read(url)
    try String(text.dropLast(5)).write(to: url, atomically: true, encoding: .utf8)  // cut inside the last output
    let result = try GembaProcess.run(["nb.md"], stdin: "note three\n", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("was cut short, by a crash or a full disk"))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    let torn = try #require(files.first { $0.hasPrefix("nb.md.torn-") })
    #expect(try GembaProcess.read(folder.appendingPathComponent(torn)).contains("note two"))
    let verify = try GembaProcess.run(["verify", "nb.md"], in: folder)
    #expect(verify.stdout == "verified: 2 cells\n")
  }

  @Test func aFileOfWhitespaceBecomesANotebook() throws {
    let folder = try GembaProcess.scratchFolder()
    try "\n  \n\t\n".write(to: folder.appendingPathComponent("nb.md"), atomically: true, encoding: .utf8)
    let first = try GembaProcess.run(["nb.md"], stdin: "note one\n", in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let second = try GembaProcess.run(["nb.md"], stdin: "note two\n", in: folder)
    #expect(second.status == 0, "\(second.stderr)")
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 2)
  }

  @Test func aReplayedNotebookWritesOnlyInsideItsFolder() throws {
    let outer = try GembaProcess.scratchFolder()
    let folder = outer.appendingPathComponent("received")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    _ = try GembaProcess.run(["nb.md"], stdin: "note x\nexport md ../escaped.md\nexport md inside.md\n", in: folder)
    try? FileManager.default.removeItem(at: outer.appendingPathComponent("escaped.md"))
    try? FileManager.default.removeItem(at: folder.appendingPathComponent("inside.md"))
    let replay = try GembaProcess.run(["replay", "nb.md", "--allow-writes"], in: folder)
    #expect(
      replay.stderr.contains("not written: ../escaped.md: refused to write `../escaped.md`: it climbs out with `..`"))
    #expect(!FileManager.default.fileExists(atPath: outer.appendingPathComponent("escaped.md").path))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("inside.md").path))
  }

  @Test func aReadOnlyNotebookOpensAndSaysNothingIsRecorded() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "why \"answers differ\"\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: url.path)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    let before = try GembaProcess.read(url)
    // root writes through any mode: run as `nobody` then, the way a reviewer without rights would.
    let asOther = getuid() == 0
    guard !asOther || FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
      Issue.record("running as root without runuser: cannot test a read-only notebook")
      return
    }
    let command =
      asOther
      ? ["/usr/sbin/runuser", "-u", "nobody", "--", GembaProcess.binary.path, "nb.md"]
      : [GembaProcess.binary.path, "nb.md"]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    process.currentDirectoryURL = folder
    process.environment = GembaProcess.environment()
    let input = Pipe(), error = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardError = error
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data("whys\n".utf8))
    try input.fileHandleForWriting.close()
    let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let err = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    // A batch whose cells could not be kept failed (issue 24): it says so and exits 1.
    #expect(process.terminationStatus == 1, "\(err)")
    #expect(err.contains("nb.md is read-only: what you type runs and is shown, but is not recorded"))
    #expect(err.contains("nothing was recorded (1 cell ran and was only shown)"))
    #expect(out.contains("answers differ"))
    #expect(try GembaProcess.read(url) == before)
  }

  @Test func aNotebookThatIsNotUTF8NamesTheFirstBadByte() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    var bytes = Array(try GembaProcess.read(url).utf8)
    bytes += Array("\ncaf".utf8) + [0xE9] + Array("\n".utf8)  // Latin-1 é on the last line
    try Data(bytes).write(to: url)
    let lines = bytes.split(separator: 10, omittingEmptySubsequences: false).count - 1
    let result = try GembaProcess.run(["nb.md"], stdin: "", in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.contains("is not UTF-8 text: the first invalid byte is at line \(lines), column 4"))
  }
}
