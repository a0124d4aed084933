/// `problems --recurring` kept as tables (docs/register.md, "Kept answers"): each wording
/// group's first effective action (`recurrence_firsts`) and the answer's rows (`recurrences`),
/// so the question reads the first rows of an index and a count.
///
/// The indexer collects, while it writes, the groups its writes can change — the groups a
/// replaced or deleted notebook's rows were in and its new rows are in, every group of a moved
/// notebook (its label is in the rows and in the first action), the old and new name of a
/// regrouped wording — and refreshes those from the base tables in the same transaction.
struct Recurrences {
  /// A group a notebook's rows are in: `problem` (`problems.wording_group`), or a cause's group
  /// on one basis of `cause_groups` (`wording`: `kind:category:group`; `step`; `SOP`).
  struct Group: Hashable, Comparable {
    var basis: String
    var name: String
    static func < (a: Self, b: Self) -> Bool { (a.basis, a.name) < (b.basis, b.name) }
  }

  /// What one indexing run changed that the kept answer depends on.
  struct Change {
    /// The groups the written, moved and deleted notebooks' rows were in or are in now.
    var groups: Set<Group> = []
    /// The groups regrouping renamed, old names and new: rewritten whole.
    var regrouped: Set<Group> = []
    /// The notebooks written, moved or deleted, and their labels before and after.
    var investigations: Set<String> = []
    var labels: Set<String> = []
    /// Everything: a first index, or more groups than `refreshAllAbove`.
    var everything = false
    var isEmpty: Bool { groups.isEmpty && regrouped.isEmpty && investigations.isEmpty }
  }

  /// Above this many groups a run refreshes everything (one statement per table) instead.
  static let refreshAllAbove = 2_000
  /// Values per statement's `IN` list.
  static let batch = 400

  let db: any SQLDatabase

  /// The groups the rows of `investigation` are in now (before they are replaced or deleted).
  func groups(of investigation: String) throws -> [Group] {
    try groups(where: "investigation = ?", [.text(investigation)])
  }

  private func groups(where condition: String, _ parameters: [SQLValue]) throws -> [Group] {
    try db.execute(
      """
      SELECT 'problem', wording_group FROM problems WHERE \(condition) AND wording_group IS NOT NULL
      UNION SELECT basis, grp FROM cause_groups WHERE \(condition) AND grp <> ''
      """, parameters + parameters
    ).rows.compactMap { row in
      row[1].text.map { Group(basis: row[0].text ?? "", name: $0) }
    }
  }

  /// The groups a notebook's new rows are in (those whose wording already has a group; a new
  /// wording's group is set, and counted, by regrouping).
  static func groups(of children: [TableRows]) -> [Group] {
    var out: [Group] = []
    for table in children where table.table == "problems" || table.table == "cause_groups" {
      let group = table.columns.firstIndex(of: table.table == "problems" ? "wording_group" : "grp")!
      let basis = table.columns.firstIndex(of: "basis")
      for row in table.rows {
        guard let name = row[group].text, !name.isEmpty else { continue }
        out.append(Group(basis: basis.flatMap { row[$0].text } ?? "problem", name: name))
      }
    }
    return out
  }

  /// Brings both tables up to date after `change`. A group's first action is recomputed from
  /// its members only when a changed notebook held it; otherwise it is the earlier of the kept
  /// one and the changed notebooks' own. A group whose first moved is rewritten whole; in the
  /// others only the changed notebooks' rows are.
  func refresh(_ change: Change) throws {
    if change.everything || change.groups.count + change.regrouped.count > Self.refreshAllAbove {
      for basis in ["problem", "cause"] {
        try execute("DELETE FROM recurrences WHERE basis = '\(basis)'", [])
        try execute("DELETE FROM recurrence_firsts WHERE basis = '\(basis)'", [])
        try execute("INSERT INTO recurrence_firsts (basis, grp, first) " + firsts(basis, nil, nil), [])
        try execute(rows(basis, "f.basis = '\(basis)'"), [])
      }
      try refreshCauseCounts(nil)
      return
    }
    let ids = change.investigations.sorted().map { SQLValue.text($0) }
    for chunk in Self.chunks(ids) {
      try execute("DELETE FROM recurrences WHERE investigation IN \(Self.list(chunk))", Array(chunk))
    }
    for basis in ["problem", "cause"] {
      // A cause's wording group is its `cause_groups` row of basis `wording`.
      let rowBasis = basis == "cause" ? "wording" : basis
      let touched = change.groups.filter { $0.basis == rowBasis }.map(\.name)
      let regrouped = Set(change.regrouped.filter { $0.basis == rowBasis }.map(\.name))
      let names = Set(touched).union(regrouped).sorted()
      var kept: [String: String] = [:]
      for chunk in Self.chunks(names.map { SQLValue.text($0) }) {
        let sql = "SELECT grp, first FROM recurrence_firsts WHERE basis = '\(basis)' AND grp IN \(Self.list(chunk))"
        for row in try db.execute(sql, Array(chunk)).rows { kept[row[0].text ?? ""] = row[1].text }
      }
      // The changed notebooks' own first actions, by group.
      var own: [String: String] = [:]
      for chunk in Self.chunks(ids) {
        for row in try db.execute(firsts(basis, nil, "a.investigation IN \(Self.list(chunk))"), Array(chunk)).rows {
          let group = row[1].text ?? "", first = row[2].text ?? ""
          own[group] = min(own[group] ?? first, first)
        }
      }
      var recount = regrouped
      var now: [String: String] = [:]
      for name in names where !regrouped.contains(name) {
        if let first = kept[name], change.labels.contains(Self.label(inFirst: first)) {
          recount.insert(name)
        } else if let first = [kept[name], own[name]].compactMap({ $0 }).min() {
          now[name] = first
        }
      }
      for chunk in Self.chunks(recount.sorted().map { SQLValue.text($0) }) {
        for row in try db.execute(firsts(basis, "g.grp IN \(Self.list(chunk))", nil), Array(chunk)).rows {
          now[row[1].text ?? ""] = row[2].text
        }
      }
      // Groups whose first action moved (or that gained or lost one): their rows are rewritten whole.
      let moved = names.filter { kept[$0] != now[$0] || regrouped.contains($0) }.map { SQLValue.text($0) }
      for chunk in Self.chunks(moved) {
        try execute(
          "DELETE FROM recurrence_firsts WHERE basis = '\(basis)' AND grp IN \(Self.list(chunk))", Array(chunk))
        try execute("DELETE FROM recurrences WHERE basis = '\(basis)' AND grp IN \(Self.list(chunk))", Array(chunk))
        let values: [[SQLValue]] = chunk.compactMap { name in
          now[name.text ?? ""].map { [.text(basis), name, .text($0)] }
        }
        for part in Self.chunks(values) {
          try execute(
            "INSERT INTO recurrence_firsts (basis, grp, first) VALUES "
              + part.map { _ in "(?, ?, ?)" }.joined(separator: ", "), part.flatMap { $0 })
        }
        try execute(rows(basis, "f.basis = '\(basis)' AND f.grp IN \(Self.list(chunk))"), Array(chunk))
      }
      // The changed notebooks' rows in the other groups (those just rewritten are there already).
      for chunk in Self.chunks(ids) {
        try execute(
          rows(basis, "f.basis = '\(basis)' AND l.id IN \(Self.list(chunk))") + " ON CONFLICT DO NOTHING", Array(chunk))
      }
    }
    try refreshCauseCounts(change.groups.union(change.regrouped).filter { $0.basis != "problem" })
  }

  func execute(_ sql: String, _ parameters: [SQLValue]) throws { _ = try db.execute(sql, parameters) }

  /// `SELECT basis, grp, first` of each group's first effective action, over the groups
  /// `groups` selects (a condition on `g.grp`; nil: all) or the actions `actions` selects.
  /// The first is packed as "judged_at label action" so one MIN finds it (judged_at is
  /// fixed-width ISO-8601; ties go to the smaller label, then action).
  private func firsts(_ basis: String, _ groups: String?, _ actions: String?) -> String {
    let first = "MIN(a.judged_at || ' ' || i.label || ' ' || a.action_id)"
    var conditions = ["a.effective = 1", "a.judged_at IS NOT NULL"]
    if basis == "problem" {
      conditions += ["g.terms <> ''", "g.wording_group IS NOT NULL"]
      conditions += [groups?.replacingOccurrences(of: "g.grp", with: "g.wording_group"), actions].compactMap { $0 }
      return """
        SELECT 'problem', g.wording_group, \(first)
        FROM problems g JOIN actions a ON a.investigation = g.investigation JOIN investigations i ON i.id = g.investigation
        WHERE \(conditions.joined(separator: " AND "))
        GROUP BY g.wording_group
        """
    }
    conditions += [
      "fc.investigation = a.investigation", "fc.finding_id = a.finding_id", "g.investigation = fc.investigation",
      "g.basis = 'wording'", "g.cause_id = fc.cause_id", "i.id = a.investigation", "g.grp <> ''",
    ]
    conditions += [groups, actions].compactMap { $0 }
    // CROSS JOIN fixes SQLite's order (PostgreSQL plans it freely): from a few groups' members
    // to their actions, otherwise from the effective actions to their causes' groups.
    let from =
      groups != nil
      ? "cause_groups g CROSS JOIN finding_causes fc CROSS JOIN actions a CROSS JOIN investigations i"
      : "actions a CROSS JOIN finding_causes fc CROSS JOIN cause_groups g CROSS JOIN investigations i"
    return """
      SELECT 'cause', g.grp, \(first)
      FROM \(from)
      WHERE \(conditions.joined(separator: " AND "))
      GROUP BY g.grp
      """
  }

  /// `INSERT` of the answer's rows of `basis` that `condition` selects (on `f`, the kept first,
  /// and `l`, the later investigation). Same-length ISO times differ within the first 20
  /// characters, so against the packed first `>` means "started after the judgement".
  private func rows(_ basis: String, _ condition: String) -> String {
    let insert = "INSERT INTO recurrences (investigation, basis, grp, shown, label, statement, first, started)"
    if basis == "problem" {
      return """
        \(insert)
        SELECT p.investigation, 'problem', p.wording_group, p.statement, l.label, p.statement, f.first, l.first_cell_at
        FROM recurrence_firsts f JOIN problems p ON p.wording_group = f.grp JOIN investigations l ON l.id = p.investigation
        WHERE l.first_cell_at > f.first AND \(condition)
        """
    }
    return """
      \(insert)
      SELECT g.investigation, 'cause', g.grp, g.cause_id || ' ' || g.shown, l.label, lp.statement, f.first, l.first_cell_at
      FROM recurrence_firsts f JOIN cause_groups g ON g.basis = 'wording' AND g.grp = f.grp
      JOIN investigations l ON l.id = g.investigation LEFT JOIN problems lp ON lp.investigation = l.id
      WHERE g.status = 'confirmed' AND l.first_cell_at > f.first AND \(condition)
      """
  }

  /// A packed first action's parts: the time (20 characters), then after a space the label, then
  /// after the last space the action id (ids have no spaces). Read as bytes: the time is ASCII.
  static func unpack(_ first: String) -> (judged: String, label: String, action: String) {
    let bytes = first.utf8
    guard bytes.count > 21, let space = bytes.lastIndex(of: UInt8(ascii: " ")) else { return (first, "", "") }
    let labelStart = bytes.index(bytes.startIndex, offsetBy: 21)
    return (
      String(first[..<bytes.index(bytes.startIndex, offsetBy: 20)]),
      space > labelStart ? String(first[labelStart..<space]) : "", String(first[bytes.index(after: space)...])
    )
  }

  /// The label inside a packed first action.
  static func label(inFirst first: String) -> String { unpack(first).label }

  static func list(_ values: ArraySlice<SQLValue>) -> String {
    "(" + values.map { _ in "?" }.joined(separator: ", ") + ")"
  }

  /// `items` in runs of at most `batch`: one statement's `IN` list.
  static func chunks<T>(_ items: [T]) -> [ArraySlice<T>] {
    stride(from: 0, to: items.count, by: batch).map { items[$0..<min($0 + batch, items.count)] }
  }
}
