import Foundation
import Testing

/// `compare`, the chart set and capability as a user types them in batch mode: printed,
/// cited, checked, exported and replayed.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct StatisticsSessionTests {
  /// The issue's case: a cause confirmed on 98 of 584 against 16 of 136 is flagged by `check`.
  @Test func checkFlagsAConfirmationOnANonSignificantComparison() throws {
    let folder = try GembaProcess.scratchFolder()
    var csv = "id,channel,cancelled\n"
    var id = 0
    for (channel, yes, total) in [("app", 98, 584), ("web", 16, 136)] {
      for i in 0..<total {
        id += 1
        csv += "\(id),\(channel),\(i < yes ? "yes" : "no")\n"
      }
    }
    try csv.write(to: folder.appendingPathComponent("requests.csv"), atomically: true, encoding: .utf8)
    let script = """
      compare 98/584 16/136
      load requests.csv as requests
      why "app requests are cancelled more"
      cite W1 requests | compare cancelled = yes by channel
      confirm W1 --because 98 of 584 against 16 of 136
      check
      """
    let result = try GembaProcess.run(["nb.md", "--keep-going"], stdin: script, in: folder)
    #expect(result.stdout.contains("(z = 1.44), df = 1, p = 0.149\n"), "\(result.stdout)")
    #expect(
      result.stdout.contains(
        "by Pearson's chi-square test, a difference this large arises by chance 15 times in 100: not evidence on its own"
      ))
    #expect(
      result.stdout.contains("confirmed on a difference that is not significant at 5 % (p = 0.149)"), "\(result.stdout)"
    )
    let json = try GembaProcess.run(["export", "nb.md", "--format", "json"], in: folder)
    #expect(
      json.stdout.contains("\"significant\" : false") || json.stdout.contains("\"significant\":false"),
      "\(json.stdout.prefix(400))")
    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(replay.stdout.hasSuffix("0 differed, 0 drifted, 0 stale\n"), "\(replay.stdout)")
  }

  /// Shares typed in from a report (no file behind them) are cited like a query: stored with the
  /// cell, judged by `check`, kept by the record, re-judged by replay.
  @Test func aTypedComparisonCanBeCited() throws {
    let folder = try GembaProcess.scratchFolder()
    let script = """
      why "app requests are cancelled more"
      cite W1 compare 98/584 16/136 --note "from the Q3 cancellation report"
      confirm W1 --because the report shows it
      check
      cite W1 compare 98/584 1/2
      """
    let result = try GembaProcess.run(["nb.md", "--keep-going"], stdin: script, in: folder)
    #expect(result.stdout.contains("cited on W1: compare 98/584 16/136"), "\(result.stdout)")
    #expect(
      result.stdout.contains("confirmed on a difference that is not significant at 5 % (p = 0.149)"), "\(result.stdout)"
    )
    #expect(result.stderr.contains("the count must be between 0 and the group size") == false)
    let json = try GembaProcess.run(["export", "nb.md", "--format", "json"], in: folder)
    #expect(
      json.stdout.contains("\"reference\" : \"compare 98\\/584 16\\/136\"")
        || json.stdout.contains("compare 98/584 16/136"),
      "\(json.stdout.prefix(600))")
    #expect(json.stdout.contains("\"significant\" : false") || json.stdout.contains("\"significant\":false"))
    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(replay.stdout.hasSuffix("0 differed, 0 drifted, 0 stale\n"), "\(replay.stdout)")
    let bad = try GembaProcess.run(["nb.md"], stdin: "cite W1 compare 98/584 17/16\n", in: folder)
    #expect(bad.stderr.contains("`17/16`: the count must be between 0 and the group size"), "\(bad.stderr)")
  }

  /// qcc's piston rings: an X̄-R chart by sample with samples 1–25 as the baseline, and a
  /// capability study (qcc prints Cp 1.70 [1.49, 1.91], Cpk 1.66 for samples 1–25).
  @Test func xbarRChartAndCapabilityOnPistonRings() throws {
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "../../../shared/conformance/qcc-data/pistonrings.txt"
    ).standardized
    guard FileManager.default.fileExists(atPath: source.path) else {
      print("skipped: ../shared/conformance/qcc-data/pistonrings.txt is absent")
      return
    }
    let folder = try GembaProcess.scratchFolder()
    let lines = try String(contentsOf: source, encoding: .utf8).split(whereSeparator: \.isNewline).map {
      $0.split(whereSeparator: \.isWhitespace)
    }
    let csv =
      "diameter,sample,trial\n"
      + lines.dropFirst().filter { $0.count == 3 }.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    try csv.write(to: folder.appendingPathComponent("rings.csv"), atomically: true, encoding: .utf8)
    let script = """
      load rings.csv as rings
      rings | spc diameter --chart xbar-r --subgroup sample --baseline 1..25
      rings | where trial = TRUE | capability diameter --lsl 73.95 --usl 74.05 --subgroup sample
      rings | spc diameter --chart c
      why "rings drift late in the run"
      cite W1 rings | spc diameter --chart xbar-r --subgroup sample --baseline 1..25
      cite W1 rings | capability diameter --lsl 73.95 --usl 74.05 --subgroup sample
      check
      export html record.html
      """
    let result = try GembaProcess.run(["nb.md", "--keep-going"], stdin: script, in: folder)
    #expect(result.stdout.contains("X̄: centre 74.001   LCL 73.988   UCL 74.014"), "\(result.stdout)")
    #expect(result.stdout.contains("test 1, beyond a control limit: 37 (74.017), 38 (74.020), 39 (74.023)"))
    #expect(result.stdout.contains("│ Cp    │  1.70 │ 1.49–1.91 │"), "\(result.stdout)")
    #expect(result.stdout.contains("│ Cpk   │  1.66 │"))
    #expect(result.stderr.contains("whole numbers"), "a c chart of diameters is refused: \(result.stderr)")
    // All 40 samples: 37–39 are beyond the X̄ limits, so the capability cited from them is flagged.
    #expect(result.stdout.contains("capability quoted from a process out of statistical control"), "\(result.stdout)")
    let html = try String(contentsOf: folder.appendingPathComponent("record.html"), encoding: .utf8)
    #expect(html.components(separatedBy: "<svg").count >= 3, "X̄ and R panels")
    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(replay.stdout.hasSuffix("0 differed, 0 drifted, 0 stale\n"), "\(replay.stdout)")
  }

  /// `effective` on a chart whose every day is before the action was done is a warning.
  @Test func checkFlagsEffectiveOnDataFromBeforeTheActionWasDone() throws {
    let folder = try GembaProcess.scratchFolder()
    let csv =
      "day,defects\n"
      + (1...25).map { "2026-09-\(String(format: "%02d", $0)),\([3, 5, 4, 6, 2][$0 % 5])" }.joined(separator: "\n")
      + "\n"
    try csv.write(to: folder.appendingPathComponent("boards.csv"), atomically: true, encoding: .utf8)
    let script = """
      load boards.csv as boards
      why "boards fail solder checks"
      finding "the reflow profile drifts" --cause W1
      action F1 "Lock the reflow profile in the oven controller" --owner Ana --due 2026-12-01 --review monthly --standard "Profiles are locked"
      done A1
      effective A1 --evidence boards | spc defects --chart c --by day
      check
      """
    let result = try GembaProcess.run(
      ["nb.md", "--keep-going"], stdin: script, in: folder,
      environment: ["SOURCE_DATE_EPOCH": "1795186800"])
    #expect(
      result.stdout.contains("c chart of defects (one point per day): 25 points · Nelson tests 1–4"), "\(result.stdout)"
    )
    #expect(
      result.stdout.contains("judged effective on data from before it was done (latest 2026-09-25, done 2026-11-20)"),
      "\(result.stdout)")
  }
}
