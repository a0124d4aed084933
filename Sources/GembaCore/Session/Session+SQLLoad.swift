/// What a `load sql` cell says beyond the load line: the query and the database it ran on, and —
/// when an earlier cell asked the same question of the same database — whether the answer changed.
/// Computed from the cells alone, so opening and replay print the same words.
extension Session {
  func describeSQLLoad(_ sql: SQLLoadSpec, record: EvidenceRecord) -> String {
    let query = sql.query.value.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters() }.joined(
      separator: " ")
    var lines = ["  query on \(DatabaseURL.withoutPassword(sql.database.value)): \(query)"]
    if let earlier = previousAnswer(to: sql, named: record.name) {
      let (then, now) = (NumberFormat.integer(earlier.rows), NumberFormat.integer(record.rows))
      lines.append(
        earlier.sha256 == record.sha256
          ? "the server's answer is the same as in cell \(earlier.cell) (\(now) rows)"
          : "the server's answer changed since cell \(earlier.cell): \(then) rows → \(now) rows")
    }
    return lines.joined(separator: "\n")
  }

  /// The evidence in effect under this name, when the cell that loaded it ran the same query on the same database.
  private func previousAnswer(to sql: SQLLoadSpec, named name: String) -> EvidenceRecord? {
    guard let earlier = investigation.evidence.last(where: { $0.name == name }),
      let cell = cells.last(where: { $0.number == earlier.cell }),
      case .load(let spec)? = try? Parser.parse(cell.command), let before = spec.sql,
      before.query.value == sql.query.value,
      DatabaseURL.withoutPassword(before.database.value) == DatabaseURL.withoutPassword(sql.database.value)
    else { return nil }
    return earlier
  }
}

extension Substring {
  fileprivate func trimmingCharacters() -> String {
    var s = self
    while s.first?.isWhitespace == true { s.removeFirst() }
    while s.last?.isWhitespace == true { s.removeLast() }
    return String(s)
  }
}
