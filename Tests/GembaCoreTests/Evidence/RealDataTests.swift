import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Real exports load as they are, or are refused with a message saying how to load them.
@Suite(.enabled(if: ExternalProgram.runs(needing: sharedExists), "../shared/realdata is not on this machine"))
struct RealDataTests {
  static func load(_ path: String, options: LoadOptions = LoadOptions()) throws -> LoadResult {
    try loadFile(sharedPath("realdata/" + path), options: options)
  }

  @Test func hadoopJiraExport() throws {
    let table = try Self.load("gitbugs/hadoop/hadoop_bugs.csv").table
    #expect(table.rowCount == 2503)
    #expect(table.columnCount == 9)
    #expect(
      counts(try query(table, "x | count by Status")) == [
        "Resolved": 1733, "Open": 684, "Patch Available": 41, "In Progress": 30, "Reopened": 15,
      ])
    #expect(
      counts(try query(table, "x | count by Priority")) == [
        "Major": 1738, "Minor": 539, "Critical": 86, "Blocker": 76, "Trivial": 64,
      ])
    #expect(table.columnType(table.columnIndex(named: "Created")!) == .dateTime)  // 30/Sep/21 17:20
    guard case .count(let empty) = try query(table, "x | where Resolved = \"\" | count") else {
      Issue.record("count"); return
    }
    #expect(empty == 770)
  }

  @Test func seaMonkeyBugzillaExport() throws {
    let table = try Self.load("gitbugs/seamonkey/SeaMonkey_bugs.csv").table
    #expect(table.rowCount == 1076)
    #expect(table.columnCount == 8)
    #expect(counts(try query(table, "x | count by Status"))["UNCONFIRMED"] == 342)
    #expect(counts(try query(table, "x | count by Priority"))["--"] == 961)
  }

  @Test func faaMaintenanceRecords() throws {
    let result = try Self.load("faa-aid/Maintenance_Text_data.csv")
    let table = result.table
    #expect(table.rowCount == 2763)
    #expect(table.columnCount == 180)
    #expect(table.columns[0] == "column_1")
    #expect(result.problems.contains { $0.kind == .emptyHeader && $0.column == 1 })
    #expect(counts(try query(table, "x | count by c1")) == ["A": 1391, "I": 1372])
    guard case .pareto(let p) = try query(table, "x | pareto by c78") else { Issue.record("pareto"); return }
    #expect(p.bars.prefix(3).map(\.label) == ["II", "ME", "AU"])
    #expect(p.bars.prefix(3).map(\.value) == [1951, 377, 246])
    #expect(p.bars.filter(\.vital).map(\.label) == ["II", "ME"])  // 70.6 %, then 84.2 % crosses 80 %
  }

  @Test func faaCodeTablesWithDuplicateEmptyHeaders() throws {
    let layout = try Self.load("faa-aid/Afilelayout.csv")
    #expect(layout.table.rowCount == 180)  // 181 records with the header
    #expect(layout.table.columns == ["columnname", "columntype", "length", "description", "column_5", "column_6"])
    #expect(layout.problems.filter { $0.kind == .emptyHeader }.count == 2)
    let codes = try Self.load("faa-aid/AIDCODE.csv").table
    #expect(codes.rowCount == 116)
    #expect(codes.cell(row: 3, column: 1) == "DIDN’T FLY ASG ALT IFR CLRNS")
  }

  @Test func asrsTwoHeaderRowsAndCarriageReturns() throws {
    let plain = try Self.load("nasa-asrs-nmac/ASRS_DBOnline.csv")
    #expect(plain.table.columnCount == 96)
    #expect(plain.problems.first?.message.contains("--header-rows 2") == true)  // the hint comes first
    let table = try Self.load("nasa-asrs-nmac/ASRS_DBOnline.csv", options: LoadOptions(headerRows: 2)).table
    #expect(table.rowCount == 257)
    let primary = try #require(table.columns.first { $0.hasSuffix("Primary Problem") })
    let byProblem = counts(try query(table, "x | count by \"\(primary)\""))
    #expect(byProblem["Human Factors"] == 199)
    #expect(byProblem["Ambiguous"] == 20)
    #expect(Set(table.columns).count == 96)
  }
}
