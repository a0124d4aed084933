/// The questions a quality manager asks the register, each a few SQL queries that run on
/// SQLite and PostgreSQL alike (docs/register.md shows each query and what it means).
/// Only clean notebooks (`status = 'ok'`) are counted; tampered and unreadable ones are
/// listed by `investigations` only.
public struct RegisterQuestions {
  let db: any SQLDatabase
  let name: String

  /// Opens the questions on a register, refusing one from a newer gemba.
  public init(db: any SQLDatabase, name: String) throws {
    self.db = db
    self.name = name
    try RegisterSchema.check(db, name: name)
  }

  public enum ActionFilter: Sendable { case open, overdue, dueReview }

  /// Clean notebooks an older gemba indexed and no run has read since the schema last changed
  /// (a migration clears their stamp and chain head so the next run re-reads them): their rows
  /// still follow the older rules and lack what the newer schema added, so the questions' figures
  /// leave them out or count them the old way. How many, and the first few (by label).
  public func notReadSinceUpgrade(examples: Int = 3) throws -> (count: Int, paths: [String]) {
    let stale = "status = 'ok' AND chain_head IS NULL AND file_size IS NULL"
    let count = try db.execute("SELECT COUNT(*) FROM investigations WHERE \(stale)", []).rows.first?[0].integer ?? 0
    guard count > 0 else { return (0, []) }
    let paths = try db.execute(
      "SELECT label FROM investigations WHERE \(stale) ORDER BY label LIMIT ?", [.integer(Int64(examples))]
    )
    .rows.compactMap { $0[0].text }
    return (Int(count), paths)
  }

  /// - Parameter today: the day number actions are judged against (`Days.number`).
  public func actions(_ filter: ActionFilter, owner: String?, today: CalendarDateText, limit: Int? = nil) throws
    -> RegisterAnswer
  {
    let day = Int64(today.day)
    var conditions = ["i.status = 'ok'"]
    var parameters: [SQLValue] = []
    let title: String
    var order = "(a.due_day IS NULL), a.due_day, i.label, a.cell"
    switch filter {
    case .open:
      title = "Open actions"
      conditions.append("a.state = 'open'")
    case .overdue:
      title = "Overdue actions"
      conditions.append("a.state = 'open' AND a.due_day < ?")
      parameters.append(.integer(day))
    case .dueReview:
      title = "Actions due for review"
      conditions.append("a.state IN ('done', 'effective') AND a.review_due_day <= ?")
      parameters.append(.integer(day))
      order = "a.review_due_day, i.label, a.cell"
    }
    if let owner {
      conditions.append("LOWER(a.owner) = LOWER(?)")
      parameters.append(.text(owner))
    }
    let (rows, more) = try page(
      """
      SELECT i.label, a.action_id, a.text, a.owner, a.due, a.due_day, a.state, a.review, a.review_due, a.review_due_day,
        a.last_judged_at, a.verdict, a.check_target
      FROM actions a JOIN investigations i ON i.id = a.investigation
      WHERE \(conditions.joined(separator: " AND "))
      """, parameters, order: order, limit: limit,
      count: "SELECT COUNT(*) FROM actions a WHERE " + conditions.dropFirst().joined(separator: " AND "))
    let section: RegisterAnswer.Section
    if filter == .dueReview {
      section = .init(
        title: title,
        columns: [
          "notebook", "action", "text", "owner", "state", "review", "last judged", "verdict", "planned check",
          "review due", "days late",
        ],
        rows: rows.map { r in
          [
            .init(r[0]), .init(r[1]), .init(r[2]), .init(r[3]), .init(r[6]), .init(r[7]), date(r[10]), .init(r[11]),
            .init(r[12]),
            .init(r[8]), r[9].integer.map { .integer(Int(day - $0)) } ?? .empty,
          ]
        },
        notes: [
          "a review falls due one cadence (7 days, 1 or 3 months) after the action was last judged"
            + " (effective, not effective or inconclusive), or done if that was later"
        ], more: more)
    } else {
      var notes: [String] = []
      if filter == .overdue {
        // Containments have their own question; an overdue one is said here too, so it is not missed.
        var kConditions = ["i.status = 'ok'", "k.state = 'open'", "k.due_day < ?"]
        var kParameters: [SQLValue] = [.integer(day)]
        if let owner {
          kConditions.append("LOWER(k.owner) = LOWER(?)")
          kParameters.append(.text(owner))
        }
        let overdue =
          try db.execute(
            """
            SELECT COUNT(*) FROM containments k JOIN investigations i ON i.id = k.investigation
            WHERE \(kConditions.joined(separator: " AND "))
            """, kParameters
          ).rows.first?.first?.integer ?? 0
        if overdue > 0 {
          notes.append(
            "\(overdue) containment\(overdue == 1 ? " is" : "s are") overdue too (not verified by its due date):"
              + " gemba register containments --overdue")
        }
      }
      section = .init(
        title: title, columns: ["notebook", "action", "text", "owner", "due", "days overdue"],
        rows: rows.map { r in
          let late = r[5].integer.map { day - $0 }.flatMap { $0 > 0 ? Int($0) : nil }
          return [.init(r[0]), .init(r[1]), .init(r[2]), .init(r[3]), .init(r[4]), late.map { .integer($0) } ?? .empty]
        }, notes: notes, more: more)
    }
    return RegisterAnswer(title: title, question: "gemba register actions", asOf: today.text, sections: [section])
  }

  /// Containments (`contain TEXT --owner X --due D`, the 8D's D3) not yet verified
  /// (`contained Kx`); `overdue`: those whose due date is before today.
  public func containments(overdue: Bool, owner: String?, today: CalendarDateText, limit: Int? = nil) throws
    -> RegisterAnswer
  {
    let day = Int64(today.day)
    var conditions = ["i.status = 'ok'", "k.state = 'open'"]
    var parameters: [SQLValue] = []
    if overdue {
      conditions.append("k.due_day < ?")
      parameters.append(.integer(day))
    }
    if let owner {
      conditions.append("LOWER(k.owner) = LOWER(?)")
      parameters.append(.text(owner))
    }
    let (rows, more) = try page(
      """
      SELECT i.label, k.containment_id, k.text, k.owner, k.due, k.due_day
      FROM containments k JOIN investigations i ON i.id = k.investigation
      WHERE \(conditions.joined(separator: " AND "))
      """, parameters, order: "(k.due_day IS NULL), k.due_day, i.label, k.cell", limit: limit,
      count: "SELECT COUNT(*) FROM containments k WHERE " + conditions.dropFirst().joined(separator: " AND "))
    let title = overdue ? "Overdue containments" : "Containments not yet verified"
    let section = RegisterAnswer.Section(
      title: title, columns: ["notebook", "containment", "text", "owner", "due", "days overdue"],
      rows: rows.map { r in
        let late = r[5].integer.map { day - $0 }.flatMap { $0 > 0 ? Int($0) : nil }
        return [.init(r[0]), .init(r[1]), .init(r[2]), .init(r[3]), .init(r[4]), late.map { .integer($0) } ?? .empty]
      },
      notes: [
        "a containment is verified by `contained Kx --evidence REF`; until then the customer may not be protected"
      ],
      more: more)
    return RegisterAnswer(title: title, question: "gemba register containments", asOf: today.text, sections: [section])
  }

  public static let states = InvestigationDates.State.allCases.map(\.rawValue)

  public func investigations(state: String?, limit: Int? = nil) throws -> RegisterAnswer {
    // The action counts as subqueries: with a limit, only the rows shown are counted
    // (investigations_label gives the order without sorting them all). Both read the actions by
    // their key (a condition on `state` would let SQLite pick actions_state and scan every open action).
    var sql = """
      SELECT i.label, i.title, i.status, i.state, i.cells, i.first_cell_at, i.root_confirmed_at, i.closed_at,
        (SELECT COUNT(*) FROM actions a WHERE a.investigation = i.id),
        (SELECT COALESCE(SUM(CASE WHEN a.state = 'open' THEN 1 ELSE 0 END), 0) FROM actions a WHERE a.investigation = i.id),
        i.detail
      FROM investigations i
      """
    var parameters: [SQLValue] = []
    if let state {
      sql += " WHERE i.status = 'ok' AND i.state = ?"
      parameters.append(.text(state))
    }
    let (rows, more) = try page(sql, parameters, order: "i.label, i.id", limit: limit)
    let section = RegisterAnswer.Section(
      title: state.map { "Investigations: \($0)" } ?? "Investigations",
      columns: ["notebook", "title", "state", "cells", "started", "root cause", "closed", "actions", "open"],
      rows: rows.map { r in
        // A tampered or unreadable notebook shows its status in place of a state it cannot have.
        let state: RegisterAnswer.Value = r[2].text == "ok" ? .init(r[3]) : .text("\(r[2].text ?? "")")
        return [
          .init(r[0]), .init(r[1]), state, .init(r[4]), date(r[5]), date(r[6]), date(r[7]), .init(r[8]), .init(r[9]),
        ]
      },
      notes: rows.filter { $0[2].text != "ok" }.map {
        "\($0[0].text ?? ""): \($0[2].text ?? ""): \($0[10].text ?? "")"
      },
      more: more)
    return RegisterAnswer(
      title: section.title, question: "gemba register investigations", asOf: nil, sections: [section])
  }

  /// `sql` in `order`, at most `limit` rows (nil or 0: all), and how many more there are:
  /// counted by `count` (the same rows, with the same parameters, without what only the output
  /// needs) or else by counting `sql`'s rows.
  func page(_ sql: String, _ parameters: [SQLValue], order: String, limit: Int?, count: String? = nil) throws
    -> (rows: [[SQLValue]], more: Int)
  {
    guard let limit, limit > 0 else { return (try db.execute(sql + "\nORDER BY " + order, parameters).rows, 0) }
    let rows = try db.execute(sql + "\nORDER BY " + order + "\nLIMIT ?", parameters + [.integer(Int64(limit))]).rows
    guard rows.count == limit else { return (rows, 0) }
    let total =
      try db.execute(count ?? "SELECT COUNT(*) FROM (\(sql)) answer", parameters).rows.first?.first?.integer ?? 0
    return (rows, Int(total) - rows.count)
  }

  func date(_ value: SQLValue) -> RegisterAnswer.Value {
    value.text.map { .text(String($0.prefix(10))) } ?? .empty
  }
}

/// A day as the questions use it: its text (`2026-11-20`) and its day number.
public struct CalendarDateText: Sendable, Equatable {
  public var text: String
  public var day: Int
  /// From `YYYY-MM-DD` or an ISO-8601 time; nil when it is not a date.
  public init?(_ text: String) {
    guard let day = Days.number(text) else { return nil }
    self.text = String(text.prefix(10))
    self.day = day
  }
}
