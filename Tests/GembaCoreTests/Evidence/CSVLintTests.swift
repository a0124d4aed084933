import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// csvlint's problem files: each problem is reported at its row (csvlint counts the header as
/// row 1, so its row N is our line N).
@Suite(.enabled(if: ExternalProgram.runs(needing: sharedExists), "../shared/conformance is not on this machine"))
struct CSVLintTests {
  static func fixture(_ name: String) -> String { sharedPath("conformance/csvlint-fixtures/features/fixtures/" + name) }

  struct Inline: Sendable, CustomTestStringConvertible {
    var text: String
    var kind: EvidenceProblem.Kind
    var line: Int
    var testDescription: String { "\(kind) at line \(line)" }
  }

  /// The inline CSVs of validation_errors.feature, with the problem type and row upstream expects.
  static let inline: [Inline] = [
    Inline(text: "\"col1\",\"col2\",\"col3\"\n\"1\",\"2\",\"3\"\n\"4\",\"5\"\n", kind: .raggedRow, line: 3),
    Inline(text: "\"col1\",\"col2\",\"col3\"\n\"Foo\",\"Bar\",   \"Baz\"\n", kind: .strayQuote, line: 2),
    Inline(
      text: "\"col1\",\"col2\",\"col3\"\n\"Foo\",\"Bar\",\"Baz\"\n\n\"Foo\",\"Bar\",\"Baz\"\n", kind: .blankRow, line: 3
    ),
    Inline(
      text: "\"col1\",\"col2\",\"col3\"\n\"Foo\",\"Bar\",\"Baz\"\n\"Foo\",\"Bar\",\"Baz\"\n\n\n", kind: .blankRow,
      line: 4),
  ]

  @Test(arguments: inline)
  func inlineProblemIsReportedAtItsRow(_ c: Inline) throws {
    let result = try loadText(c.text)
    let problem = try #require(result.problems.first { $0.kind == c.kind })
    #expect(problem.line == c.line)
  }

  @Test func unclosedQuoteIsRefusedAtItsRow() {
    #expect {
      try loadText("\"col1\",\"col2\",\"col3\"\n\"Foo\",\"Bar\",\"Baz\n")
    } throws: { error in
      guard let e = error as? EvidenceError else { return false }
      return e.problem.kind == .unterminatedQuote && e.problem.line == 2 && e.problem.column == 3 && e.problem.row == 1
        && e.description.contains("t.csv:2") && e.description.contains("close the quote")
    }
  }

  @Test func allBlankRowIsLoadedButAQuotedEmptyRowIsNotBlank() throws {
    // `"","",` has three empty fields: a row, not a blank line.
    let result = try loadText(
      "\"col1\",\"col2\",\"col3\"\n\"Foo\",\"Bar\",\"Baz\"\n\"\",\"\",\n\"Baz\",\"Bar\",\"Foo\"\n")
    #expect(result.table.rowCount == 3)
    #expect(result.problems.isEmpty)
  }

  /// csvlint's invalid-byte-sequence file is Latin-1 ("Histórico", "Transferência"): it was listed
  /// byte by byte as invalid UTF-8; it is now detected as Windows-1252 and decoded.
  @Test func invalidEncodingIsDetectedAsWindows1252() throws {
    let result = try loadFile(Self.fixture("invalid-byte-sequence.csv"))
    #expect(result.table.encodingName == "Windows-1252")
    #expect(!result.problems.contains { $0.kind == .invalidUTF8 })
    #expect(result.table.columns[2] == "Histórico")
    #expect(EvidenceTextRenderer().loaded(result).contains("· Windows-1252"))
    let forced = try loadFile(Self.fixture("invalid-byte-sequence.csv"), options: LoadOptions(encoding: .utf8))
    let first = try #require(forced.problems.first { $0.kind == .invalidUTF8 && $0.row != nil })
    #expect(first.row == 2 && first.column == 3)  // "Transferência" in row 2's third field
    #expect(forced.problems.contains { $0.message.contains("iconv") })
  }

  @Test(arguments: ["spreadsheet.xls", "spreadsheet.xlsx"])
  func spreadsheetIsRefusedWithAHint(_ name: String) {
    #expect {
      try loadFile(Self.fixture(name), format: .csv)
    } throws: { error in
      let text = "\(error)"
      return text.contains(name) && text.contains("CSV")
    }
  }

  @Test(arguments: ["inconsistent-line-endings.csv", "inconsistent-line-endings-unquoted.csv"])
  func mixedLineEndingsAreReported(_ name: String) throws {
    let result = try loadFile(Self.fixture(name))
    #expect(result.problems.contains { $0.kind == .mixedLineEndings && $0.line == 2 })
    #expect(result.table.rowCount == 2)
  }

  @Test(arguments: ["cr-line-endings.csv", "crlf-line-endings.csv", "lf-line-endings.csv", "valid.csv"])
  func lineEndingStylesAllLoad(_ name: String) throws {
    let result = try loadFile(Self.fixture(name))
    #expect(result.table.rowCount == 2)
    #expect(result.problems.isEmpty)
  }

  @Test func titleRowGetsAHint() throws {
    let result = try loadFile(Self.fixture("title-row.csv"))
    #expect(result.problems.contains { $0.kind == .titleRow && $0.message.contains("--skip 1") })
    let skipped = try loadFile(Self.fixture("title-row.csv"), options: LoadOptions(skipRows: 1))
    #expect(skipped.table.columns == ["Foo", "Bsr", "Baz"])
    #expect(skipped.table.rowCount == 2)
  }

  @Test func invalidManyRowsListsEachProblemAtItsRow() throws {
    let result = try loadFile(Self.fixture("invalid_many_rows.csv"))
    #expect(result.problems.contains { $0.kind == .strayQuote && $0.line == 4 })
    #expect(result.problems.contains { $0.kind == .blankRow && $0.line == 8 })
  }
}
