import Foundation
import Testing

@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct ReplayCommandTests {
  /// A notebook someone sent: it tries to read outside its folder and to write to /tmp.
  @Test func aHostileNotebookReadsAndWritesNothingOutsideItsFolder() throws {
    let root = try GembaProcess.scratchFolder()
    let folder = root.appendingPathComponent("sent")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let secret = root.appendingPathComponent("secret.csv")
    try "id,password\n1,hunter2\n".write(to: secret, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      at: folder.appendingPathComponent("innocent.csv"), withDestinationURL: secret)
    let target = "/tmp/gemba-hostile-\(UUID().uuidString).md"
    let script = """
      note "looks harmless"
      load /etc/passwd as pw
      load ../secret.csv as s
      load innocent.csv as i
      export md \(target)
      """
    // Build the notebook with --allow-outside (as its author could), then replay it as a recipient.
    let made = try GembaProcess.run(["sent/nb.md", "--keep-going", "--allow-outside"], stdin: script, in: root)
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) >= 2, "\(made.stderr)")
    try? FileManager.default.removeItem(atPath: target)

    let replay = try GembaProcess.run(["replay", "sent/nb.md"], in: root)
    #expect(replay.status == 1)
    #expect(!FileManager.default.fileExists(atPath: target), "replay wrote outside the notebook's folder")
    for refused in ["/etc/passwd", "../secret.csv", "innocent.csv"] where replay.stdout.contains("load \(refused)") {
      #expect(replay.stdout.contains("refused to read `\(refused)`"), "no refusal reported for \(refused)")
    }
    #expect(!replay.stdout.contains("hunter2"))
    #expect(!replay.stdout.contains("root:x:0:0"))
  }

  /// A finding made on a file changed since its load prints a `note:` line above `F1 …`;
  /// when the file changes again, replay names the finding, not the note.
  @Test func aStaleFindingMadeOnAChangedFileIsNamedByItsId() throws {
    let folder = try GembaProcess.scratchFolder()
    let file = folder.appendingPathComponent("t.csv")
    try "id,ok\n1,no\n2,yes\n".write(to: file, atomically: true, encoding: .utf8)
    _ = try GembaProcess.run(["nb.md"], stdin: "load t.csv as t\n", in: folder)
    try "id,ok\n1,no\n2,yes\n3,no\n".write(to: file, atomically: true, encoding: .utf8)
    let made = try GembaProcess.run(
      ["nb.md"], stdin: "finding \"answers differ\" --evidence t | where ok = no | count\n", in: folder)
    try #require(made.stdout.hasPrefix("note: t.csv changed since cell 1"), "\(made.stdout)\(made.stderr)")
    try "id,ok\n1,no\n2,yes\n3,no\n4,no\n".write(to: file, atomically: true, encoding: .utf8)

    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(replay.status == 1)
    #expect(
      replay.stdout.contains(
        "stale: F1 cites `t | where ok = no | count` (cell 2)\n--- then\n+++ now\n@@ -1,1 +1,1 @@\n-2 rows\n+3 rows\n"),
      "\(replay.stdout)")
    #expect(!replay.stdout.contains("stale: note:"))
  }

  @Test func replayOfAnUntouchedNotebookExitsZero() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: fortyCommandSession, in: folder)
    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(replay.status == 0, "\(replay.stdout)")
    #expect(replay.stdout == "replay: 40 cells, 40 matched, 0 differed, 0 drifted, 0 stale\n")
  }

  @Test func updateWritesANewNotebookAndNeverTheOriginal() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "why \"a\"\nwhys\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    let original = try GembaProcess.read(url)
    try original.replacingOccurrences(of: "why \"a\"\n```", with: "why \"b\"\n```").write(
      to: url, atomically: true, encoding: .utf8)
    let refused = try GembaProcess.run(["replay", "nb.md", "--update", "nb.md"], in: folder)
    #expect(refused.status == 2)
    let replay = try GembaProcess.run(["replay", "nb.md", "--update", "new.md"], in: folder)
    #expect(replay.status == 1)
    #expect(replay.stdout.contains("-W1 a\n+W1 b"))
    #expect(try GembaProcess.run(["verify", "new.md"], in: folder).status == 0)
    #expect(try GembaProcess.run(["verify", "nb.md"], in: folder).status == 1)
  }

  @Test func verifyNamesEachEditedCellInTurn() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "title T\nwhy \"a\"\nwhy W1 \"b\"\nnote done\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    let original = try GembaProcess.read(url)
    var lines = original.components(separatedBy: "\n")
    let commandLines = lines.indices.filter { lines[$0] == "```gemba" }.map { $0 + 1 }
    #expect(commandLines.count == 4)
    for (cell, line) in commandLines.enumerated() {
      var edited = lines
      edited[line] =
        edited[line].replacingOccurrences(of: "T", with: "X").replacingOccurrences(of: "a", with: "b")
        + (edited[line].contains("T") || edited[line].contains("a") ? "" : "!")
      try edited.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
      let verify = try GembaProcess.run(["verify", "nb.md"], in: folder)
      #expect(verify.status == 1)
      #expect(verify.stderr.contains("cell \(cell + 1) does not match"), "\(verify.stderr)")
    }
    lines = original.components(separatedBy: "\n")
    try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    #expect(try GembaProcess.run(["verify", "nb.md"], in: folder).stdout == "verified: 4 cells\n")
  }
}
