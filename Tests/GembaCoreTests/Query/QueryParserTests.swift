import Testing
@testable import GembaCore

@Suite struct QueryParserTests {
  static func parse(_ text: String) throws(Diagnostic) -> [QueryStage] { try QueryPipeline.parse(stages(text)).stages }

  @Test(arguments: [
    "t | where reopened = yes", "t | where reopened=yes", "t | where reopened =yes", "t | where reopened= yes",
    "t | where reopened == yes",
  ])
  func operatorsMayBeGlued(_ text: String) throws {
    guard case .filter(.compare(let c)) = try Self.parse(text).first else { Issue.record("not a comparison"); return }
    #expect(c.column.name == "reopened" && c.op == .equal && c.value == "yes")
  }

  @Test(arguments: [
    ("<", ComparisonOperator.less), ("<=", .lessOrEqual), (">", .greater), (">=", .greaterOrEqual),
    ("!=", .notEqual), ("~", .matches), ("!~", .notMatches),
  ])
  func everyOperator(_ op: String, _ expected: ComparisonOperator) throws {
    guard case .filter(.compare(let c)) = try Self.parse("t | where csat \(op) 4").first else {
      Issue.record("parse"); return
    }
    #expect(c.op == expected)
  }

  @Test func andBindsTighterThanOr() throws {
    guard case .filter(let p) = try Self.parse("t | where a = 1 or b = 2 and c = 3").first,
      case .or(.compare(let a), .and(.compare(let b), .compare(let c))) = p
    else { Issue.record("shape"); return }
    #expect([a.column.name, b.column.name, c.column.name] == ["a", "b", "c"])
  }

  @Test(arguments: [
    "t | count by team, channel", "t | count by team,channel", "t | count by team , channel",
    "t | count by team channel",
  ])
  func crossTabColumns(_ text: String) throws {
    guard case .count(let by) = try Self.parse(text).first else { Issue.record("parse"); return }
    #expect(by.map(\.name) == ["team", "channel"])
  }

  @Test func quotedValuesAndColumns() throws {
    guard case .filter(.compare(let c)) = try Self.parse("t | where \"Affects Version/s\" = \"2.7 beta\"").first else {
      Issue.record("parse"); return
    }
    #expect(c.column.name == "Affects Version/s" && c.value == "2.7 beta")
  }

  @Test func chartStagesAndOptions() throws {
    let stages = try Self.parse("t | where x = 1 | pareto by reason --sum cost")
    #expect(
      stages.last
        == .pareto(by: ColumnRef("reason", span: stages.pareto!.0), sum: ColumnRef("cost", span: stages.pareto!.1)))
    #expect(
      try Self.parse("t | histogram handle_minutes --bins 12").first
        == .histogram(ColumnRef("handle_minutes", span: span(15, 29)), bins: 12))
    guard case .timeline(_, let every, _) = try Self.parse("t | timeline opened_at --every week").first else {
      Issue.record("timeline"); return
    }
    #expect(every == .week)
    guard case .spc(_, let by, let rules) = try Self.parse("t | spc handle_minutes --by day --rules nelson").first
    else { Issue.record("spc"); return }
    #expect(by == .day && rules == .nelson)
    #expect(try Self.parse("t | sort csat desc | top 5 | select id, csat | limit 2 | grep \"time out\"").count == 5)
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var text: String
    var code: DiagnosticCode
    /// The 1-based columns the diagnostic's span should cover.
    var from: Int, to: Int
    var note: String? = nil
    var testDescription: String { text }
  }

  static let bad: [Bad] = [
    Bad(text: "t | wher x = 1", code: .unknownStage, from: 5, to: 9, note: "did you mean `where`?"),
    Bad(text: "t | where x", code: .querySyntax, from: 12, to: 13),
    Bad(text: "t | where x = ", code: .querySyntax, from: 14, to: 15),
    Bad(text: "t | where x ? 1", code: .querySyntax, from: 13, to: 14),
    Bad(text: "t | where x = 1 y = 2", code: .querySyntax, from: 17, to: 18),
    Bad(text: "t | count team", code: .querySyntax, from: 11, to: 15),
    Bad(text: "t | count by a, b, c", code: .querySyntax, from: 20, to: 21),
    Bad(text: "t | top many", code: .querySyntax, from: 9, to: 13),
    Bad(text: "t | histogram x --bins 0", code: .invalidOptionValue, from: 24, to: 25),
    Bad(text: "t | timeline x --every year", code: .invalidOptionValue, from: 24, to: 28),
    Bad(text: "t | spc x --rules iso", code: .invalidOptionValue, from: 19, to: 22),
    Bad(text: "t | pareto by x --max 3", code: .unknownOption, from: 17, to: 22),
    Bad(text: "t | count | limit 3", code: .querySyntax, from: 13, to: 18),
    Bad(text: "t | sort x upward", code: .querySyntax, from: 12, to: 18),
  ]

  @Test(arguments: bad)
  func diagnosticsPointAtTheToken(_ c: Bad) {
    do {
      _ = try Self.parse(c.text)
      Issue.record("expected an error")
    } catch {
      #expect(error.code == c.code, "\(error.message)")
      #expect(error.span == span(c.from, c.to))
      if let note = c.note { #expect(error.notes.contains(note)) }
    }
  }
}

func span(_ from: Int, _ to: Int) -> SourceSpan {
  SourceSpan(start: SourcePosition(line: 1, column: from), end: SourcePosition(line: 1, column: to))
}

extension Array where Element == QueryStage {
  /// The spans of the last stage's `pareto` columns, for building expected values.
  var pareto: (SourceSpan, SourceSpan)? {
    guard case .pareto(let by, let sum)? = last else { return nil }
    return (by.span, sum?.span ?? by.span)
  }
}
