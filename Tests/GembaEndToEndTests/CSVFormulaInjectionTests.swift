import Foundation
import GembaTestSupport
import Testing

/// Issue 24, finding 11: a cell a spreadsheet would run as a formula (`=cmd|' /C calc'!A0`) must not
/// reach a CSV gemba writes as it is. OWASP's rule: a cell beginning with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a single quote in front and is quoted; a plain number (`-2.5`) stays a number.
/// The output is read back with Python's csv module, not with gemba's own reader.
@Suite(
  .enabled(if: gembaBuilt, "build gemba first: scripts/test does"),
  .enabled(
    if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
    "needs python3 to read the CSV"))
struct CSVFormulaInjectionTests {
  /// The payloads of the issue, and OWASP's other leading characters.
  static let payloads = [
    "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://example.invalid\",\"x\")",
  ]

  /// `csv` parsed by Python's csv module: its rows as lists of fields.
  func parsed(_ csv: String, in folder: URL) throws -> [[String]] {
    let input = folder.appendingPathComponent("answer.csv")
    try Data(csv.utf8).write(to: input)
    let script = """
      import csv, json, sys
      with open(sys.argv[1], newline="", encoding="utf-8") as f:
          print(json.dumps([row for row in csv.reader(f)]))
      """
    let run = try ExternalProgram.run(["python3", "-c", script, input.path])
    try #require(run.status == 0)
    return try JSONDecoder().decode([[String]].self, from: Data(run.out.utf8))
  }

  /// Whether a spreadsheet would take the field for a formula: OWASP's leading characters, unless
  /// the whole field is a number (Python's float() as the judge, without inf/nan words).
  func formulaLike(_ field: String) -> Bool {
    guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
    return Double(field) == nil || field.lowercased().contains("inf") || field.lowercased().contains("nan")
  }

  @Test func showAsCSVNeutralisesFormulasAndKeepsNumbers() throws {
    let folder = try GembaProcess.scratchFolder()
    var table = "label,value\n"
    for (i, p) in Self.payloads.enumerated() { table += "\"\(p.replacingOccurrences(of: "\"", with: "\"\""))\",\(i)\n" }
    table += "\"\tTAB\",-2.5\n\"\rCR\",+3\nplain,-1e-9\n"
    try Data(table.utf8).write(to: folder.appendingPathComponent("cells.csv"))
    let run = try GembaProcess.run(
      ["nb.md"], stdin: "load cells.csv as cells\nshow cells --format csv --limit 100\n", in: folder, timeout: 60)
    #expect(run.status == 0, "\(run.stderr)")
    let header = try #require(run.stdout.range(of: "label,value"))
    let csv = String(run.stdout[header.lowerBound...])
    let rows = try parsed(csv, in: folder).filter { !$0.isEmpty }
    try #require(rows.count == Self.payloads.count + 4, "\(rows)")
    for row in rows.dropFirst() {
      for field in row { #expect(!formulaLike(field), "\(field.debugDescription) would run as a formula") }
    }
    // The text is kept after the quote, whole.
    for (i, p) in Self.payloads.enumerated() { #expect(rows[i + 1][0] == "'" + p) }
    #expect(rows[rows.count - 3] == ["'\tTAB", "-2.5"])
    #expect(rows[rows.count - 2][1] == "+3")
    #expect(rows[rows.count - 1] == ["plain", "-1e-9"])
  }

  @Test func registerAnswersAsCSVNeutraliseANotebooksText() throws {
    let folder = try GembaProcess.scratchFolder()
    let notebooks = folder.appendingPathComponent("investigations")
    try FileManager.default.createDirectory(at: notebooks, withIntermediateDirectories: true)
    func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    let script = """
      title \(quoted(Self.payloads[0]))
      problem \(quoted(Self.payloads[1]))
      why \(quoted(Self.payloads[2]))
      finding \(quoted(Self.payloads[3])) --cause W1
      action F1 \(quoted(Self.payloads[4])) --owner \(quoted(Self.payloads[0])) --due 2026-01-05

      """
    let made = try GembaProcess.run(["investigations/nb.md"], stdin: script, in: folder, timeout: 60)
    #expect(made.status == 0, "\(made.stderr)")
    let index = try GembaProcess.run(["register", "index", "investigations"], in: folder, timeout: 120)
    #expect(index.status == 0, "\(index.stderr)")
    let db = ["--db", "sqlite:investigations/.gemba/register.db"]
    var seen = 0
    for question in [
      ["actions", "--overdue", "--as-of", "2026-02-01"], ["investigations"],
    ] {
      let answer = try GembaProcess.run(["register"] + question + db + ["--format", "csv"], in: folder, timeout: 60)
      #expect(answer.status == 0, "\(answer.stderr)")
      let rows = try parsed(answer.stdout, in: folder).filter { !$0.isEmpty }
      for field in rows.joined() {
        #expect(!formulaLike(field), "\(question): \(field.debugDescription) would run as a formula")
        if field.hasPrefix("'"), Self.payloads.contains(String(field.dropFirst())) { seen += 1 }
      }
    }
    // The payloads were there to neutralise (the action's text and owner, the investigation's title).
    #expect(seen >= 3)
  }
}
