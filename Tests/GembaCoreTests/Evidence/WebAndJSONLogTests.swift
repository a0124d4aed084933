import Foundation
import Testing
@testable import GembaCore

/// Access logs and JSON logs: their fields as columns, their times typed.
@Suite struct WebAndJSONLogTests {
  @Test func combinedLogFormat() throws {
    let log = """
      127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"
      10.0.0.2 - - [10/Oct/2000:14:01:02 -0700] "POST /login HTTP/1.1" 500 - "-" "curl/7.1"
      192.168.1.9 - - [11/Oct/2000:09:00:00 +0000] "GET /index.html HTTP/1.1" 404 153

      """
    let table = try loadText(log, format: .log, path: "access.log").table
    #expect(
      table.columns == [
        "client", "ident", "user", "time", "method", "path", "protocol", "status", "bytes", "referer", "agent",
      ])
    #expect(table.cell(row: 0, column: 2) == "frank" && table.cell(row: 0, column: 5) == "/apache_pb.gif")
    #expect(table.cell(row: 1, column: 8) == "" && table.cell(row: 2, column: 10) == "")
    #expect(table.columnType(3) == .dateTime && table.columnType(7) == .integer)
    guard case .count(let n) = try query(table, "x | where time >= 2000-10-11 | count") else {
      Issue.record("count"); return
    }
    #expect(n == 1)  // 14:01 -0700 on the 10th is 21:01 UTC, still the 10th
  }

  @Test func aLogOfJSONObjectsLoadsAsItsKeys() throws {
    let log =
      "{\"ts\":\"2026-03-01T10:00:00Z\",\"level\":\"info\",\"msg\":\"started\"}\n{\"ts\":\"2026-03-01T10:00:05Z\",\"level\":\"error\",\"msg\":\"timeout\"}\n"
    let result = try loadText(log, format: .log, path: "app.log")
    #expect(result.table.columns == ["ts", "level", "msg"])
    #expect(result.table.cell(row: 1, column: 2) == "timeout")
    #expect(result.table.columnType(0) == .dateTime)
    #expect(EvidenceTextRenderer().loaded(result).contains("JSON layout"))
  }
}
