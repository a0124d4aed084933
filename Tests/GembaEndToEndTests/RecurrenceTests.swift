import Foundation
import Testing

/// The planned effectiveness check end to end: agreed with the action, judged effective on the
/// data after its date, then the defect returns and `gemba replay` says so as a recurrence.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct RecurrenceTests {
  static let utc: Calendar = {
    var c = Calendar(identifier: .gregorian)
    c.timeZone = TimeZone(identifier: "UTC")!
    return c
  }()
  static func date(_ y: Int, _ m: Int, _ d: Int) -> Date {
    DateComponents(calendar: utc, year: y, month: m, day: d).date!
  }
  static func iso(_ date: Date) -> String {
    let c = utc.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
  }
  static func epoch(_ date: Date) -> String { String(Int(date.timeIntervalSince1970) + 9 * 3600) }

  /// Line-B defects per week from Monday 2025-11-03 (six a week before the change, at most two
  /// after), and one line-A row a week so the timeline covers every week.
  static let lineB = [6, 7, 5, 6, 6, 7, 6, 6, 6, 6, 1, 0, 2, 1, 0, 2, 1, 2]
  static func rows() -> [(line: String, day: Date)] {
    var out: [(String, Date)] = []
    for (week, count) in lineB.enumerated() {
      let monday = utc.date(byAdding: .day, value: 7 * week, to: date(2025, 11, 3))!
      out.append(("A", utc.date(byAdding: .day, value: 3, to: monday)!))
      for k in 0..<count { out.append(("B", utc.date(byAdding: .day, value: k % 5, to: monday)!)) }
    }
    return out
  }
  static func csv(_ rows: [(line: String, day: Date)]) -> String {
    "id,line,found_at\n"
      + rows.enumerated().map { "D\($0.offset + 1),\($0.element.line),\(iso($0.element.day))\n" }.joined()
  }

  @Test func aDefectThatReturnsAfterAnEffectiveJudgementIsARecurrenceOnReplay() throws {
    let folder = try GembaProcess.scratchFolder()
    let evidence = folder.appendingPathComponent("defects.csv")
    let after = Self.date(2026, 1, 11)
    // Agreed and done on 2026-01-05: the file then holds data up to that week only.
    try Self.csv(Self.rows().filter { $0.day <= Self.date(2026, 1, 4) }).write(
      to: evidence, atomically: true, encoding: .utf8)
    let agreed = try GembaProcess.run(
      ["nb.md"],
      stdin: """
        load defects.csv as defects
        finding "the press stop drifts on line B"
        action F1 "pin the stop" --owner Sam --due 2026-01-09 --review monthly --verify "defects | where line = B | timeline found_at --every week" --target "<= 2 per week" --after 2026-01-11
        done A1
        """, in: folder, environment: ["SOURCE_DATE_EPOCH": Self.epoch(Self.date(2026, 1, 5))])
    #expect(agreed.status == 0, "\(agreed.stderr)")

    // Judged on 2026-03-09 on the data up to 2026-03-08.
    try Self.csv(Self.rows()).write(to: evidence, atomically: true, encoding: .utf8)
    let judged = try GembaProcess.run(
      ["nb.md"], stdin: "load defects.csv as defects\neffective A1 --judged-by Priya\n", in: folder,
      environment: ["SOURCE_DATE_EPOCH": Self.epoch(Self.date(2026, 3, 9))])
    #expect(judged.status == 0, "\(judged.stderr)")
    // What the check should see, counted here: line-B rows per week for the weeks starting after the date.
    var perWeek: [Date: Int] = [:]
    for week in 0..<Self.lineB.count {
      let monday = Self.utc.date(byAdding: .day, value: 7 * week, to: Self.date(2025, 11, 3))!
      if monday > after { perWeek[monday] = 0 }
    }
    for row in Self.rows() where row.line == "B" {
      // Weeks start on Monday; 2025-11-03 is one.
      let days = Self.utc.dateComponents([.day], from: Self.date(2025, 11, 3), to: row.day).day!
      let monday = Self.utc.date(byAdding: .day, value: days / 7 * 7, to: Self.date(2025, 11, 3))!
      if monday > after { perWeek[monday, default: 0] += 1 }
    }
    let counts = perWeek.values
    #expect(
      judged.stdout.contains(
        "A1 effective: \(counts.min()!)–\(counts.max()!) per week over \(counts.count) weeks after 2026-01-11 (target <= 2 per week)"
      ),
      "\(judged.stdout)")

    // Cell 1 loaded the file of January: it drifted, but the judgement still holds.
    let holds = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(holds.stdout.contains("drifted: cell 1"), "\(holds.stdout)")
    #expect(!holds.stdout.contains("recurrence") && !holds.stdout.contains("stale:"), "\(holds.stdout)")

    // The defect returns: five line-B rows in the week of 2026-03-16.
    let returned = (0..<5).map {
      (line: "B", day: Self.utc.date(byAdding: .day, value: $0, to: Self.date(2026, 3, 16))!)
    }
    try Self.csv(Self.rows() + returned).write(to: evidence, atomically: true, encoding: .utf8)
    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder)
    #expect(replay.status == 1)
    #expect(
      replay.stdout.contains(
        "recurrence: A1 was judged effective at cell 6; on today's evidence: \(returned.count) per week in week 2026-03-16 (target <= 2 per week)"
      ),
      "\(replay.stdout)")
    #expect(replay.stdout.contains("1 recurrence"))
  }
}
