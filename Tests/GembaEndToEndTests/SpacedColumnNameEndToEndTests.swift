import Foundation
import GembaTestSupport
import Testing

/// Issue 27, item 5, as the user met it, on the built binary: a column name with a space typed bare.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct SpacedColumnNameEndToEndTests {
  /// Item 5: each command typed bare fails with the quoting error, naming the column and the fix;
  /// the fix, typed, answers.
  @Test func aSpacedColumnTypedBareIsNamedWithItsFix() throws {
    let folder = try GembaProcess.scratchFolder()
    let kinds = ["Canvass", "License", "Complaint", "Canvass Re-Inspection"]
    let outcomes = ["Pass", "Fail", "Pass w/ Conditions"]
    let rows = (0..<60).map { (kinds[$0 * 7 % 4], outcomes[$0 % 3]) }
    try (["Inspection ID,Results,Inspection Type"] + rows.enumerated().map { "\(2_000 + $0),\($1.1),\($1.0)" })
      .joined(separator: "\n").appending("\n")
      .write(to: folder.appendingPathComponent("food.csv"), atomically: true, encoding: .utf8)
    let typedBare: [(String, String)] = [
      ("food | count by Results, Inspection Type", "count by Results, \"Inspection Type\""),
      ("food | where Inspection Type = Canvass | count", "where \"Inspection Type\" = Canvass"),
      ("food | select Results, Inspection Type", "select Results, \"Inspection Type\""),
      ("pareto food by Inspection Type", "pareto food by \"Inspection Type\""),
    ]
    for (command, fix) in typedBare {
      let result = try GembaProcess.run(["nb.md"], stdin: "load food.csv as food\n\(command)\n", in: folder)
      #expect(result.stderr.contains("E0317"), "\(command): \(result.stderr)")
      #expect(result.stderr.contains("`Inspection Type` has a space: quote it — \(fix)"), "\(result.stderr)")
    }
    // Expected answers from the rows written above.
    let canvass = rows.filter { $0.0 == "Canvass" }.count
    let failedLicences = rows.filter { $0 == ("License", "Fail") }.count
    let fixed = try GembaProcess.run(
      ["nb.md"],
      stdin:
        "load food.csv as food\nfood | where \"Inspection Type\" = Canvass | count\nfood | where Results = Fail and \"Inspection Type\" = License | count\n",
      in: folder)
    #expect(fixed.status == 0, "\(fixed.stderr)")
    let answers = fixed.stdout.split(separator: "\n").map(String.init)
    #expect(answers.contains("\(canvass) rows"), "\(fixed.stdout)")
    #expect(answers.contains("\(failedLicences) rows"), "\(fixed.stdout)")
  }
}
