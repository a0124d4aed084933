import Testing

@testable import GembaCore

/// Issue 27, item 5: a column name with a space typed bare is named in the error, with the fix.
@Suite struct SpacedColumnNameTests {
  static let columns = ["outcome", "Inspection Type", "Results", "Inspection Date"]

  static func failure(_ text: String, columns: [String] = columns) -> Diagnostic? {
    do {
      _ = try QueryPipeline.parse(stages(text), columns: columns)
      return nil
    } catch {
      return error
    }
  }

  /// Columns count characters from 1 on the line: `t | ` takes 4.
  static func span(_ start: Int, _ end: Int) -> SourceSpan {
    SourceSpan(start: SourcePosition(line: 1, column: start), end: SourcePosition(line: 1, column: end))
  }

  @Test(arguments: [
    // The user's two commands, as typed, then one more stage and a name glued to what follows it.
    ("t | count by outcome, Inspection Type", "count by outcome, \"Inspection Type\"", span(23, 38)),
    ("t | where Inspection Type = Canvass", "where \"Inspection Type\" = Canvass", span(11, 26)),
    ("t | pareto by Inspection Type", "pareto by \"Inspection Type\"", span(15, 30)),
    ("t | where Inspection Type=Canvass", "where \"Inspection Type\"=Canvass", span(11, 26)),
    ("t | count by outcome,Inspection Type", "count by outcome,\"Inspection Type\"", span(22, 37)),
    ("t | where inspection   type = Canvass", "where \"Inspection Type\" = Canvass", span(11, 28)),
  ])
  func theErrorSaysToQuoteTheName(_ text: String, _ fix: String, _ place: SourceSpan) throws {
    let error = try #require(Self.failure(text))
    #expect(error.code == .spacedColumnName, "\(error.message)")
    #expect(error.message == "`Inspection Type` has a space: quote it — \(fix)")
    #expect(error.span == place)
    // The fix, typed, parses.
    #expect(Self.failure("t | " + fix) == nil)
  }

  @Test func theQuotedCommandsParseToTheColumn() throws {
    let count = try QueryPipeline.parse(stages("t | count by outcome, \"Inspection Type\""), columns: Self.columns)
    guard case .count(let by) = count.stages[0] else { Issue.record("not a count"); return }
    #expect(by.map(\.name) == ["outcome", "Inspection Type"])
    let filter = try QueryPipeline.parse(stages("t | where \"Inspection Type\" = Canvass"), columns: Self.columns)
    guard case .filter(.compare(let c)) = filter.stages[0] else { Issue.record("not a comparison"); return }
    #expect(c.column.name == "Inspection Type" && c.value == "Canvass")
  }

  /// Without such a column, the error is the one the stage gives.
  @Test func otherwiseTheStagesOwnError() throws {
    let error = try #require(Self.failure("t | count by outcome, Inspection Type", columns: ["outcome", "Type"]))
    #expect(error.code != .spacedColumnName)
    let plain = try #require(Self.failure("t | where Inspection Type = Canvass", columns: []))
    #expect(plain.code != .spacedColumnName)
  }

  /// A name a `derive` earlier in the pipeline made counts as a column too.
  @Test func aDerivedNameIsFound() throws {
    let error = try #require(
      Self.failure(
        "t | derive \"Risk Level\" = if(Results = \"Fail\", \"high\", \"low\") | count by Risk Level, outcome"))
    #expect(error.code == .spacedColumnName)
    #expect(error.message.hasPrefix("`Risk Level` has a space: quote it — count by \"Risk Level\", outcome"))
  }

  /// The one-stage shorthand (`pareto t by …`) is shown with its evidence name where it was typed.
  @Test func theShorthandKeepsItsEvidenceName() throws {
    let tokens = stages("t | pareto food by Inspection Type")[0].filter { $0.kind != .pipe }
    let stage = [tokens[0]] + tokens.dropFirst(2)
    do {
      _ = try QueryPipeline.parse([stage], columns: Self.columns, evidence: tokens[1])
      Issue.record("parsed")
    } catch {
      #expect(error.code == .spacedColumnName)
      #expect(error.message == "`Inspection Type` has a space: quote it — pareto food by \"Inspection Type\"")
      #expect(error.span == Self.span(20, 35))
    }
  }

  /// A stage that parses (`select` takes two columns) fails on the first word when it runs; that
  /// place, given, finds the name.
  @Test func anUnknownColumnInsideTheWordsFindsTheName() throws {
    let tokens = stages("t | select outcome, Inspection Type")[0].filter { $0.kind != .pipe }
    let error = try #require(
      QueryPipeline.spacedColumnName(in: tokens, columns: Self.columns, covering: Self.span(21, 31)))
    #expect(error.message == "`Inspection Type` has a space: quote it — select outcome, \"Inspection Type\"")
    #expect(QueryPipeline.spacedColumnName(in: tokens, columns: Self.columns, covering: Self.span(12, 19)) == nil)
  }
}
