import Foundation
import GembaTestSupport
import GembaCore
import Testing

@testable import GembaStore

/// Notebooks written by a real `Session` (so chains and data are gemba's own), in a scratch folder.
struct RegisterFixtures {
  let folder: URL

  init(_ name: String = #function) throws {
    folder = try ScratchFolder.make("register", for: name)
  }

  /// Runs `commands` (one per line, all at `time`, or each line's own `@TIME ` prefix) and writes the
  /// notebook; returns the investigation the session folded.
  @discardableResult
  func notebook(
    _ name: String, _ commands: [String], time: String = "2026-03-02T09:00:00Z",
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Investigation {
    let session = Session(displayStyle: .record, workspace: EvidenceWorkspace(files: MemoryFiles(Self.files)))
    var text = NotebookFormat.header
    for line in commands {
      var command = line
      var at = time
      if line.hasPrefix("@") {
        let space = line.firstIndex(of: " ")!
        at = String(line[line.index(after: line.startIndex)..<space])
        command = String(line[line.index(after: space)...])
      }
      switch session.run(command, time: at) {
      case .cell(let cell, _, _): text += NotebookFormat.render(cell)
      case .rejected(let d):
        Issue.record("fixture command rejected: \(command): \(d.message)", sourceLocation: sourceLocation)
      default: break
      }
    }
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return session.investigation
  }

  var db: String { folder.appendingPathComponent(".gemba-test/register.db").path }

  func index(_ paths: [String]? = nil, now: String = "2026-04-01T00:00:00Z") throws -> RegisterIndexer.Report {
    try FileManager.default.createDirectory(
      atPath: folder.appendingPathComponent(".gemba-test").path,
      withIntermediateDirectories: true)
    let database = try SQLiteDatabase(path: db)
    return try RegisterIndexer(db: database, name: db).index(paths ?? [folder.path], now: now)
  }

  func questions() throws -> RegisterQuestions {
    try RegisterQuestions(db: try SQLiteDatabase(path: db), name: db)
  }

  func remove() { try? FileManager.default.removeItem(at: folder) }

  /// A register on `engine`: this folder's SQLite file, or a fresh schema of its own on the test
  /// PostgreSQL server (`search_path` set on the connection), dropped by `drop()`.
  func register(_ engine: SQLEngine) throws -> TestRegister {
    switch engine {
    case .sqlite:
      try FileManager.default.createDirectory(
        atPath: folder.appendingPathComponent(".gemba-test").path,
        withIntermediateDirectories: true)
      return TestRegister(db: try SQLiteDatabase(path: db), name: db, schema: nil)
    case .postgresql:
      let schema = "register_" + folder.lastPathComponent.lowercased().filter { $0.isLetter || $0.isNumber }
      let pg = try PostgresDatabase(url: try TestPostgres.requireURL())
      try pg.executeScript(
        "SET client_min_messages = warning; DROP SCHEMA IF EXISTS \(schema) CASCADE; CREATE SCHEMA \(schema);"
          + " SET search_path TO \(schema)")
      return TestRegister(db: pg, name: try TestPostgres.requireURL(), schema: schema)
    }
  }

  /// The evidence the fixtures load: checks by week, and dated defects for a planned check.
  static let files = [
    "checks.csv": "week,fails\n1,9\n2,1\n",
    "defects.csv":
      "found_at,line\n2026-01-02,B\n2026-01-03,B\n2026-01-06,B\n2026-01-13,B\n2026-01-21,A\n2026-01-24,B\n",
  ]

  /// A corrective-action record (docs/corrective-action.md): a team, two containments (K1
  /// verified on 2026-01-06, K2 due 2026-01-03 and never verified), an escape point, extent, and
  /// an action with a planned check judged inconclusive (two weeks of data after 2026-01-11) on
  /// 2026-01-27, so it stays done; A2 stays open. No cause is confirmed: the investigation is `contained`.
  static let corrective = [
    "@2026-01-02T09:00:00Z title Seal leaks",
    "@2026-01-02T09:00:00Z problem Seals leak after the press change",
    "@2026-01-02T09:00:00Z process Assembly kit press seal",
    "@2026-01-02T09:01:00Z team \"Dana Ortiz\" --role champion",
    "@2026-01-02T09:02:00Z team \"Sam Lee\" --role leader",
    "@2026-01-02T09:05:00Z contain \"sort all seals before shipping\" --owner \"Sam Lee\" --due 2026-01-04",
    "@2026-01-02T09:06:00Z contain \"hold lot 42\" --owner \"Dana Ortiz\" --due 2026-01-03",
    "@2026-01-02T09:10:00Z load defects.csv as defects",
    "@2026-01-06T09:00:00Z contained K1 --evidence defects#3",
    "@2026-01-06T09:05:00Z escape \"the leak test was skipped at seal\" --step S3",
    "@2026-01-07T09:00:00Z fishbone \"Seal leaks\" --template 6M",
    "@2026-01-07T09:01:00Z cause Machine \"the press overheats the seal\"",
    "@2026-01-07T09:02:00Z finding \"seals deform at the press\" --step S2 --cause C1",
    "@2026-01-07T09:03:00Z action F1 \"retime the press\" --owner \"Sam Lee\" --due 2026-01-20 --review monthly --verify \"defects | timeline found_at --every week\" --target \"<= 2 per week\" --after 2026-01-11",
    "@2026-01-07T09:03:30Z action F1 \"train the press operators\" --owner \"Sam Lee\" --due 2026-01-15",
    "@2026-01-07T09:04:00Z elsewhere \"press line 2 uses the same seal\" --action A1",
    "@2026-01-07T09:05:00Z elsewhere \"the spare press\" --none \"not used since 2024\"",
    "@2026-01-10T09:00:00Z done A1",
    "@2026-01-27T09:00:00Z effective A1 --judged-by \"Dana Ortiz\"",
  ]

  /// Two investigations of a recurring problem: labels that fail to scan, under Machine, with
  /// an action judged effective in the first, and the problem back in the second.
  static let first = [
    "@2026-01-05T09:00:00Z title Scan failures at pick",
    "@2026-01-05T09:00:00Z problem Labels fail to scan at the pick station",
    "@2026-01-05T09:00:00Z process Fulfilment pick pack ship",
    "@2026-01-05T09:00:00Z fishbone \"Scan failures\" --template 6M",
    "@2026-01-05T09:05:00Z cause Machine \"the scanner fails on scuffed labels\"",
    "@2026-01-05T09:06:00Z cause Method \"nobody owns label condition\"",
    "@2026-01-05T09:07:00Z cause Manpower \"new pickers are not trained\"",
    "@2026-01-09T10:00:00Z confirm C1 --because 80 of 90 failures were scuffed labels",
    "@2026-01-09T10:01:00Z root C1",
    "@2026-01-09T10:02:00Z rule-out C3 --because trained and new pickers fail alike",
    "@2026-01-10T10:00:00Z finding \"scuffed labels at the pick\" --step S1 --cause C1 C2",
    "@2026-01-10T10:01:00Z action F1 \"replace the zone C labels\" --owner \"Tom Reyes\" --due 2026-01-20 --review monthly --standard \"WH-SOP-07\"",
    "@2026-01-10T10:02:00Z action F1 \"add labels to the 5S audit\" --owner \"Ann Lee\" --due 2026-02-15",
    "@2026-01-10T10:03:00Z action F1 \"retrain the late shift\" --owner \"tom reyes\" --due 2026-03-30 --review weekly",
    "@2026-01-18T10:00:00Z done A1",
    "@2026-01-25T10:00:00Z done A3",
    "@2026-02-01T10:00:00Z done A2",
    "@2026-02-10T10:00:00Z load checks.csv as checks",
    "@2026-02-10T10:01:00Z effective A1 --evidence checks#2",
  ]
  static let second = [
    "@2026-02-20T08:00:00Z title Scan failures again",
    "@2026-02-20T08:00:00Z problem Labels fail to scan at the pick station in zone D",
    "@2026-02-20T08:00:00Z process Fulfilment pick pack ship",
    "@2026-02-20T08:00:00Z fishbone \"Scan failures\" --template 6M",
    "@2026-02-20T08:05:00Z cause Machine \"scanner fails on the scuffed labels\"",
    "@2026-02-20T08:06:00Z cause Material \"labels fade in storage\"",
    "@2026-02-25T08:00:00Z confirm C1 --because the same pattern as in January",
    "@2026-02-25T08:01:00Z root C1",
    "@2026-02-26T08:00:00Z finding \"scuffed labels again\" --step S1 --cause C1",
    "@2026-02-26T08:01:00Z action F1 \"protect labels with a cover\" --owner \"Ann Lee\" --due 2026-03-01 --standard \"wh-sop-07\"",
  ]
}

/// Evidence held in memory (the fixtures cite rows without a file on disk).
final class MemoryFiles: EvidenceFileSystem {
  let files: [String: String]
  init(_ files: [String: String]) { self.files = files }
  var folderName: String { "/memory" }
  func locate(_ path: Located<String>) throws(Diagnostic) -> String { path.value }
  func kind(of file: String) -> EvidenceFileKind { files[file] != nil ? .regular : .missing }
  func open(_ file: String) throws(EvidenceError) -> OpenedEvidence {
    OpenedEvidence(bytes: ByteSource(text: files[file] ?? ""))
  }
  func readText(_ file: String) -> String? { files[file] }
  func stamp(of file: String) -> [Int]? { files[file].map { [$0.utf8.count] } }
}

/// SQL the register tests share as their independent answer.
enum RegisterCrossCheck {
  /// `WITH effective AS (…),`: every action judged effective, with the problem wording group or the
  /// cause group (`kind:category:group`) it belongs to, from the base tables (`wordings` joined).
  static let effectiveActionsByGroup = """
    WITH effective AS (
      SELECT 'problem' AS basis, w.wording_group AS grp, i.label, a.action_id, a.judged_at
      FROM actions a JOIN investigations i ON i.id = a.investigation AND i.status = 'ok'
      JOIN problems p ON p.investigation = i.id
      JOIN wordings w ON w.kind = 'problem' AND w.category = '' AND w.terms = p.terms
      WHERE a.effective = 1 AND a.judged_at IS NOT NULL AND p.terms <> ''
      UNION
      SELECT 'cause', c.kind || ':' || c.category || ':' || w.wording_group, i.label, a.action_id, a.judged_at
      FROM actions a JOIN investigations i ON i.id = a.investigation AND i.status = 'ok'
      JOIN finding_causes fc ON fc.investigation = a.investigation AND fc.finding_id = a.finding_id
      JOIN causes c ON c.investigation = fc.investigation AND c.cause_id = fc.cause_id
      JOIN wordings w ON w.kind = 'cause' AND w.category = c.category AND w.terms = c.terms
      WHERE a.effective = 1 AND a.judged_at IS NOT NULL AND c.terms <> ''
    ),
    """

  /// `later AS (…)`: every investigation's problem and confirmed causes with their group, the rows
  /// a recurrence is looked for in.
  static let problemsAndCausesByGroup = """
    later AS (
      SELECT 'problem' AS basis, w.wording_group AS grp, l.id, p.statement AS shown
      FROM investigations l JOIN problems p ON p.investigation = l.id
      JOIN wordings w ON w.kind = 'problem' AND w.category = '' AND w.terms = p.terms WHERE l.status = 'ok'
      UNION
      SELECT 'cause', c.kind || ':' || c.category || ':' || w.wording_group, l.id, c.cause_id || ' ' || c.text
      FROM investigations l JOIN causes c ON c.investigation = l.id AND c.status = 'confirmed'
      JOIN wordings w ON w.kind = 'cause' AND w.category = c.category AND w.terms = c.terms WHERE l.status = 'ok'
    )
    """
}
