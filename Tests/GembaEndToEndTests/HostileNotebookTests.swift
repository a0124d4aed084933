import Foundation
import GembaTestSupport
import Testing

/// A notebook someone sent is untrusted input: what it holds must not drive the reader's terminal.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct HostileNotebookTests {
  /// A notebook with a valid chain whose cells carry terminal escapes (as a hand-made file can).
  static let writer = #"""
    import hashlib, sys
    def nxt(prev, n, when, cmd, out):
        h = hashlib.sha256()
        for part in (prev, str(n), when, cmd, out):
            b = part.encode(); h.update(f"{len(b)}:".encode()); h.update(b)
        return h.hexdigest()[:16]
    chain = hashlib.sha256(b"gemba notebook v1").hexdigest()[:16]
    evil = "A\x1b]0;PWNED\x07\x1b[2J\x9b31m"
    # Commands with control characters are refused at input and on opening; outputs (which may quote
    # evidence) are stored as they are and escaped wherever they are printed.
    cells = [('note "clean"', evil), ('whys', f"W1 {evil}")] if sys.argv[2] == "outputs" else [(f'note "{evil}"', evil)]
    out = "<!-- gemba notebook v2 -->\n"
    for n, (cmd, output) in enumerate(cells, 1):
        when = "2026-11-20T10:00:00Z"
        chain = nxt(chain, n, when, cmd, output)
        out += f"\n<!-- cell {n} · {when} · chain {chain} -->\n```gemba\n{cmd}\n```\n```output\n{output}\n```\n"
    open(sys.argv[1], "w").write(out)
    """#

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
      "needs python3 to write the notebook"))
  func escapesInCellsNeverReachTheTerminalRaw() throws {
    let folder = try GembaProcess.scratchFolder()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", Self.writer, folder.appendingPathComponent("nb.md").path, "outputs"]
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    let runs = [
      try GembaProcess.run(["nb.md"], stdin: "history\nwhys\nstatus\n", in: folder),
      try GembaProcess.run(["verify", "nb.md"], in: folder),
      try GembaProcess.run(["replay", "nb.md"], in: folder),
      try GembaProcess.run(["export", "nb.md", "--format", "md"], in: folder),
    ]
    for run in runs {
      let text = run.stdout + run.stderr
      #expect(
        !text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" }, "\(text.debugDescription)"
      )
    }
    #expect(runs[1].stdout.hasPrefix("verified: "))
    #expect(runs[3].stdout.contains("A\\x1B]0;PWNED\\x07\\x1B[2J\\u{009B}31m"))
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
      "needs python3 to write the notebook"))
  func aNotebookWithControlCharactersInACommandIsRefusedSaying() throws {
    let folder = try GembaProcess.scratchFolder()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", Self.writer, folder.appendingPathComponent("nb.md").path, "commands"]
    try process.run()
    process.waitUntilExit()
    let open = try GembaProcess.run(["nb.md"], stdin: "whys\n", in: folder)
    #expect(open.status == 2)
    #expect(open.stderr.contains("cell 1 cannot be rebuilt: a control character (U+001B) cannot be part of a command"))
    #expect(open.stderr.contains(" --> nb.md:5:8"))
    #expect(!open.stderr.unicodeScalars.contains { $0 == "\u{1B}" })
  }

  @Test func aControlCharacterTypedIntoACommandIsRefused() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try GembaProcess.run(["nb.md"], stdin: "note \"A\u{1B}]0;x\u{07}\"\n", in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("a control character (U+001B) cannot be part of a command"))
    #expect(result.stderr.contains("--> stdin:1:8"))
  }
}
