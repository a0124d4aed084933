import Testing
@testable import GembaCore

@Suite struct ChartTests {
  static let tickets = QueryEngineTests.tickets

  @Test func paretoSharesAndVitalFew() throws {
    guard case .pareto(let p) = try query(Self.tickets, "x | pareto by reason") else { Issue.record("pareto"); return }
    #expect(p.bars.map(\.label) == ["wrong macro", "packing, error", "policy unclear"])
    #expect(p.bars.map(\.value) == [3, 1, 1])
    #expect(p.bars.map(\.cumulative) == [0.6, 0.8, 1.0])
    #expect(p.bars.map(\.vital) == [true, true, false])  // 80 % is reached at the second bar
    #expect(p.total == 5)
  }

  @Test func paretoBySum() throws {
    guard case .pareto(let p) = try query(Self.tickets, "x | pareto by team --sum cost") else {
      Issue.record("pareto"); return
    }
    #expect(p.bars.map(\.label) == ["Warehouse", "Refunds", "Billing"])
    #expect(p.bars.map(\.value) == [100, 25.25, 10.5])
    #expect(p.bars.map(\.vital) == [true, true, false])  // 73.7 %, then 92.3 %
    #expect(p.sumColumn == "cost" && p.skipped == 0)
  }

  @Test func histogramBinsCoverEveryValue() throws {
    guard case .histogram(let h) = try query(Self.tickets, "x | histogram handle_minutes --bins 4") else {
      Issue.record("histogram"); return
    }
    #expect(h.bins.reduce(0) { $0 + $1.count } == 5)
    #expect(h.minimum == 8 && h.maximum == 100 && h.mean == 39)
    #expect(h.bins.first!.lower <= 8 && h.bins.last!.upper > 100)
    guard case .histogram(let csat) = try query(Self.tickets, "x | histogram csat") else {
      Issue.record("histogram"); return
    }
    #expect(csat.skipped == 1 && csat.count == 4)
    #expect(csat.bins.allSatisfy { $0.upper - $0.lower == 1 })  // integers get whole-number bins
  }

  /// Weekday-only data (an office that is closed at weekends): daily counts skip
  /// Saturday and Sunday instead of reporting them as days with nothing wrong.
  @Test func dailyCountsLeaveOutWeekendsWhenNoRowFallsOnOne() throws {
    let csv = "id,at,ok\n1,2026-03-06T10:00,no\n2,2026-03-09T11:00,yes\n3,2026-03-10T09:00,no\n"
    let table = try loadText(csv, name: "w", path: "w.csv").table
    guard case .timeline(let t) = try query(table, "x | timeline at --every day") else {
      Issue.record("timeline"); return
    }
    #expect(t.points.map(\.label) == ["2026-03-06", "2026-03-09", "2026-03-10"])  // Friday, Monday, Tuesday
    guard case .spc(let c) = try query(table, "x | spc at --by day") else { Issue.record("spc"); return }
    #expect(c.points.map(\.value) == [1, 1, 1])
  }

  /// After a `where`, counts per period span the rows that are left (issue 11: spanning the
  /// whole column's range gave hundreds of lines of zeros); empty periods inside that span are
  /// zeros, and the output says how many there were.
  @Test func filteredCountsSpanTheFilteredRows() throws {
    let csv = "id,at,ok\n1,2026-03-02T10:00,yes\n2,2026-03-10T11:00,no\n3,2026-03-24T09:00,no\n4,2026-03-30T09:00,yes\n"
    let table = try loadText(csv, name: "f", path: "f.csv").table
    guard case .timeline(let t) = try query(table, "x | where ok = no | timeline at --every week") else {
      Issue.record("timeline")
      return
    }
    #expect(t.points.map(\.label) == ["2026-03-09", "2026-03-16", "2026-03-23"])
    #expect(t.points.map(\.count) == [1, 0, 1])
    #expect(t.empty == 1)
    #expect(EvidenceTextRenderer().render(.timeline(t)).contains("1 of 3 weeks had no rows (shown as 0)"))
  }

  /// `--span evidence`: the weeks run over the whole file's dates, so the weeks before and after
  /// the matching rows are zeros (an effect check needs the quiet weeks after a change).
  @Test func timelineCanSpanTheWholeEvidence() throws {
    let table = try loadText(
      "id,day,bad\n1,2026-03-02,no\n2,2026-03-10,yes\n3,2026-03-17,no\n4,2026-03-24,no\n5,2026-03-31,no\n"
    ).table
    guard case .timeline(let rows) = try query(table, "x | where bad = yes | timeline day --every week") else {
      Issue.record("timeline"); return
    }
    #expect(rows.points.map(\.label) == ["2026-03-09"])
    guard
      case .timeline(let whole) = try query(table, "x | where bad = yes | timeline day --every week --span evidence")
    else { Issue.record("timeline"); return }
    #expect(whole.points.map(\.label) == ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23", "2026-03-30"])
    #expect(whole.points.map(\.count) == [0, 1, 0, 0, 0])
    guard
      case .timeline(let none) = try query(table, "x | where bad = maybe | timeline day --every week --span evidence")
        .unnoted
    else { Issue.record("timeline"); return }
    #expect(none.points.map(\.count) == [0, 0, 0, 0, 0])
    #expect(throws: Diagnostic.self) { try query(table, "x | timeline day --span all") }
  }

  @Test func timelineFillsGaps() throws {
    guard case .timeline(let day) = try query(Self.tickets, "x | timeline opened_at --every day") else {
      Issue.record("timeline"); return
    }
    #expect(day.points.count == 9)
    #expect(day.points.first?.label == "2026-03-01" && day.points.first?.count == 2)
    #expect(day.points.map(\.count) == [2, 1, 1, 0, 0, 0, 0, 0, 1])
    guard case .timeline(let week) = try query(Self.tickets, "x | timeline opened_at --every week") else {
      Issue.record("timeline"); return
    }
    // 2026-03-01 is a Sunday: its week starts on Monday 2026-02-23.
    #expect(week.points.map(\.label) == ["2026-02-23", "2026-03-02", "2026-03-09"])
    #expect(week.points.map(\.count) == [2, 2, 1])
    guard case .timeline(let auto) = try query(Self.tickets, "x | timeline opened_at") else {
      Issue.record("timeline"); return
    }
    #expect(auto.bucket == .day)
  }

  @Test(arguments: [(TimeBucket.hour, "2026-03-01 09:00"), (.month, "2026-03")])
  func timelineLabels(_ bucket: TimeBucket, _ first: String) throws {
    guard case .timeline(let t) = try query(Self.tickets, "x | timeline opened_at --every \(bucket.rawValue)") else {
      Issue.record("timeline"); return
    }
    #expect(t.points.first?.label == first)
  }

  @Test func timelineNeedsDates() {
    #expect(throws: Diagnostic.self) { try query(Self.tickets, "x | timeline team") }
  }

  /// A table with one numeric column `v` holding `values`.
  static func series(_ values: [Double]) throws -> EvidenceTable {
    try loadText("v\n" + values.map { NumberFormat.compact($0) }.joined(separator: "\n") + "\n").table
  }

  static func chart(_ values: [Double], rules: String = "we") throws -> ControlChart {
    guard case .spc(let c) = try query(try series(values), "x | spc v --rules \(rules)") else {
      throw Diagnostic.error(.unhandledCommand, "not spc")
    }
    return c
  }

  @Test func xmrLimits() throws {
    let c = try Self.chart([10, 12, 11, 13, 12])
    #expect(c.mean == 11.6)
    #expect(c.averageMovingRange == 1.5)  // |2| + |1| + |2| + |1| over 4
    // 3·MR̄/d₂(2) with d₂(2) = 2/√π exactly (the same constants as `--chart imr`).
    #expect(abs(c.upperLimit - (11.6 + 3 * 1.5 * Double.pi.squareRoot() / 2)) < 1e-9)
    #expect(abs(c.lowerLimit - (11.6 - 3 * 1.5 * Double.pi.squareRoot() / 2)) < 1e-9)
    #expect(c.signals.isEmpty)
    #expect(c.points.map(\.label) == ["#1", "#2", "#3", "#4", "#5"])
  }

  @Test func westernElectricRule1PointBeyondLimit() throws {
    let c = try Self.chart([10, 11, 10, 11, 10, 11, 10, 30, 10, 11])
    #expect(c.signals.contains { $0.rule == 1 && $0.point == 7 })
  }

  @Test func westernElectricRule4EightOnOneSide() throws {
    // Seven low then nine high points: the 8th high point in a row signals.
    let values: [Double] = [5, 4, 5, 4, 5, 4, 5, 9, 10, 9, 10, 9, 10, 9, 10, 9]
    let c = try Self.chart(values)
    let rule4 = c.signals.filter { $0.rule == 4 }.map(\.point)
    #expect(rule4.first == 14 && rule4.contains(15))
  }

  @Test func nelsonRule3Trend() throws {
    let c = try Self.chart([5, 6, 5, 6, 5, 1, 2, 3, 4, 5, 6, 5, 6], rules: "nelson")
    // 1 2 3 4 5 6 rises six times in a row, ending at index 10.
    #expect(c.signals.contains { $0.rule == 3 && $0.point == 10 })
    #expect(c.rules == .nelson)
  }

  @Test func nelsonRule4Alternating() throws {
    let values = (0..<16).map { Double($0 % 2 == 0 ? 10 : 12) }
    let c = try Self.chart(values, rules: "nelson")
    #expect(c.signals.filter { $0.rule == 4 }.map(\.point) == [13, 14, 15])
  }

  @Test func spcByDayCountsRowsPerDay() throws {
    guard case .spc(let c) = try query(Self.tickets, "x | spc opened_at --by day") else { Issue.record("spc"); return }
    #expect(c.points.map(\.value) == [2, 1, 1, 0, 0, 0, 0, 0, 1])
    guard case .spc(let mean) = try query(Self.tickets, "x | spc handle_minutes --by week") else {
      Issue.record("spc"); return
    }
    #expect(mean.points.map(\.value) == [21, 26.5, 100])
    #expect(mean.pointKind.contains("opened_at"))
  }

  @Test func spcNeedsTwoPoints() {
    #expect(throws: Diagnostic.self) { try query(try Self.series([3]), "x | spc v") }
  }
}
