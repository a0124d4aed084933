import Foundation
import GembaTestSupport
import Testing

/// Issue 22 item 11: one reading of dates. The same rows written with ISO dates, US `%m/%d/%Y`,
/// European `%d.%m.%Y` and a layout given with `--date-format` give the same answer from every
/// chart by period, `--split`, a baseline of dates, `timeline`, `where` and `derive`; pandas
/// counts the weeks.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct DateReadingTests {
  /// 200 rows over January to April 2026: a date, a measurement and a yes/no.
  static let rows: [(year: Int, month: Int, day: Int, v: Int, bad: Bool)] = (0..<200).map { i in
    let offset = (i * 37) % 115
    var (m, d) = (1, 5 + offset)
    for length in [31, 28, 31, 30] where d > length {
      d -= length
      m += 1
    }
    return (2026, m, d, 10 + (i * 13) % 7, i % 5 == 0)
  }

  static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  /// The file with each date written by `date`.
  static func csv(_ date: (Int, Int, Int) -> String) -> String {
    "id,when,v,bad\n"
      + rows.enumerated().map { "\($0),\(date($1.year, $1.month, $1.day)),\($1.v),\($1.bad ? "yes" : "no")\n" }.joined()
  }

  static let variants: [(name: String, csv: String, load: String)] = [
    ("iso", csv { "\($0)-\(two($1))-\(two($2))" }, ""),
    ("us", csv { "\(two($1))/\(two($2))/\($0)" }, ""),
    ("european", csv { "\(two($2)).\(two($1)).\($0)" }, ""),
    ("given", csv { "\($0)\(two($1))\(two($2))" }, " --date-format \"when=%Y%m%d\""),
  ]

  static let queries = [
    "d | spc v --by week",
    "d | spc v --chart imr --by week",
    "d | spc v --chart xbar-r --by week",
    "d | spc v --chart xbar-s --by week",
    "d | spc bad --chart p --by week",
    "d | spc bad --chart np --by week",
    "d | spc v --chart c --by week",
    "d | spc v --chart u --by week",
    "d | spc bad --chart laney-p --by week",
    "d | spc v --chart laney-u --by week",
    "d | spc v --chart run --by week",
    "d | spc v --by week --split 2026-03-02",
    "d | spc v --chart imr --by week --split 2026-03-02",
    "d | spc v --by week --baseline 2026-01-05..2026-02-28",
    "d | timeline when --every week",
    "d | where when >= 2026-3-1 | count",
    "d | where when < 2026-02-01 and v > 12 | count",
    "d | derive m = month(when) | count by m",
    "d | derive late = if(when >= 2026-03-01, \"late\", \"early\") | count by late",
  ]

  /// What each query printed, one block per query (the load line, which names the file's bytes, left out).
  static func answers(_ variant: (name: String, csv: String, load: String)) throws -> [String] {
    let folder = try GembaProcess.scratchFolder("dates-\(variant.name)")
    try variant.csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
    return try queries.map { q in
      let result = try GembaProcess.run(
        ["nb.md", "--keep-going"], stdin: "load d.csv as d\(variant.load)\n\(q)\n", in: folder)
      // Past the load's own lines (its digest, and the layout it found for `when`, differ by file).
      let out = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
      return out.drop { $0.hasPrefix("  ") }.joined(separator: "\n") + result.stderr
    }
  }

  @Test func everyStageReadsEveryDateFormatAsItsISOCopy() throws {
    let iso = try Self.answers(Self.variants[0])
    for (i, q) in Self.queries.enumerated() {
      #expect(!iso[i].contains("error"), "\(q): \(iso[i])")
      #expect(!iso[i].isEmpty, "\(q) printed nothing")
    }
    for variant in Self.variants.dropFirst() {
      let answers = try Self.answers(variant)
      for (i, q) in Self.queries.enumerated() {
        #expect(answers[i] == iso[i], "\(variant.name): \(q)\n\(answers[i])\n--- ISO:\n\(iso[i])")
      }
    }
  }

  /// An access log's own time column (`[05/Mar/2026:13:10:00 +0000]`) charts by week as the
  /// same times written ISO in a CSV.
  @Test func anAccessLogsTimeChartsAsItsISOCopy() throws {
    let folder = try GembaProcess.scratchFolder()
    let months = ["Jan", "Feb", "Mar", "Apr"]
    var log = "", csv = "time,bytes\n"
    for (i, r) in Self.rows.enumerated() {
      let hour = Self.two(i % 24)
      log +=
        "10.0.0.\(i % 9) - - [\(Self.two(r.day))/\(months[r.month - 1])/\(r.year):\(hour):10:00 +0000]"
        + " \"GET /x HTTP/1.1\" 200 \(100 + r.v) \"-\" \"agent\"\n"
      csv += "\(r.year)-\(Self.two(r.month))-\(Self.two(r.day))T\(hour):10:00Z,\(100 + r.v)\n"
    }
    try log.write(to: folder.appendingPathComponent("access.log"), atomically: true, encoding: .utf8)
    try csv.write(to: folder.appendingPathComponent("iso.csv"), atomically: true, encoding: .utf8)
    var answers: [String] = []
    for file in ["access.log", "iso.csv"] {
      let result = try GembaProcess.run(
        ["nb-\(file).md", "--keep-going"],
        stdin: "load \(file) as a\na | spc bytes --chart imr --by week\na | timeline time --every week\n", in: folder)
      let out = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
      answers.append(out.drop { $0.hasPrefix("  ") }.joined(separator: "\n") + result.stderr)
    }
    #expect(answers[0].contains("I-MR chart of bytes (one point per week)"), "\(answers[0])")
    #expect(answers[0] == answers[1], "access log:\n\(answers[0])\n--- ISO:\n\(answers[1])")
  }

  /// The weekly counts and shares charted from each file, against pandas on the ISO file.
  @Test(.enabled(if: ExternalProgram.runs(needing: pandasAvailable), "needs python3 with pandas"))
  func weeklyCountsAgreeWithPandas() throws {
    let oracle = try pandas(Self.variants[0].csv)
    for variant in Self.variants {
      let folder = try GembaProcess.scratchFolder("weeks-\(variant.name)")
      try variant.csv.write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
      let script = """
        load d.csv as d\(variant.load)
        why "more defects late in the quarter"
        cite W1 d | timeline when --every week
        cite W1 d | spc bad --chart p --by week
        """
      let run = try GembaProcess.run(["nb.md"], stdin: script, in: folder)
      #expect(run.status == 0, "\(variant.name): \(run.stderr)")
      let json = try GembaProcess.run(["export", "nb.md", "--format", "json"], in: folder)
      let charts = Self.charts(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)))
      #expect(charts.count == 2, "\(variant.name): \(charts.count) charts")
      guard charts.count == 2 else { continue }
      #expect(charts[0].labels == oracle.weeks, "\(variant.name)")
      #expect(charts[0].values == oracle.counts, "\(variant.name)")
      #expect(charts[1].labels == oracle.weeks.filter { oracle.counts[oracle.weeks.firstIndex(of: $0)!] > 0 })
      let shares = zip(oracle.bad, oracle.counts).filter { $1 > 0 }.map { $0 / $1 }
      #expect(charts[1].values.count == shares.count)
      for (a, b) in zip(charts[1].values, shares) { #expect(abs(a - b) < 1e-12, "\(variant.name): \(a) vs \(b)") }
    }
  }

  /// Every cited chart's labels and values, in the order they appear in the record.
  static func charts(_ json: Any) -> [(labels: [String], values: [Double])] {
    var found: [(labels: [String], values: [Double])] = []
    func walk(_ o: Any) {
      if let d = o as? [String: Any] {
        if let chart = d["chart"] as? [String: Any], let labels = chart["labels"] as? [String],
          let values = chart["values"] as? [Double]
        {
          found.append((labels, values))
        }
        for key in d.keys.sorted() where key != "chart" { walk(d[key]!) }
      } else if let a = o as? [Any] {
        a.forEach(walk)
      }
    }
    walk(json)
    return found
  }

  /// Weeks from Monday (the first week's to the last's, empty weeks as 0), rows and `bad` rows per week.
  func pandas(_ csv: String) throws -> (weeks: [String], counts: [Double], bad: [Double]) {
    let program = """
      import io, json, sys
      import pandas as pd
      df = pd.read_csv(io.StringIO(sys.stdin.read()))
      week = pd.to_datetime(df['when']).dt.to_period('W-SUN').dt.start_time
      weeks = pd.date_range(week.min(), week.max(), freq='7D')
      counts = week.value_counts().reindex(weeks, fill_value=0)
      bad = week[df['bad'] == 'yes'].value_counts().reindex(weeks, fill_value=0)
      print(json.dumps({'weeks': [w.strftime('%Y-%m-%d') for w in weeks],
                        'counts': [float(c) for c in counts], 'bad': [float(c) for c in bad]}))
      """
    let out = try python(program, stdin: csv)
    let o = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
    return (o["weeks"] as? [String] ?? [], o["counts"] as? [Double] ?? [], o["bad"] as? [Double] ?? [])
  }
}

let pandasAvailable: Bool = (try? python("import pandas; print('ok')", stdin: "")) == "ok\n"

/// Runs a python3 program on `stdin`; its stdout.
func python(_ program: String, stdin: String) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", program]
  let input = Pipe(), output = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = FileHandle.nullDevice
  try process.run()
  input.fileHandleForWriting.write(Data(stdin.utf8))
  try input.fileHandleForWriting.close()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad) }
  return String(decoding: data, as: UTF8.self)
}
