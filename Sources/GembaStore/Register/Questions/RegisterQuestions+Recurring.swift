extension RegisterQuestions {
  /// How many notebooks a recurring group lists by name (the count says how many in all).
  static let examples = 5

  /// Causes found in two or more investigations: by similar wording (in one fishbone category,
  /// or among five-whys answers), by the process step their findings sit at, or by the SOP
  /// their actions change. Ruled-out causes do not count.
  public func recurringCauses(limit: Int? = nil) throws -> RegisterAnswer {
    // `cause_group_counts` holds each group's figures, kept by the indexer (Recurrences): the
    // groups of two or more investigations are a filter and a sort of a few thousand rows.
    let groups = try db.execute(
      """
      SELECT basis, grp, investigations, causes, shown, confirmed, kind, category
      FROM cause_group_counts WHERE investigations >= 2
      ORDER BY CASE basis WHEN 'wording' THEN 0 WHEN 'step' THEN 1 ELSE 2 END, investigations DESC, grp
      """, []
    ).rows
    let shown = limit.map { $0 > 0 ? Array(groups.prefix($0)) : groups } ?? groups
    var rows: [[RegisterAnswer.Value]] = []
    for g in shown {
      let basis = g[0].text ?? ""
      let investigations = Int(g[2].integer ?? 0)
      let causes = Int(g[3].integer ?? 0)
      let category = basis == "wording" ? (g[6].text == "why" ? "(five whys)" : g[7].text ?? "") : ""
      // The first few causes of the group by notebook label: an index range, read for the groups shown only.
      let listed = try db.execute(
        """
        SELECT label, cause_id FROM cause_groups WHERE basis = ? AND grp = ? AND status <> 'ruled-out'
        ORDER BY label, cause_id LIMIT ?
        """, [g[0], g[1], .integer(Int64(Self.examples))]
      ).rows.map { "\($0[0].text ?? ""):\($0[1].text ?? "")" }
      let more = causes > listed.count ? " …+\(causes - listed.count)" : ""
      rows.append([
        .text(basis), .text(category), .init(g[4]), .integer(investigations), .integer(causes),
        .integer(Int(g[5].integer ?? 0)), .text(listed.joined(separator: ", ") + more),
      ])
    }
    let section = RegisterAnswer.Section(
      title: "Recurring causes",
      columns: ["basis", "category", "cause, step or SOP", "investigations", "causes", "confirmed", "where"],
      rows: rows,
      notes: [
        "wording: same fishbone category (or both five-whys answers) and word sets with Jaccard ≥ 0.5, chained (docs/register.md)",
        "step: causes cited by findings at a process step of the same name; SOP: causes whose actions change the same standard",
      ], more: groups.count - shown.count)
    return RegisterAnswer(
      title: "Recurring causes", question: "gemba register causes --recurring", asOf: nil, sections: [section])
  }

  /// Investigations started after an action in an earlier one was judged effective, on a
  /// similar problem (word sets, as causes) or with a confirmed cause of the same wording group
  /// as a cause that action addressed. Each names the first such effective action.
  public func recurringProblems(limit: Int? = nil) throws -> RegisterAnswer {
    // The answer is kept by the indexer (Recurrences: `recurrences`, refreshed for the groups each
    // run touched), in the order asked by an index: the first rows and a count.
    let (rows, more) = try page(
      "SELECT label, statement, basis, shown, first, started FROM recurrences", [],
      order: "label, basis DESC, shown, first", limit: limit, count: "SELECT COUNT(*) FROM recurrences")
    let section = RegisterAnswer.Section(
      title: "Problems that came back after an effective action",
      columns: [
        "notebook", "problem", "basis", "what recurred", "earlier notebook", "action", "judged effective", "started",
      ],
      rows: rows.map { r in
        let (judged, label, action) = Recurrences.unpack(r[4].text ?? "")
        let started = r[5].text ?? ""
        return [
          .init(r[0]), .init(r[1]), .init(r[2]), .init(r[3]), .text(label), .text(action),
          .text(String(decoding: judged.utf8.prefix(10), as: UTF8.self)),
          .text(String(decoding: started.utf8.prefix(10), as: UTF8.self)),
        ]
      },
      notes: [
        "problem: a similar problem statement; cause: a confirmed cause worded like one the effective action addressed",
        "each row names the first action judged effective in that group; the later investigation started after it",
      ],
      more: more)
    return RegisterAnswer(
      title: "Recurring problems", question: "gemba register problems --recurring", asOf: nil,
      sections: [section])
  }
}
