import Testing
@testable import GembaCore

@Suite struct QueryEngineTests {
  static let csv = """
    id,opened_at,team,channel,reopened,handle_minutes,csat,cost,reason
    T1,2026-03-01T09:00:00,Billing,email,yes,30,4,10.5,wrong macro
    T2,2026-03-01T10:30:00,Billing,chat,no,12,5,0,policy unclear
    T3,2026-03-02T08:00:00,Refunds,email,yes,45,,20,wrong macro
    T4,2026-03-03T12:00:00,Refunds,phone,true,8,2,5.25,"packing, error"
    T5,2026-03-09T12:00:00,Warehouse,email,no,100,3,100,wrong macro

    """
  static let tickets: EvidenceTable = try! loadText(csv, name: "tickets", path: "tickets.csv").table

  /// The ids of the rows a query returns.
  static func ids(_ text: String) throws -> [String] {
    let result = try query(tickets, text).unnoted  // a 0-row `=` on text carries a near-value note
    if case .grep(let g) = result { return g.matches.map { tickets.cell(row: $0.row - 1, column: 0) } }
    guard case .rows(let t) = result else { return ["not rows"] }
    let column = t.columns.firstIndex(of: "id") ?? 0
    return t.rows.map { $0[column] }
  }

  @Test(arguments: [
    ("where reopened = yes", ["T1", "T3", "T4"]),  // `true` is yes too
    ("where reopened = false", ["T2", "T5"]),
    ("where csat >= 4", ["T1", "T2"]),  // the empty csat is neither
    ("where csat != 4", ["T2", "T3", "T4", "T5"]),
    ("where handle_minutes > 9 and team = Refunds", ["T3"]),
    ("where team = Billing or team = Warehouse", ["T1", "T2", "T5"]),
    ("where handle_minutes < 40 and reopened = yes or team = Warehouse", ["T1", "T4", "T5"]),
    ("where opened_at = 2026-03-01", ["T1", "T2"]),  // a bare date is the whole day
    ("where opened_at < 2026-03-02", ["T1", "T2"]),
    ("where opened_at <= 2026-03-02", ["T1", "T2", "T3"]),
    ("where opened_at >= 2026-03-02T08:00:00", ["T3", "T4", "T5"]),
    ("where cost > 5.5", ["T1", "T3", "T5"]),
    ("where cost = 5.250", ["T4"]),
    ("where reason ~ \"mac+ro\"", ["T1", "T3", "T5"]),
    ("where reason ~ pack", ["T4"]),
    ("where reason !~ \"^wrong\"", ["T2", "T4"]),
    ("where reason != \"wrong macro\"", ["T2", "T4"]),
    ("where team = billing", []),  // text is compared exactly
    ("where team > Q", ["T3", "T4", "T5"]),
    ("sort handle_minutes desc | select id", ["T5", "T3", "T1", "T2", "T4"]),
    ("sort csat", ["T4", "T5", "T1", "T2", "T3"]),  // empty last
    ("sort team desc | limit 2", ["T5", "T3"]),
    ("where reopened = yes | top 2", ["T1", "T3"]),
    ("grep packing", ["T4"]),
    ("grep \"T[24]\"", ["T2", "T4"]),
    ("where team = Billing | grep chat", ["T2"]),
  ])
  func rows(_ text: String, _ expected: [String]) throws {
    #expect(try Self.ids("tickets | " + text) == expected)
  }

  @Test func resultRowsCarryTheirEvidenceRowNumbers() throws {
    guard case .rows(let t) = try query(Self.tickets, "x | where reopened = yes | select id, team") else {
      Issue.record("rows"); return
    }
    #expect(t.columns == ["id", "team"])
    #expect(t.rowNumbers == [1, 3, 4])
    #expect(t.totalRows == 3)
  }

  @Test func rowLimitKeepsTheTotal() throws {
    guard case .rows(let t) = try query(Self.tickets, "x | where team != Nobody", rowLimit: 2) else {
      Issue.record("rows"); return
    }
    #expect(t.rows.count == 2 && t.totalRows == 5)
  }

  @Test func grepListsRowsWithTheirLines() throws {
    let multiline = try loadText("id,note\n1,\"first\nsecond timeout\"\n2,fine\n3,timeout again\n").table
    guard case .grep(let g) = try query(multiline, "x | grep timeout") else { Issue.record("grep"); return }
    #expect(g.matches.map(\.row) == [1, 3])
    #expect(g.matches.map(\.line) == [2, 5])
    #expect(g.matches[0].text == "1,\"first\nsecond timeout\"")
    #expect(try query(multiline, "x | grep timeout | count") == .count(2))
  }

  @Test func countAndCountBy() throws {
    #expect(try query(Self.tickets, "x | where reopened = yes | count") == .count(3))
    guard case .rows(let t) = try query(Self.tickets, "x | count by team") else { Issue.record("rows"); return }
    #expect(t.rows == [["Billing", "2"], ["Refunds", "2"], ["Warehouse", "1"]])
    #expect(t.types == [.text, .integer])
    guard case .rows(let top) = try query(Self.tickets, "x | count by reason | where count > 1") else {
      Issue.record("rows"); return
    }
    #expect(top.rows == [["wrong macro", "3"]])
  }

  /// Dates and numbers keep their own order in a cross-tab (cohorts, weeks, counts read
  /// left to right); text is ordered by total.
  @Test func crossTabOrdersDatesAndNumbersByValue() throws {
    let csv = "cohort,asks,team\n2026-03-02,2,B\n2026-01-05,0,A\n2026-02-02,10,A\n2026-01-05,2,A\n2026-03-02,2,B\n"
    let table = try loadText(csv, name: "c", path: "c.csv").table
    guard case .crossTab(let c) = try query(table, "x | count by cohort, asks") else {
      Issue.record("crossTab"); return
    }
    #expect(c.rowValues == ["2026-01-05", "2026-02-02", "2026-03-02"])
    #expect(c.columnValues == ["0", "2", "10"])
    guard case .crossTab(let t) = try query(table, "x | count by team, asks") else { Issue.record("crossTab"); return }
    #expect(t.rowValues == ["A", "B"])  // text: by total, 3 then 2
  }

  @Test func crossTab() throws {
    guard case .crossTab(let c) = try query(Self.tickets, "x | count by team, channel") else {
      Issue.record("crossTab"); return
    }
    #expect(c.rowValues == ["Billing", "Refunds", "Warehouse"])
    #expect(c.columnValues == ["email", "chat", "phone"])
    #expect(c.counts == [[1, 1, 0], [1, 0, 1], [1, 0, 0]])
    #expect(c.rowTotals == [2, 2, 1] && c.columnTotals == [3, 1, 1] && c.total == 5)
  }

  @Test func unknownColumnSuggestsTheNearest() {
    do {
      _ = try query(Self.tickets, "tickets | where tem = x")
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .unknownColumn)
      #expect(error.span == span(17, 20))
      #expect(error.notes.first == "did you mean `team`?")
    }
  }

  @Test func columnNamesIgnoreCaseWhenUnambiguous() throws {
    #expect(try Self.ids("x | where TEAM = Refunds") == ["T3", "T4"])
  }

  @Test func badRegexPointsAtTheValue() {
    do {
      _ = try query(Self.tickets, "x | where reason ~ \"(\"")
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .invalidRegex)
      #expect(error.span == span(20, 23))
    }
  }

  @Test func columnTypesAreInferred() {
    #expect(
      Self.tickets.columnTypes == [.text, .dateTime, .text, .text, .boolean, .integer, .integer, .decimal, .text])
  }
}

@Suite struct QueryEdgeTests {
  @Test func emptyLiteralsAndHugeNumbersDoNotCrash() throws {
    let table = try loadText("v,w\n1e400,a\n,b\n3,\n").table
    #expect(try query(table, "x | where w < \"\" | count") == .count(0))
    #expect(try query(table, "x | where w > \"\" | count") == .count(2))
    #expect(try query(table, "x | where w = \"\" | count") == .count(1))
    guard case .histogram(let h) = try query(table, "x | histogram v") else { Issue.record("histogram"); return }
    #expect(h.count == 1 && h.skipped == 2)
    #expect(table.columnType(0) == .text)
  }

  @Test func queriesOnAnEmptyTable() throws {
    let table = try loadText("a,b\n").table
    #expect(table.rowCount == 0)
    #expect(try query(table, "x | count") == .count(0))
    #expect(try query(table, "x | grep zzz | count") == .count(0))
    guard case .pareto(let p) = try query(table, "x | pareto by a") else { Issue.record("pareto"); return }
    #expect(p.bars.isEmpty)
    #expect(throws: Diagnostic.self) { try query(table, "x | timeline a") }
    #expect(!EvidenceTextRenderer().render(try query(table, "x | histogram a")).isEmpty)
    #expect(!EvidenceTextRenderer().render(.pareto(p)).isEmpty)
  }
}
