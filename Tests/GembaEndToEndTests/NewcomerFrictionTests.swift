import Foundation
import GembaTestSupport
import Testing

/// Small frictions a newcomer met (issue 27), each as the user met it, on the built binary.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct NewcomerFrictionTests {
  /// Item 4: `export md record/x.md` makes `record/` (and deeper folders) inside the notebook's folder.
  @Test func exportMakesTheFoldersItNeedsInsideTheNotebooksFolder() throws {
    let folder = try GembaProcess.scratchFolder()
    let result = try GembaProcess.run(
      ["nb.md"],
      stdin: "problem \"labels print late\"\nexport md record/2026/x.md\nexport html /nonexistent-gemba/x.html\n",
      in: folder)
    let written = folder.appendingPathComponent("record/2026/x.md")
    #expect(FileManager.default.fileExists(atPath: written.path), "\(result.stderr)")
    #expect(try String(contentsOf: written, encoding: .utf8).contains("labels print late"))
    // Outside the notebook's folder nothing is made: the error says so and nothing is recorded.
    #expect(result.stderr.contains("gemba makes missing folders only inside the notebook's folder"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "/nonexistent-gemba"))
    #expect(GembaProcess.cellCount(folder.appendingPathComponent("nb.md")) == 2)
  }

  /// Item 6: `show NAME#ROW` and `show NAME#FIRST-LAST` print the rows as a citation of them does.
  @Test func showPrintsRowsByTheirNumbers() throws {
    let folder = try GembaProcess.scratchFolder()
    // Row numbers count data rows from 1, as pandas' 0-based index + 1 (computed here, not by gemba).
    let rows = (1...30).map { "R\($0),\($0 * 7 % 11)" }
    try ("id,score\n" + rows.joined(separator: "\n") + "\n").write(
      to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(
      ["nb.md"], stdin: "load t.csv as t\nshow t#17\nshow t#20-22\nshow t#99\n", in: folder)
    #expect(result.stdout.contains("R17"), "\(result.stdout)")
    for n in 20...22 { #expect(result.stdout.contains("R\(n)"), "\(result.stdout)") }
    #expect(!result.stdout.contains("R19") && !result.stdout.contains("R23"), "\(result.stdout)")
    #expect(result.stderr.contains("t#99"), "\(result.stderr)")
  }

  /// Item 11: a row citation is stale only when the rows it shows changed, not when the file's
  /// line endings did (the load still reports the file's drift).
  @Test func aCitationIsStaleOnlyWhenTheRowsItShowsChanged() throws {
    let folder = try GembaProcess.scratchFolder()
    let file = folder.appendingPathComponent("pay.csv")
    let rows = ["id,amount", "P1,10", "P2,20", "P3,30", "P4,40"]
    try (rows.joined(separator: "\r\n") + "\r\n").write(to: file, atomically: true, encoding: .utf8)
    let made = try GembaProcess.run(
      ["nb.md"], stdin: "load pay.csv as pay\nfinding \"paid twice\" --evidence pay#1-3\n", in: folder)
    #expect(made.status == 0, "\(made.stderr)")
    try (rows.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let endings = try GembaProcess.run(["replay", "nb.md"], stdin: "", in: folder)
    #expect(endings.stdout.contains("1 drifted, 0 stale"), "\(endings.stdout)")
    // A cited row that changed is stale; a change to a row not cited is not.
    try (["id,amount", "P1,10", "P2,25", "P3,30", "P4,40"].joined(separator: "\n") + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    let cited = try GembaProcess.run(["replay", "nb.md"], stdin: "", in: folder)
    #expect(cited.stdout.contains("stale: F1 cites `pay#1-3`"), "\(cited.stdout)")
    try (["id,amount", "P1,10", "P2,20", "P3,30", "P4,41"].joined(separator: "\n") + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    let uncited = try GembaProcess.run(["replay", "nb.md"], stdin: "", in: folder)
    #expect(uncited.stdout.contains("1 drifted, 0 stale"), "\(uncited.stdout)")
  }

  /// Item 7: an xlsx load lists the column types it inferred, as openpyxl wrote them.
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.pythonHas("openpyxl")),
      "needs python3 with openpyxl (scripts/bootstrap installs it)"))
  func anXlsxLoadListsItsColumnTypes() throws {
    let folder = try GembaProcess.scratchFolder()
    let made = try ExternalProgram.run(
      [
        "python3", "-c",
        """
        import openpyxl, datetime, sys
        wb = openpyxl.Workbook(); ws = wb.active
        ws.append(['id', 'inspected', 'score', 'passed'])
        for i in range(6): ws.append([f'R{i}', datetime.datetime(2026, 1, i + 1, 9, 30), 1.5 * i, i % 2 == 0])
        wb.save(sys.argv[1])
        """, folder.appendingPathComponent("t.xlsx").path,
      ], errors: .merged)
    #expect(made.status == 0, "\(made.out)")
    let result = try GembaProcess.run(["nb.md"], stdin: "load t.xlsx as t\n", in: folder)
    #expect(result.stdout.contains("date/time: inspected"), "\(result.stdout)")
    #expect(result.stdout.contains("decimal: score"), "\(result.stdout)")
    #expect(result.stdout.contains("text: id"), "\(result.stdout)")
  }

  /// Items 8 and 10: an access log with no extension is known by its lines; a line cut off inside its
  /// user agent is named in the load's warnings and keeps what it has; `-` means "none" in every field.
  @Test func anAccessLogWithoutExtensionLoadsAndADamagedLineIsNamed() throws {
    let folder = try GembaProcess.scratchFolder()
    var lines: [String] = []
    for i in 0..<40 {
      let agent = i % 4 == 0 ? "Googlebot/2.1" : "Mozilla/5.0"
      let referer = i % 5 == 0 ? "-" : "https://example.org/p\(i)"
      lines.append(
        "10.0.0.\(i) - - [07/Dec/2026:10:\(String(format: "%02d", i)):00 +0000] \"GET /a\(i) HTTP/1.1\" 200 \(100 + i) \"\(referer)\" \"\(agent)\""
      )
    }
    lines[17] = String(lines[17].dropLast(12))  // cut off inside the user agent
    try (lines.joined(separator: "\n") + "\n").write(
      to: folder.appendingPathComponent("access"), atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(
      ["nb.md"], stdin: "load access as web\nweb | where referer = \"\" | count\nweb | where agent ~ \"bot\" | count\n",
      in: folder)
    #expect(result.stdout.contains("access log layout"), "\(result.stdout)\n\(result.stderr)")
    let warnings = result.stdout + result.stderr
    #expect(warnings.contains("access:18 (row 18"), "\(warnings)")
    #expect(warnings.contains("cut off"), "\(warnings)")
    // Expected counts from the lines as written here: empty referers are the `-` ones; robots are
    // the Googlebot lines (line 18's cut agent is Mozilla's, so it does not change that count).
    let dashes = (0..<40).filter { $0 % 5 == 0 }.count
    let bots = (0..<40).filter { $0 % 4 == 0 }.count
    let answers = result.stdout.split(separator: "\n").map(String.init)
    #expect(answers.contains("\(dashes) rows"), "\(result.stdout)")
    #expect(answers.contains("\(bots) rows"), "\(result.stdout)")
  }
}
