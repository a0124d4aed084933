extension RegisterQuestions {
  /// How many notebooks a recurring group lists by name (the count says how many in all).
  static let examples = 5

  /// Causes found in two or more investigations: by similar wording (in one fishbone category,
  /// or among five-whys answers), by the process step their findings sit at, or by the SOP
  /// their actions change. Ruled-out causes do not count.
  public func recurringCauses() throws -> RegisterReport {
    // Each basis is a set of (group, investigation, cause) rows; the same two queries count
    // the groups and name the first few notebooks of each.
    let clean = """
      JOIN investigations i ON i.id = c.investigation AND i.status = 'ok'
      """
    let bases: [(basis: String, members: String)] = [
      ("wording", """
        SELECT DISTINCT c.kind || ':' || c.category || ':' || w.wording_group AS grp, c.investigation, c.cause_id, c.text AS shown
        FROM causes c \(clean)
        JOIN wordings w ON w.kind = 'cause' AND w.category = c.category AND w.terms = c.terms
        WHERE c.status <> 'ruled-out' AND c.terms <> ''
        """),
      ("step", """
        SELECT DISTINCT LOWER(s.step_name) AS grp, c.investigation, c.cause_id, s.step_name AS shown
        FROM causes c \(clean)
        JOIN finding_causes fc ON fc.investigation = c.investigation AND fc.cause_id = c.cause_id
        JOIN (SELECT investigation, finding_id, step_name FROM findings WHERE step_name IS NOT NULL
              UNION SELECT investigation, finding_id, to_step_name FROM findings WHERE to_step_name IS NOT NULL) s
          ON s.investigation = fc.investigation AND s.finding_id = fc.finding_id
        WHERE c.status <> 'ruled-out'
        """),
      ("SOP", """
        SELECT DISTINCT LOWER(a.standard) AS grp, c.investigation, c.cause_id, a.standard AS shown
        FROM causes c \(clean)
        JOIN finding_causes fc ON fc.investigation = c.investigation AND fc.cause_id = c.cause_id
        JOIN actions a ON a.investigation = fc.investigation AND a.finding_id = fc.finding_id
        WHERE c.status <> 'ruled-out' AND a.standard IS NOT NULL
        """),
    ]
    var rows: [[RegisterReport.Value]] = []
    for (basis, members) in bases {
      let groups = try db.execute("""
        SELECT m.grp, COUNT(DISTINCT m.investigation) AS investigations, COUNT(*) AS causes, MIN(m.shown) AS shown,
          SUM(CASE WHEN c.status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed, MIN(c.kind), MIN(c.category)
        FROM (\(members)) m JOIN causes c ON c.investigation = m.investigation AND c.cause_id = m.cause_id
        GROUP BY m.grp HAVING COUNT(DISTINCT m.investigation) >= 2
        ORDER BY COUNT(DISTINCT m.investigation) DESC, m.grp
        """, []).rows
      guard !groups.isEmpty else { continue }
      // The first few notebooks of each recurring group, by label.
      let named = try db.execute("""
        SELECT grp, label, cause_id FROM (
          SELECT m.grp, i.label, m.cause_id,
            ROW_NUMBER() OVER (PARTITION BY m.grp ORDER BY i.label, m.cause_id) AS n
          FROM (\(members)) m JOIN investigations i ON i.id = m.investigation
          WHERE m.grp IN (SELECT grp FROM (\(members)) g GROUP BY grp HAVING COUNT(DISTINCT investigation) >= 2)
        ) ranked WHERE n <= ? ORDER BY grp, n
        """, [.integer(Int64(Self.examples))]).rows
      var examples: [String: [String]] = [:]
      for r in named { examples[r[0].text ?? "", default: []].append("\(r[1].text ?? ""):\(r[2].text ?? "")") }
      for g in groups {
        let key = g[0].text ?? ""
        let investigations = Int(g[1].integer ?? 0)
        let causes = Int(g[2].integer ?? 0)
        let category = basis == "wording" ? (g[5].text == "why" ? "(five whys)" : g[6].text ?? "") : ""
        let listed = examples[key, default: []]
        let more = causes > listed.count ? " …+\(causes - listed.count)" : ""
        rows.append([.text(basis), .text(category), .init(g[3]), .integer(investigations), .integer(causes),
          .integer(Int(g[4].integer ?? 0)), .text(listed.joined(separator: ", ") + more)])
      }
    }
    let section = RegisterReport.Section(title: "Recurring causes",
      columns: ["basis", "category", "cause, step or SOP", "investigations", "causes", "confirmed", "where"], rows: rows,
      notes: [
        "wording: same fishbone category (or both five-whys answers) and word sets with Jaccard ≥ 0.5, chained (docs/register.md)",
        "step: causes cited by findings at a process step of the same name; SOP: causes whose actions change the same standard",
      ])
    return RegisterReport(title: "Recurring causes", question: "gemba register causes --recurring", asOf: nil, sections: [section])
  }

  /// Investigations started after an action in an earlier one was judged effective, on a
  /// similar problem (word sets, as causes) or with a confirmed cause of the same wording group
  /// as a cause that action addressed. Each names the first such effective action.
  public func recurringProblems() throws -> RegisterReport {
    let sql = """
      WITH effective AS (
        SELECT 'problem' AS basis, w.wording_group AS grp, i.id, i.label, a.action_id, a.judged_at
        FROM actions a JOIN investigations i ON i.id = a.investigation AND i.status = 'ok'
        JOIN problems p ON p.investigation = i.id
        JOIN wordings w ON w.kind = 'problem' AND w.category = '' AND w.terms = p.terms
        WHERE a.effective = 1 AND a.judged_at IS NOT NULL AND p.terms <> ''
        UNION
        SELECT 'cause', c.kind || ':' || c.category || ':' || w.wording_group, i.id, i.label, a.action_id, a.judged_at
        FROM actions a JOIN investigations i ON i.id = a.investigation AND i.status = 'ok'
        JOIN finding_causes fc ON fc.investigation = a.investigation AND fc.finding_id = a.finding_id
        JOIN causes c ON c.investigation = fc.investigation AND c.cause_id = fc.cause_id
        JOIN wordings w ON w.kind = 'cause' AND w.category = c.category AND w.terms = c.terms
        WHERE a.effective = 1 AND a.judged_at IS NOT NULL AND c.terms <> ''
      ),
      firsts AS (
        -- The first effective action of each group, packed as "judged_at label action" so one MIN
        -- finds it (judged_at is fixed-width ISO-8601; ties go to the smaller label, then action).
        SELECT basis, grp, MIN(judged_at || ' ' || label || ' ' || action_id) AS first FROM effective GROUP BY basis, grp
      ),
      later AS (
        SELECT 'problem' AS basis, w.wording_group AS grp, l.id, p.statement AS shown
        FROM investigations l JOIN problems p ON p.investigation = l.id
        JOIN wordings w ON w.kind = 'problem' AND w.category = '' AND w.terms = p.terms
        WHERE l.status = 'ok'
        UNION
        SELECT 'cause', c.kind || ':' || c.category || ':' || w.wording_group, l.id, c.cause_id || ' ' || c.text
        FROM investigations l JOIN causes c ON c.investigation = l.id AND c.status = 'confirmed'
        JOIN wordings w ON w.kind = 'cause' AND w.category = c.category AND w.terms = c.terms
        WHERE l.status = 'ok'
      )
      SELECT l.label, p.statement, x.basis, x.shown, f.first, l.first_cell_at
      FROM later x JOIN firsts f ON f.basis = x.basis AND f.grp = x.grp
      JOIN investigations l ON l.id = x.id
      LEFT JOIN problems p ON p.investigation = l.id
      -- Same-length ISO times differ within the first 20 characters, so against the packed key
      -- `>` means "started after the judgement" (an equal time is not after).
      WHERE l.first_cell_at > f.first
      ORDER BY l.label, x.basis DESC, x.shown, f.first
      """
    let rows = try db.execute(sql, []).rows
    let section = RegisterReport.Section(title: "Problems that came back after an effective action",
      columns: ["notebook", "problem", "basis", "what recurred", "earlier notebook", "action", "judged effective", "started"],
      rows: rows.map { r in
        // Unpacked: the time (20 characters), the label, the action id (no spaces in an id).
        let first = r[4].text ?? ""
        let judged = String(first.prefix(20))
        let rest = first.dropFirst(21)
        let action = rest.split(separator: " ").last.map(String.init) ?? ""
        let label = String(rest.dropLast(action.count + 1))
        return [.init(r[0]), .init(r[1]), .init(r[2]), .init(r[3]), .text(label), .text(action), .text(String(judged.prefix(10))),
          .text(String((r[5].text ?? "").prefix(10)))]
      },
      notes: ["problem: a similar problem statement; cause: a confirmed cause worded like one the effective action addressed",
        "each row names the first action judged effective in that group; the later investigation started after it"])
    return RegisterReport(title: "Recurring problems", question: "gemba register problems --recurring", asOf: nil,
      sections: [section])
  }
}
