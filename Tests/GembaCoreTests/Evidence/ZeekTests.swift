import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Zeek logs: the same events as TSV and as JSON Lines give the same counts.
@Suite(.enabled(if: ExternalProgram.runs(needing: sharedExists), "../shared/conformance is not on this machine"))
struct ZeekTests {
  static func pair(_ name: String) throws -> (tsv: EvidenceTable, json: EvidenceTable) {
    let dir = "conformance/zeek-wrccdc-sample/"
    return (
      try loadFile(sharedPath(dir + "zeek-default/\(name).log")).table,
      try loadFile(sharedPath(dir + "zeek-json/\(name).json"), format: .jsonl).table
    )
  }

  @Test(arguments: [("notice", 207), ("ssh", 22), ("dpd", 77), ("software", 376)])
  func recordCountsAgree(_ name: String, _ expected: Int) throws {
    let (tsv, json) = try Self.pair(name)
    #expect(tsv.rowCount == expected)
    #expect(json.rowCount == expected)
  }

  @Test(arguments: [
    ("dpd", "analyzer", ["HTTP": 57, "SSL": 17, "XMPP": 2, "KRB_TCP": 1]),
    (
      "software", "software_type",
      ["HTTP::BROWSER": 230, "HTTP::SERVER": 99, "HTTP::APPSERVER": 32, "SSH::SERVER": 10, "SSH::CLIENT": 5]
    ),
    ("ssh", "auth_success", ["(empty)": 15, "true": 5, "false": 2]),
    ("notice", "note", ["SSL::Invalid_Server_Cert": 207]),
  ])
  func countByAgrees(_ name: String, _ column: String, _ expected: [String: Int]) throws {
    let (tsv, json) = try Self.pair(name)
    #expect(counts(try query(tsv, "x | count by \(column)")) == expected)
    #expect(counts(try query(json, "x | count by \(column)")) == expected)
  }

  @Test func zeekColumnsAreTyped() throws {
    let (tsv, _) = try Self.pair("ssh")
    #expect(tsv.columns.first == "ts")
    #expect(tsv.columnType(tsv.columnIndex(named: "ts")!) == .dateTime)  // epoch seconds shown as ISO-8601
    #expect(tsv.columnType(tsv.columnIndex(named: "auth_success")!) == .boolean)
    #expect(tsv.columnType(tsv.columnIndex(named: "id.resp_p")!) == .integer)
  }

  @Test(arguments: ["ssh", "dpd"])
  func timesAndAddressesAgreeCellForCell(_ name: String) throws {
    let (tsv, json) = try Self.pair(name)
    for column in ["ts", "uid", "id.orig_h", "id.resp_p"] {
      let t = tsv.columnIndex(named: column)!, j = json.columnIndex(named: column)!
      #expect(
        (0..<tsv.rowCount).map { tsv.cell(row: $0, column: t) }
          == (0..<json.rowCount).map { json.cell(row: $0, column: j) }, "\(column)")
    }
  }

  @Test func syslogJSONWithEscapedDocuments() throws {
    let table = try loadFile(sharedPath("conformance/zeek-wrccdc-sample/zeek-json/syslog.json"), format: .jsonl).table
    #expect(table.rowCount == 2378)
    #expect(
      counts(try query(table, "x | count by severity")) == ["NOTICE": 1242, "INFO": 1124, "ERR": 8, "WARNING": 4])
    #expect(counts(try query(table, "x | count by facility")) == ["LOCAL0": 2378])
    #expect(table.columnType(table.columnIndex(named: "ts")!) == .dateTime)
    let message = table.cell(row: 0, column: table.columnIndex(named: "message")!)
    #expect(!message.contains("\\\""))  // JSON escapes decoded
  }
}
