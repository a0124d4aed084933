import Foundation
import GembaCore
import GembaTestSupport
import Testing

@testable import GembaStore

/// Issue 23, finding 4: the case's identity (`case`) is in the register, one row per
/// investigation that set one, the same on SQLite and PostgreSQL, amendments folded in.
@Suite(.serialized) struct RegisterCaseTests {
  static let notebook = [
    "@2026-03-02T09:00:00Z title Short brackets",
    "@2026-03-02T09:00:00Z case \"8D-2026-014\" --customer \"Acme Motors\" --part \"4471-B rear bracket\" --site \"Plant 1\"",
    "@2026-03-03T09:00:00Z case --complaint C-88121 --reported-by \"Acme SQE\" --site \"Plant 2\"",
  ]

  static let expected: [[SQLValue]] = [
    [
      .text("8D-2026-014"), .text("Acme Motors"), .text("4471-B rear bracket"), .text("C-88121"), .text("Acme SQE"),
      .text("Plant 2"),
    ]
  ]

  static let query =
    "SELECT number, customer, part, complaint, reported_by, site FROM cases c JOIN investigations i ON i.id = c.investigation WHERE i.path LIKE '%case.md'"

  func check(_ engine: SQLEngine) throws {
    let f = try RegisterFixtures()
    defer { f.remove() }
    try f.notebook("case.md", Self.notebook)
    try f.notebook("first.md", RegisterFixtures.first)
    let register = try f.register(engine)
    defer { register.drop() }
    try register.index([f.folder.path])
    #expect(try register.rows(Self.query) == Self.expected)
    // Only the notebook that set a case has a row.
    #expect(try register.rows("SELECT COUNT(*) FROM cases") == [[.integer(1)]])

    // Amended in the notebook (a new cell) and indexed again: the row follows.
    try f.notebook("case.md", Self.notebook + ["@2026-03-04T09:00:00Z case --customer \"Acme Motors GmbH\""])
    try register.index([f.folder.path])
    var amended = Self.expected
    amended[0][1] = .text("Acme Motors GmbH")
    #expect(try register.rows(Self.query) == amended)
  }

  @Test func theCaseIsStoredInSQLite() throws { try check(.sqlite) }

  @Test(.enabled(if: TestPostgres.runs, TestPostgres.skipReason))
  func theCaseIsStoredInPostgreSQL() throws { try check(.postgresql) }
}
