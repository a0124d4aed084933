import GembaCore
import GembaStore

/// `load sql "QUERY" --db URL as NAME` typed in the shell or a batch: the query runs on the server
/// here, at the edge, its answer is written to `evidence/NAME.sql.csv`, and the cell records the
/// command with `--snapshot evidence/NAME.sql.csv`, which the session loads as any CSV. Replay,
/// verify, export and opening a notebook run cells through the session only, so they never reach
/// this type and never contact a server. `refresh NAME` is the last such command typed again.
struct SQLEvidence {
  /// The notebook's folder: snapshots go to its `evidence/`, and `sqlite:PATH` is relative to it.
  let folder: String

  struct Prepared {
    /// The command as the cell records it: with `--snapshot`.
    var source: String
    /// `ran the query on postgresql://…: 4,210 rows × 3 columns → evidence/complaints.sql.csv`.
    var message: String
  }

  /// Runs a `load sql` that has no snapshot yet (or the one `refresh NAME` names); nil for any other command.
  func prepare(_ source: String, firstLine: Int, cells: [Cell]) throws(Diagnostic) -> Prepared? {
    let start = source.drop(while: \.isWhitespace).lowercased()
    guard start.hasPrefix("load ") || start.hasPrefix("refresh ") else { return nil }
    var text = source
    guard var command = try? Parser.parse(source, firstLine: firstLine) else { return nil }
    var refreshed: SourceSpan?
    if case .refresh(let name) = command {
      text = try Self.lastQuery(named: name, in: cells)
      guard let again = try? Parser.parse(text) else { return nil }
      command = again
      refreshed = name.span
    }
    guard case .load(let spec) = command, let sql = spec.sql, sql.snapshot == nil, let name = spec.name else {
      return nil
    }
    let answer: EvidenceQuery.Answer
    do throws(SQLError) {
      answer = try EvidenceQuery.run(
        sql.query.value, on: sql.database.value, limit: sql.rowLimit,
        timeoutSeconds: sql.timeoutSeconds, folder: folder, allowSuperuser: sql.allowSuperuser)
    } catch {
      var refusal = Self.diagnostic(error, sql)
      // The caret belongs on what was typed: the name after `refresh`, not the command it stands for.
      if let refreshed { refusal.span = refreshed }
      throw refusal
    }
    let bytes = Array(answer.csv.utf8)
    // withUnsafeBytes rethrows untyped errors: the result crosses it as a value.
    let outcome = bytes.withUnsafeBytes { buffer -> Result<(path: String, reused: Bool), Diagnostic> in
      do throws(Diagnostic) {
        return .success(
          try EvidenceImport.store(
            buffer, digest: EvidenceHash.sha256(buffer), named: name.value + ".sql.csv",
            in: folder, for: "the answer of `load sql`", at: sql.query.span
          ) { _, n in "\(name.value)-\(n).sql.csv" })
      } catch { return .failure(error) }
    }
    let stored = try outcome.get()
    let counts =
      "\(NumberFormat.integer(answer.rows)) \(answer.rows == 1 ? "row" : "rows") × \(answer.columns) \(answer.columns == 1 ? "column" : "columns")"
    let message =
      "ran the query on \(answer.database): \(counts) → "
      + (stored.reused
        ? "\(stored.path), which already holds these bytes"
        : "\(stored.path), the snapshot the notebook keeps")
    return Prepared(
      source: String(text.reversed().drop(while: \.isNewline).reversed()) + " --snapshot "
        + EvidenceImport.quoted(stored.path), message: message)
  }

  /// The command of the last `load sql … as NAME` cell, without its snapshot: what `refresh NAME` runs.
  static func lastQuery(named name: Located<String>, in cells: [Cell]) throws(Diagnostic) -> String {
    for cell in cells.reversed() {
      guard case .load(let spec)? = try? Parser.parse(cell.command), let sql = spec.sql, spec.name?.value == name.value
      else { continue }
      var text = "load sql " + quotedAlways(sql.query.value) + " --db " + sql.database.value + " as " + name.value
      if let limit = sql.limit { text += " --limit \(limit.value)" }
      if let timeout = sql.timeout { text += " --timeout \(timeout.value)" }
      if sql.allowSuperuser { text += " --allow-superuser" }
      if !spec.dateFormats.isEmpty {
        text += " --date-format " + spec.dateFormats.map { quotedAlways($0.value) }.joined(separator: " ")
      }
      return text
    }
    throw .error(
      .nothingToRefresh, "no `load sql … as \(name.value)` in this notebook to refresh", at: name.span,
      notes: ["`refresh` runs a query again; load one first: load sql \"SELECT …\" --db URL as \(name.value)"])
  }

  static func quotedAlways(_ text: String) -> String {
    "\"" + text.map { $0 == "\\" || $0 == "\"" ? "\\\($0)" : String($0) }.joined() + "\""
  }

  /// The server's refusal at the part of the command it is about; nothing is recorded.
  static func diagnostic(_ error: SQLError, _ sql: SQLLoadSpec) -> Diagnostic {
    var notes: [String] = []
    switch error.reason {
    case .connect: notes.append("check the host, the port and that the server runs; nothing was recorded")
    case .authentication:
      notes.append("put the password in PGPASSWORD or ~/.pgpass, never in --db; nothing was recorded")
    case .permission: notes.append("ask the database's owner for SELECT rights; nothing was recorded")
    case .timeout:
      notes.append("narrow the query, or give it longer: --timeout \(sql.timeoutSeconds * 5); nothing was recorded")
    case .syntax:
      notes.append("`load sql` runs one query that selects (SELECT, WITH … SELECT, VALUES); nothing was recorded")
    case .constraint, .schema, .other: notes.append("nothing was recorded; the session goes on")
    }
    let onDatabase = error.reason == .connect || error.reason == .authentication
    return .error(
      .sqlFailed, "`load sql` failed on \(error.database): \(error.message)",
      at: onDatabase ? sql.database.span : position(in: error.message, of: sql.query) ?? sql.query.span, notes: notes)
  }

  /// The character the server pointed at (`at character 14 of the query`), inside the quoted query as typed,
  /// when the query is on one line and has no escapes (so its characters are the source's columns).
  static func position(in message: String, of query: Located<String>) -> SourceSpan? {
    let marker = "(at character "
    guard let start = message.range(of: marker), let end = message[start.upperBound...].firstIndex(of: " "),
      let n = Int(message[start.upperBound..<end]), n >= 1, n <= query.value.count,
      query.span.start.line == query.span.end.line,
      query.span.end.column - query.span.start.column == query.value.count + 2
    else { return nil }
    var at = query.span.start
    at.column += n  // past the opening quote, then n - 1 characters
    var after = at
    after.column += 1
    return SourceSpan(start: at, end: after)
  }
}
