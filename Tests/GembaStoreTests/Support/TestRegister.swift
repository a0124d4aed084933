import GembaCore

@testable import GembaStore

/// One register the tests index into and ask.
struct TestRegister {
  let db: any SQLDatabase
  let name: String
  /// The PostgreSQL schema it lives in.
  let schema: String?

  @discardableResult
  func index(_ paths: [String], now: String = "2026-04-01T00:00:00Z") throws -> RegisterIndexer.Report {
    try RegisterIndexer(db: db, name: name).index(paths, now: now)
  }

  func questions() throws -> RegisterQuestions { try RegisterQuestions(db: db, name: name) }

  func rows(_ sql: String, _ parameters: [SQLValue] = []) throws -> [[SQLValue]] {
    try db.execute(sql, parameters).rows
  }

  /// The URL of this register for another connection or a `gemba` process (`search_path` in libpq's options).
  var url: String {
    guard let schema else { return "sqlite:" + name }
    return name + (name.contains("?") ? "&" : "?") + "options=-csearch_path%3D" + schema
  }

  func drop() {
    if let schema { try? db.executeScript("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
  }
}
