import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct NotebookSafetyTests {
  func waitFor(_ condition: () -> Bool) {
    for _ in 0..<200 where !condition() { usleep(25_000) }
  }

  @Test func aSecondWriterIsRefusedAndTheLockDiesWithTheHolder() throws {
    let folder = try GembaProcess.scratchFolder()
    let (holder, input) = try GembaProcess.startHeld(folder)
    input.write(Data("note held\n".utf8))
    let notebook = folder.appendingPathComponent("nb.md")
    waitFor { GembaProcess.cellCount(notebook) == 1 }
    let second = try GembaProcess.run(["nb.md"], stdin: "note intruder\n", in: folder)
    #expect(second.status == 2)
    #expect(second.stderr.contains("open in another gemba process"))
    kill(holder.processIdentifier, SIGKILL)
    holder.waitUntilExit()
    let third = try GembaProcess.run(["nb.md"], stdin: "note after\n", in: folder)
    #expect(third.status == 0, "stderr: \(third.stderr)")
    #expect(GembaProcess.cellCount(notebook) == 2)
  }

  @Test(arguments: [1, 5, 12])
  func killNineLosesNoEnteredCell(entered: Int) throws {
    let folder = try GembaProcess.scratchFolder("kill\(entered)")
    let (process, input) = try GembaProcess.startHeld(folder)
    let notebook = folder.appendingPathComponent("nb.md")
    for i in 1...entered {
      input.write(Data("why \"reason \(i)\"\n".utf8))
    }
    waitFor { GembaProcess.cellCount(notebook) == entered }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    #expect(GembaProcess.cellCount(notebook) == entered)
    let verify = try GembaProcess.run(["verify", "nb.md"], in: folder)
    #expect(verify.stdout == "verified: \(entered) cells\n")
  }
}
