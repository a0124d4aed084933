import Foundation
import Testing

/// Effectiveness judged on a log that lists only defects (issue 22, item 15): when the fix works the
/// file ends at the last defect, so the weeks after it are known only from how far the extract
/// reaches — the day it was loaded, or `load … --through DATE`.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct DefectLogEffectivenessTests {
  static let utc: Calendar = {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "UTC")!
    c.firstWeekday = 2
    return c
  }()
  static func date(_ y: Int, _ m: Int, _ d: Int) -> Date {
    DateComponents(calendar: utc, year: y, month: m, day: d).date!
  }
  static func iso(_ date: Date) -> String {
    let c = utc.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
  }
  static func epoch(_ date: Date) -> String { String(Int(date.timeIntervalSince1970) + 10 * 3600) }

  /// Three to five defects every third day from 2026-07-01 until the fix on 2026-10-01, none after.
  static func defectLog() -> String {
    var out = "found_at,line\n"
    var day = date(2026, 7, 1)
    var k = 0
    while day < date(2026, 10, 1) {
      for _ in 0..<(3 + k % 3) { out += "\(iso(day)),B\n" }
      day = utc.date(byAdding: .day, value: 3, to: day)!
      k += 1
    }
    return out
  }

  /// Weeks (Monday to Sunday) that start after `after` and end by `through` — a week not over by the
  /// last covered day is not judged — counted here with Foundation's calendar.
  static func weeks(after: Date, through: Date) -> Int {
    var monday = utc.dateInterval(of: .weekOfYear, for: after)!.start
    var n = 0
    while utc.date(byAdding: .day, value: 6, to: monday)! <= through {
      if monday > after { n += 1 }
      monday = utc.date(byAdding: .day, value: 7, to: monday)!
    }
    return n
  }

  static let check =
    "action F1 \"recalibrate the torque tool\" --verify \"defects | timeline found_at --every week\" --target \"<= 0 per week\" --after 2026-10-01"

  @Test func quietWeeksAfterTheLastDefectCountAsZerosUpToTheDayItWasLoaded() throws {
    let folder = try GembaProcess.scratchFolder()
    try Self.defectLog().write(to: folder.appendingPathComponent("defects.csv"), atomically: true, encoding: .utf8)
    let loadedOn = Self.date(2026, 11, 20)
    let result = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        load defects.csv as defects
        finding "the torque tool drifts between calibrations"
        \(Self.check) --retrospective
        done A1
        effective A1
        export md record.md
        export json record.json
        """, in: folder, environment: ["SOURCE_DATE_EPOCH": Self.epoch(loadedOn)])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("covers to 2026-11-20, the day it was loaded"), "\(result.stdout)")
    #expect(result.stdout.contains("on data after 2026-10-01 (planned after the fact)"), "\(result.stdout)")
    let n = Self.weeks(after: Self.date(2026, 10, 1), through: loadedOn)
    #expect(n == 6)  // 5 Oct to 15 Nov; the week of 16 Nov is not over on the 20th
    #expect(
      result.stdout.contains("A1 effective: 0 per week over \(n) weeks after 2026-10-01 (target <= 0 per week)"),
      "\(result.stdout)")
    let record = try String(contentsOf: folder.appendingPathComponent("record.md"), encoding: .utf8)
    #expect(record.contains("2026-11-20 (day loaded)"))
    #expect(record.contains("2026-10-01 (planned after the fact)"))
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("record.json")))
    let evidence = ((json as? [String: Any])?["evidence"] as? [[String: Any]])?.first
    #expect(evidence?["coversTo"] as? String == "2026-11-20")
  }

  @Test func throughSaysTheExtractEndsEarlierAndTheCheckWaits() throws {
    let folder = try GembaProcess.scratchFolder()
    try Self.defectLog().write(to: folder.appendingPathComponent("defects.csv"), atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        load defects.csv as defects --through 2026-10-10
        finding "the torque tool drifts between calibrations"
        \(Self.check) --retrospective
        done A1
        effective A1
        """, in: folder, environment: ["SOURCE_DATE_EPOCH": Self.epoch(Self.date(2026, 11, 20))])
    #expect(result.stdout.contains("covers to 2026-10-10 (--through)"), "\(result.stdout)")
    let n = Self.weeks(after: Self.date(2026, 10, 1), through: Self.date(2026, 10, 10))
    #expect(result.stdout.contains("A1 inconclusive: only \(n) week"), "\(result.stdout)")
  }

  /// The other side of a retrospective check: defects that go on after the fix make it not effective,
  /// named by the first week over the target (the week and its count found here with Foundation).
  @Test func defectsThatGoOnAfterTheFixAreNotEffectiveInRetrospect() throws {
    let folder = try GembaProcess.scratchFolder()
    let again = [Self.date(2026, 10, 14), Self.date(2026, 10, 14), Self.date(2026, 10, 29)]
    let log = Self.defectLog() + again.map { "\(Self.iso($0)),B\n" }.joined()
    try log.write(to: folder.appendingPathComponent("defects.csv"), atomically: true, encoding: .utf8)
    let result = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        load defects.csv as defects
        finding "the torque tool drifts between calibrations"
        \(Self.check) --retrospective
        done A1
        effective A1
        export md record.md
        """, in: folder, environment: ["SOURCE_DATE_EPOCH": Self.epoch(Self.date(2026, 11, 20))])
    let firstWeek = Self.utc.dateInterval(of: .weekOfYear, for: again[0])!.start
    let inFirstWeek = again.filter { Self.utc.dateInterval(of: .weekOfYear, for: $0)!.start == firstWeek }.count
    #expect(
      result.stdout.contains("A1 not effective: \(inFirstWeek) per week in week \(Self.iso(firstWeek))"),
      "\(result.stdout)")
    #expect(result.stdout.contains("F1 stays open"), "\(result.stdout)")
    let record = try String(contentsOf: folder.appendingPathComponent("record.md"), encoding: .utf8)
    #expect(record.contains("2026-10-01 (planned after the fact)"), "\(record)")
  }

  /// `--through` earlier than rows the file holds is said at the load, with the rows counted here.
  @Test func throughEarlierThanTheRowsIsSaid() throws {
    let folder = try GembaProcess.scratchFolder()
    var late: [Date] = []
    var day = Self.date(2026, 10, 12)
    while day <= Self.date(2026, 11, 4) {
      late.append(day)
      day = Self.utc.date(byAdding: .day, value: 5, to: day)!
    }
    let log = Self.defectLog() + late.map { "\(Self.iso($0)),B\n" }.joined()
    try log.write(to: folder.appendingPathComponent("defects.csv"), atomically: true, encoding: .utf8)
    let environment = ["SOURCE_DATE_EPOCH": Self.epoch(Self.date(2026, 11, 20))]
    let early = try GembaProcess.run(
      ["nb.md"], stdin: "load defects.csv as defects --through 2026-10-10\n", in: folder, environment: environment)
    let last = Self.iso(late.max()!)
    #expect(
      early.stdout.contains("warning: \(late.count) rows of `found_at` are after 2026-10-10 (the last on \(last))"),
      "\(early.stdout)")
    let exact = try GembaProcess.run(
      ["exact.md"], stdin: "load defects.csv as defects --through \(last)\n", in: folder, environment: environment)
    #expect(exact.stdout.contains("covers to \(last) (--through)"), "\(exact.stdout)")
    #expect(!exact.stdout.contains("warning"), "\(exact.stdout)")
  }

  @Test func aPastDateNeedsRetrospectiveAndRetrospectiveNeedsAPastDate() throws {
    let folder = try GembaProcess.scratchFolder()
    try Self.defectLog().write(to: folder.appendingPathComponent("defects.csv"), atomically: true, encoding: .utf8)
    let environment = ["SOURCE_DATE_EPOCH": Self.epoch(Self.date(2026, 11, 20))]
    let past = try GembaProcess.run(
      ["nb.md"],
      stdin: "load defects.csv as defects\nfinding \"drift\"\n\(Self.check)\n", in: folder, environment: environment)
    #expect(past.stderr.contains("add --retrospective"), "\(past.stderr)")
    let ahead = try GembaProcess.run(
      ["nb.md"],
      stdin: "action F1 \"x\" --verify \"defects | timeline found_at --every week\" --target \"<= 0 per week\""
        + " --after 2026-12-31 --retrospective\n", in: folder, environment: environment)
    #expect(ahead.stderr.contains("--retrospective is for a check whose --after is already past"), "\(ahead.stderr)")
    let late = try GembaProcess.run(
      ["other.md"], stdin: "load defects.csv as defects --through 2026-12-01\n", in: folder, environment: environment)
    #expect(late.stderr.contains("an extract loaded on 2026-11-20 cannot cover 2026-12-01"), "\(late.stderr)")
  }
}
