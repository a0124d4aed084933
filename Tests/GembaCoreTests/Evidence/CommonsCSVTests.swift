import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Apache Commons CSV control files and its BOM, PostgreSQL and multi-byte fixtures.
@Suite(.enabled(if: ExternalProgram.runs(needing: sharedExists), "../shared/conformance is not on this machine"))
struct CommonsCSVTests {
  static let dir = "conformance/commons-csv-testdata/src/test/resources/org/apache/commons/csv/"

  /// Every record of a file, as Commons CSV's `n:[v1, v2]` lines.
  static func records(_ path: String, keepEmptyLines: Bool, comment: UInt8?) throws -> [String] {
    let file = try MappedFile(path: path)
    var dialect = CSVDialect.csv
    dialect.comment = comment
    return CSVRecords.read(ByteSource(file), dialect: dialect, keepEmptyLines: keepEmptyLines)
      .map { "\($0.count):[" + $0.joined(separator: ", ") + "]" }
  }

  @Test(arguments: ["test_default.txt", "test_rfc4180.txt", "testCSV85_default.txt", "testCSV85_ignoreEmpty.txt"])
  func controlFile(_ control: String) throws {
    let text = try String(contentsOfFile: sharedPath(Self.dir + "CSVFileParser/" + control), encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let settings = lines.removeFirst().split(separator: " ").map(String.init)
    lines.removeFirst()  // CSVFormat#toString()
    let ignoreEmpty = settings.contains("IgnoreEmpty=true")
    let comment: UInt8? = settings.contains("CommentStart=#") ? UInt8(ascii: "#") : nil
    // Expected records; a `#comment` suffix (CheckComments) is not compared.
    let expected = lines.filter { !$0.hasPrefix("#") && !$0.isEmpty }.map { line -> String in
      guard let close = line.lastIndex(of: "]") else { return line }
      return String(line[...close])
    }
    let ours = try Self.records(
      sharedPath(Self.dir + "CSVFileParser/" + settings[0]), keepEmptyLines: !ignoreEmpty, comment: comment)
    #expect(ours == expected)
  }

  @Test func byteOrderMarkIsNotPartOfTheFirstName() throws {
    let table = try loadFile(sharedPath(Self.dir + "CSVFileParser/bom.csv")).table
    #expect(table.columns.first == "Date")
    #expect(table.columnIndex(named: "Open") != nil)  // " Open" trimmed
    #expect(table.columnType(0) == .dateTime)  // 14-Mar-14
  }

  @Test func postgresCSVAndTextFormatGiveTheSameRecords() throws {
    let csv = cells(try loadFile(sharedPath(Self.dir + "CSV-290/psql.csv"), options: LoadOptions(headerRows: 0)).table)
    let tsv = cells(try loadFile(sharedPath(Self.dir + "CSV-290/psql.tsv"), options: LoadOptions(headerRows: 0)).table)
    #expect(csv.count == 3)
    #expect(csv == tsv)
    #expect(csv[0] == ["1", "abc", "test line 1\ntest line 2", "", ""])
    #expect(csv[1][2] == "\\b:\u{8} \\t:\t \\n:\n \\r:\r")
    #expect(csv[2] == ["3", "a", "b,c,d", "\"quoted\"", "e"])
  }

  @Test(arguments: [("emoji.csv", [84, 701, 1318, 1935]), ("japanese.csv", [89, 242, 395])])
  func recordByteOffsets(_ file: String, _ offsets: [Int]) throws {
    let table = try loadFile(sharedPath(Self.dir + "CSV-196/" + file)).table
    #expect((0..<table.rowCount).map { table.byteOffset(ofRow: $0) } == offsets)
    #expect(try loadFile(sharedPath(Self.dir + "CSV-196/" + file)).problems.isEmpty)
  }
}
