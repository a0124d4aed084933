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
      stored[row[1].text ?? ""] = Stored(id: row[0].text ?? "", head: row[2].text, status: row[3].text ?? "",
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
    let outcomes = Self.foldAll(toRead.map(\.file))
    try db.transaction {
      try RegisterSchema.lockForWriting(db)
      // The wording groups as they stand: new rows get theirs when written; regrouping below
      // updates the rows of any group that changes.
      var groups: [String: String] = [:]
      for row in try db.execute("SELECT kind, category, terms, wording_group FROM wordings", []).rows {
        groups[Self.wordingKey(row[0].text ?? "", row[1].text ?? "", row[2].text ?? "")] = row[3].text
      }
      var seenIDs: [String: String] = [:]
      for (index, outcome) in outcomes.enumerated() {
        let (file, stamp) = toRead[index]
        switch outcome {
        case .unreadable(let reason):
          report.failed += 1
          report.problems.append("unreadable: \(file.label): \(reason)")
        case .folded(.notNotebook):
          // A file that is no longer a notebook leaves the register.
          if stored[file.path] != nil { _ = try db.execute("DELETE FROM investigations WHERE path = ?", [.text(file.path)]) }
        case .folded(.newer(let version)):
          report.failed += 1
          report.problems.append("skipped: \(file.label) was written by a newer gemba (format v\(version)); upgrade gemba to index it")
        case .folded(.record(let record)):
          if let other = seenIDs[record.id] {
            report.failed += 1
            report.problems.append("skipped: \(file.label) is a copy of \(other) (the same first cell, so the same investigation);"
              + " keep one, or start the copy afresh with `gemba \(other) --fork NEW.md`")
            continue
          }
          seenIDs[record.id] = file.label
          let kind = try write(record, file: file, stamp: stamp, now: now, groups: groups, report: &report)
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
            default: report.unchanged += 1
            }
          }
        }
      }
      if report.new + report.changed > 0 || outcomes.contains(where: { if case .folded(.notNotebook) = $0 { true } else { false } }) {
        try regroupWordings()
      }
    }
    return report
  }

  private enum WriteKind { case new, changed, unchanged, copy }

  /// Writes one notebook's rows, replacing what the register held for it.
  private func write(_ record: NotebookRecord, file: NotebookFiles.Found, stamp: NotebookFiles.Stamp?, now: String,
    groups: [String: String], report: inout Report) throws -> WriteKind
  {
    let existing = try db.execute("SELECT path, chain_head, status, label FROM investigations WHERE id = ?", [.text(record.id)])
      .rows.first
    var kind = WriteKind.new
    if let existing, let oldPath = existing[0].text {
      if oldPath != file.path {
        // The same investigation at two paths: moved, unless the old file is still a notebook there.
        if NotebookFiles.exists(oldPath), case .record(let old)? = try? NotebookFiles.read(oldPath).map({
          NotebookFold.fold(bytes: $0, path: oldPath, label: "")
        }).get(), old.id == record.id {
          report.problems.append("skipped: \(file.label) is a copy of \(existing[3].text ?? oldPath) (the same first cell,"
            + " so the same investigation); keep one, or start the copy afresh with `gemba \(file.label) --fork NEW.md`")
          return .copy
        }
        report.moved.append("\(existing[3].text ?? oldPath) → \(file.label)")
      }
      let same = existing[1].text == record.head && existing[2].text == record.status.rawValue
      kind = same ? .unchanged : .changed
    }
    // Another notebook that was at this path is gone: the file now holds this one.
    _ = try db.execute("DELETE FROM investigations WHERE path = ? AND id <> ?", [.text(file.path), .text(record.id)])
    if kind == .unchanged {
      _ = try db.execute("UPDATE investigations SET path = ?, label = ?, file_size = ?, file_mtime = ? WHERE id = ?",
        [.text(file.path), .text(file.label), .optional(stamp?.size), .optional(stamp?.mtime), .text(record.id)])
      if existing?[3].text != file.label {
        _ = try db.execute("UPDATE cause_groups SET label = ? WHERE investigation = ?", [.text(file.label), .text(record.id)])
      }
      return kind
    }
    if kind == .changed {
      for table in RegisterTables.children {
        _ = try db.execute("DELETE FROM \(table) WHERE investigation = ?", [.text(record.id)])
      }
    }
    var columns: [(String, SQLValue)] = [
      ("id", .text(record.id)), ("path", .text(file.path)), ("status", .text(record.status.rawValue)),
      ("detail", .optional(record.detail)), ("file_size", .optional(stamp?.size)), ("file_mtime", .optional(stamp?.mtime)),
      ("indexed_at", .text(now)),
    ]
    columns += record.investigation
    // Every column, NULL where the record has none, so nothing of an earlier state survives.
    let given = Dictionary(columns, uniquingKeysWith: { a, _ in a })
    let names = RegisterTables.investigationColumns
    let values = names.map { given[$0] ?? .null }
    let sql = "INSERT INTO investigations (\(names.joined(separator: ", "))) VALUES ("
      + names.map { _ in "?" }.joined(separator: ", ") + ") ON CONFLICT (id) DO UPDATE SET "
      + names.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
    _ = try db.execute(sql, values)
    for table in record.children where !table.rows.isEmpty {
      let rows = table.rows.map { row in
        var row = row
        Self.fillWordingGroup(&row, table: table, groups: groups)
        return row
      }
      let head = "INSERT INTO \(table.table) (\(table.columns.joined(separator: ", "))) VALUES "
      let tuple = "(" + table.columns.map { _ in "?" }.joined(separator: ", ") + ")"
      if db.engine == .sqlite {
        // One prepared statement, reused for every row of every notebook.
        for row in rows { _ = try db.execute(head + tuple, row) }
      } else {
        // A server is a round trip per statement: a notebook's rows of one table go as one.
        for start in stride(from: 0, to: rows.count, by: 200) {
          let batch = rows[start..<min(start + 200, rows.count)]
          _ = try db.execute(head + Array(repeating: tuple, count: batch.count).joined(separator: ", "), batch.flatMap { $0 })
        }
      }
    }
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
  /// writes only the groups that changed.
  func regroupWordings() throws {
    var wanted: [String: [WordingGroups.Wording]] = ["cause": [], "problem": []]
    for row in try db.execute(
      "SELECT DISTINCT c.category, c.terms FROM causes c JOIN investigations i ON i.id = c.investigation WHERE i.status = 'ok'", []
    ).rows {
      wanted["cause"]!.append(.init(category: row[0].text ?? "", key: row[1].text ?? ""))
    }
    for row in try db.execute(
      "SELECT DISTINCT p.terms FROM problems p JOIN investigations i ON i.id = p.investigation WHERE i.status = 'ok'", []
    ).rows {
      wanted["problem"]!.append(.init(category: "", key: row[0].text ?? ""))
    }
    var have: [String: String] = [:]
    for row in try db.execute("SELECT kind, category, terms, wording_group FROM wordings", []).rows {
      have["\(row[0].text ?? "")\u{1}\(row[1].text ?? "")\u{1}\(row[2].text ?? "")"] = row[3].text
    }
    var keep: Set<String> = []
    for kind in ["cause", "problem"] {
      let groups = WordingGroups.groups(of: wanted[kind]!)
      for (wording, group) in groups.sorted(by: { $0.key < $1.key }) {
        let key = "\(kind)\u{1}\(wording.category)\u{1}\(wording.key)"
        keep.insert(key)
        guard have[key] != group else { continue }
        _ = try db.execute("""
          INSERT INTO wordings (kind, category, terms, wording_group) VALUES (?, ?, ?, ?)
          ON CONFLICT (kind, category, terms) DO UPDATE SET wording_group = excluded.wording_group
          """, [.text(kind), .text(wording.category), .text(wording.key), .text(group)])
        // The rows that carry the group (a new wording's rows were written without one).
        if kind == "problem" {
          _ = try db.execute("UPDATE problems SET wording_group = ? WHERE terms = ?", [.text(group), .text(wording.key)])
        } else {
          _ = try db.execute("""
            UPDATE cause_groups SET grp = kind || ':' || category || ':' || ?
            WHERE category = ? AND terms = ? AND basis = 'wording'
            """, [.text(group), .text(wording.category), .text(wording.key)])
        }
      }
    }
    for key in have.keys.sorted() where !keep.contains(key) {
      let parts = key.split(separator: "\u{1}", omittingEmptySubsequences: false).map(String.init)
      _ = try db.execute("DELETE FROM wordings WHERE kind = ? AND category = ? AND terms = ?",
        [.text(parts[0]), .text(parts[1]), .text(parts[2])])
    }
  }

  enum FileOutcome {
    case unreadable(String)
    case folded(FoldOutcome)
  }

  /// Reads and folds each file, spread over the cores (each fold is independent and pure).
  static func foldAll(_ files: [NotebookFiles.Found]) -> [FileOutcome] {
    let count = files.count
    guard count > 0 else { return [] }
    let buffer = UnsafeMutableBufferPointer<FileOutcome>.allocate(capacity: count)
    buffer.initialize(repeating: .unreadable(""))
    defer { buffer.deallocate() }
    nonisolated(unsafe) let results = buffer
    let workers = max(1, min(count, System.cores))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      var index = worker
      while index < count {
        let file = files[index]
        switch NotebookFiles.read(file.path) {
        case .success(let bytes): results[index] = .folded(NotebookFold.fold(bytes: bytes, path: file.path, label: file.label))
        case .failure(let error):
          // Only a file that might be a notebook is worth reporting; we cannot tell, so say so.
          results[index] = .unreadable("cannot read it (\(error.reason)); check its permissions")
        }
        index += workers
      }
    }
    return Array(buffer)
  }
}

/// The tables that belong to an investigation (deleted and rewritten with it).
enum RegisterTables {
  static let children = ["problems", "steps", "causes", "findings", "finding_causes", "actions", "signoffs", "evidence",
    "team", "containments", "escapes", "extent_checks", "cause_groups"]
  static let investigationColumns = [
    "id", "path", "label", "status", "detail", "format", "title", "process", "state", "cells", "chain_head",
    "first_cell_at", "first_day", "last_cell_at", "last_day", "root_confirmed_at", "root_day", "contained_at",
    "contained_day", "closed_at", "closed_day", "file_size", "file_mtime", "indexed_at",
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
