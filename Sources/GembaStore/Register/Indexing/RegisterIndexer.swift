import Dispatch
import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `gemba register index PATH…`: folds every notebook under the paths into the register.
///
/// Files are folded outside the write lock, on every core; the rows are written in one
/// transaction that first checks again what another indexer may have written meanwhile.
public struct RegisterIndexer {
  public struct Report: Sendable, Equatable {
    public var new = 0, changed = 0, unchanged = 0, failed = 0
    /// One line per file that failed (tampered, unreadable, newer format, a copy), for stderr.
    public var problems: [String] = []
    /// `old → new` for each notebook found at a new path.
    public var moved: [String] = []
    public var total: Int { new + changed + unchanged + failed }
  }

  let db: any SQLDatabase
  /// The register as the user named it.
  let name: String

  public init(db: any SQLDatabase, name: String) {
    self.db = db
    self.name = name
  }

  private struct Stored {
    var id: String
    var head: String?
    var status: String
    var detail: String?
    var label: String
    var stamp: NotebookFiles.Stamp?
  }

  /// - Parameter now: the indexing time (ISO-8601), stored with each notebook written.
  public func index(_ roots: [String], now: String) throws -> Report {
    try RegisterSchema.migrate(db, name: name)
    var report = Report()
    let (files, missing) = NotebookFiles.find(under: roots)
    for problem in missing {
      report.problems.append(problem)
    }
    // What the register held when we started: files whose size and time are unchanged are not read.
    var stored: [String: Stored] = [:]
    for row in try db.execute(
      "SELECT id, path, chain_head, status, detail, label, file_size, file_mtime FROM investigations", []
    ).rows {
      var stamp: NotebookFiles.Stamp?
      if case .integer(let size) = row[6], case .integer(let mtime) = row[7] { stamp = .init(size: size, mtime: mtime) }
      stored[row[1].text ?? ""] = Stored(
        id: row[0].text ?? "", head: row[2].text, status: row[3].text ?? "",
        detail: row[4].text, label: row[5].text ?? "", stamp: stamp)
    }
    var toRead: [(file: NotebookFiles.Found, stamp: NotebookFiles.Stamp?)] = []
    for file in files {
      let stamp = NotebookFiles.stamp(file.path)
      if let known = stored[file.path], let stamp, known.stamp == stamp, known.label == file.label {
        if known.status == "ok" {
          report.unchanged += 1
        } else {
          report.failed += 1
          report.problems.append("\(known.status): \(file.label): \(known.detail ?? "")")
        }
      } else {
        toRead.append((file, stamp))
      }
    }
    // Folding starts now, before the write lock, and goes on while the rows are written.
    let folds = FoldPipeline(toRead.map(\.file))
    defer { folds.finish() }
    try db.transaction {
      try RegisterSchema.lockForWriting(db)
      // The wording groups as they stand: new rows get theirs when written; regrouping below
      // updates the rows of any group that changes.
      var groups: [String: String] = [:]
      for row in try db.execute("SELECT kind, category, terms, wording_group FROM wordings", []).rows {
        groups[Self.wordingKey(row[0].text ?? "", row[1].text ?? "", row[2].text ?? "")] = row[3].text
      }
      var run = Run(held: try Held(db), writer: RowWriter(db: db))
      // Into an empty register every group is new: refreshed all at once, nothing to collect.
      run.change.everything = run.held.byID.isEmpty
      var seenIDs: [String: String] = [:]
      var removed = false
      for index in toRead.indices {
        let (file, stamp) = toRead[index]
        let outcome = folds.outcome(at: index)
        switch outcome {
        case .unreadable(let reason):
          report.failed += 1
          report.problems.append("unreadable: \(file.label): \(reason)")
        case .folded(.notNotebook):
          // A file that is no longer a notebook leaves the register.
          if let id = run.held.byPath[file.path] {
            try run.writer.flush()
            try run.touch(id)
            _ = try db.execute("DELETE FROM investigations WHERE path = ?", [.text(file.path)])
            run.held.remove(id)
            removed = true
          }
        case .folded(.newer(let version)):
          report.failed += 1
          report.problems.append(
            "skipped: \(file.label) was written by a newer gemba (format v\(version)); upgrade gemba to index it")
        case .folded(.record(let record)):
          if let other = seenIDs[record.id] {
            report.failed += 1
            report.problems.append(
              "skipped: \(file.label) is a copy of \(other) (the same first cell, so the same investigation);"
                + " keep one, or start the copy afresh with `gemba \(other) --fork NEW.md`")
            continue
          }
          seenIDs[record.id] = file.label
          let kind = try write(record, file: file, stamp: stamp, now: now, groups: groups, run: &run, report: &report)
          if kind == .copy {
            report.failed += 1
          } else if record.status != .ok {
            // Stored, so the register shows it, but never counted (or asked about) as clean.
            report.failed += 1
            report.problems.append("\(record.status.rawValue): \(file.label): \(record.detail ?? "")")
          } else {
            switch kind {
            case .new: report.new += 1
            case .changed: report.changed += 1
            case .unchanged, .copy: report.unchanged += 1
            }
          }
        }
      }
      try run.writer.flush()
      if report.new + report.changed > 0 || removed {
        try regroupWordings(touching: &run.change.regrouped)
      }
      if !run.change.isEmpty || (run.change.everything && report.new + report.changed > 0) {
        try Recurrences(db: db).refresh(run.change)
      }
      // A server plans by statistics that freshly written tables lack until autovacuum comes by
      // (a plan without them sorted every cause to list five): after writing a tenth of the
      // register or more, gather them now.
      let written = report.new + report.changed
      if db.engine == .postgresql, written > 0, written * 10 >= run.held.byID.count {
        try db.executeScript(
          "SET LOCAL client_min_messages = error; ANALYZE "
            + (["investigations", "wordings"] + RegisterTables.children + RegisterTables.kept).joined(separator: ", "))
      }
    }
    return report
  }

  private enum WriteKind { case new, changed, unchanged, copy }

  /// The investigations the register holds, read under the write lock (so nothing another
  /// indexer wrote is missed) and kept current as this run writes.
  struct Held {
    struct Row {
      var path: String
      var head: String?
      var status: String
      var label: String
    }
    var byID: [String: Row] = [:]
    var byPath: [String: String] = [:]

    init(_ db: any SQLDatabase) throws {
      for row in try db.execute("SELECT id, path, chain_head, status, label FROM investigations", []).rows {
        let id = row[0].text ?? "", path = row[1].text ?? ""
        byID[id] = Row(path: path, head: row[2].text, status: row[3].text ?? "", label: row[4].text ?? "")
        byPath[path] = id
      }
    }

    mutating func set(_ id: String, _ row: Row) {
      if let old = byID[id], byPath[old.path] == id { byPath[old.path] = nil }
      byID[id] = row
      byPath[row.path] = id
    }

    mutating func remove(_ id: String) {
      if let old = byID.removeValue(forKey: id), byPath[old.path] == id { byPath[old.path] = nil }
    }
  }

  /// What one indexing run carries from notebook to notebook inside its transaction.
  struct Run {
    var held: Held
    var writer: RowWriter
    /// What the run's writes change in the kept `problems --recurring` (Recurrences).
    var change = Recurrences.Change()

    /// Notes notebook `id`, its label and the groups its rows are in now, before they change or go.
    mutating func touch(_ id: String) throws {
      guard !change.everything else { return }
      change.investigations.insert(id)
      if let label = held.byID[id]?.label { change.labels.insert(label) }
      change.groups.formUnion(try Recurrences(db: writer.db).groups(of: id))
    }
  }

  /// Writes one notebook's rows, replacing what the register held for it.
  private func write(
    _ record: NotebookRecord, file: NotebookFiles.Found, stamp: NotebookFiles.Stamp?, now: String,
    groups: [String: String], run: inout Run, report: inout Report
  ) throws -> WriteKind {
    let existing = run.held.byID[record.id]
    var kind = WriteKind.new
    if let existing {
      if existing.path != file.path {
        // The same investigation at two paths: moved, unless the old file is still a notebook there.
        if NotebookFiles.exists(existing.path),
          case .record(let old)? = try? NotebookFiles.read(existing.path).map({
            NotebookFold.fold(bytes: $0, path: existing.path, label: "")
          }).get(), old.id == record.id
        {
          report.problems.append(
            "skipped: \(file.label) is a copy of \(existing.label) (the same first cell,"
              + " so the same investigation); keep one, or start the copy afresh with `gemba \(file.label) --fork NEW.md`"
          )
          return .copy
        }
        report.moved.append("\(existing.label) → \(file.label)")
      }
      let same = existing.head == record.head && existing.status == record.status.rawValue
      kind = same ? .unchanged : .changed
    }
    let held = Held.Row(path: file.path, head: record.head, status: record.status.rawValue, label: file.label)
    // Another notebook that was at this path is gone: the file now holds this one.
    let other = run.held.byPath[file.path].flatMap { $0 == record.id ? nil : $0 }
    if kind != .new || other != nil {
      // What follows reads and deletes rows: the waiting ones go first.
      try run.writer.flush()
    }
    if let other {
      try run.touch(other)
      _ = try db.execute("DELETE FROM investigations WHERE path = ? AND id <> ?", [.text(file.path), .text(record.id)])
      run.held.remove(other)
    }
    if kind == .unchanged {
      _ = try db.execute(
        "UPDATE investigations SET path = ?, label = ?, file_size = ?, file_mtime = ? WHERE id = ?",
        [.text(file.path), .text(file.label), .optional(stamp?.size), .optional(stamp?.mtime), .text(record.id)])
      if existing?.label != file.label {
        _ = try db.execute(
          "UPDATE cause_groups SET label = ? WHERE investigation = ?", [.text(file.label), .text(record.id)])
        // The label is in the answer's rows and in the first action a group names.
        try run.touch(record.id)
        run.change.labels.insert(file.label)
      }
      run.held.set(record.id, held)
      return kind
    }
    if kind == .changed {
      try run.touch(record.id)
      for table in RegisterTables.children {
        _ = try db.execute("DELETE FROM \(table) WHERE investigation = ?", [.text(record.id)])
      }
    }
    var columns: [(String, SQLValue)] = [
      ("id", .text(record.id)), ("path", .text(file.path)), ("status", .text(record.status.rawValue)),
      ("detail", .optional(record.detail)), ("file_size", .optional(stamp?.size)),
      ("file_mtime", .optional(stamp?.mtime)),
      ("indexed_at", .text(now)),
    ]
    columns += record.investigation
    // Every column, NULL where the record has none, so nothing of an earlier state survives.
    let given = Dictionary(columns, uniquingKeysWith: { a, _ in a })
    let names = RegisterTables.investigationColumns
    try run.writer.insert(
      "investigations", columns: names, rows: [names.map { given[$0] ?? .null }],
      suffix: " ON CONFLICT (id) DO UPDATE SET "
        + names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
    var children = record.children
    for t in children.indices {
      for r in children[t].rows.indices {
        Self.fillWordingGroup(&children[t].rows[r], table: children[t], groups: groups)
      }
      try run.writer.insert(children[t].table, columns: children[t].columns, rows: children[t].rows)
    }
    if !run.change.everything {
      run.change.investigations.insert(record.id)
      run.change.labels.insert(file.label)
      run.change.groups.formUnion(Recurrences.groups(of: children))
    }
    run.held.set(record.id, held)
    try run.writer.flushIfFull()
    return kind
  }

  static func wordingKey(_ kind: String, _ category: String, _ terms: String) -> String {
    "\(kind)\u{1}\(category)\u{1}\(terms)"
  }

  /// The wording group a new row belongs to, where the register knows it already:
  /// `problems.wording_group`, and `cause_groups.grp` (`kind:category:group`) for wording rows.
  static func fillWordingGroup(_ row: inout [SQLValue], table: TableRows, groups: [String: String]) {
    func column(_ name: String) -> Int { table.columns.firstIndex(of: name)! }
    switch table.table {
    case "problems":
      if let group = groups[wordingKey("problem", "", row[column("terms")].text ?? "")] {
        row[column("wording_group")] = .text(group)
      }
    case "cause_groups" where row[column("basis")].text == "wording":
      let category = row[column("category")].text ?? ""
      if let group = groups[wordingKey("cause", category, row[column("terms")].text ?? "")] {
        row[column("grp")] = .text("\(row[column("kind")].text ?? ""):\(category):\(group)")
      }
    default: break
    }
  }

  /// Recomputes which wordings are similar (WordingGroups) over the clean notebooks, and
  /// writes only the groups that changed; `touched` gains each changed wording's old and new group.
  func regroupWordings(touching touched: inout Set<Recurrences.Group>) throws {
    var wanted: [String: [WordingGroups.Wording]] = ["cause": [], "problem": []]
    for row in try db.execute(
      // A ruled-out cause is not a recurring cause: its wording neither makes nor bridges a group.
      """
      SELECT DISTINCT c.category, c.terms FROM causes c JOIN investigations i ON i.id = c.investigation
      WHERE i.status = 'ok' AND c.status <> 'ruled-out'
      """, []
    ).rows {
      wanted["cause"]!.append(.init(category: row[0].text ?? "", key: row[1].text ?? ""))
    }
    for row in try db.execute(
      "SELECT DISTINCT p.terms FROM problems p JOIN investigations i ON i.id = p.investigation WHERE i.status = 'ok'",
      []
    ).rows {
      wanted["problem"]!.append(.init(category: "", key: row[0].text ?? ""))
    }
    var have: [String: String] = [:]
    for row in try db.execute("SELECT kind, category, terms, wording_group FROM wordings", []).rows {
      have["\(row[0].text ?? "")\u{1}\(row[1].text ?? "")\u{1}\(row[2].text ?? "")"] = row[3].text
    }
    var keep: Set<String> = []
    var writer = RowWriter(db: db)
    var changed: [String: [WordingGroups.Wording]] = ["cause": [], "problem": []]
    for kind in ["cause", "problem"] {
      let groups = WordingGroups.groups(of: wanted[kind]!)
      for (wording, group) in groups.sorted(by: { $0.key < $1.key }) {
        let key = "\(kind)\u{1}\(wording.category)\u{1}\(wording.key)"
        keep.insert(key)
        guard have[key] != group else { continue }
        try writer.insert(
          "wordings", columns: ["kind", "category", "terms", "wording_group"],
          rows: [[.text(kind), .text(wording.category), .text(wording.key), .text(group)]],
          suffix: " ON CONFLICT (kind, category, terms) DO UPDATE SET wording_group = excluded.wording_group")
        try writer.flushIfFull()
        changed[kind]!.append(wording)
        for name in [group] + (have[key].map { [$0] } ?? []) {
          if kind == "problem" {
            touched.insert(.init(basis: "problem", name: name))
          } else {
            for causeKind in ["fishbone", "why"] {
              touched.insert(.init(basis: "wording", name: "\(causeKind):\(wording.category):\(name)"))
            }
          }
        }
      }
    }
    try writer.flush()
    // The rows that carry the changed groups (a new wording's rows were written without one).
    for chunk in Recurrences.chunks(changed["problem"]!) {
      _ = try db.execute(
        """
        UPDATE problems SET wording_group = (SELECT w.wording_group FROM wordings w
          WHERE w.kind = 'problem' AND w.category = '' AND w.terms = problems.terms)
        WHERE terms IN (\(chunk.map { _ in "?" }.joined(separator: ", ")))
        """, chunk.map { .text($0.key) })
    }
    for chunk in Recurrences.chunks(changed["cause"]!) {
      _ = try db.execute(
        """
        UPDATE cause_groups SET grp = kind || ':' || category || ':' || (SELECT w.wording_group FROM wordings w
          WHERE w.kind = 'cause' AND w.category = cause_groups.category AND w.terms = cause_groups.terms)
        WHERE basis = 'wording' AND (category, terms) IN (VALUES \(chunk.map { _ in "(?, ?)" }.joined(separator: ", ")))
        """, chunk.flatMap { [.text($0.category), .text($0.key)] })
    }
    for key in have.keys.sorted() where !keep.contains(key) {
      let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
      _ = try db.execute(
        "DELETE FROM wordings WHERE kind = ? AND category = ? AND terms = ?",
        [.text(parts[0]), .text(parts[1]), .text(parts[2])])
      // Only ruled-out causes still word it: their rows leave the group.
      if parts[0] == "cause", let old = have[key] {
        _ = try db.execute(
          "UPDATE cause_groups SET grp = '' WHERE basis = 'wording' AND category = ? AND terms = ?",
          [.text(parts[1]), .text(parts[2])])
        for causeKind in ["fishbone", "why"] {
          touched.insert(.init(basis: "wording", name: "\(causeKind):\(parts[1]):\(old)"))
        }
      }
    }
  }

  enum FileOutcome {
    case unreadable(String)
    case folded(FoldOutcome)
  }

  /// Reads and folds one file (FoldPipeline runs this on every core: each fold is independent and pure).
  static func fold(_ file: NotebookFiles.Found) -> FileOutcome {
    switch NotebookFiles.read(file.path) {
    case .success(let bytes): .folded(NotebookFold.fold(bytes: bytes, path: file.path, label: file.label))
    case .failure(let error):
      // Only a file that might be a notebook is worth reporting; we cannot tell, so say so.
      .unreadable("cannot read it (\(error.reason)); check its permissions")
    }
  }
}

/// The tables that belong to an investigation (deleted and rewritten with it).
enum RegisterTables {
  static let children = [
    "problems", "steps", "causes", "findings", "finding_causes", "actions", "signoffs", "evidence",
    "team", "containments", "escapes", "escape_whys", "extent_checks", "cause_groups", "cases",
  ]
  /// The answers the indexer keeps (Recurrences).
  static let kept = ["recurrence_firsts", "recurrences", "cause_group_counts"]
  static let investigationColumns = [
    "id", "path", "label", "status", "detail", "format", "title", "process", "state", "cells", "chain_head",
    "first_cell_at", "first_day", "last_cell_at", "last_day", "root_confirmed_at", "root_day", "contained_at",
    "contained_day", "closed_at", "closed_day", "file_size", "file_mtime", "indexed_at",
    "n_actions", "n_effective", "n_judged", "n_planned", "n_team", "n_containments", "n_escapes", "n_extent",
  ]
}

extension SQLValue {
  var text: String? { if case .text(let t) = self { t } else { nil } }
  var integer: Int64? { if case .integer(let i) = self { i } else { nil } }
}

enum System {
  static var cores: Int {
    #if canImport(Glibc)
      Int(Glibc.sysconf(Int32(Glibc._SC_NPROCESSORS_ONLN)))
    #else
      Int(Darwin.sysconf(Int32(Darwin._SC_NPROCESSORS_ONLN)))
    #endif
  }
}
