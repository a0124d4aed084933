import Foundation
import Testing

/// `load` options for evidence as it really arrives, through the built binary.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct EvidenceFormatsTests {
  @Test func loadOptionsReachTheLoaderAndReplay() throws {
    let folder = try GembaProcess.scratchFolder()
    let csv = "id;opened;amount\n1;01/02/2026 09:00;1.234,50\n2;03/02/2026 10:30;12,00\n3;25/02/2026 08:00;7,25\n"
    try Data(csv.utf8).write(to: folder.appendingPathComponent("eu.csv"))
    let script = """
      load eu.csv as eu --delimiter semicolon --encoding utf-8 --date-format "opened=%d/%m/%Y %H:%M"
      eu | where opened >= 2026-02-03 | count
      eu | sort amount desc | select id
      """
    let result = try GembaProcess.run(["nb.md"], stdin: script, in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("· semicolon-separated"))
    #expect(result.stdout.contains("date/time (%d/%m/%Y %H:%M): opened"))
    #expect(result.stdout.contains("decimal (1.234,56): amount"))
    #expect(result.stdout.contains("2 rows"))
    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(replay.stdout == "replay: 3 cells, 3 matched, 0 differed, 0 drifted, 0 stale\n", "\(replay.stdout)")
  }

  /// Bad input: a --date-format no value matches is refused naming file, row and column; the
  /// session goes on.
  @Test func aDateFormatThatDoesNotMatchIsRefused() throws {
    let folder = try GembaProcess.scratchFolder()
    try Data("id,when\n1,12/31/2017 11:59:58 PM\n".utf8).write(to: folder.appendingPathComponent("la.csv"))
    let script =
      "load la.csv --date-format \"when=%d.%m.%Y\"\nload la.csv --date-format nonsense\nload la.csv --encoding ebcdic\nwhy \"after\"\n"
    let result = try GembaProcess.run(["nb.md", "--keep-going"], stdin: script, in: folder)
    #expect(result.stderr.contains("la.csv:2 (row 1, column 2)"), "\(result.stderr)")
    #expect(result.stderr.contains("no value of `when` reads as --date-format %d.%m.%Y"))
    #expect(result.stderr.contains("`--date-format` takes COL=FORMAT"))
    #expect(result.stderr.contains("gemba does not read the encoding `ebcdic`"))
    #expect(result.stdout.contains("W1 after"))
  }
}
