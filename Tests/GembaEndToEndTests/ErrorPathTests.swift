import Foundation
import Testing

/// Every mode draws its failures the same way (message, place, caret, notes) and takes its
/// exit code from the kind of failure: 1 for what was typed or a failed check, 2 for usage or files.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct ErrorPathTests {
  @Test func aFailedVerifyPointsIntoTheNotebookAndExitsOne() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\nnote two\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    let text = try GembaProcess.read(url).replacingOccurrences(of: "two", with: "2")
    try text.write(to: url, atomically: true, encoding: .utf8)
    let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("<!-- cell 2 ") }) + 1
    let verify = try GembaProcess.run(["verify", "nb.md"], in: folder)
    #expect(verify.status == 1)
    #expect(verify.stderr.hasPrefix("error[E0509]: verify failed: cell 2 "), "\(verify.stderr)")
    #expect(verify.stderr.contains(" --> nb.md:\(line):1\n"))
    #expect(verify.stderr.contains("\(line) | <!-- cell 2 · "))
  }

  @Test(arguments: [
    (["export", "nb.md", "--format", "pdf"], "E0601"),
    (["verify"], "E0801"),
    (["replay", "nb.md", "--update", "nb.md"], "E0801"),
    (["verify", "missing.md"], "E0501"),
  ])
  func usageAndFileProblemsExitTwo(arguments: [String], code: String) throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\n", in: folder)
    let result = try GembaProcess.run(arguments, in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("error[\(code)]: "), "\(result.stderr)")
  }
}
