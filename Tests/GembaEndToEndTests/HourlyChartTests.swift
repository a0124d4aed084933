import Foundation
import GembaTestSupport
import Testing

/// Issue 27, item 3: charts by the hour, end to end on the built binary, against pandas run here.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct HourlyChartTests {
  /// Events over three days at scattered times of day, a measure per event, and a date-only column.
  static let events: String = {
    var csv = "at,ms,day\n"
    let start = 20_454 * 86_400  // 2026-01-01
    var t = start + 3 * 3600 + 17 * 60
    for k in 0..<160 {
      // Gaps of 1 to 91 minutes: some hours hold several events, some none.
      t += 60 * (1 + (k * 37) % 91)
      let day = isoUTC(t / 86_400 * 86_400).prefix(10)
      csv += "\(isoUTC(t)),\(100 + (k * 53) % 40),\(day)\n"
    }
    return csv
  }()

  /// pandas' hourly counts (every hour from the first to the last, zeros included) and the mean
  /// of `ms` in each hour that has rows.
  static func pandasHours(_ csv: String) throws -> (
    labels: [String], counts: [Double], meanLabels: [String], means: [Double]
  ) {
    let out = try python(
      """
      import io, json, sys
      import pandas as pd
      df = pd.read_csv(io.StringIO(sys.stdin.read()))
      at = pd.to_datetime(df['at']).dt.tz_localize(None)
      counts = df.set_index(at).resample('h').size()
      means = df.groupby(at.dt.floor('h'))['ms'].mean()
      label = lambda t: t.strftime('%Y-%m-%d %H:00')
      print(json.dumps({'labels': [label(t) for t in counts.index], 'counts': [float(c) for c in counts],
                        'meanLabels': [label(t) for t in means.index], 'means': [float(m) for m in means]}))
      """, stdin: csv)
    let o = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
    return (
      o["labels"] as? [String] ?? [], o["counts"] as? [Double] ?? [], o["meanLabels"] as? [String] ?? [],
      o["means"] as? [Double] ?? []
    )
  }

  @Test(.enabled(if: ExternalProgram.runs(needing: pandasAvailable), "needs python3 with pandas"))
  func chartsByHourHavePandasHourlyCounts() throws {
    let hours = try Self.pandasHours(Self.events)
    #expect(hours.counts.contains(0) && hours.counts.contains { $0 > 1 }, "the data was meant to vary by hour")
    let folder = try GembaProcess.scratchFolder()
    try Self.events.write(to: folder.appendingPathComponent("e.csv"), atomically: true, encoding: .utf8)
    let run = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        load e.csv as e
        why "slow responses come in bursts"
        cite W1 e | spc at --by hour
        cite W1 e | spc ms --chart run --by hour
        cite W1 e | spc ms --chart imr --by hour

        """, in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let json = try GembaProcess.run(["export", "nb.md", "--format", "json"], in: folder)
    let charts = DateReadingTests.charts(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)))
    #expect(charts.count == 3, "\(json.stdout.prefix(2000))")
    guard charts.count == 3 else { return }
    // Counts per hour of the time column, every hour a point (a 0 is a point on a chart).
    #expect(charts[0].labels == hours.labels)
    #expect(charts[0].values == hours.counts)
    // The measure's mean per hour that has rows, on the run chart and the individuals chart.
    for chart in charts[1...] {
      #expect(chart.labels == hours.meanLabels)
      #expect(chart.values.count == hours.means.count)
      for (a, b) in zip(chart.values, hours.means) { #expect(abs(a - b) <= 1e-9 * abs(b), "\(a) vs \(b)") }
    }
    // `help spc` and the stage's usage offer hour, from the one list of periods.
    let help = try GembaProcess.run(["nb.md"], stdin: "help spc\n", in: folder)
    #expect(help.stdout.contains("--by hour|day|week|month"), "\(help.stdout)")
  }

  /// Dates alone have no hour: every value is midnight, so a chart by hour would be one spike a
  /// day. Refused with its code, on each way a chart reads periods and on a timeline.
  @Test func hoursOnDatesAloneAreRefusedWithACode() throws {
    let folder = try GembaProcess.scratchFolder()
    // `day` is the first date/time column: a chart of `ms` by period reads it.
    var csv = "day,ms\n"
    for k in 0..<30 { csv += "2026-01-0\(1 + k % 9),\(100 + (k * 53) % 40)\n" }
    try csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    let queries = [
      "d | spc day --by hour", "d | spc ms --by hour", "d | spc ms --chart imr --by hour",
      "d | spc ms --chart c --by hour", "d | timeline day --every hour",
    ]
    for query in queries {
      let run = try GembaProcess.run(["nb.md"], stdin: "load d.csv as d\n\(query)\n", in: folder)
      #expect(run.stderr.contains("E0318"), "\(query): \(run.stderr)")
      #expect(run.stderr.contains("`day` holds dates without a time of day"), "\(query): \(run.stderr)")
    }
    // By day the same rows chart.
    let ok = try GembaProcess.run(["nb.md"], stdin: "load d.csv as d\nd | spc ms --chart imr --by day\n", in: folder)
    #expect(ok.status == 0 && !ok.stderr.contains("E0318"), "\(ok.stderr)")
  }
}

/// A typed instant as ISO 8601 in UTC (built here from arithmetic, not by gemba).
func isoUTC(_ seconds: Int) -> String {
  let f = ISO8601DateFormatter()
  f.timeZone = TimeZone(identifier: "UTC")
  return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
}
