import Testing

@testable import GembaCore

/// Folding runs of empty periods (issue 27, item 2): which lines a listing keeps, worked out by hand.
@Suite struct EmptyPeriodsTests {
  static func lines(_ counts: [Int]) -> [EmptyPeriods.Line] {
    EmptyPeriods.lines(count: counts.count) { counts[$0] == 0 }
  }

  @Test func runsOfThreeOrMoreFoldAndShorterGapsStay() {
    // Periods 1–2 empty (kept), 4–6 (three: folded), 8–12 (five: folded), 13 busy.
    let counts = [5, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1]
    #expect(
      Self.lines(counts) == [
        .period(0), .period(1), .period(2), .period(3), .empty(4...6), .period(7), .empty(8...12), .period(13),
      ])
  }

  @Test func runsAtEitherEndFoldAndNothingIsLost() {
    let counts = [0, 0, 0, 0, 3, 0, 0, 0]
    let lines = Self.lines(counts)
    #expect(lines == [.empty(0...3), .period(4), .empty(5...7)])
    // Every period is on exactly one line.
    let covered = lines.flatMap { line -> [Int] in
      switch line {
      case .period(let i): [i]
      case .empty(let run): Array(run)
      }
    }
    #expect(covered == Array(counts.indices))
    #expect(Self.lines([]) == [])
    #expect(Self.lines([0, 0]) == [.period(0), .period(1)])
  }

  @Test func aRunIsNamedByItsLengthUnitAndEnds() {
    let labels = ["2019-03-04", "2019-03-11", "2019-03-18", "2019-03-25"]
    #expect(
      EmptyPeriods.phrase(1...3, unit: .week) { labels[$0] } == "3 empty weeks (2019-03-11 to 2019-03-25)")
    #expect(EmptyPeriods.phrase(0...2, unit: nil) { labels[$0] } == "3 empty periods (2019-03-04 to 2019-03-18)")
  }

  /// The terminal: the run is one line, and the heading and the count of empty periods still
  /// count every period.
  @Test func theTimelineTextFoldsButCountsEveryPeriod() throws {
    var rows = "id,at\n"
    // Weeks of 2026-03-02 and 03-09, then none until 04-13: four empty weeks between.
    for (i, day) in ["2026-03-02", "2026-03-03", "2026-03-10", "2026-04-14"].enumerated() {
      rows += "\(i),\(day)T09:00:00Z\n"
    }
    let table = try loadText(rows, name: "w", path: "w.csv").table
    guard case .timeline(let t) = try query(table, "x | timeline at --every week") else {
      Issue.record("timeline"); return
    }
    #expect(t.points.count == 7 && t.empty == 4)
    let text = EvidenceTextRenderer().render(.timeline(t))
    #expect(text.contains("4 rows in 7 weeks"), "\(text)")
    #expect(text.contains("4 empty weeks (2026-03-16 to 2026-04-06)"), "\(text)")
    #expect(text.contains("4 of 7 weeks had no rows (shown as 0; runs of 3 or more as one line)"), "\(text)")
    #expect(!text.contains("2026-03-23"), "\(text)")
  }
}
