import Foundation
import Testing
@testable import GembaCore

/// Runs a query whose `join`s name the given tables.
func query(_ table: EvidenceTable, _ text: String, joining others: [String: EvidenceTable], rowLimit: Int = 200) throws
  -> QueryResult
{
  var pipeline = try QueryPipeline.parse(stages(text))
  for (i, stage) in pipeline.stages.enumerated() {
    guard case .join(var spec) = stage else { continue }
    spec.table = others[spec.other.name].map(JoinedEvidence.init)
    pipeline.stages[i] = .join(spec)
  }
  return try QueryEngine.run(pipeline, on: table, rowLimit: rowLimit)
}

/// The rows of a table result (notes set aside).
func resultRows(_ result: QueryResult, sourceLocation: SourceLocation = #_sourceLocation) -> ResultTable {
  guard case .rows(let t) = result.unnoted else {
    Issue.record("expected rows, got \(result)", sourceLocation: sourceLocation)
    return ResultTable(columns: [], types: [], rows: [], rowNumbers: nil, totalRows: 0)
  }
  return t
}

func notes(_ result: QueryResult) -> [String] {
  if case .noted(_, let notes) = result { return notes }
  return []
}

/// The new stages on small tables: their answers and their refusals.
@Suite struct QueryStageTests {
  static let tickets = QueryEngineTests.tickets

  @Test func deriveComputesRowByRow() throws {
    let t = resultRows(
      try query(
        Self.tickets,
        "x | derive per = cost / handle_minutes * 60 | derive big = if(per > 20, \"yes\", \"no\") | select id, per, big"
      ))
    #expect(t.rows.map { $0[0] } == ["T1", "T2", "T3", "T4", "T5"])
    // 26.666666666666664 shown to 15 significant digits (Python: float("%.15g" % x)).
    #expect(t.rows.map { $0[1] } == ["21", "0", "26.6666666666667", "39.375", "60"])
    #expect(t.rows.map { $0[2] } == ["yes", "no", "yes", "yes", "yes"])
  }

  /// A derive over a filtered, re-ordered view adds its column beside the file's bytes: later
  /// stages filter, sort and group on it as on any column. Expected values are computed here.
  @Test func derivedColumnsBehaveLikeLoadedOnesAfterFiltersAndSorts() throws {
    var lines = "id,minutes,team\n"
    var expected: [String: Int] = [:]
    var kept: [(String, Double)] = []
    for i in 1...400 {
      let minutes = (i * 37) % 180, team = ["A", "B", "C"][i % 3]
      lines += "T\(i),\(minutes),\(team)\n"
      guard team != "C" else { continue }
      let hours = Double(minutes) / 60
      kept.append(("T\(i)", hours))
      if hours >= 1.5 { expected[team, default: 0] += 1 }
    }
    let table = try loadText(lines).table
    let counted = resultRows(
      try query(
        table, "x | where team != C | sort minutes desc | derive h = minutes / 60 | where h >= 1.5 | count by team"))
    #expect(Dictionary(uniqueKeysWithValues: counted.rows.map { ($0[0], Int($0[1])!) }) == expected)
    let sorted = resultRows(
      try query(
        table, "x | where team != C | derive h = minutes / 60 | derive q = h * 4 | sort q | select id, q",
        rowLimit: 1000))
    let want = kept.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }.map(\.element)
    #expect(sorted.rows.map { $0[0] } == want.map(\.0))
    // A derived number is shown (and read by the next derive) to 15 significant digits.
    func shown(_ x: Double) -> Double { Double(String(format: "%.15g", x))! }
    #expect(sorted.rows.map { Double($0[1])! } == want.map { shown(shown($0.1) * 4) })
  }

  @Test func dateDifferencesAndParts() throws {
    let table = try loadText("id,a,b\n1,2026-03-01 08:00:00,2026-03-02 20:30:00\n2,2026-03-07 23:15:00,\n").table
    let t = resultRows(
      try query(
        table,
        "x | derive d = days(b - a) | derive h = hours(b - a) | derive m = minutes(b - a)"
          + " | derive hr = hour(a) | derive wd = weekday(a) | derive mo = month(a) | select d, h, m, hr, wd, mo"))
    #expect(t.rows == [["1.52083333333333", "36.5", "2190", "8", "Sun", "3"], ["", "", "", "23", "Sat", "3"]])
  }

  @Test func deriveSaysHowManyCellsWereEmpty() throws {
    let result = try query(Self.tickets, "x | derive half = csat / 2")
    #expect(notes(result) == ["half: 1 of 5 rows empty (an input cell was empty)"])
  }

  @Test(
    arguments: [
      ("x | derive r = cost / cost", .derivedValue, 23),
      ("x | derive r = team - cost", .derivedValue, 16),
      ("x | derive r = opened_at - 3", .derivedValue, 16),
      ("x | derive r = days(cost)", .derivedValue, 21),
      ("x | derive r = opened_at - opened_at", .expressionSyntax, 16),
      ("x | derive r = dayz(opened_at)", .unknownFunction, 16),
      ("x | derive r = (cost + 1", .expressionSyntax, 25),
    ] as [(String, DiagnosticCode, Int)])
  func deriveRefusesWithRowAndColumn(_ text: String, _ code: DiagnosticCode, _ column: Int) {
    #expect(throws: Diagnostic.self) { try query(Self.tickets, text) }
    do {
      _ = try query(Self.tickets, text)
    } catch {
      #expect(error.code == code, "\(error.message)")
      #expect(error.span?.start.column == column, "\(error.span.map { "\($0.start.column)" } ?? "no span")")
    }
  }

  @Test func nearValuesAreNamedWhenTextFindsNothing() throws {
    let result = try query(Self.tickets, "x | where team = billing | count")
    #expect(result.unnoted == .count(0))
    #expect(
      notes(result) == [
        "no team equals `billing`; did you mean `Billing` (2 rows)? `--ignore-case` ignores letter case"
      ])
    #expect(
      notes(try query(Self.tickets, "x | where team = Refund | count")) == [
        "no team equals `Refund`; did you mean `Refunds` (2 rows)?"
      ])
    #expect(try query(Self.tickets, "x | where team = billing --ignore-case | count") == .count(2))
    #expect(try query(Self.tickets, "x | where reason ~ MACRO --ignore-case | count") == .count(3))
    #expect(try query(Self.tickets, "x | where team != BILLING --ignore-case | count") == .count(3))
  }

  @Test func aggregatesByGroup() throws {
    let t = resultRows(try query(Self.tickets, "x | sum cost by team"))
    #expect(t.columns == ["team", "n", "sum cost"])
    #expect(t.rows == [["Billing", "2", "10.5"], ["Refunds", "2", "25.25"], ["Warehouse", "1", "100"]])
    let p = resultRows(try query(Self.tickets, "x | p90 handle_minutes"))
    #expect(p.rows == [["5", "78"]])  // numpy.percentile([8,12,30,45,100], 90) = 78
    let m = resultRows(try query(Self.tickets, "x | median csat by reopened"))
    #expect(m.columns == ["reopened", "n", "median csat", "empty"])
    #expect(throws: Diagnostic.self) { try query(Self.tickets, "x | avg team") }
  }

  @Test func distinctAndPercent() throws {
    let d = resultRows(try query(Self.tickets, "x | distinct team, channel"))
    #expect(
      d.rows == [
        ["Billing", "chat", "1"], ["Billing", "email", "1"], ["Refunds", "email", "1"], ["Refunds", "phone", "1"],
        ["Warehouse", "email", "1"],
      ])
    let p = resultRows(try query(Self.tickets, "x | count by team, channel --percent row"))
    #expect(p.columns.last == "n")
    #expect(p.rows.first == ["Billing", "50.0", "50.0", "0.0", "2"])
    #expect(throws: Diagnostic.self) { try query(Self.tickets, "x | count by team --percent row") }
  }

  @Test func extractKeepsTheFirstGroup() throws {
    let t = resultRows(try query(Self.tickets, "x | extract reason \"([a-z]+) macro\" as kind | select id, kind"))
    #expect(t.rows.map { $0[1] } == ["wrong", "", "wrong", "", "wrong"])
  }

  @Test func aCatastrophicPatternAnswersInLinearTime() throws {
    let line = String(repeating: "a", count: 20_000) + "!"
    let table = try loadText("text\n\(line)\n\(line)\n").table
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
      let t = resultRows(try query(table, "x | extract text \"(a+)+$\" as tail | select tail"))
      #expect(t.rows == [[""], [""]])
    }
    #expect(elapsed < .seconds(5), "\(elapsed)")
  }

  @Test func joinCountsMatches() throws {
    let agents = try loadText("agent,tier\nann,1\nbob,2\ncyd,3\n", name: "agents").table
    let work = try loadText("id,agent\n1,ann\n2,bob\n3,ann\n4,zed\n5,\n", name: "work").table
    let inner = try query(work, "x | join agents on agent", joining: ["agents": agents])
    #expect(resultRows(inner).rows == [["1", "ann", "1"], ["2", "bob", "2"], ["3", "ann", "1"]])
    #expect(
      notes(inner) == [
        "join agents on agent: 3 of 5 rows matched, 2 unmatched (dropped; --left keeps them); 1 of 3 agents keys matched no row"
      ])
    let left = try query(work, "x | join agents on agent --left | count by tier", joining: ["agents": agents])
    #expect(counts(left.unnoted) == ["1": 2, "2": 1, "(empty)": 2])
  }

  @Test func aManyToManyJoinIsRefusedWithItsSize() throws {
    let many = "k,v\n" + (0..<2_500).map { "a,\($0)\n" }.joined()
    let a = try loadText(many, name: "a").table, b = try loadText(many, name: "b").table
    do {
      _ = try query(a, "x | join b on k", joining: ["b": b])
      Issue.record("the join ran")
    } catch let error as Diagnostic {
      #expect(error.code == .resultTooLarge)
      #expect(error.notes.first == "1 key values repeat in b as well as here (many-to-many)")
    }
  }

  @Test(
    arguments: [
      ("x | derive = 1", .expressionSyntax),
      ("x | derive a 1", .expressionSyntax),
      ("x | join y", .querySyntax),
      ("x | extract reason \"(a)\"", .querySyntax),
      ("x | median cost per team", .querySyntax),
      ("x | count by a, b --percent all", .invalidOptionValue),
      ("x | where a = b --nocase", .unknownOption),
    ] as [(String, DiagnosticCode)])
  func parseErrors(_ text: String, _ code: DiagnosticCode) {
    do {
      _ = try QueryPipeline.parse(stages(text))
      Issue.record("parsed")
    } catch {
      #expect(error.code == code, "\(error.message)")
      #expect(error.span != nil)
    }
  }
}
