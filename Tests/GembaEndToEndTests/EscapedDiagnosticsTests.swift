import Foundation
import GembaTestSupport
import Testing

/// Issue 24, finding 10: a diagnostic that quotes its source line (or a value from it) printed colour
/// sequences raw: `ESC [8m` hid the rest of the terminal's text, `ESC [30;40m` blackened it. Every one of
/// the seven sequences tried must come out written out (`\x1B`), typed or from a received notebook.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct EscapedDiagnosticsTests {
  /// The seven sequences of the issue: SGR conceal, black on black, 256-colour, an OSC 8 hyperlink, an
  /// OSC 52 clipboard write, CSI cursor moves and a bare carriage return.
  static let sequences = [
    "\u{1B}[8m", "\u{1B}[30;40m", "\u{1B}[38;5;196m", "\u{1B}]8;;https://evil.example/\u{1B}\\",
    "\u{1B}]52;c;ZWNobyBwd25lZA==\u{07}", "\u{1B}[2A\u{1B}[10D", "\r",
  ]

  /// Whether any control character but a line break or tab reached the output.
  func raw(_ text: String) -> Bool {
    text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x7F...0x9F).contains($0.value) }
  }

  @Test(arguments: sequences.indices)
  func typedLinesAreQuotedWithTheirEscapesWrittenOut(_ k: Int) throws {
    let folder = try GembaProcess.scratchFolder("typed-\(k)")
    let sequence = Self.sequences[k]
    // A command holding a control character, and a mistyped verb whose line holds one in its quotes.
    let typed = "note \"before\(sequence)after\"\nprobem \"x\(sequence)y\"\n"
    let run = try GembaProcess.run(["nb.md", "--keep-going"], stdin: typed, in: folder, timeout: 60)
    #expect(run.status == 1)
    #expect(!raw(run.stdout + run.stderr), "\((run.stdout + run.stderr).debugDescription)")
    #expect(run.stderr.contains("\\x1B") || run.stderr.contains("\\x0D"), "\(run.stderr)")
    // The caret still sits under what it marks: the line quoted has the same width as what the
    // caret's line pads, up to the mark.
    #expect(run.stderr.contains("error["))
  }

  /// A notebook with a valid chain whose cell holds the sequence in its command (only a hand-made
  /// file can: typed commands with controls are refused) and in a failing command's output.
  static let writer = #"""
    import hashlib, sys
    def nxt(prev, n, when, cmd, out):
        h = hashlib.sha256()
        for part in (prev, str(n), when, cmd, out):
            b = part.encode(); h.update(f"{len(b)}:".encode()); h.update(b)
        return h.hexdigest()[:16]
    seq = sys.argv[2].encode().decode("unicode_escape")
    chain = hashlib.sha256(b"gemba notebook v1").hexdigest()[:16]
    if len(sys.argv) > 3:  # in a stored output only: what replay's diff quotes
        cells = [('title "received"', f"title: rec{seq}eived")]
    else:
        cells = [('title "received"', "title: received"), (f'note "a{seq}b"', "note")]
    out = "<!-- gemba notebook v2 -->\n"
    for n, (cmd, output) in enumerate(cells, 1):
        when = "2026-11-20T10:00:00Z"
        chain = nxt(chain, n, when, cmd, output)
        out += f"\n<!-- cell {n} · {when} · chain {chain} -->\n```gemba\n{cmd}\n```\n```output\n{output}\n```\n"
    open(sys.argv[1], "w", newline="").write(out)
    """#

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
      "needs python3 to write the notebook"),
    arguments: sequences.indices)
  func aReceivedNotebooksEscapesAreWrittenOutEverywhere(_ k: Int) throws {
    let folder = try GembaProcess.scratchFolder("received-\(k)")
    let escaped = Self.sequences[k].unicodeScalars.map { String(format: "\\x%02x", $0.value) }.joined()
    let made = try ExternalProgram.run(
      ["python3", "-c", Self.writer, folder.appendingPathComponent("nb.md").path, escaped])
    try #require(made.status == 0)
    let runs = [
      try GembaProcess.run(["nb.md"], stdin: "status\n", in: folder, timeout: 60),
      try GembaProcess.run(["verify", "nb.md"], in: folder, timeout: 60),
      try GembaProcess.run(["replay", "nb.md"], in: folder, timeout: 60),
      try GembaProcess.run(["export", "nb.md", "--format", "md"], in: folder, timeout: 60),
    ]
    var quoted = 0
    for run in runs {
      let text = run.stdout + run.stderr
      #expect(!raw(text), "\(text.debugDescription)")
      if text.contains("\\x1B") || text.contains("\\x0D") { quoted += 1 }
    }
    // The cell was read and quoted somewhere (the refusal to open it quotes its line).
    #expect(quoted > 0, "\(runs.map { $0.stdout + $0.stderr })")
  }

  /// Found by the black-box fuzzer: a re-chained notebook whose stored output holds a sequence, so
  /// replay's diff of then and now quoted it raw.
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
      "needs python3 to write the notebook"),
    arguments: sequences.indices)
  func aStoredOutputsEscapesAreWrittenOutInReplaysDiff(_ k: Int) throws {
    let folder = try GembaProcess.scratchFolder("stored-\(k)")
    let escaped = Self.sequences[k].unicodeScalars.map { String(format: "\\x%02x", $0.value) }.joined()
    let made = try ExternalProgram.run(
      ["python3", "-c", Self.writer, folder.appendingPathComponent("nb.md").path, escaped, "output"])
    try #require(made.status == 0)
    let run = try GembaProcess.run(["replay", "nb.md"], in: folder, timeout: 60)
    #expect(run.status == 1)
    #expect(run.stdout.contains("differed: cell 1"), "\(run.stdout)")
    #expect(!raw(run.stdout + run.stderr), "\((run.stdout + run.stderr).debugDescription)")
    #expect(run.stdout.contains("\\x1B") || run.stdout.contains("\\x0D"), "\(run.stdout)")
  }
}
