extension RegisterQuestions {
  /// Median days to containment, root cause and closure; the share of actions verified
  /// effective; investigations by state; a Pareto of confirmed causes by fishbone category.
  public func kpis() throws -> RegisterAnswer {
    // Durations are day-number differences, sorted by the database; the median is taken here.
    func durations(_ column: String) throws -> [Int] {
      try db.execute(
        """
        SELECT \(column) - first_day AS days FROM investigations
        WHERE status = 'ok' AND \(column) IS NOT NULL AND first_day IS NOT NULL ORDER BY days
        """, []
      ).rows.compactMap { $0[0].integer.map(Int.init) }
    }
    // The counts are kept on each investigation's row (n_…, written with its notebook): one scan.
    // (PostgreSQL sums BIGINTs as NUMERIC: cast back, so both engines give integers.)
    let sums =
      try db.execute(
        """
        SELECT COUNT(*), SUM(CASE WHEN contained_day IS NOT NULL THEN 1 ELSE 0 END), CAST(SUM(n_actions) AS BIGINT),
          CAST(SUM(n_effective) AS BIGINT), CAST(SUM(n_judged) AS BIGINT), CAST(SUM(n_planned) AS BIGINT),
          SUM(CASE WHEN n_team > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN n_containments > 0 THEN 1 ELSE 0 END),
          SUM(CASE WHEN n_escapes > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN n_extent > 0 THEN 1 ELSE 0 END)
        FROM investigations WHERE status = 'ok'
        """, []
      ).rows.first?.map { Int($0.integer ?? 0) } ?? Array(repeating: 0, count: 10)
    let total = sums[0]
    var measures: [[RegisterAnswer.Value]] = []
    let notes: [String] = []
    for (label, column, how) in [
      ("days to containment", "contained_day", "first cell → first containment verified"),
      ("days to root cause", "root_day", "first cell → first confirmed root cause"),
      (
        "days to closure", "closed_day",
        "first cell → every action judged effective (or a verified sign-off after that)"
      ),
    ] {
      let days = try durations(column)
      measures.append([
        .text(label), Self.median(days).map { .number($0, places: 1) } ?? .empty, .integer(days.count),
        .integer(total), .text(how),
      ])
    }
    // Shares of actions: counted in actions, never in investigations (their own section, their own columns).
    let all = sums[2], effective = sums[3], judged = sums[4]
    let shares: [[RegisterAnswer.Value]] = [
      [
        .text("actions verified effective"),
        all > 0 ? .number(100 * Double(effective) / Double(all), places: 1) : .empty,
        .integer(effective), .integer(all), .text("effective actions over all actions"),
      ],
      [
        .text("judged actions effective"),
        judged > 0 ? .number(100 * Double(effective) / Double(judged), places: 1) : .empty,
        .integer(effective), .integer(judged), .text("effective actions over actions judged (effective or not)"),
      ],
    ]

    let states = try db.execute(
      """
      SELECT state, COUNT(*) FROM investigations WHERE status = 'ok' GROUP BY state
      """, []
    ).rows
    let counts = Dictionary(uniqueKeysWithValues: states.map { ($0[0].text ?? "", Int($0[1].integer ?? 0)) })
    let failed = try db.execute(
      "SELECT status, COUNT(*) FROM investigations WHERE status <> 'ok' GROUP BY status ORDER BY status", []
    )
    .rows
    var stateRows: [[RegisterAnswer.Value]] = Self.states.map { [.text($0), .integer(counts[$0] ?? 0)] }
    stateRows += failed.map { [.text("(\($0[0].text ?? ""): not counted)"), .init($0[1])] }

    let pareto = try db.execute(
      """
      SELECT category, COUNT(*) AS n FROM causes WHERE kind = 'fishbone' AND status = 'confirmed'
      GROUP BY category ORDER BY n DESC, category
      """, []
    ).rows
    let paretoTotal = pareto.reduce(0) { $0 + Int($1[1].integer ?? 0) }
    var running = 0
    let paretoRows: [[RegisterAnswer.Value]] = pareto.map { r in
      let n = Int(r[1].integer ?? 0)
      running += n
      return [
        .init(r[0]), .integer(n), .number(100 * Double(n) / Double(paretoTotal), places: 1),
        .number(100 * Double(running) / Double(paretoTotal), places: 1),
      ]
    }
    // How complete the corrective-action records are (docs/corrective-action.md).
    let record: [[RegisterAnswer.Value]] = [
      [.text("with a team"), .integer(sums[6]), .integer(total)],
      [.text("with a containment"), .integer(sums[7]), .integer(total)],
      [.text("with a verified containment"), .integer(sums[1]), .integer(total)],
      [.text("with an escape point"), .integer(sums[8]), .integer(total)],
      [.text("with extent considered"), .integer(sums[9]), .integer(total)],
      [.text("actions with a planned check"), .integer(sums[5]), .integer(all)],
    ]
    return RegisterAnswer(
      title: "Register KPIs", question: "gemba register kpis", asOf: nil,
      sections: [
        .init(
          title: "Key figures", columns: ["measure", "median days", "investigations", "of investigations", "how"],
          rows: measures,
          notes: notes + ["medians over the investigations that reached the moment, of all clean investigations"]),
        .init(
          title: "Actions verified effective", columns: ["measure", "%", "actions", "of actions", "how"], rows: shares),
        .init(title: "Investigations by state", columns: ["state", "investigations"], rows: stateRows),
        .init(
          title: "Pareto of confirmed causes by fishbone category",
          columns: ["category", "count", "%", "cumulative %"],
          rows: paretoRows, notes: ["five-whys answers have no category and are not in the Pareto"]),
        .init(
          title: "Corrective-action record", columns: ["part", "count", "of"], rows: record,
          notes: [
            "investigations (clean ones) holding each part of the 8D record; planned checks: --verify on `action`"
          ]),
      ])
  }

  /// The middle value, or the mean of the two middle values; nil for none.
  static func median(_ sorted: [Int]) -> Double? {
    guard !sorted.isEmpty else { return nil }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? Double(sorted[mid]) : Double(sorted[mid - 1] + sorted[mid]) / 2
  }
}
