import Foundation
import Testing

/// Issue 24, finding 5: every open of a path checks its type first. A FIFO where an SOP, a key
/// list, a notebook or an export target should be is refused with a message, never waited on.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct OpenPathTypeTests {
  /// Runs gemba with a 30-second watchdog: a hang fails the test (status 124).
  static func bounded(_ arguments: [String], stdin: String = "", in folder: URL) throws -> GembaProcess.Result {
    try GembaProcess.run(arguments, stdin: stdin, in: folder, timeout: 30)
  }

  static func fifo(_ folder: URL, _ name: String) throws {
    let path = folder.appendingPathComponent(name).path
    try? FileManager.default.removeItem(atPath: path)
    try #require(mkfifo(path, 0o644) == 0)
  }

  @Test func anSOPInputThatIsAFIFOIsRefusedWhenAReceivedNotebookIsReplayed() throws {
    let folder = try GembaProcess.scratchFolder()
    try "# Sealing SOP\n\n## Steps\n\n1. Clean the seat.\n".write(
      to: folder.appendingPathComponent("sop.md"), atomically: true, encoding: .utf8)
    let made = try Self.bounded(
      ["nb.md"], stdin: "problem \"seal leaks\"\nexport sop sop-new.md --sop sop.md\n", in: folder)
    try #require(made.status == 0, "\(made.stderr)")
    try #require(try GembaProcess.read(folder.appendingPathComponent("nb.md")).contains("--sop sop.md"))
    try Self.fifo(folder, "sop.md")
    for mode in [["replay", "nb.md"], ["replay", "nb.md", "--allow-writes"]] {
      let replay = try Self.bounded(mode, in: folder)
      #expect(replay.status != 124, "\(mode) hung on the FIFO")
      #expect(replay.status == 1, "\(replay.stderr)")
      #expect((replay.stdout + replay.stderr).contains("is not a regular file"), "\(replay.stdout)\(replay.stderr)")
    }
    // Typed in a session, the same refusal.
    let typed = try Self.bounded(["nb.md"], stdin: "export sop sop-2.md --sop sop.md\n", in: folder)
    #expect(typed.status != 124)
    #expect(typed.stderr.contains("error[E0203]"), "\(typed.stderr)")
  }

  @Test func aFIFOAtTheFoldersTrustedKeysDoesNotBlockVerify() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try Self.bounded(["nb.md"], stdin: "note one\n", in: folder)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent(".gemba"), withIntermediateDirectories: true)
    try Self.fifo(folder, ".gemba/trusted-keys")
    let verify = try Self.bounded(["verify", "nb.md"], in: folder)
    #expect(verify.status != 124, "verify hung on a FIFO at .gemba/trusted-keys")
    #expect(verify.stdout.contains("verified: 1 cell"), "\(verify.stdout)\(verify.stderr)")
  }

  @Test(arguments: [
    ["verify", "nb.md"], ["export", "nb.md", "--format", "md"], ["replay", "nb.md"], ["nb.md"],
    ["nb.md", "--fork", "fork.md"],
  ])
  func aNotebookPathThatIsAFIFOIsRefused(mode: [String]) throws {
    let folder = try GembaProcess.scratchFolder("aNotebookPathThatIsAFIFOIsRefused-\(mode.joined(separator: "-"))")
    try Self.fifo(folder, "nb.md")
    let result = try Self.bounded(mode, stdin: "note one\n", in: folder)
    #expect(result.status != 124, "`gemba \(mode.joined(separator: " "))` hung on a FIFO notebook")
    #expect(result.status == 2, "\(result.stderr)")
    #expect(result.stderr.contains("error[E0203]"), "\(result.stderr)")
    #expect(result.stderr.contains("is not a regular file"), "\(result.stderr)")
  }

  @Test func aNotebookPathThatIsAFolderIsRefused() throws {
    let folder = try GembaProcess.scratchFolder()
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("nb.md"), withIntermediateDirectories: true)
    for mode in [["verify", "nb.md"], ["export", "nb.md", "--format", "md"], ["nb.md"]] {
      let result = try Self.bounded(mode, in: folder)
      #expect(result.status == 2, "\(mode): \(result.stderr)")
      #expect(result.stderr.contains("is a folder"), "\(mode): \(result.stderr)")
    }
  }

  @Test func anExportTargetThatIsAFIFOIsRefused() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try Self.bounded(["nb.md"], stdin: "note one\n", in: folder)
    try Self.fifo(folder, "out.md")
    let export = try Self.bounded(["export", "nb.md", "--format", "md", "-o", "out.md"], in: folder)
    #expect(export.status != 124)
    #expect(export.status != 0)
    #expect(export.stderr.contains("is not a regular file"), "\(export.stderr)")
    // Still the FIFO: nothing was renamed over it.
    var info = stat()
    #expect(lstat(folder.appendingPathComponent("out.md").path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
  }
}
