import Foundation
import GembaTestSupport
import Testing

/// The interactive shell as a user meets it: the built binary in a real
/// pseudo-terminal, typed at by `pty/shell_session.py` (python3 + pexpect).
/// The script checks the screen; these tests check the notebook it leaves.
@Suite(
  .enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"),
  .enabled(
    if: ExternalProgram.runs(needing: PtyDriver.available),
    "needs python3 with pexpect (pip install pexpect) to drive a pseudo-terminal"))
struct ShellPtyTests {
  @Test func tabCompletesVerbsCauseIDsOptionsAndPaths() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try PtyDriver.run("completion", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let notebook = folder.appendingPathComponent("nb.md")
    #expect(GembaProcess.cellCount(notebook) == 5)
    #expect(try GembaProcess.read(notebook).contains("confirm C1.1 --because macro edits lag wiki edits\n"))
  }

  @Test func upRecallsThePreviousSessionsCommandsFailedOnesToo() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try PtyDriver.run("history", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 3)
    let history = try GembaProcess.read(folder.appendingPathComponent("state/gemba/history"))
    let commands = history.split(separator: "\n").filter { !$0.hasPrefix("#") }
    #expect(commands == ["why \"first\"", "bogus", "why \"first\""])
  }

  @Test func ctrlCDropsTheLineOrTheOpenCommandAndCtrlDSavesAndQuits() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try PtyDriver.run("interrupt", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let notebook = try GembaProcess.read(folder.appendingPathComponent("nb.md"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 2)
    #expect(notebook.contains("title Refunds\n"))
    #expect(notebook.contains("note \"\"\"\ntwo\nlines\"\"\"\n"))
    #expect(!notebook.contains("half typed"))
    #expect(!notebook.contains("never sent"))
  }

  @Test func killNineOfTheShellLosesNoEnteredCommand() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try PtyDriver.run("killed", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let notebook = folder.appendingPathComponent("nb.md")
    #expect(GembaProcess.cellCount(notebook) == 7)
    #expect(try !GembaProcess.read(notebook).contains("typed but not entered"))
    let verify = try GembaProcess.run(["verify", "nb.md"], in: folder)
    #expect(verify.stdout == "verified: 7 cells\n")
  }

  @Test func aLogRotatedUnderTheSessionIsReportedAndLoadsAgain() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try PtyDriver.run("rotated", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let notebook = try GembaProcess.read(folder.appendingPathComponent("nb.md"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 4)
    #expect(notebook.contains("loaded applog: 1 row × 3 columns"))
    #expect(!notebook.contains("changed on disk"), "a refused query is not a cell")
  }
}

/// Runs `pty/shell_session.py SCENARIO GEMBA FOLDER`.
enum PtyDriver {
  static let script = GembaProcess.packageRoot.appendingPathComponent("Tests/GembaEndToEndTests/pty/shell_session.py")

  /// python3 is on the PATH and can import pexpect.
  static let available: Bool = (try? python(["-c", "import pexpect"]).status) == 0

  static func run(_ scenario: String, in folder: URL) throws -> GembaProcess.Result {
    try python([script.path, scenario, GembaProcess.binary.path, folder.path])
  }

  private static func python(_ arguments: [String]) throws -> GembaProcess.Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = FileHandle.nullDevice
    try process.run()
    nonisolated(unsafe) var err = Data()
    let errReader = Thread { err = error.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errReader.isFinished { usleep(1000) }
    return GembaProcess.Result(
      stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
      status: process.terminationStatus)
  }
}
