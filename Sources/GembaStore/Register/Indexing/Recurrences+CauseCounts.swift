extension Recurrences {
  /// `causes --recurring` kept as a table (`cause_group_counts`): each group of `cause_groups`
  /// with its investigations, causes, shown name, confirmed causes, and its kind and category
  /// (the smallest), over causes not ruled out. Refreshed for the groups a run touched (`groups`;
  /// nil: all), so the question reads a few thousand rows instead of grouping every cause.
  func refreshCauseCounts(_ groups: Set<Group>?) throws {
    let count = """
      INSERT INTO cause_group_counts (basis, grp, investigations, causes, shown, confirmed, kind, category)
      SELECT basis, grp, COUNT(DISTINCT investigation), COUNT(*), MIN(shown),
        SUM(CASE WHEN status = 'confirmed' THEN 1 ELSE 0 END), MIN(kind), MIN(category)
      FROM cause_groups WHERE status <> 'ruled-out' AND grp <> ''
      """
    guard let groups else {
      try execute("DELETE FROM cause_group_counts", [])
      try execute(count + " GROUP BY basis, grp", [])
      return
    }
    for basis in ["wording", "step", "SOP"] {
      let names = groups.filter { $0.basis == basis }.map { SQLValue.text($0.name) }.sorted {
        ($0.text ?? "") < ($1.text ?? "")
      }
      for chunk in Self.chunks(names) {
        try execute(
          "DELETE FROM cause_group_counts WHERE basis = '\(basis)' AND grp IN \(Self.list(chunk))", Array(chunk))
        try execute(count + " AND basis = '\(basis)' AND grp IN \(Self.list(chunk)) GROUP BY basis, grp", Array(chunk))
      }
    }
  }
}
