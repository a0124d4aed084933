import Foundation
import GembaCore
import Testing

@testable import GembaStore

/// Each answer against what the fixtures' own investigations say, worked out here without the register.
@Suite struct RegisterQuestionsTests {
  static let asOf = "2026-03-10"

  func fixtures() throws -> (RegisterFixtures, Investigation, Investigation) {
    let f = try RegisterFixtures()
    let a = try f.notebook("first.md", RegisterFixtures.first)
    let b = try f.notebook("second.md", RegisterFixtures.second)
    _ = try f.index()
    return (f, a, b)
  }

  @Test func overdueActionsAreTheOpenOnesDueBeforeToday() throws {
    let (f, a, b) = try fixtures()
    defer { f.remove() }
    let today = CalendarDate(Self.asOf)!
    var expected: [String] = []
    for (name, inv) in [("first.md", a), ("second.md", b)] {
      for action in inv.actions where action.state == .open && action.due.map({ $0 < today }) == true {
        expected.append("\(name):\(action.id)")
      }
    }
    let report = try f.questions().actions(.overdue, owner: nil, today: CalendarDateText(Self.asOf)!)
    let got = report.sections[0].rows.map { URL(fileURLWithPath: $0[0].plain).lastPathComponent + ":" + $0[1].plain }
    #expect(got.sorted() == expected.sorted())
    #expect(!expected.isEmpty)
    // Days overdue from the calendar.
    let calendar = Calendar(identifier: .gregorian)
    for row in report.sections[0].rows {
      let due = ISO8601DateFormatter().date(from: row[4].plain + "T00:00:00Z")!
      let now = ISO8601DateFormatter().date(from: Self.asOf + "T00:00:00Z")!
      #expect(row[5] == .integer(calendar.dateComponents([.day], from: due, to: now).day!))
    }
  }

  @Test func ownersMatchWhateverTheirCase() throws {
    let (f, a, b) = try fixtures()
    defer { f.remove() }
    let expected = (a.actions + b.actions).filter { $0.state == .open && $0.owner?.lowercased() == "ann lee" }.count
    let report = try f.questions().actions(.open, owner: "ANN LEE", today: CalendarDateText(Self.asOf)!)
    #expect(report.sections[0].rows.count == expected)
  }

  @Test func reviewsFallDueOneCadenceAfterTheLastLook() throws {
    let (f, a, _) = try fixtures()
    defer { f.remove() }
    // The effective judgement's time, read from the fixture script.
    let judged = RegisterFixtures.first.first { $0.contains("effective A1") }!.dropFirst().prefix(10)
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    for asOf in ["2026-02-20", "2026-03-10", "2026-03-12", "2026-06-01"] {
      var expected: [String] = []
      for action in a.actions where action.state == .done || action.state == .effective {
        guard let review = action.review else { continue }
        let base = action.state == .effective ? String(judged) : String(action.doneAt!.prefix(10))
        let start = formatter.date(from: base)!
        let due =
          review == .weekly
          ? calendar.date(byAdding: .day, value: 7, to: start)!
          : calendar.date(byAdding: .month, value: review == .monthly ? 1 : 3, to: start)!
        if formatter.string(from: due) <= asOf { expected.append(action.id.description) }
      }
      let report = try f.questions().actions(.dueReview, owner: nil, today: CalendarDateText(asOf)!)
      #expect(report.sections[0].rows.map { $0[1].plain }.sorted() == expected.sorted(), "as of \(asOf)")
    }
  }

  @Test func recurringCausesByWordingStepAndSOP() throws {
    let (f, a, b) = try fixtures()
    defer { f.remove() }
    let report = try f.questions().recurringCauses()
    let rows = report.sections[0].rows
    // Wording, worked out here with plain sets: same category, Jaccard ≥ 0.5, not ruled out.
    func words(_ text: String) -> Set<String> { Set(Terms.of(text)) }
    var similar: Set<String> = []
    for x in a.causesInOrder where x.status != .ruledOut {
      for y in b.causesInOrder where y.status != .ruledOut && x.category == y.category {
        let (p, q) = (words(x.text), words(y.text))
        if Double(p.intersection(q).count) / Double(p.union(q).count) >= 0.5 { similar.insert(x.category!) }
      }
    }
    #expect(similar == ["Machine"])
    let wording = rows.filter { $0[0].plain == "wording" }
    #expect(wording.map { $0[1].plain } == similar.sorted())
    #expect(wording.first?[3] == .integer(2))
    // Steps: every non-ruled-out cause a finding at `pick` cites (C1, C2 in the first; C1 in the second).
    let atPick = [a, b].map { inv in
      Set(
        inv.findings.filter { $0.location == .step(ItemID("S1")!) }.flatMap(\.causes)
          .filter { inv.nodes[$0]?.status != .ruledOut })
    }
    let step = try #require(rows.first { $0[0].plain == "step" })
    #expect(step[2].plain == "pick")
    #expect(step[4] == .integer(atPick.map(\.count).reduce(0, +)))
    // SOP: WH-SOP-07 and wh-sop-07 are one standard.
    let sop = try #require(rows.first { $0[0].plain == "SOP" })
    #expect(sop[2].plain.lowercased() == "wh-sop-07")
    #expect(sop[3] == .integer(2))
  }

  @Test func aProblemBackAfterAnEffectiveActionIsFound() throws {
    let (f, _, b) = try fixtures()
    defer { f.remove() }
    let rows = try f.questions().recurringProblems().sections[0].rows
    // The second started (2026-02-20) after the first's A1 was judged effective (2026-02-10).
    #expect(Set(rows.map { $0[2].plain }) == ["problem", "cause"])
    #expect(
      rows.allSatisfy { $0[0].plain.hasSuffix("second.md") && $0[4].plain.hasSuffix("first.md") && $0[5].plain == "A1" }
    )
    #expect(rows.first { $0[2].plain == "problem" }?[1].plain == b.problem?.statement)
  }

  @Test func kpisFromTheFixturesDates() throws {
    let (f, a, b) = try fixtures()
    defer { f.remove() }
    let report = try f.questions().kpis()
    func day(_ script: [String], containing text: String) -> Date {
      let line = script.first { $0.contains(text) }!
      return ISO8601DateFormatter().date(from: String(line.dropFirst().prefix(10)) + "T00:00:00Z")!
    }
    let days = [RegisterFixtures.first, RegisterFixtures.second].map { script in
      Calendar(identifier: .gregorian).dateComponents(
        [.day], from: day(script, containing: "title"),
        to: day(script, containing: "root C")
      ).day!
    }.sorted()
    let median = Double(days[0] + days[1]) / 2
    let figures = report.sections[0].rows
    #expect(figures[1][1] == .number(median, places: 1))
    #expect(figures[0][1] == .empty)  // containment: not recorded yet
    let actions = a.actions + b.actions
    let effective = actions.filter { $0.state == .effective }.count
    #expect(report.sections[1].rows[0][1] == .number(100 * Double(effective) / Double(actions.count), places: 1))
    // Pareto: confirmed fishbone causes by category.
    let confirmed = (a.causesInOrder + b.causesInOrder).filter { $0.status == .confirmed }.compactMap(\.category)
    let pareto = report.sections[3].rows
    #expect(pareto.map { $0[0].plain } == Array(Set(confirmed)).sorted())
    #expect(pareto.first?[1] == .integer(confirmed.count))
  }

  @Test func stemsAndSimilarity() {
    #expect(Terms.of("The labels were scanned, and re-labelled") == ["label", "labell", "re", "scan"])
    #expect(
      Terms.similar(Terms.of("scanner fails on scuffed labels"), Terms.of("the scanner fails on the scuffed label")))
    #expect(!Terms.similar(Terms.of("labels fade in storage"), Terms.of("scanner fails on scuffed labels")))
  }
}

@Suite struct SQLiteDatabaseTests {
  @Test func bindsValuesRollsBackAndNamesConstraintFailures() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-sqlite-\(UUID().uuidString).db")
      .path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let db = try SQLiteDatabase(path: path)
    try db.executeScript("CREATE TABLE t (k TEXT PRIMARY KEY, n BIGINT, x DOUBLE PRECISION)")
    _ = try db.execute("INSERT INTO t VALUES (?, ?, ?)", [.text("it's"), .integer(3), .real(1.5)])
    #expect(
      try db.execute("SELECT k, n, x FROM t WHERE k = ?", [.text("it's")]).rows == [
        [.text("it's"), .integer(3), .real(1.5)]
      ])
    #expect(throws: SQLError.self) {
      try db.transaction {
        _ = try db.execute("INSERT INTO t VALUES (?, ?, ?)", [.text("b"), .null, .null])
        _ = try db.execute("INSERT INTO t VALUES (?, ?, ?)", [.text("b"), .null, .null])
      }
    }
    #expect(try db.execute("SELECT COUNT(*) FROM t", []).rows == [[.integer(1)]])
    do {
      _ = try db.execute("INSERT INTO t VALUES (?, ?, ?)", [.text("it's"), .null, .null])
    } catch {
      #expect(error.reason == .constraint)
      #expect(error.database == path)
    }
  }
}
