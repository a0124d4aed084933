import Foundation
import GembaTestSupport
import Testing

/// The built gemba in batch mode on a workbook made at test time with xlsxwriter: the count by a
/// column equals openpyxl's reading of the same file.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct WorkbookSessionTests {
  static let writer = """
    import sys, datetime, random, xlsxwriter
    r = random.Random(7)
    book = xlsxwriter.Workbook(sys.argv[1])
    title = book.add_worksheet('Summary')
    title.write(0, 0, 'see the Rejects sheet')
    sheet = book.add_worksheet('Rejects')
    when = book.add_format({'num_format': 'yyyy-mm-dd hh:mm'})
    sheet.merge_range('A1:D1', 'Line 4 rejects, October', book.add_format({'bold': True}))
    sheet.write_row(1, 0, ['id', 'found_at', 'defect', 'minutes'])
    for i in range(2, 502):
        sheet.write_string(i, 0, f'R{i:04d}')
        sheet.write_datetime(i, 1, datetime.datetime(2026, 10, 1) + datetime.timedelta(minutes=97 * i), when)
        sheet.write_string(i, 2, r.choice(['scratch', 'dent', 'misprint', 'wrong label', 'Café crème']))
        sheet.write_number(i, 3, r.randint(1, 90))
    book.close()
    """

  static let counter = """
    import sys, collections, openpyxl
    ws = openpyxl.load_workbook(sys.argv[1], read_only=True)['Rejects']
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    for k, n in sorted(collections.Counter(r[2] for r in rows).items()): print(f'{k}\\t{n}')
    print('october-5th\\t' + str(sum(1 for r in rows if r[1].date() >= __import__('datetime').date(2026, 10, 5))))
    """

  static func python(_ script: String, _ args: [String]) throws -> (Int32, String) {
    try ExternalProgram.run(["python3", "-c", script] + args, errors: .dropped)
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.pythonHas("xlsxwriter", "openpyxl")),
      "needs python3 with xlsxwriter and openpyxl: python3 -m pip install xlsxwriter openpyxl"))
  func countByOnAWorkbookEqualsOpenpyxl() throws {
    let folder = try GembaProcess.scratchFolder()
    let book = folder.appendingPathComponent("rejects.xlsx").path
    let (made, _) = try Self.python(Self.writer, [book])
    try #require(made == 0, "python3 with xlsxwriter could not write the workbook (scripts/bootstrap installs it)")
    let (_, reference) = try Self.python(Self.counter, [book])
    var expected: [String: Int] = [:]
    for line in reference.split(separator: "\n") {
      let parts = line.split(separator: "\t")
      expected[String(parts[0])] = Int(parts[1])
    }
    let script = """
      load rejects.xlsx as rejects --sheet Rejects --skip 1
      rejects | count by defect
      rejects | where found_at >= 2026-10-05 | count
      cite W1 rejects#3
      """
    let result = try GembaProcess.run(
      ["nb.md", "--keep-going"], stdin: "why \"labels are wrong\"\n" + script, in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("loaded rejects: 500 rows × 4 columns"), "\(result.stdout)")
    for (defect, n) in expected where defect != "october-5th" {
      let row = result.stdout.split(separator: "\n").first { $0.contains("│ \(defect) ") }
      #expect(
        row?.contains("│ \(n) │") == true || row?.contains(" \(n) │") == true,
        "\(defect): expected \(n) in \(String(describing: row))")
    }
    #expect(result.stdout.contains("\(expected["october-5th"] ?? -1) rows"), "\(result.stdout)")
    #expect(result.stdout.contains("rejects#3"))
    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
  }
}
