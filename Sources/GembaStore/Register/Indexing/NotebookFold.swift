import GembaCore

/// Rows for one table, in the order of `columns`.
struct TableRows {
  var table: String
  var columns: [String]
  var rows: [[SQLValue]] = []
}

/// One notebook as the register stores it: its investigation row and the rows it owns.
struct NotebookRecord {
  enum Status: String { case ok, tampered, unreadable }
  /// The first cell's chain value (`path:` and the file's path for a notebook with no cell).
  var id: String
  var path: String
  var status: Status
  var detail: String?
  var head: String?
  var investigation: [(String, SQLValue)]
  var children: [TableRows]
}

/// What reading one file found.
enum FoldOutcome {
  /// Not a notebook (no gemba header): skipped silently.
  case notNotebook
  /// A notebook from a newer gemba: reported, skipped.
  case newer(version: String)
  case record(NotebookRecord)
}

/// Folds a notebook's stored cells into register rows, reading no evidence: the same fold as
/// `gemba export` (`Session.restore` for each cell), watched cell by cell for the moments the
/// model does not keep (when a cause was created, confirmed as root; when an action was judged).
enum NotebookFold {
  /// The header's version: `<!-- gemba notebook v2 -->` → "2"; nil when the first non-blank line is not a header.
  static func headerVersion(_ bytes: [UInt8]) -> String? {
    var start = 0
    // A byte-order mark an editor added, then blank lines.
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
    let prefix = Array("<!-- gemba notebook v".utf8)
    guard bytes[start...].starts(with: prefix) else { return nil }
    var end = start + prefix.count
    var digits = ""
    while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 {
      digits.append(Character(UnicodeScalar(bytes[end])))
      end += 1
    }
    let rest = Array(" -->".utf8)
    guard !digits.isEmpty, bytes[end...].starts(with: rest) else { return nil }
    return digits
  }

  static func fold(bytes: [UInt8], path: String, label: String) -> FoldOutcome {
    guard let version = headerVersion(bytes) else { return .notNotebook }
    if version.count > 1 || Int(version)! > NotebookFormat.version { return .newer(version: version) }
    func broken(_ status: NotebookRecord.Status, _ detail: String, _ cells: [Cell]) -> FoldOutcome {
      .record(
        NotebookRecord(
          id: cells.first?.chain ?? "path:" + path, path: path, status: status, detail: detail,
          head: cells.last?.chain, investigation: Self.fileColumns(cells: cells, label: label), children: []))
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      return broken(.unreadable, "not UTF-8 text", [])
    }
    let document = NotebookFormat.parse(text)
    if let problem = document.problems.first {
      return broken(.unreadable, "line \(problem.span?.start.line ?? 1): \(problem.message)", document.cells)
    }
    if case .failed(let message, let line) = Verification.verify(document) {
      return broken(.tampered, "line \(line): \(message)", document.cells)
    }
    var watcher = FoldWatcher()
    let session = Session(displayStyle: .record)
    for cell in document.cells {
      do { try session.restore(cell) } catch {
        return broken(.unreadable, "cell \(cell.number) cannot be rebuilt: \(error.message)", document.cells)
      }
      watcher.observe(session.investigation, after: cell)
    }
    return .record(
      records(
        session.investigation, watcher: watcher, cells: document.cells, path: path, label: label,
        format: document.version))
  }

  static func fileColumns(cells: [Cell], label: String) -> [(String, SQLValue)] {
    [
      ("label", .text(label)), ("cells", .integer(Int64(cells.count))), ("chain_head", .optional(cells.last?.chain)),
      ("first_cell_at", .optional(cells.first?.time)),
      ("first_day", .optional(cells.first.flatMap { Days.number($0.time) })),
      ("last_cell_at", .optional(cells.last?.time)),
      ("last_day", .optional(cells.last.flatMap { Days.number($0.time) })),
    ]
  }

  static func records(
    _ inv: Investigation, watcher: FoldWatcher, cells: [Cell], path: String, label: String, format: Int
  )
    -> NotebookRecord
  {
    let id = cells.first?.chain ?? "path:" + path
    let owner: SQLValue = .text(id)
    let stepNames = Dictionary(uniqueKeysWithValues: inv.steps.map { ($0.id, $0.name) })

    // `wording_group` is filled when the notebook is written (RegisterIndexer.write): groups span notebooks.
    var problems = TableRows(
      table: "problems",
      columns: [
        "investigation", "statement", "expected", "actual", "terms", "cell",
        "wording_group",
      ])
    if let problem = inv.problem {
      problems.rows.append([
        owner, .text(problem.statement), .optional(problem.expected), .optional(problem.actual),
        .text(Terms.key(Terms.of(problem.statement))), .optional(watcher.problemCell), .null,
      ])
    }
    var steps = TableRows(table: "steps", columns: ["investigation", "step_id", "name", "owner", "position"])
    for (position, step) in inv.steps.enumerated() {
      steps.rows.append([owner, .text(step.id.description), .text(step.name), .optional(step.owner), .int(position)])
    }
    var causes = TableRows(
      table: "causes",
      columns: [
        "investigation", "cause_id", "kind", "category", "text", "status",
        "is_root", "parent_id", "rationale", "terms", "cell", "judged_cell", "judged_at", "judged_day",
      ])
    for node in inv.whysInOrder + inv.causesInOrder {
      let parent = node.id.path.count > 1 ? ItemID(node.id.kind, Array(node.id.path.dropLast())).description : nil
      let judged = watcher.judged[node.id]
      causes.rows.append([
        owner, .text(node.id.description), .text(node.id.kind == .why ? "why" : "fishbone"),
        .text(node.category ?? ""), .text(node.text), .text(node.status.rawValue), .int(node.isRoot ? 1 : 0),
        .optional(parent), .optional(node.rationale), .text(Terms.key(Terms.of(node.text))),
        .optional(watcher.created[node.id]),
        .optional(judged?.number), .optional(judged?.time), .optional(judged.flatMap { Days.number($0.time) }),
      ])
    }
    var findings = TableRows(
      table: "findings",
      columns: [
        "investigation", "finding_id", "text", "step_id", "step_name",
        "to_step_id", "to_step_name", "cell",
      ])
    var links = TableRows(table: "finding_causes", columns: ["investigation", "finding_id", "cause_id"])
    for finding in inv.findings {
      let located = finding.location?.steps ?? []
      findings.rows.append([
        owner, .text(finding.id.description), .text(finding.text), .optional(located.first?.description),
        .optional(located.first.flatMap { stepNames[$0] }), .optional(located.dropFirst().first?.description),
        .optional(located.dropFirst().first.flatMap { stepNames[$0] }), .optional(watcher.created[finding.id]),
      ])
      for cause in Set(finding.causes).sorted() {
        links.rows.append([owner, .text(finding.id.description), .text(cause.description)])
      }
    }
    let groups = causeGroups(inv, owner: owner, label: label, stepNames: stepNames)
    var actions = TableRows(
      table: "actions",
      columns: [
        "investigation", "action_id", "finding_id", "text", "owner", "due",
        "due_day", "review", "review_due", "review_due_day", "standard", "state", "done_at", "done_day", "effective",
        "outcome",
        "judged_at", "judged_day", "cell", "check_query", "check_target", "check_after", "check_after_day", "verdict",
        "last_judged_at", "last_judged_day", "judged_by",
      ])
    for action in inv.actions {
      let judged = watcher.judged[action.id]
      let effective: SQLValue =
        switch action.state {
        case .effective: .int(1)
        case .notEffective: .int(0)
        case .open, .done: .null
        }
      // The last time its effect was judged (effective, not effective, or a planned check's
      // inconclusive verdict), as `check` reads it.
      let lastJudged = action.judgedAt ?? action.judgement?.judgedAt ?? judged?.time
      let reviewDue = Self.reviewDue(action, lastJudged: lastJudged)
      let planned = action.plannedCheck
      actions.rows.append([
        owner, .text(action.id.description), .text(action.finding.description), .text(action.text),
        .optional(action.owner), .optional(action.due?.description), .optional(action.due.map(Days.number)),
        .optional(action.review?.rawValue), .optional(reviewDue?.description), .optional(reviewDue.map(Days.number)),
        .optional(action.standard), .text(action.state.rawValue), .optional(action.doneAt),
        .optional(action.doneAt.flatMap(Days.number)), effective, .optional(action.outcome),
        .optional(judged?.time), .optional(judged.flatMap { Days.number($0.time) }),
        .optional(watcher.created[action.id]),
        .optional(planned?.query), .optional(planned?.target), .optional(planned?.after.description),
        .optional(planned.map { Days.number($0.after) }), .optional(action.judgement?.verdict.rawValue),
        .optional(lastJudged), .optional(lastJudged.flatMap(Days.number)), .optional(action.judgedBy),
      ])
    }
    var signoffs = TableRows(
      table: "signoffs",
      columns: [
        "investigation", "position", "role", "name", "signed_at",
        "signed_day", "chain", "cell", "meaning",
      ])
    for (position, signoff) in inv.signoffs.enumerated() {
      signoffs.rows.append([
        owner, .int(position), .text(signoff.role), .text(signoff.name), .text(signoff.time),
        .optional(Days.number(signoff.time)), .text(signoff.chain), .int(signoff.cell),
        .optional(signoff.meaning?.rawValue),
      ])
    }
    var team = TableRows(table: "team", columns: ["investigation", "name", "role", "cell"])
    for member in inv.team {
      team.rows.append([owner, .text(member.name), .text(member.role.rawValue), .int(member.cell)])
    }
    var containments = TableRows(
      table: "containments",
      columns: [
        "investigation", "containment_id", "text", "owner", "due",
        "due_day", "state", "verified_at", "verified_day", "cell",
      ])
    for k in inv.containments {
      containments.rows.append([
        owner, .text(k.id.description), .text(k.text), .text(k.owner), .optional(k.due?.description),
        .optional(k.due.map(Days.number)), .text(k.state.rawValue), .optional(k.verifiedAt),
        .optional(k.verifiedAt.flatMap(Days.number)), .int(k.cell),
      ])
    }
    var escapes = TableRows(
      table: "escapes", columns: ["investigation", "escape_id", "text", "step_id", "step_name", "cell"])
    for e in inv.escapes {
      escapes.rows.append([
        owner, .text(e.id.description), .text(e.text), .optional(e.step?.description),
        .optional(e.step.flatMap { stepNames[$0] }), .int(e.cell),
      ])
    }
    // Why each escape point escaped: `E1.1` answers E1, `E1.1.1` answers E1.1 (judged like causes).
    var escapeWhys = TableRows(
      table: "escape_whys",
      columns: [
        "investigation", "why_id", "escape_id", "parent_id", "text",
        "status", "is_root", "rationale", "cell", "judged_cell", "judged_at", "judged_day",
      ])
    for node in inv.escapeWhysInOrder {
      let judged = watcher.judged[node.id]
      escapeWhys.rows.append([
        owner, .text(node.id.description), .text(ItemID(node.id.kind, [node.id.path[0]]).description),
        .text(ItemID(node.id.kind, Array(node.id.path.dropLast())).description), .text(node.text),
        .text(node.status.rawValue),
        .int(node.isRoot ? 1 : 0), .optional(node.rationale), .optional(watcher.created[node.id]),
        .optional(judged?.number),
        .optional(judged?.time), .optional(judged.flatMap { Days.number($0.time) }),
      ])
    }
    var extent = TableRows(
      table: "extent_checks",
      columns: [
        "investigation", "extent_id", "text", "action_id", "none_reason",
        "cell",
      ])
    for x in inv.extent {
      extent.rows.append([
        owner, .text(x.id.description), .text(x.text), .optional(x.action?.description),
        .optional(x.noneReason), .int(x.cell),
      ])
    }
    var evidence = TableRows(
      table: "evidence",
      columns: [
        "investigation", "position", "name", "path", "format", "row_count",
        "sha256", "cell",
      ])
    for (position, record) in inv.evidence.enumerated() {
      evidence.rows.append([
        owner, .int(position), .text(record.name), .text(record.path), .text(record.format),
        .int(record.rows), .text(record.sha256), .int(record.cell),
      ])
    }

    var cases = TableRows(
      table: "cases", columns: ["investigation", "number", "customer", "part", "complaint", "reported_by", "site"])
    if let c = inv.caseIdentity {
      cases.rows.append([
        owner, .optional(c.number), .optional(c.customer), .optional(c.part), .optional(c.complaint),
        .optional(c.reportedBy), .optional(c.site),
      ])
    }
    let dates = InvestigationDates(inv, watcher: watcher)
    var columns = fileColumns(cells: cells, label: label)
    columns += [
      ("format", .int(format)), ("title", .optional(inv.title)), ("process", .optional(inv.processName)),
      ("state", .text(dates.state.rawValue)),
      ("root_confirmed_at", .optional(dates.rootConfirmed)),
      ("root_day", .optional(dates.rootConfirmed.flatMap(Days.number))),
      ("contained_at", .optional(dates.contained)), ("contained_day", .optional(dates.contained.flatMap(Days.number))),
      ("closed_at", .optional(dates.closed)), ("closed_day", .optional(dates.closed.flatMap(Days.number))),
      // What `kpis` sums over the investigations (one scan of 10,000 rows instead of five tables).
      ("n_actions", .int(inv.actions.count)),
      ("n_effective", .int(inv.actions.filter { $0.state == .effective }.count)),
      ("n_judged", .int(inv.actions.filter { $0.state == .effective || $0.state == .notEffective }.count)),
      ("n_planned", .int(inv.actions.filter { $0.plannedCheck != nil }.count)), ("n_team", .int(inv.team.count)),
      ("n_containments", .int(inv.containments.count)), ("n_escapes", .int(inv.escapes.count)),
      ("n_extent", .int(inv.extent.count)),
    ]
    return NotebookRecord(
      id: id, path: path, status: .ok, detail: nil, head: cells.last?.chain, investigation: columns,
      children: [
        problems, steps, causes, findings, links, actions, signoffs, evidence, team, containments, escapes, escapeWhys,
        extent, groups, cases,
      ])
  }

  /// What `causes --recurring` groups each cause by (docs/register.md): its wording (the group is
  /// filled in when written: `grp` is '' here), the name of each step a finding citing it sits at,
  /// and the standard of each action on such a finding. Names are lowercased here, in Swift, so
  /// both engines group alike. One row per cause and group; the shown name is the smallest spelling.
  static func causeGroups(_ inv: Investigation, owner: SQLValue, label: String, stepNames: [ItemID: String])
    -> TableRows
  {
    var rows = TableRows(
      table: "cause_groups",
      columns: [
        "investigation", "basis", "cause_id", "grp", "shown", "status",
        "kind", "category", "terms", "label",
      ])
    for node in inv.whysInOrder + inv.causesInOrder {
      let terms = Terms.key(Terms.of(node.text))
      let kind = node.id.kind == .why ? "why" : "fishbone"
      func row(_ basis: String, _ group: String, _ shown: String) -> [SQLValue] {
        [
          owner, .text(basis), .text(node.id.description), .text(group), .text(shown), .text(node.status.rawValue),
          .text(kind),
          .text(node.category ?? ""), .text(terms), .text(label),
        ]
      }
      if !terms.isEmpty { rows.rows.append(row("wording", "", node.text)) }
      var shown: [String: [String: String]] = ["step": [:], "SOP": [:]]
      func add(_ basis: String, _ name: String) {
        let group = name.lowercased()
        if let known = shown[basis]![group], known <= name { return }
        shown[basis]![group] = name
      }
      for finding in inv.findings where finding.causes.contains(node.id) {
        for step in finding.location?.steps.prefix(2) ?? [] { if let name = stepNames[step] { add("step", name) } }
        for action in inv.actions where action.finding == finding.id {
          if let sop = action.standard { add("SOP", sop) }
        }
      }
      for basis in ["step", "SOP"] {
        for (group, name) in shown[basis]!.sorted(by: { $0.key < $1.key }) { rows.rows.append(row(basis, group, name)) }
      }
    }
    return rows
  }

  /// One cadence after the action was last looked at: the later of its last judgement and
  /// when it was done (a done action judged inconclusive counts from the judgement; one done
  /// again after a not-effective verdict counts from the new `done`). Only done and effective
  /// actions have reviews.
  static func reviewDue(_ action: Action, lastJudged: String?) -> CalendarDate? {
    guard action.state == .done || action.state == .effective, let cadence = action.review else { return nil }
    let from = [lastJudged, action.doneAt].compactMap { $0 }.max()
    return from.flatMap { CalendarDate(String($0.prefix(10))) }.map { Days.adding(cadence, to: $0) }
  }
}

/// Watches the fold cell by cell for what the model keeps no time of.
struct FoldWatcher {
  /// The cell that created each cause, why, finding and action (a redo keeps the first).
  var created: [ItemID: Int] = [:]
  /// The cell that last changed a cause's status or an action's effectiveness judgement.
  var judged: [ItemID: (number: Int, time: String)] = [:]
  /// Since when each cause has been a confirmed root cause (cleared when it stops being one).
  var confirmedRootSince: [ItemID: String] = [:]
  var problemCell: Int?
  private var causeStatus: [ItemID: CauseStatus] = [:]
  private var actionState: [ItemID: Action.State] = [:]

  mutating func observe(_ inv: Investigation, after cell: Cell) {
    if inv.problem != nil, problemCell == nil { problemCell = cell.number }
    for (id, node) in inv.nodes {
      if created[id] == nil { created[id] = cell.number }
      if causeStatus[id] != node.status {
        if causeStatus[id] != nil || node.status != .hypothesis { judged[id] = (cell.number, cell.time) }
        causeStatus[id] = node.status
      }
      let isConfirmedRoot = node.status == .confirmed && node.isRoot
      if isConfirmedRoot, confirmedRootSince[id] == nil { confirmedRootSince[id] = cell.time }
      if !isConfirmedRoot { confirmedRootSince[id] = nil }
    }
    for finding in inv.findings where created[finding.id] == nil { created[finding.id] = cell.number }
    for action in inv.actions {
      if created[action.id] == nil { created[action.id] = cell.number }
      let judgement = action.state == .effective || action.state == .notEffective
      if actionState[action.id] != action.state {
        if judgement { judged[action.id] = (cell.number, cell.time) } else { judged[action.id] = nil }
        actionState[action.id] = action.state
      }
    }
  }
}

/// The state an investigation is in and the moments the KPIs measure (docs/register.md, "States"),
/// read as an ISO 9001 10.2 auditor reads a CAPA log: closed only once every action is shown to
/// work; a sign-off approves the record, it does not close it.
struct InvestigationDates {
  enum State: String, CaseIterable {
    case open, contained
    case rootCauseFound = "root-cause-found"
    case signed
    case awaitingEffectiveness = "awaiting-effectiveness"
    case closed
  }
  var state: State
  /// The earliest moment a cause that is a confirmed root cause now became one.
  var rootConfirmed: String?
  /// For a closed investigation: when its last action was judged effective, or a `verified`
  /// sign-off at or after that moment (the last such).
  var closed: String?
  /// The first time a containment was verified (`contained Kx`).
  var contained: String?

  init(_ inv: Investigation, watcher: FoldWatcher) {
    let roots = inv.nodes.values.filter { $0.status == .confirmed && $0.isRoot }
    rootConfirmed = roots.compactMap { watcher.confirmedRootSince[$0.id] }.min()
    let actions = inv.actions
    let allEffective = !actions.isEmpty && actions.allSatisfy { $0.state == .effective }
    let allDone = !actions.isEmpty && actions.allSatisfy { $0.state == .done || $0.state == .effective }
    contained = inv.containments.compactMap(\.verifiedAt).min()
    if allEffective {
      state = .closed
      // The judgement that made each action effective (a later review that found it still so changes nothing).
      let lastEffective = actions.compactMap { watcher.judged[$0.id]?.time }.max()
      let verified = inv.signoffs.filter { s in s.meaning == .verified && lastEffective.map { s.time >= $0 } ?? true }
      closed = verified.map(\.time).max() ?? lastEffective
    } else if allDone {
      state = .awaitingEffectiveness
    } else if !inv.signoffs.isEmpty {
      state = .signed
    } else if rootConfirmed != nil {
      state = .rootCauseFound
    } else if contained != nil {
      state = .contained
    } else {
      state = .open
    }
  }
}

extension SQLValue {
  static func optional(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }
  static func optional(_ number: Int?) -> SQLValue { number.map { .integer(Int64($0)) } ?? .null }
  static func optional(_ number: Int64?) -> SQLValue { number.map { .integer($0) } ?? .null }
  static func int(_ number: Int) -> SQLValue { .integer(Int64(number)) }
}
