import Foundation
import Testing

/// A 40-command root-cause session, as a facilitator's script would run it.
let fortyCommandSession = """
  # Refund guidance: a whole session in batch mode
  title Refund answers differ between agents
  problem "Customers get different refund answers" --expected one correct answer per policy --actual 3 different answers in 40 tickets
  process "Refund request" intake "policy lookup" reply close
  step "check macro version" --after S2 --owner "Support lead"
  process
  why "Agents give customers different refund answers"
  why W1 "Agents look the policy up in different places"
  why W1.1 "The policy lives in the wiki, the macro library and a PDF"
  why W1.1.1 "No single owner publishes policy changes to every place"
  why W1 "New agents are not told which source wins"
  whys
  fishbone "Inconsistent refund answers" --template 8P
  cause Process "Policy lives in three places"
  cause C1 "Macro edits lag wiki edits"
  cause People "Agents are careless"
  cause Productivity "Handle-time target pushes agents to reuse old macros"
  category Tools
  cause Tools "Macro search returns retired macros first"
  rule-out C2 --because new and senior agents give wrong answers at the same rate
  confirm C1.1 --because macro library changed 19 days after the wiki on average
  confirm W1.1.1 --because the change log shows no owner for macro updates
  root W1.1.1
  root C1.1
  fishbone
  finding "Agents answer from the macro, which lags the policy" --step S2 --cause C1.1
  finding "Policy changes reach support with no handoff" --step S2>S5 --cause C1
  findings
  action F1 "Generate refund macros from the policy page" --owner "Dana Ortiz (KB owner)" --due 2026-12-15 --review monthly --standard "Refund macros are generated from the policy page, never edited by hand"
  action F2 "Policy change checklist includes macro update and agent notice" --owner "Lee Park (Policy lead)" --due 2026-12-01 --review quarterly --standard "Every policy change ships with its macro update the same day"
  actions
  done A2 --note checklist live since 2026-11-20
  not-effective A2 --because two changes still shipped without macro updates
  done A2 --note checklist now blocks publishing
  done A1 --note macros regenerated
  note "The team agrees the PDF is retired"
  event 2026-10-03 "Refund window changed from 30 to 14 days"
  undo
  redo
  status
  signoff "Quality manager" Priya Shah
  """

@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct BatchModeTests {
  @Test func aFortyCommandSessionRunsCleanAndVerifies() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try GembaProcess.run(["refunds.md"], stdin: fortyCommandSession, in: folder)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.isEmpty)
    let notebook = folder.appendingPathComponent("refunds.md")
    #expect(GembaProcess.cellCount(notebook) == 40)
    #expect(result.stdout.contains("W1.2 New agents are not told which source wins"))
    #expect(result.stdout.contains("undid cell"))
    let verify = try GembaProcess.run(["verify", "refunds.md"], in: folder)
    #expect(verify.status == 0)
    // The hand-typed sign-off is said to be unsigned: it must not read like a key-signed one.
    #expect(
      verify.stdout
        == "verified: 40 cells\nsign-off unsigned: cell 40 (Quality manager Priya Shah): no signature, anyone could have typed it\n"
        + "no trusted signature: none of the 1 sign-off is signed by a key you trust under its signer's name\n")
  }

  @Test func aTypoStopsTheScriptWithLineAndColumnAndKeepsEarlierCells() throws {
    let folder = try GembaProcess.scratchFolder()
    let script = "title T\nwhy \"first\"\n  probem \"oops\"\nwhy \"never runs\"\n"
    let result = try GembaProcess.run(["nb.md"], stdin: script, in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("error[E0101]: unknown command `probem`"))
    #expect(result.stderr.contains("--> stdin:3:3"))
    #expect(result.stderr.contains("did you mean `problem`?"))
    #expect(result.stderr.contains("3 |   probem \"oops\"\n  |   ^^^^^^"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 2)
  }

  @Test func keepGoingRunsPastErrorsAndStillExitsOne() throws {
    let folder = try GembaProcess.scratchFolder()
    let script = "why \"a\"\nconfirm C9\nwhy \"b\"\n"
    let result = try GembaProcess.run(["nb.md", "--keep-going"], stdin: script, in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("there is no cause C9"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 2)
  }

  @Test func anInsertedStepIsShownInProcessOrderAndAHandoffAcrossItIsRefused() throws {
    let folder = try GembaProcess.scratchFolder()
    let script = """
      process Refunds intake lookup reply
      step audit --after S1
      amend S4 --name "macro audit" --owner Lee
      finding "x" --step S1>S2
      process
      """
    let result = try GembaProcess.run(["nb.md", "--keep-going"], stdin: script, in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("S1 and S2 are not next to each other in the process"))
    #expect(result.stderr.contains("between them: S4 macro audit"))
    #expect(result.stdout.contains("amended S4: name macro audit, owner Lee"))
    #expect(result.stdout.contains("S1 intake → S4 macro audit → S2 lookup → S3 reply"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 4)
  }

  @Test func reopeningANotebookContinuesItsNumberingAndState() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "why \"a\"\nwhy W1 \"b\"\n", in: folder)
    let second = try GembaProcess.run(["nb.md"], stdin: "why W1.1 \"c\"\nwhys\n", in: folder)
    #expect(second.status == 0, "stderr: \(second.stderr)")
    #expect(second.stdout.contains("W1.1.1 c"))
    let text = try GembaProcess.read(folder.appendingPathComponent("nb.md"))
    #expect(text.contains("<!-- cell 4 · "))
    #expect(try GembaProcess.run(["verify", "nb.md"], in: folder).status == 0)
  }

  @Test func sourceDateEpochFixesEveryTimestamp() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note hello\nsignoff QA Sam\n", in: folder)
    let text = try GembaProcess.read(folder.appendingPathComponent("nb.md"))
    #expect(text.contains("<!-- cell 1 · 2026-11-25T09:46:40Z · chain "))
    #expect(text.contains("signed off by Sam (QA) at 2026-11-25T09:46:40Z"))
  }

  @Test func aFileThatIsNotANotebookIsRefusedAndLeftUntouched() throws {
    let folder = try GembaProcess.scratchFolder()
    let url = folder.appendingPathComponent("minutes.md")
    try "# Meeting minutes\n\nNot a notebook.\n".write(to: url, atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(["minutes.md"], stdin: "note hi\n", in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.contains("error[E0506]: "), "\(result.stderr)")
    #expect(result.stderr.contains(" --> minutes.md:1:1"))
    #expect(try GembaProcess.read(url) == "# Meeting minutes\n\nNot a notebook.\n")
  }

  /// A cell broken in the middle of the notebook is a hand edit, not a torn write: refused, untouched.
  /// (A cut-short *last* cell is moved aside: NotebookFaultTests.)
  @Test func aNotebookBrokenBeforeItsLastCellIsRefusedWithTheLine() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\nnote two\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    var text = try GembaProcess.read(url)
    // Cell 1's output never closed.
    text = text.replacingOccurrences(of: "```output\none\n```", with: "```output\none\n")
    try text.write(to: url, atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(["nb.md"], stdin: "note three\n", in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.contains("nb.md:"))
    #expect(result.stderr.contains("block with no cell header before it"))
    #expect(try GembaProcess.read(url) == text)
  }

  @Test(arguments: ["problem", "why", "cause", "finding", "action", "effective", "check", "load", "cite"])
  func helpExplainsEveryVerbWithAnExample(verb: String) throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try GembaProcess.run(["nb.md"], stdin: "help \(verb)\n", in: folder)
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("usage: \(verb)"))
    #expect(result.stdout.contains("example:\n  \(verb)"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 0)
  }

  /// A missing folder inside the notebook's folder is made (issue 27); one outside it is not, and
  /// the export is refused before it is recorded.
  @Test func anExportToAFolderThatCannotBeMadeIsRefusedBeforeItIsRecorded() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try GembaProcess.run(
      ["nb.md"], stdin: "why \"a\"\nexport md /nonexistent-gemba-folder/record.md\n", in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("cannot write `/nonexistent-gemba-folder/record.md`: the folder"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 1)
  }

  @Test(arguments: ["why \"\"", "note \"  \"", "why W1 \"\""])
  func emptyTextIsRefused(command: String) throws {
    let folder = try GembaProcess.scratchFolder("empty\(command.count)")
    let result = try GembaProcess.run(["nb.md", "--keep-going"], stdin: "why \"a\"\n\(command)\n", in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("and this text is empty"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 1)
  }

  @Test func usageErrorsExitTwo() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try GembaProcess.run(["--bogus"], in: folder)
    #expect(result.status == 2)
    #expect(result.stderr.contains("unknown option --bogus"))
  }
}
