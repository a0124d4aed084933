import Foundation
import GembaTestSupport
import Testing

/// What was seen stays what was seen: a notebook opens, shows and exports from what its
/// cells stored, and says plainly when the evidence files changed or went missing.
@Suite(
  .enabled(if: gembaBuilt, "build gemba first: scripts/test does"),
  .enabled(
    if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
    "needs python3 to write the evidence"))
struct StoredEvidenceTests {
  /// A scratch copy of the refund example.
  static func refundCopy(_ name: String = #function) throws -> URL {
    let source = GembaProcess.packageRoot.appendingPathComponent("notebooks/refund-guidance")
    let copy = try GembaProcess.scratchFolder(name).appendingPathComponent("refund-guidance")
    try FileManager.default.copyItem(at: source, to: copy)
    return copy
  }

  /// Rewrites `file` (a CSV) with python's csv module: `change` is Python code over `rows`.
  static func python(_ script: String, in folder: URL) throws -> String {
    let (status, out) = try ExternalProgram.run(["python3", "-c", script], in: folder)
    try #require(status == 0, "python3 failed: \(script)")
    return out.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Changes 30 wrong answers into right ones; returns the count of wrong answers before
  /// and after, as Python's csv module counts them.
  static func changeThirtyRows(in copy: URL, file: String = "evidence/tickets.csv") throws -> (before: Int, after: Int)
  {
    let counted = try python(
      """
      import csv
      p = '\(file)'
      rows = list(csv.reader(open(p, newline='')))
      i = rows[0].index('correct')
      before = sum(1 for r in rows[1:] if r[i] == 'no')
      n = 0
      for r in rows[1:]:
          if r[i] == 'no' and n < 30:
              r[i] = 'yes'; n += 1
      csv.writer(open(p, 'w', newline='')).writerows(rows)
      print(before, sum(1 for r in rows[1:] if r[i] == 'no'))
      """, in: copy)
    let numbers = counted.split(separator: " ").compactMap { Int($0) }
    try #require(numbers.count == 2)
    return (numbers[0], numbers[1])
  }

  @Test func changedEvidenceKeepsTheStoredFiguresAndSaysSoEverywhere() throws {
    let copy = try Self.refundCopy()
    let (before, after) = try Self.changeThirtyRows(in: copy)
    #expect(before - after == 30)

    let cells =
      try GembaProcess.read(copy.appendingPathComponent("refund-guidance.md"))
      .components(separatedBy: "\n<!-- cell ").count - 1
    for format in ["md", "html"] {
      let export = try GembaProcess.run(["export", "refund-guidance.md", "--format", format], in: copy)
      #expect(export.status == 0)
      // The Pareto the team cited counted the file as it was: `before` wrong answers.
      #expect(export.stdout.contains("total \(before)"), "\(format): the record lost the stored figure")
      #expect(!export.stdout.contains("total \(after)"), "\(format): the record shows today's figure")
      #expect(export.stdout.contains("NOT as cited"))
      #expect(export.stdout.contains("changed since cited: evidence/tickets.csv"))
      #expect(!export.stdout.contains("verified: \(cells) cells"))
    }

    // Opening it says so before anything else, and `status` says it too.
    let session = try GembaProcess.run(["refund-guidance.md"], stdin: "status\n", in: copy)
    #expect(session.status == 0)
    // The first extract was replaced by the follow-up's (cell 96), but what was cited from it stands.
    #expect(
      session.stderr.contains(
        "warning: integrity: chain verified (\(cells) cells); 1 of 3 evidence files changed since cited: evidence/tickets.csv"
      ))
    #expect(session.stderr.contains("`gemba replay NOTEBOOK` shows which conclusions moved"))
    #expect(
      session.stdout.contains(
        "integrity: chain verified (\(cells) cells); 1 of 3 evidence files changed since cited: evidence/tickets.csv"))
    #expect(session.stdout.contains("the sign-offs above approved evidence as it was loaded"))

    // A new query runs on today's file (`tickets` is the follow-up extract now), and its cell
    // says which version it ran on.
    let (_, afterFollowUp) = try Self.changeThirtyRows(in: copy, file: "evidence/tickets-2027-01-24.csv")
    let query = try GembaProcess.run(["refund-guidance.md"], stdin: "tickets | where correct = no | count\n", in: copy)
    #expect(
      query.stdout.contains(
        "note: evidence/tickets-2027-01-24.csv changed since cell 96 loaded it; this ran on the file as it is now"),
      "\(query.stdout)")
    #expect(query.stdout.contains("\(afterFollowUp) rows"))
    let notebook = try GembaProcess.read(copy.appendingPathComponent("refund-guidance.md"))
    #expect(notebook.contains("\"changed\":true"))
  }

  @Test func replayReportsStaleCausesIncludingRowCitations() throws {
    let copy = try Self.refundCopy()
    _ = try Self.changeThirtyRows(in: copy)
    // The policy-change log's first row is cited by row (`cite W1.1.1.1 changes#1-3`).
    _ = try Self.python(
      """
      import csv
      p = 'evidence/policy-changes.csv'
      rows = list(csv.reader(open(p, newline='')))
      rows[1][3] = 'someone else'
      csv.writer(open(p, 'w', newline='')).writerows(rows)
      """, in: copy)
    let replay = try GembaProcess.run(["replay", "refund-guidance.md"], in: copy)
    #expect(replay.status == 1)
    #expect(replay.stdout.contains("stale: W1.1.1.1 cites `changes#1-3`"))
    #expect(
      replay.stdout.contains(
        "stale: W1 cites `tickets | where opened_at >= 2026-09-01 and opened_at < 2026-11-09 | count by correct`"))
    #expect(replay.stdout.contains(", 2 drifted, "))
  }

  @Test func withTheEvidenceFolderGoneTheNotebookStillOpensShowsAndExports() throws {
    let copy = try Self.refundCopy()
    try FileManager.default.removeItem(at: copy.appendingPathComponent("evidence"))
    let session = try GembaProcess.run(["refund-guidance.md"], stdin: "whys\nstatus\ncheck\n", in: copy)
    #expect(session.status == 0, "\(session.stderr)")
    #expect(session.stdout.contains("W1 "))
    #expect(
      session.stdout.contains(
        "3 of 3 evidence files missing: evidence/tickets.csv, evidence/policy-changes.csv, evidence/tickets-2027-01-24.csv"
      ),
      "\(session.stdout)")
    #expect(session.stderr.contains("evidence/tickets.csv (loaded in cell 6): the file is missing"))
    let html = try GembaProcess.run(["export", "refund-guidance.md", "--format", "html"], in: copy)
    #expect(html.status == 0)
    #expect(html.stdout.contains("3 of 3 evidence files missing"))
    #expect(html.stdout.contains("<svg"))  // the cited charts, drawn from stored numbers
    // A query needs the file, and says which and why.
    let query = try GembaProcess.run(["refund-guidance.md"], stdin: "tickets | count\n", in: copy)
    #expect(query.status == 1)
    #expect(query.stderr.contains("`tickets` cannot be read again"))
    #expect(query.stderr.contains("it was loaded in cell 96 from evidence/tickets-2027-01-24.csv"), "\(query.stderr)")
  }

  @Test func anUndoneLoadWhoseFileWasDeletedOpensVerifiesAndReplaysToTheStoredState() throws {
    let copy = try Self.refundCopy()
    let stored =
      try GembaProcess.read(copy.appendingPathComponent("refund-guidance.md")).components(separatedBy: "\n<!-- cell ")
      .count - 1
    try "a,b\n1,2\n".write(to: copy.appendingPathComponent("evidence/scratch.csv"), atomically: true, encoding: .utf8)
    let typed = try GembaProcess.run(
      ["refund-guidance.md"],
      stdin: "load evidence/scratch.csv as scratch\nundo\nconfirm W1.1 --because the policy changed\nundo\nredo\n",
      in: copy)
    #expect(typed.status == 0, "\(typed.stderr)")
    try FileManager.default.removeItem(at: copy.appendingPathComponent("evidence/scratch.csv"))

    let open = try GembaProcess.run(["refund-guidance.md"], stdin: "status\n", in: copy)
    #expect(open.status == 0, "\(open.stderr)")
    let verify = try GembaProcess.run(["verify", "refund-guidance.md"], in: copy)
    #expect(verify.status == 0, "\(verify.stderr)")
    // Six cells added: the load (then undone), its undo, a confirm, its undo, the redo, and `status`.
    // (Then one line per sign-off: the example's are typed, not signed.)
    #expect(verify.stdout.hasPrefix("verified: \(stored + 6) cells, 3 evidence files\n"))
    let replay = try GembaProcess.run(["replay", "refund-guidance.md"], in: copy)
    #expect(replay.stdout.contains("missing: cell \(stored + 1) loaded evidence/scratch.csv"))
    #expect(replay.stdout.components(separatedBy: "missing: cell").count == 2, "reported once")
    #expect(!replay.stdout.contains("state: "))
    #expect(!replay.stdout.contains("differed: "))
    #expect(
      replay.stdout.hasSuffix(
        "replay: \(stored + 6) cells, \(stored + 5) matched, 0 differed, 0 drifted, 0 stale, 1 missing\n"),
      "\(replay.stdout)")
  }

  @Test func aHandEditedPayloadIsNamedAndTheFileIsLeftAlone() throws {
    let copy = try Self.refundCopy()
    let path = copy.appendingPathComponent("refund-guidance.md")
    let original = try GembaProcess.read(path)
    let lines = original.components(separatedBy: "\n")
    let index = try #require(lines.firstIndex { $0.hasPrefix("<!-- data {\"loaded\"") })
    let header = try #require(lines[..<index].lastIndex { $0.hasPrefix("<!-- cell 6 ") })

    for edit in [
      lines[index].replacingOccurrences(of: "{\"loaded\"", with: "{\"loaded\":,"),
      lines[index].replacingOccurrences(of: "\"rows\":490", with: "\"rows\":491"),
    ] {
      var edited = lines
      edited[index] = edit
      let text = edited.joined(separator: "\n")
      try text.write(to: path, atomically: true, encoding: .utf8)
      let open = try GembaProcess.run(["refund-guidance.md"], stdin: "status\n", in: copy)
      #expect(open.status == 2)
      #expect(open.stderr.contains("error[E0509]: cell 6 "), "\(open.stderr)")
      #expect(open.stderr.contains(" --> refund-guidance.md:\(header + 1):1"))
      #expect(try GembaProcess.read(path) == text, "the notebook was changed")
      let verify = try GembaProcess.run(["verify", "refund-guidance.md"], in: copy)
      #expect(verify.status == 1)
      #expect(verify.stderr.contains("cell 6 does not match its chain value"))
    }
  }

  @Test func stagesHaveHelpAndAnErrorInACitedQueryPointsAtItsColumn() throws {
    let copy = try Self.refundCopy()
    let help = try GembaProcess.run(["refund-guidance.md"], stdin: "help where\n", in: copy)
    #expect(help.status == 0)
    #expect(help.stdout.contains("usage: NAME | where "))
    let cite = try GembaProcess.run(
      ["refund-guidance.md"], stdin: "cite W1 tickets | where correct => no | count\n", in: copy)
    #expect(cite.status == 1)
    #expect(cite.stderr.contains(" --> stdin:1:36"))
  }
}
