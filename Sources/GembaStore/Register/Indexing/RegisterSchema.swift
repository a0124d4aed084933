/// The register's tables, as a list of migrations. Migration N is a list of statements that
/// take schema N−1 to N; `schema_version` holds the number reached. Types and syntax are the
/// ones SQLite and PostgreSQL both accept (TEXT, BIGINT, DOUBLE PRECISION; no engine-only
/// functions), so one list serves both engines. Add a migration at the end; never edit one
/// that has shipped (docs/register.md, "Adding a migration").
public enum RegisterSchema {
  public static let migrations: [[String]] = [
    // 1: the investigations and what they hold.
    [
      """
      CREATE TABLE investigations (
        id TEXT PRIMARY KEY, path TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
        status TEXT NOT NULL, detail TEXT, format BIGINT,
        title TEXT, process TEXT, state TEXT,
        cells BIGINT NOT NULL, chain_head TEXT,
        first_cell_at TEXT, first_day BIGINT, last_cell_at TEXT, last_day BIGINT,
        root_confirmed_at TEXT, root_day BIGINT,
        contained_at TEXT, contained_day BIGINT,
        closed_at TEXT, closed_day BIGINT,
        file_size BIGINT, file_mtime BIGINT, indexed_at TEXT)
      """,
      """
      CREATE TABLE problems (
        investigation TEXT PRIMARY KEY REFERENCES investigations(id) ON DELETE CASCADE,
        statement TEXT NOT NULL, expected TEXT, actual TEXT, terms TEXT NOT NULL, cell BIGINT)
      """,
      """
      CREATE TABLE steps (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        step_id TEXT NOT NULL, name TEXT NOT NULL, owner TEXT, position BIGINT NOT NULL,
        PRIMARY KEY (investigation, step_id))
      """,
      """
      CREATE TABLE causes (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        cause_id TEXT NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL, text TEXT NOT NULL,
        status TEXT NOT NULL, is_root BIGINT NOT NULL, parent_id TEXT, rationale TEXT, terms TEXT NOT NULL,
        cell BIGINT, judged_cell BIGINT, judged_at TEXT, judged_day BIGINT,
        PRIMARY KEY (investigation, cause_id))
      """,
      """
      CREATE TABLE findings (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        finding_id TEXT NOT NULL, text TEXT NOT NULL,
        step_id TEXT, step_name TEXT, to_step_id TEXT, to_step_name TEXT, cell BIGINT,
        PRIMARY KEY (investigation, finding_id))
      """,
      """
      CREATE TABLE finding_causes (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        finding_id TEXT NOT NULL, cause_id TEXT NOT NULL,
        PRIMARY KEY (investigation, finding_id, cause_id))
      """,
      """
      CREATE TABLE actions (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        action_id TEXT NOT NULL, finding_id TEXT NOT NULL, text TEXT NOT NULL, owner TEXT,
        due TEXT, due_day BIGINT, review TEXT, review_due TEXT, review_due_day BIGINT, standard TEXT,
        state TEXT NOT NULL, done_at TEXT, done_day BIGINT, effective BIGINT, outcome TEXT,
        judged_at TEXT, judged_day BIGINT, cell BIGINT,
        PRIMARY KEY (investigation, action_id))
      """,
      """
      CREATE TABLE signoffs (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        position BIGINT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL, signed_at TEXT NOT NULL,
        signed_day BIGINT, chain TEXT NOT NULL, cell BIGINT NOT NULL,
        PRIMARY KEY (investigation, position))
      """,
      """
      CREATE TABLE evidence (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        position BIGINT NOT NULL, name TEXT NOT NULL, path TEXT NOT NULL, format TEXT NOT NULL,
        row_count BIGINT NOT NULL, sha256 TEXT NOT NULL, cell BIGINT NOT NULL,
        PRIMARY KEY (investigation, position))
      """,
      // Similar wordings share a group (WordingGroups): recomputed after each indexing run.
      """
      CREATE TABLE wordings (
        kind TEXT NOT NULL, category TEXT NOT NULL, terms TEXT NOT NULL, wording_group TEXT NOT NULL,
        PRIMARY KEY (kind, category, terms))
      """,
    ],
    // 2: indexes for the questions.
    [
      "CREATE INDEX investigations_status ON investigations (status, state)",
      "CREATE INDEX causes_wording ON causes (category, terms)",
      "CREATE INDEX actions_state ON actions (state, due_day)",
      "CREATE INDEX actions_review ON actions (review_due_day)",
      "CREATE INDEX finding_causes_cause ON finding_causes (investigation, cause_id)",
    ],
    // 3: the corrective-action record (docs/corrective-action.md): team, containment, escape
    // points, extent, planned checks and their verdicts, what a sign-off means.
    [
      """
      CREATE TABLE team (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        name TEXT NOT NULL, role TEXT NOT NULL, cell BIGINT,
        PRIMARY KEY (investigation, name))
      """,
      """
      CREATE TABLE containments (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        containment_id TEXT NOT NULL, text TEXT NOT NULL, owner TEXT, due TEXT, due_day BIGINT,
        state TEXT NOT NULL, verified_at TEXT, verified_day BIGINT, cell BIGINT,
        PRIMARY KEY (investigation, containment_id))
      """,
      """
      CREATE TABLE escapes (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        escape_id TEXT NOT NULL, text TEXT NOT NULL, step_id TEXT, step_name TEXT, cell BIGINT,
        PRIMARY KEY (investigation, escape_id))
      """,
      """
      CREATE TABLE extent_checks (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        extent_id TEXT NOT NULL, text TEXT NOT NULL, action_id TEXT, none_reason TEXT, cell BIGINT,
        PRIMARY KEY (investigation, extent_id))
      """,
      "ALTER TABLE actions ADD COLUMN check_query TEXT",
      "ALTER TABLE actions ADD COLUMN check_target TEXT",
      "ALTER TABLE actions ADD COLUMN check_after TEXT",
      "ALTER TABLE actions ADD COLUMN check_after_day BIGINT",
      "ALTER TABLE actions ADD COLUMN verdict TEXT",
      "ALTER TABLE actions ADD COLUMN last_judged_at TEXT",
      "ALTER TABLE actions ADD COLUMN last_judged_day BIGINT",
      "ALTER TABLE actions ADD COLUMN judged_by TEXT",
      "ALTER TABLE signoffs ADD COLUMN meaning TEXT",
      "CREATE INDEX containments_state ON containments (state, due_day)",
    ],
    // 4: what the recurrence questions group by, stored at indexing so each is a grouped scan
    // (docs/register.md, "Performance"). Every notebook is read and written again by the next
    // `gemba register index` (chain_head and the file stamp are cleared), so the rows of
    // migrations 3 and 4 exist for notebooks indexed before them too.
    [
      "ALTER TABLE problems ADD COLUMN wording_group TEXT",
      "CREATE INDEX problems_terms ON problems (terms)",
      """
      CREATE TABLE cause_groups (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        basis TEXT NOT NULL, cause_id TEXT NOT NULL, grp TEXT NOT NULL, shown TEXT NOT NULL,
        status TEXT NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL, terms TEXT NOT NULL, label TEXT NOT NULL,
        PRIMARY KEY (investigation, basis, cause_id, grp))
      """,
      "CREATE INDEX cause_groups_group ON cause_groups (basis, grp, investigation, status)",
      "CREATE INDEX cause_groups_examples ON cause_groups (basis, grp, label, cause_id)",
      "CREATE INDEX cause_groups_wording ON cause_groups (category, terms)",
      "CREATE INDEX investigations_label ON investigations (label, id)",
      "UPDATE investigations SET chain_head = NULL, file_size = NULL, file_mtime = NULL",
    ],
    // 5: covering indexes: `causes --recurring` and the Pareto read only an index.
    [
      "DROP INDEX cause_groups_group",
      "CREATE INDEX cause_groups_cover ON cause_groups (basis, grp, investigation, status, shown, kind, category)",
      "CREATE INDEX causes_pareto ON causes (kind, status, category)",
    ],
    // 6: `problems --recurring` and `causes --recurring` kept as tables (Recurrences): each
    // wording group's first effective action, the answer's rows, each cause group's counts,
    // refreshed for the groups an indexing run touched, in its transaction; and the escape
    // points' own whys (`E1.1`). Every notebook is read and written again by the next
    // `gemba register index`, which fills them all.
    [
      """
      CREATE TABLE recurrence_firsts (
        basis TEXT NOT NULL, grp TEXT NOT NULL, first TEXT NOT NULL,
        PRIMARY KEY (basis, grp))
      """,
      """
      CREATE TABLE recurrences (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        basis TEXT NOT NULL, grp TEXT NOT NULL, shown TEXT NOT NULL, label TEXT NOT NULL, statement TEXT,
        first TEXT NOT NULL, started TEXT NOT NULL,
        PRIMARY KEY (basis, grp, investigation, shown))
      """,
      "CREATE INDEX recurrences_order ON recurrences (label, basis DESC, shown, first)",
      """
      CREATE TABLE cause_group_counts (
        basis TEXT NOT NULL, grp TEXT NOT NULL, investigations BIGINT NOT NULL, causes BIGINT NOT NULL, shown TEXT NOT NULL,
        confirmed BIGINT NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL,
        PRIMARY KEY (basis, grp))
      """,
      "CREATE INDEX problems_group ON problems (wording_group)",
      """
      CREATE TABLE escape_whys (
        investigation TEXT NOT NULL REFERENCES investigations(id) ON DELETE CASCADE,
        why_id TEXT NOT NULL, escape_id TEXT NOT NULL, parent_id TEXT NOT NULL, text TEXT NOT NULL,
        status TEXT NOT NULL, is_root BIGINT NOT NULL, rationale TEXT,
        cell BIGINT, judged_cell BIGINT, judged_at TEXT, judged_day BIGINT,
        PRIMARY KEY (investigation, why_id))
      """,
      // Per investigation, what `kpis` counts: actions (effective, judged, with a planned check),
      // team members, containments, escape points, extent checks.
      "ALTER TABLE investigations ADD COLUMN n_actions BIGINT",
      "ALTER TABLE investigations ADD COLUMN n_effective BIGINT",
      "ALTER TABLE investigations ADD COLUMN n_judged BIGINT",
      "ALTER TABLE investigations ADD COLUMN n_planned BIGINT",
      "ALTER TABLE investigations ADD COLUMN n_team BIGINT",
      "ALTER TABLE investigations ADD COLUMN n_containments BIGINT",
      "ALTER TABLE investigations ADD COLUMN n_escapes BIGINT",
      "ALTER TABLE investigations ADD COLUMN n_extent BIGINT",
      "UPDATE investigations SET chain_head = NULL, file_size = NULL, file_mtime = NULL",
    ],
    // 7: the states read as a CAPA log (closed once every action is judged effective, not at the
    // first sign-off; `signed` only while actions are still open) and wording groups without
    // ruled-out causes: nothing new to create, but every notebook is read and written again.
    [
      "UPDATE investigations SET chain_head = NULL, file_size = NULL, file_mtime = NULL"
    ],
    // 8: the case's identity (`case`: the 8D form's number, customer, part, complaint, reporter,
    // site), one row per investigation that set one; every notebook is read again to fill it.
    [
      """
      CREATE TABLE cases (
        investigation TEXT PRIMARY KEY REFERENCES investigations(id) ON DELETE CASCADE,
        number TEXT, customer TEXT, part TEXT, complaint TEXT, reported_by TEXT, site TEXT)
      """,
      "CREATE INDEX cases_customer ON cases (customer)",
      "UPDATE investigations SET chain_head = NULL, file_size = NULL, file_mtime = NULL",
    ],
  ]

  public static var latest: Int { migrations.count }

  /// Brings the register to the latest schema, or refuses one from a newer gemba.
  /// Runs under the write lock, so two first indexers do not both create the tables.
  public static func migrate(_ db: any SQLDatabase, name: String) throws {
    try db.transaction {
      try lockForWriting(db)
      _ = try db.execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)", [])
      let current = try version(of: db)
      guard current <= latest else { throw newer(current, name: name) }
      for number in current..<latest {
        for statement in migrations[number] { _ = try db.execute(statement, []) }
      }
      if current < latest {
        _ = try db.execute("DELETE FROM schema_version", [])
        _ = try db.execute("INSERT INTO schema_version (version) VALUES (?)", [.integer(Int64(latest))])
      }
    }
  }

  /// Takes the register's write lock inside a transaction, so a second indexer waits for the
  /// first to commit rather than failing on its rows. SQLite's `BEGIN IMMEDIATE` has taken it
  /// already; on PostgreSQL it is a transaction-scoped advisory lock keyed by the schema the
  /// register lives in (so registers in two schemas of one database do not wait for each other).
  static func lockForWriting(_ db: any SQLDatabase) throws {
    guard db.engine == .postgresql else { return }
    // `CREATE TABLE IF NOT EXISTS` would tell stderr, on every run, that the table exists.
    try db.executeScript("SET LOCAL client_min_messages = warning")
    _ = try db.execute("SELECT pg_advisory_xact_lock(20261120, hashtext(current_schema()))", [])
  }

  /// Checks, without writing, that a register can be read by this gemba (the questions).
  public static func check(_ db: any SQLDatabase, name: String) throws {
    let current = try version(of: db)
    guard current <= latest else { throw newer(current, name: name) }
    guard current == latest else {
      throw SQLError(
        .schema,
        "register \(name) has schema \(current); run `gemba register index` to bring it to \(latest)"
          + (current == 0 ? " (is this a register? nothing has been indexed into it)" : ""), database: name)
    }
  }

  static func version(of db: any SQLDatabase) throws -> Int {
    let exists = try? db.execute("SELECT version FROM schema_version", [])
    guard let exists else { return 0 }
    if case .integer(let v)? = exists.rows.first?.first { return Int(v) }
    return 0
  }

  static func newer(_ version: Int, name: String) -> SQLError {
    SQLError(
      .schema, "register \(name) has schema \(version); this gemba knows up to \(latest): upgrade gemba", database: name
    )
  }
}
