extension RegisterQuestions {
  /// How many notebooks a recurring group lists by name (the count says how many in all).
  static let examples = 5

  /// Causes found in two or more investigations: by similar wording (in one fishbone category,
  /// or among five-whys answers), by the process step their findings sit at, or by the SOP
  /// their actions change. Ruled-out causes do not count.
  public func recurringCauses(limit: Int? = nil) throws -> RegisterReport {
    // `cause_groups` holds, for each cause of a clean notebook, its group on each basis (written
    // with the notebook; wording groups kept current by regrouping), so this is one grouped scan.
    let groups = try db.execute("""
      SELECT basis, grp, COUNT(DISTINCT investigation) AS investigations, COUNT(*) AS causes, MIN(shown) AS shown,
        SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END) AS confirmed, MIN(kind), MIN(category)
      FROM cause_groups WHERE status <> 'ruled-out' AND grp <> ''
      GROUP BY basis, grp HAVING COUNT(DISTINCT investigation) >= 2
      ORDER BY CASE basis WHEN 'wording' THEN 0 WHEN 'step' THEN 1 ELSE 2 END, COUNT(DISTINCT investigation) DESC, grp
      """, []).rows
    let shown = limit.map { $0 > 0 ? Array(groups.prefix($0)) : groups } ?? groups
    var rows: [[RegisterReport.Value]] = []
    for g in shown {
      let basis = g[0].text ?? ""
      let investigations = Int(g[2].integer ?? 0)
      let causes = Int(g[3].integer ?? 0)
      let category = basis == "wording" ? (g[6].text == "why" ? "(five whys)" : g[7].text ?? "") : ""
      // The first few causes of the group by notebook label: an index range, read for the groups shown only.
      let listed = try db.execute("""
        SELECT label, cause_id FROM cause_groups WHERE basis = ? AND grp = ? AND status <> 'ruled-out'
        ORDER BY label, cause_id LIMIT ?
        """, [g[0], g[1], .integer(Int64(Self.examples))]).rows.map { "\($0[0].text ?? ""):\($0[1].text ?? "")" }
      let more = causes > listed.count ? " …+\(causes - listed.count)" : ""
      rows.append([.text(basis), .text(category), .init(g[4]), .integer(investigations), .integer(causes),
        .integer(Int(g[5].integer ?? 0)), .text(listed.joined(separator: ", ") + more)])
    }
    let section = RegisterReport.Section(title: "Recurring causes",
      columns: ["basis", "category", "cause, step or SOP", "investigations", "causes", "confirmed", "where"], rows: rows,
      notes: [
        "wording: same fishbone category (or both five-whys answers) and word sets with Jaccard ≥ 0.5, chained (docs/register.md)",
        "step: causes cited by findings at a process step of the same name; SOP: causes whose actions change the same standard",
      ], more: groups.count - shown.count)
    return RegisterReport(title: "Recurring causes", question: "gemba register causes --recurring", asOf: nil, sections: [section])
  }

  /// Investigations started after an action in an earlier one was judged effective, on a
  /// similar problem (word sets, as causes) or with a confirmed cause of the same wording group
  /// as a cause that action addressed. Each names the first such effective action.
  public func recurringProblems(limit: Int? = nil) throws -> RegisterReport {
    // Wording groups are stored on the rows (problems.wording_group, cause_groups.grp), so no
    // join to `wordings`; only clean notebooks have rows in either table.
    let sql = """
      WITH effective AS (
        SELECT 'problem' AS basis, p.wording_group AS grp, i.label, a.action_id, a.judged_at
        FROM actions a JOIN problems p ON p.investigation = a.investigation
        JOIN investigations i ON i.id = a.investigation
        WHERE a.effective = 1 AND a.judged_at IS NOT NULL AND p.terms <> '' AND p.wording_group IS NOT NULL
        UNION ALL
        -- CROSS JOIN keeps this order in SQLite (PostgreSQL plans it freely): the few effective
        -- actions first, then their causes' groups by key; SQLite otherwise starts from every
        -- wording group (115,000 rows at 10,000 notebooks: 0.55 s instead of 0.04 s).
        SELECT 'cause', g.grp, i.label, a.action_id, a.judged_at
        FROM actions a CROSS JOIN finding_causes fc CROSS JOIN cause_groups g CROSS JOIN investigations i
        WHERE fc.investigation = a.investigation AND fc.finding_id = a.finding_id
          AND g.investigation = fc.investigation AND g.basis = 'wording' AND g.cause_id = fc.cause_id
          AND i.id = a.investigation AND a.effective = 1 AND a.judged_at IS NOT NULL AND g.grp <> ''
      ),
      firsts AS (
        -- The first effective action of each group, packed as "judged_at label action" so one MIN
        -- finds it (judged_at is fixed-width ISO-8601; ties go to the smaller label, then action).
        SELECT basis, grp, MIN(judged_at || ' ' || label || ' ' || action_id) AS first FROM effective GROUP BY basis, grp
      ),
      later AS (
        -- Only the groups that have an effective action: a covering index finds their members
        -- instead of every confirmed cause being gathered first. The halves cannot share a row.
        SELECT 'problem' AS basis, p.wording_group AS grp, p.investigation AS id, p.statement AS shown
        FROM problems p WHERE p.wording_group IN (SELECT grp FROM firsts WHERE basis = 'problem')
        UNION ALL
        SELECT 'cause', g.grp, g.investigation, g.cause_id || ' ' || g.shown
        FROM cause_groups g WHERE g.basis = 'wording' AND g.grp IN (SELECT grp FROM firsts WHERE basis = 'cause')
          AND g.status = 'confirmed' AND g.grp <> ''
      )
      SELECT l.label, p.statement, x.basis, x.shown, f.first, l.first_cell_at
      FROM later x JOIN firsts f ON f.basis = x.basis AND f.grp = x.grp
      JOIN investigations l ON l.id = x.id
      LEFT JOIN problems p ON p.investigation = l.id
      -- Same-length ISO times differ within the first 20 characters, so against the packed key
      -- `>` means "started after the judgement" (an equal time is not after).
      WHERE l.first_cell_at > f.first
      """
    // All rows, then the first `limit`: counting them separately would run the statement twice.
    let all = try db.execute(sql + "\nORDER BY l.label, x.basis DESC, x.shown, f.first", []).rows
    let rows = limit.map { $0 > 0 ? Array(all.prefix($0)) : all } ?? all
    let more = all.count - rows.count
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
        "each row names the first action judged effective in that group; the later investigation started after it"],
      more: more)
    return RegisterReport(title: "Recurring problems", question: "gemba register problems --recurring", asOf: nil,
      sections: [section])
  }
}
