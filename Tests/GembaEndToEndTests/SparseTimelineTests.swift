import Foundation
import GembaTestSupport
import Testing

/// Issue 27, item 2, as a newcomer met it: a sparse timeline listed every empty week. The
/// periods and their counts come from pandas, run here.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct SparseTimelineTests {
  /// Inspections in bursts: five busy weeks, 31 weeks with none, one week, a 2-week gap (short:
  /// kept as zeros), three weeks. Times of day vary so no week is read from dates alone.
  static let inspections: String = {
    let monday = 17_903  // 2019-01-07, a Monday, in days since 1970
    let busy: [(week: Int, rows: Int)] = [
      (0, 4), (1, 7), (2, 3), (3, 9), (4, 5), (36, 6), (39, 2), (40, 8), (41, 1),
    ]
    var csv = "id,inspected,result\n"
    var id = 0
    for (week, rows) in busy {
      for r in 0..<rows {
        let seconds = (monday + week * 7 + r % 7) * 86_400 + 8 * 3600 + r * 1_337
        id += 1
        csv += "I\(id),\(isoUTC(seconds)),\(r % 3 == 0 ? "fail" : "pass")\n"
      }
    }
    return csv
  }()

  /// pandas' weeks (Monday starts, the first week's to the last's) and rows in each, zeros included.
  static func pandasWeeks(_ csv: String) throws -> (labels: [String], counts: [Int]) {
    let out = try python(
      """
      import io, json, sys
      import pandas as pd
      df = pd.read_csv(io.StringIO(sys.stdin.read()))
      week = pd.to_datetime(df['inspected']).dt.tz_localize(None).dt.to_period('W-SUN').dt.start_time
      weeks = pd.date_range(week.min(), week.max(), freq='7D')
      counts = week.value_counts().reindex(weeks, fill_value=0)
      print(json.dumps({'labels': [w.strftime('%Y-%m-%d') for w in weeks], 'counts': [int(c) for c in counts]}))
      """, stdin: csv)
    let o = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
    return (o["labels"] as? [String] ?? [], o["counts"] as? [Int] ?? [])
  }

  /// The runs of at least 3 zeros in pandas' counts: `N empty weeks (FIRST to LAST)`, and the
  /// zeros left standing (runs of 1 or 2).
  static func expectedFolds(_ weeks: (labels: [String], counts: [Int])) -> (folds: [String], loneZeros: [String]) {
    var folds: [String] = [], lone: [String] = []
    var i = 0
    while i < weeks.counts.count {
      guard weeks.counts[i] == 0 else { i += 1; continue }
      var end = i
      while end + 1 < weeks.counts.count && weeks.counts[end + 1] == 0 { end += 1 }
      if end - i + 1 >= 3 {
        folds.append("\(end - i + 1) empty weeks (\(weeks.labels[i]) to \(weeks.labels[end]))")
      } else {
        lone += weeks.labels[i...end]
      }
      i = end + 1
    }
    return (folds, lone)
  }

  /// The shell's lines of a timeline's listing: a period's label and count, as words.
  static func words(_ line: Substring) -> [String] { line.split(separator: " ").map(String.init) }

  @Test(.enabled(if: ExternalProgram.runs(needing: pandasAvailable), "needs python3 with pandas"))
  func aSparseTimelineFoldsLongRunsOfEmptyWeeksWithCountsUnchanged() throws {
    let weeks = try Self.pandasWeeks(Self.inspections)
    let (folds, lone) = Self.expectedFolds(weeks)
    #expect(folds.count == 1 && lone.count == 2, "the data was meant to have one long gap and one short one")
    let folder = try GembaProcess.scratchFolder()
    try Self.inspections.write(to: folder.appendingPathComponent("i.csv"), atomically: true, encoding: .utf8)
    let run = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        load i.csv as i
        i | timeline inspected --every week
        why "inspections stopped for most of the year"
        cite W1 i | timeline inspected --every week
        export md record.md

        """, in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let out = run.stdout
    let total = weeks.counts.reduce(0, +)
    let empty = weeks.counts.filter { $0 == 0 }.count
    // The heading and the last line count every week, the folded ones included.
    #expect(out.contains("\(total) rows in \(weeks.labels.count) weeks"), "\(out)")
    #expect(
      out.contains("\(empty) of \(weeks.labels.count) weeks had no rows (shown as 0; runs of 3 or more as one line)"),
      "\(out)")
    for fold in folds {
      // Once in the query's answer, once in the citation's text.
      let shown = out.components(separatedBy: "\n").filter { line in
        line.contains(fold)
          && (line.hasPrefix("… ") || line.hasPrefix("... ") || line.hasPrefix("  … ")
            || line.hasPrefix("  ... "))
      }
      #expect(shown.count == 2, "\(fold) in:\n\(out)")
    }
    // Each week that is shown carries pandas' count; the weeks of the long run are not listed.
    let answer = out.components(separatedBy: "timeline of inspected per week")[1]
      .components(separatedBy: "had no rows")[0]
    let listed = answer.split(separator: "\n").map(Self.words).filter { $0.first?.count == 10 }
    let expectedListed = weeks.labels.indices.filter { weeks.counts[$0] > 0 || lone.contains(weeks.labels[$0]) }
    #expect(listed.map { $0[0] } == expectedListed.map { weeks.labels[$0] }, "\(answer)")
    #expect(listed.map { Int($0[1]) } == expectedListed.map { weeks.counts[$0] }, "\(answer)")

    // The record: the cited timeline's table folds the run into one row; the JSON keeps every week.
    let md = try String(contentsOf: folder.appendingPathComponent("record.md"), encoding: .utf8)
    // The record's table names the run in periods: its title says they are weeks.
    #expect(md.contains("**Timeline:** inspected per week"), "\(md)")
    for fold in folds {
      #expect(md.contains(fold.replacingOccurrences(of: "empty weeks", with: "empty periods") + " | 0 each |"), "\(md)")
    }
    #expect(md.contains("\(weeks.labels.count) periods · total \(total)"), "\(md)")
    let json = try GembaProcess.run(["export", "nb.md", "--format", "json"], in: folder)
    let charts = DateReadingTests.charts(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)))
    #expect(charts.count == 1)
    #expect(charts.first?.labels == weeks.labels)
    #expect(charts.first?.values == weeks.counts.map(Double.init))
  }

}

/// The same sparse timeline in the real shell (tmux): the long gap is one line on screen.
@Suite(
  .enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"),
  .enabled(
    if: TmuxPane.available || ProcessInfo.processInfo.environment["CI"] == "true",
    "needs tmux (scripts/bootstrap installs it) to drive the shell"))
struct SparseTimelineShellTests {
  @Test(.enabled(if: ExternalProgram.runs(needing: pandasAvailable), "needs python3 with pandas"))
  func theShellShowsALongRunOfEmptyWeeksAsOneLine() throws {
    let weeks = try SparseTimelineTests.pandasWeeks(SparseTimelineTests.inspections)
    let (folds, _) = SparseTimelineTests.expectedFolds(weeks)
    let folder = try GembaProcess.scratchFolder()
    try SparseTimelineTests.inspections.write(
      to: folder.appendingPathComponent("i.csv"), atomically: true, encoding: .utf8)
    let pane = try TmuxPane(folder: folder)
    defer { pane.close() }
    try pane.waitFor("the first prompt") { $0.contains("gemba [1]>") }
    try pane.type("load i.csv as i", enter: true)
    try pane.waitFor("the load") { $0.contains("gemba [2]>") }
    try pane.keys("C-l")
    try pane.type("i | timeline inspected --every week", enter: true)
    try pane.waitFor("the timeline's last line") { $0.contains("had no rows") }
    let screen = try pane.screen()
    for fold in folds {
      #expect(screen.contains("… \(fold) …") || screen.contains("... \(fold) ..."), "\(screen)")
    }
    // No week inside the run is listed on its own.
    let firstZero = weeks.counts.firstIndex(of: 0) ?? 0
    #expect(!screen.contains(weeks.labels[firstZero + 1]), "\(screen)")
    try pane.keys("C-d")
    try pane.waitFor("Ctrl-D saving the notebook") { $0.contains("saved nb.md (") }
  }
}
