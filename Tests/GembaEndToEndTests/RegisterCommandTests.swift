import Foundation
import GembaTestSupport
import Testing

/// `gemba register …` as a user runs it: the built binary, a scratch folder, answers checked
/// against what the notebooks' own text says or against SQL written here (Python's sqlite3).
@Suite(
  .enabled(if: GembaProcess.binaryExists, "build gemba first (scripts/test does)"),
  .enabled(
    if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
    "needs python3 to read the register"))
struct RegisterCommandTests {
  static let examples = [
    "exception-path", "onboarding-three-ways", "packing-errors", "refund-guidance", "sales-handoff",
  ]

  /// The five example notebooks copied into a scratch folder (notebooks only: no evidence is read).
  func examples() throws -> URL {
    let folder = try GembaProcess.scratchFolder()
    for name in Self.examples {
      let target = folder.appendingPathComponent("investigations/\(name)")
      try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
      try FileManager.default.copyItem(
        at: GembaProcess.packageRoot.appendingPathComponent("notebooks/\(name)/\(name).md"),
        to: target.appendingPathComponent("\(name).md"))
    }
    return folder
  }

  func sqlite(_ db: URL, _ sql: String) throws -> [[String]] {
    let script = """
      import json, sqlite3, sys
      rows = sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall()
      print(json.dumps([[("" if v is None else str(v)) for v in r] for r in rows]))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, db.path, sql]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try JSONDecoder().decode([[String]].self, from: data)
  }

  @Test func theExamplesIndexAndAnswer() throws {
    let folder = try examples()
    let index = try GembaProcess.run(["register", "index", "investigations"], in: folder, timeout: 120)
    #expect(index.status == 0, "\(index.stderr)")
    #expect(
      index.stdout
        == "indexed 5 notebooks (5 new, 0 changed, 0 unchanged; 0 failed) into investigations/.gemba/register.db\n")
    let again = try GembaProcess.run(["register", "index", "investigations"], in: folder, timeout: 120)
    #expect(again.stdout.contains("(0 new, 0 changed, 5 unchanged; 0 failed)"))
    let db = ["--db", "investigations/.gemba/register.db"]

    // Overdue, worked out from each notebook's text: `action Fx … --due D` numbered in order,
    // less those a later `done`, `effective` or `not-effective` cell closed.
    let asOf = "2027-01-20"
    var expected: Set<String> = []
    for name in Self.examples {
      let text = try GembaProcess.read(folder.appendingPathComponent("investigations/\(name)/\(name).md"))
      #expect(!text.contains("```gemba\nundo"), "the count below assumes no undo in \(name)")
      var number = 0
      var due: [String: String] = [:]
      var closed: Set<String> = []
      for block in text.components(separatedBy: "```gemba\n").dropFirst() {
        let command = block.components(separatedBy: "\n```").first ?? ""
        if command.hasPrefix("action ") {
          number += 1
          if let range = command.range(of: #"--due \d{4}-\d\d-\d\d"#, options: .regularExpression) {
            due["A\(number)"] = String(command[range].dropFirst(6))
          }
        }
        for verb in ["done ", "effective ", "not-effective "] where command.hasPrefix(verb) {
          closed.insert(String(command.dropFirst(verb.count).prefix { $0 != " " && $0 != "\n" }))
        }
      }
      for (id, date) in due where !closed.contains(id) && date < asOf { expected.insert("\(name):\(id)") }
    }
    #expect(!expected.isEmpty)
    let overdue = try GembaProcess.run(
      ["register", "actions", "--overdue", "--as-of", asOf, "--format", "csv"] + db,
      in: folder, timeout: 60)
    #expect(overdue.status == 0, "\(overdue.stderr)")
    let got = overdue.stdout.split(separator: "\n").dropFirst().map { line -> String in
      let fields = line.split(separator: ",")
      return URL(fileURLWithPath: String(fields[0])).deletingPathExtension().lastPathComponent + ":" + fields[1]
    }
    #expect(Set(got) == expected)
    #expect(got.count == expected.count)

    // The table is aligned and says what "today" was.
    let table = try GembaProcess.run(
      ["register", "actions", "--overdue", "--as-of", asOf] + db, in: folder, timeout: 60)
    #expect(table.stdout.hasPrefix("Overdue actions (as of \(asOf))\nnotebook "))

    // KPIs: the Pareto against SQL written here over the register's rows.
    let kpis = try GembaProcess.run(["register", "kpis", "--format", "json"] + db, in: folder, timeout: 60)
    #expect(kpis.status == 0)
    let json = try JSONSerialization.jsonObject(with: Data(kpis.stdout.utf8)) as! [String: Any]
    let sections = json["sections"] as! [[String: Any]]
    let pareto = (sections[3]["rows"] as! [[String: Any]]).map { "\($0["category"]!)=\($0["count"]!)" }
    let register = folder.appendingPathComponent("investigations/.gemba/register.db")
    let independent = try sqlite(
      register,
      """
      SELECT category, COUNT(*) FROM causes WHERE kind = 'fishbone' AND status = 'confirmed'
      GROUP BY category ORDER BY COUNT(*) DESC, category
      """
    ).map { "\($0[0])=\($0[1])" }
    #expect(pareto == independent)
    #expect(!pareto.isEmpty)

    // Recurring causes prints its table (the examples are different investigations: maybe none).
    let causes = try GembaProcess.run(["register", "causes", "--recurring"] + db, in: folder, timeout: 60)
    #expect(causes.status == 0)
    #expect(causes.stdout.hasPrefix("Recurring causes\n"))
    // The questions find the register from the folder it is in, without --db.
    let here = try GembaProcess.run(
      ["register", "investigations", "--state", "signed"],
      in: folder.appendingPathComponent("investigations"), timeout: 60)
    #expect(here.status == 0, "\(here.stderr)")
    // Signed: a sign-off while some action is open or not effective, or there is no action (docs/register.md, "States").
    let signed = Int(
      try sqlite(
        register,
        """
        SELECT COUNT(*) FROM investigations i WHERE i.status = 'ok'
          AND EXISTS (SELECT 1 FROM signoffs s WHERE s.investigation = i.id)
          AND (NOT EXISTS (SELECT 1 FROM actions a WHERE a.investigation = i.id)
            OR EXISTS (SELECT 1 FROM actions a WHERE a.investigation = i.id AND a.state NOT IN ('done', 'effective')))
        """)[0][0])!
    #expect(here.stdout.split(separator: "\n").count == 3 + signed)

    // What a quality manager sees, in the CI log: the examples' overdue actions, recurring causes and KPIs.
    let kpiTable = try GembaProcess.run(["register", "kpis"] + db, in: folder, timeout: 60)
    print("register of the five examples\n\n" + table.stdout + "\n" + causes.stdout + "\n" + kpiTable.stdout)
  }

  @Test func theHTMLDashboardEscapesText() throws {
    let folder = try GembaProcess.scratchFolder()
    let script = """
      title "<script>alert(1)</script> & co"
      problem "x < y"
      fishbone "x" --template 6M
      cause Machine "a <b>bold</b> cause"
      confirm C1 --because seen
      """
    let made = try GembaProcess.run(["nb.md"], stdin: script, in: folder, timeout: 60)
    #expect(made.status == 0, "\(made.stderr)")
    _ = try GembaProcess.run(["register", "index", "."], in: folder, timeout: 60)
    let page = try GembaProcess.run(["register", "investigations", "--format", "html"], in: folder, timeout: 60)
    #expect(page.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(!page.stdout.contains("<script>"))
    #expect(page.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"))
  }

  @Test func badInputIsNamedWithWhatToDo() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["good.md"], stdin: "title ok\nproblem \"it breaks\"\n", in: folder, timeout: 60)
    _ = try GembaProcess.run(["bad.md"], stdin: "title bad\nproblem \"it also breaks\"\n", in: folder, timeout: 60)
    let bad = folder.appendingPathComponent("bad.md")
    try (try GembaProcess.read(bad)).replacingOccurrences(of: "problem: it also breaks", with: "problem: fine")
      .write(to: bad, atomically: true, encoding: .utf8)
    try "<!-- gemba notebook v9 -->\n".write(
      to: folder.appendingPathComponent("future.md"), atomically: true, encoding: .utf8)
    let index = try GembaProcess.run(["register", "index", "."], in: folder, timeout: 60)
    #expect(index.status == 1)
    #expect(index.stdout == "indexed 3 notebooks (1 new, 0 changed, 0 unchanged; 2 failed) into .gemba/register.db\n")
    #expect(index.stderr.contains("warning: tampered: bad.md: line "))
    #expect(
      index.stderr.contains("warning: skipped: future.md was written by a newer gemba (format v9); upgrade gemba"))
    let listed = try GembaProcess.run(["register", "investigations", "--format", "csv"], in: folder, timeout: 60)
    // Nothing of a tampered notebook is trusted: no title, no state, only its status and cells.
    #expect(listed.stdout.contains("\nbad.md,,tampered,2,"))

    let password = try GembaProcess.run(
      ["register", "kpis", "--db", "postgresql://qa:secret@db/capa"], in: folder, timeout: 60)
    #expect(password.status == 2)
    #expect(password.stderr.contains("the URL holds a password; use PGPASSWORD or ~/.pgpass"))
    #expect(!password.stderr.contains("secret"))

    // Schemes are case-insensitive: an upper-case one is PostgreSQL at the host and port typed
    // (port 1: nothing listens), neither refused nor sent to the local socket.
    for url in ["POSTGRESQL://qa@127.0.0.1:1/capa", "Postgres://qa@127.0.0.1:1/capa"] {
      let upper = try GembaProcess.run(["register", "kpis", "--db", url], in: folder, timeout: 60)
      #expect(upper.status != 0)
      #expect(upper.stderr.contains("the server does not answer at 127.0.0.1:1"), "\(upper.stderr)")
    }

    let nowhere = try GembaProcess.run(["register", "kpis", "--db", "sqlite:missing.db"], in: folder, timeout: 60)
    #expect(nowhere.status != 0)
    #expect(nowhere.stderr.contains("no register at missing.db"))

    _ = try sqliteExec(folder.appendingPathComponent(".gemba/register.db"), "UPDATE schema_version SET version = 9")
    let newer = try GembaProcess.run(["register", "kpis"], in: folder, timeout: 60)
    #expect(newer.status != 0)
    #expect(newer.stderr.contains("register .gemba/register.db has schema 9; this gemba knows up to 8: upgrade gemba"))

    let usage = try GembaProcess.run(["register", "actions", "--state", "open"], in: folder, timeout: 60)
    #expect(usage.status == 2)
    #expect(usage.stderr.contains("`gemba register actions` does not take --state"))
  }

  /// After a schema upgrade, a notebook no run has re-read still holds rows by the older rules:
  /// every question says so (with what to do) until it is indexed again.
  @Test func notebooksNotReadSinceAnUpgradeAreNamed() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["a.md"], stdin: "title a\nproblem \"it breaks\"\n", in: folder, timeout: 60)
    _ = try GembaProcess.run(["b.md"], stdin: "title b\nproblem \"it breaks too\"\n", in: folder, timeout: 60)
    let index = try GembaProcess.run(["register", "index", "."], in: folder, timeout: 60)
    #expect(index.status == 0, "\(index.stderr)")
    #expect(!index.stderr.contains("older gemba"))
    // What a migration leaves: the stamp and chain head cleared, so the next run re-reads them.
    #expect(
      try sqliteExec(
        folder.appendingPathComponent(".gemba/register.db"),
        "UPDATE investigations SET chain_head = NULL, file_size = NULL, file_mtime = NULL") == 0)
    let kpis = try GembaProcess.run(["register", "kpis"], in: folder, timeout: 60)
    #expect(kpis.status == 0)
    #expect(kpis.stderr.contains("warning: 2 notebooks were indexed by an older gemba and not read since (a.md, b.md)"))
    #expect(kpis.stderr.contains("run `gemba register index` on their folders"))
    let again = try GembaProcess.run(["register", "index", "."], in: folder, timeout: 60)
    #expect(again.stdout.contains("(0 new, 2 changed, 0 unchanged; 0 failed)"))
    #expect(!again.stderr.contains("older gemba"))
    let after = try GembaProcess.run(["register", "kpis"], in: folder, timeout: 60)
    #expect(!after.stderr.contains("older gemba"))
  }

  func sqliteExec(_ db: URL, _ sql: String) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()",
      db.path, sql,
    ]
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  @Test func twoIndexersAtOnceNeitherFailNorDuplicate() throws {
    let folder = try GembaProcess.scratchFolder()
    let generate = Process()
    generate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    generate.arguments = [
      "python3", GembaProcess.packageRoot.appendingPathComponent("scripts/gen-notebooks").path, "60",
      folder.appendingPathComponent("nbs").path,
    ]
    try generate.run()
    generate.waitUntilExit()
    #expect(generate.terminationStatus == 0)
    nonisolated(unsafe) var results: [GembaProcess.Result?] = [nil, nil]
    let threads = (0..<2).map { i in
      Thread {
        results[i] = try? GembaProcess.run(["register", "index", "nbs"], in: folder, timeout: 180)
      }
    }
    threads.forEach { $0.start() }
    while results.contains(where: { $0 == nil }) { Thread.sleep(forTimeInterval: 0.05) }
    for result in results {
      #expect(result?.status == 0, "\(result?.stderr ?? "")")
    }
    // Between them every notebook is new exactly once; the other saw it as unchanged.
    // (Read defensively: a failed run has no "(N new" to read, and must fail the test, not crash the suite.)
    let news = results.compactMap { r in
      r.flatMap { result -> Int? in
        let parts = result.stdout.split(separator: "(")
        return parts.count > 1 ? parts[1].split(separator: " ").first.flatMap { Int($0) } : nil
      }
    }
    #expect(news.reduce(0, +) == 60)
    let db = folder.appendingPathComponent("nbs/.gemba/register.db")
    #expect(try sqlite(db, "SELECT COUNT(*), COUNT(DISTINCT path) FROM investigations") == [["60", "60"]])
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("nbs").path)
      .filter { $0.hasSuffix(".md") }.count
    #expect(files == 60)
    // Each action once: as many rows as `action` cells in the notebooks.
    var actions = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("nbs").path)
    where name.hasSuffix(".md") {
      actions +=
        try GembaProcess.read(folder.appendingPathComponent("nbs/\(name)")).components(separatedBy: "```gemba\naction ")
        .count - 1
    }
    #expect(try sqlite(db, "SELECT COUNT(*) FROM actions") == [["\(actions)"]])
  }
}
