import Foundation
import Testing

/// `load` of a file outside the notebook's folder, typed now, copies it into `evidence/`;
/// a notebook that names an outside path is still refused when replayed.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct EvidenceImportTests {
  @Test func anOutsideFileIsCopiedAndTheNotebookReplaysWithoutIt() throws {
    let root = try GembaProcess.scratchFolder()
    let folder = root.appendingPathComponent("case")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let outside = root.appendingPathComponent("export.csv")
    try "id,team\n1,Billing\n2,Refunds\n3,Billing\n".write(to: outside, atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(["nb.md"], stdin: "load \(outside.path)\nexport | count by team\n", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("copied \(outside.path) into evidence/export.csv (sha256 "), "\(result.stdout)")
    let copy = folder.appendingPathComponent("evidence/export.csv")
    #expect(try Data(contentsOf: copy) == Data(contentsOf: outside))
    let notebook = try GembaProcess.read(folder.appendingPathComponent("nb.md"))
    #expect(notebook.contains("load evidence/export.csv\n"))
    #expect(!notebook.contains("load \(outside.path)"))

    // The original gone: the folder alone replays.
    try FileManager.default.removeItem(at: outside)
    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(replay.status == 0, "\(replay.stdout)")
    #expect(replay.stdout == "replay: 2 cells, 2 matched, 0 differed, 0 drifted, 0 stale\n")
  }

  @Test func aDifferentFileOfTheSameNameIsNeverOverwritten() throws {
    let root = try GembaProcess.scratchFolder()
    let folder = root.appendingPathComponent("case")
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("evidence"), withIntermediateDirectories: true)
    let mine = folder.appendingPathComponent("evidence/data.csv")
    try "a\n1\n".write(to: mine, atomically: true, encoding: .utf8)
    let outside = root.appendingPathComponent("data.csv")
    try "a\n2\n".write(to: outside, atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(["nb.md"], stdin: "load ../data.csv\ndata | count\n", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("into evidence/data-2.csv"))
    #expect(try GembaProcess.read(mine) == "a\n1\n")
    #expect(
      try GembaProcess.read(folder.appendingPathComponent("nb.md")).contains("load evidence/data-2.csv as data\n"))
  }

  @Test func aReplayedNotebookThatNamesAnOutsidePathIsStillRefused() throws {
    let root = try GembaProcess.scratchFolder()
    let folder = root.appendingPathComponent("sent")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let outside = root.appendingPathComponent("secret.csv")
    try "id,password\n1,hunter2\n".write(to: outside, atomically: true, encoding: .utf8)
    // Its author allowed outside reads, so the cell names the outside path.
    _ = try GembaProcess.run(["sent/nb.md", "--allow-outside"], stdin: "load \(outside.path) as s\n", in: root)
    #expect(try GembaProcess.read(folder.appendingPathComponent("nb.md")).contains("load \(outside.path) as s"))
    let replay = try GembaProcess.run(["replay", "sent/nb.md"], in: root)
    #expect(replay.status == 1)
    #expect(replay.stdout.contains("refused to read `\(outside.path)`: it is an absolute path"), "\(replay.stdout)")
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("evidence").path), "replay copied evidence")
  }
}
