import CLibPQ
import Foundation
import GembaCore
import GembaTestSupport
import Testing
@testable import GembaStore

/// What reaches libpq from a URL typed with an upper-case scheme, on both paths that take one:
/// the register's `--db` (`openDatabase`) and `load sql` (`EvidenceQuery`).
@Suite struct DatabaseURLPathsTests {
  /// libpq's own reading of a connection string (`PQconninfoParse`): the independent answer.
  static func libpqReads(_ conninfo: String) -> [String: String] {
    var error: UnsafeMutablePointer<CChar>?
    guard let options = PQconninfoParse(conninfo, &error) else {
      PQfreemem(error)
      return [:]
    }
    defer { PQconninfoFree(options) }
    var read: [String: String] = [:]
    var option = options
    while let keyword = option.pointee.keyword {
      if let value = option.pointee.val { read[String(cString: keyword)] = String(cString: value) }
      option += 1
    }
    return read
  }

  @Test(arguments: ["POSTGRESQL://qa@h:5433/db", "Postgres://qa@h:5433/db", "postgresql://qa@h:5433/db"])
  func libpqReadsTheHostPortAndDatabaseTyped(url: String) throws {
    guard case .postgresql(let location) = try DatabaseURL(parsing: url) else {
      Issue.record("`\(url)` is not PostgreSQL")
      return
    }
    let (keywords, values) = PostgresDatabase.connectionParameters(location, connectTimeout: 5)
    let given = try #require(keywords.firstIndex(of: "dbname").map { values[$0] })
    let read = Self.libpqReads(given)
    #expect(read["host"] == "h" && read["port"] == "5433" && read["dbname"] == "db" && read["user"] == "qa", "\(read)")
  }

  /// Why the scheme is lowered: libpq takes only `postgresql://` and `postgres://` as a URL.
  @Test func libpqDoesNotSeeAnUpperCaseSchemeAsAURL() {
    #expect(Self.libpqReads("POSTGRESQL://qa@h:5433/db")["host"] == nil)
  }

  /// Port 1 has no server: the connect error names the host and port libpq tried.
  @Test(arguments: ["POSTGRESQL://qa@127.0.0.1:1/capa", "PostgreSQL://qa@127.0.0.1:1/capa"])
  func bothPathsConnectToTheHostAndPortTyped(url: String) throws {
    let register = try #require(throws: SQLError.self) { try openDatabase(DatabaseURL(parsing: url)) }
    #expect(register.reason == .connect)
    #expect(register.message.contains("127.0.0.1:1"), "\(register.message)")
    let load = try #require(throws: SQLError.self) {
      try EvidenceQuery.run("SELECT 1", on: url, limit: 10, timeoutSeconds: 5, folder: ".")
    }
    #expect(load.reason == .connect)
    #expect(load.message.contains("127.0.0.1:1"), "\(load.message)")
  }

  /// Against the test server, its URL with the scheme in upper case answers on both paths.
  @Test(.enabled(if: TestPostgres.runs, TestPostgres.skipReason))
  func anUpperCaseSchemeReachesTheServer() throws {
    let url = try TestPostgres.requireURL()
    let separator = try #require(url.range(of: "://"))
    let upper = url[..<separator.lowerBound].uppercased() + url[separator.lowerBound...]
    let db = try openDatabase(DatabaseURL(parsing: upper))
    #expect(try db.execute("SELECT 41 + 1", []).rows == [[.integer(42)]])
    let answer = try EvidenceQuery.run("SELECT 41 + 1 AS n", on: upper, limit: 10, timeoutSeconds: 5, folder: ".")
    #expect(answer.rows == 1 && answer.csv.contains("42"))
  }
}
