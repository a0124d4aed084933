import Foundation
import Testing
@testable import GembaCore

/// Issue 22 item 14: the query shown (in a citation, the record and `check`) is the query typed,
/// normalised to single spaces: read back, it is the same query, token for token.
@Suite struct QueryTextRoundTripTests {
  static let corpus = [
    "tickets | where Results = \"Pass\" | count",
    "tickets | derive ok = if(Results = \"Pass\", \"ok\", \"not ok\") | count by ok",
    "tickets | derive ok = if(Results=\"Pass\",\"ok\",\"no\") | count by ok",
    "tickets | derive kind = if(robot = \"\", \"browser\", \"robot\") | count by kind",
    "tickets | derive k = if(agent ~ \"bot|crawl\" and not status = \"200\", 1, 0) | sum k",
    "tickets | where \"Inspection Date\" >= 2020-2-1 and \"Facility Type\" = \"Restaurant\" | count by \"Facility Type\"",
    "tickets | where message ~ \"confirm without scan\" | timeline time --every week",
    "tickets | where note ~ \"^a\\\\.b [0-9]+$\" --ignore-case | select id, note",
    "tickets | where note !~ \"say \\\"hi\\\"\" | limit 3",
    "tickets | where team = Billing or team = \"Ware house\" | sort handle_minutes desc | top 5",
    "tickets | grep \"T[24]\" --ignore-case",
    "tickets | pareto by reason --sum cost",
    "tickets | histogram cost --bins 12",
    "tickets | spc handle_minutes --chart xbar-r --by week --baseline 2026-03-01..2026-03-31",
    "tickets | spc defects --chart u --n units --split 2026-04-01",
    "tickets | compare reopened = yes by team",
    "tickets | capability cost --lsl 0 --usl 120 --target 60",
    "tickets | extract reason \"wrong (\\\\w+)\" as what | distinct what",
    "tickets | join teams on team = name --left | avg cost by region",
    "tickets | median cost by team | p90 cost",
    "tickets | count by team, channel --percent row",
    "tickets | where id = \"#12\" | select \"a|b\"",
    "tickets | where note = \"--not-an-option\" | count",
    "tickets | where note = \"two\nlines\ttab\" | count",
  ]

  static func tokens(_ text: String) throws -> [Token] {
    var lexer = Lexer(text)
    return try lexer.tokens()
  }

  @Test(arguments: corpus)
  func printedQueryReadsBackAsTheSameQuery(_ typed: String) throws {
    let first = try Parser.querySource(try Self.tokens(typed))
    let second = try Parser.querySource(try Self.tokens(first.text))
    // Same tokens (kind and text) in the same stages: the parser, which reads only those, reads
    // the same query; spans alone differ.
    #expect(second.stages.map { $0.map(\.kind) } == first.stages.map { $0.map(\.kind) }, "\(first.text)")
    #expect(second.stages.map { $0.map(\.text) } == first.stages.map { $0.map(\.text) }, "\(first.text)")
    #expect(second.text == first.text)
    // And both parse (or both fail) as pipelines.
    let a = Result { () throws(Diagnostic) in try QueryPipeline.parse(first.stages).stages.count }
    let b = Result { () throws(Diagnostic) in try QueryPipeline.parse(second.stages).stages.count }
    #expect((try? a.get()) == (try? b.get()))
  }

  @Test func quotesInsideDeriveAreKept() throws {
    let source = try Parser.querySource(
      try Self.tokens("results | derive ok = if(Results = \"Pass\", \"ok\", \"fail\") | count by ok"))
    #expect(source.text == "results | derive ok = if(Results = \"Pass\", \"ok\", \"fail\") | count by ok")
  }

  /// The trap: unquoted, `Pass` would read the column `Pass`; the printed query runs on
  /// text and gives what the typed one gives.
  @Test func thePrintedQueryRunsToTheSameResult() throws {
    let table = try loadText("id,Results,Pass\n1,Pass,Fail\n2,Fail,Fail\n3,Pass,Pass\n", name: "r", path: "r.csv").table
    let typed = "r | derive ok = if(Results = \"Pass\", \"ok\", \"fail\") | count by ok"
    let printed = try Parser.querySource(try Self.tokens(typed)).text
    let run = { (text: String) throws -> QueryResult in
      let source = try Parser.querySource(try Self.tokens(text))
      return try QueryEngine.run(try QueryPipeline.parse(source.stages), on: table, rowLimit: 50)
    }
    #expect(counts(try run(printed)) == ["ok": 2, "fail": 1])
    #expect(counts(try run(printed)) == counts(try run(typed)))
  }
}
