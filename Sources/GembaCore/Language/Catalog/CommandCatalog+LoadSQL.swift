/// `load sql "QUERY" --db URL as NAME [--limit N] [--timeout SECONDS] [--allow-superuser] [--snapshot PATH]`: checked
/// here, before anything runs, so a password in the URL never reaches a cell.
extension CommandCatalog {
  /// `as NAME` after what a load reads, when given: the name it is asked by.
  static func evidenceName(_ a: inout Arguments) throws(Diagnostic) -> Located<String>? {
    guard let next = a.positionals.first, next.kind == .word, next.text.lowercased() == "as" else { return nil }
    _ = try a.take("as")
    let token = try a.take("a name after `as`")
    guard EvidenceReference.isName(token.text) else {
      throw .error(
        .invalidEvidenceName, "`\(token.text)` cannot name evidence", at: token.span,
        notes: ["use letters, digits, `_`, `-` or `.`, starting with a letter"])
    }
    return Located(token.text, at: token.span)
  }

  static func sqlLoad(_ a: inout Arguments, keyword: Token) throws(Diagnostic) -> Command {
    let query = try a.take("the query, quoted: load sql \"SELECT …\" --db URL as NAME")
    guard !query.text.allSatisfy(\.isWhitespace) else {
      throw .error(
        .missingArgument, "the query is empty", at: query.span,
        notes: ["for example: load sql \"SELECT * FROM complaints\" --db URL as complaints"])
    }
    let name = try evidenceName(&a)
    guard let name else {
      throw .error(
        .missingArgument, "`load sql` needs a name for its answer: … as NAME", at: query.span,
        notes: ["the snapshot is written to evidence/NAME.sql.csv"])
    }
    guard let db = a.single("db") else {
      throw .error(
        .missingArgument, "`load sql` needs the database: --db postgresql://USER@HOST:PORT/DB or --db sqlite:PATH",
        at: keyword.span)
    }
    guard !DatabaseURL.holdsPassword(db.text) else {
      throw .error(
        .invalidDatabaseURL, DatabaseURL.passwordAdvice, at: db.span,
        notes: [
          "write it without the password: --db \(DatabaseURL.withoutPassword(db.text))", "nothing was run or recorded",
        ])
    }
    guard DatabaseURL.hasScheme(db.text) else {
      throw .error(
        .invalidDatabaseURL, "`\(db.text)` is not a database gemba reads", at: db.span,
        notes: ["postgresql://USER@HOST:PORT/DB (libpq's URL) or sqlite:PATH"])
    }
    // The parser `load sql` runs with, so a bad port or an empty path is refused before anything runs.
    do { _ = try DatabaseURL(parsing: db.text) } catch { throw .error(.invalidDatabaseURL, error.message, at: db.span) }
    func positive(_ option: String, _ what: String) throws(Diagnostic) -> Located<Int>? {
      guard let token = a.single(option) else { return nil }
      guard let n = Int(token.text), n > 0 else {
        throw .error(.invalidOptionValue, "`--\(option)` takes \(what) above 0, not `\(token.text)`", at: token.span)
      }
      return Located(n, at: token.span)
    }
    let sql = SQLLoadSpec(
      query: Located(query.text, at: query.span), database: Located(db.text, at: db.span),
      limit: try positive("limit", "a number of rows"), timeout: try positive("timeout", "a number of seconds"),
      snapshot: a.single("snapshot").map { Located($0.text, at: $0.span) }, allowSuperuser: a.flag("allow-superuser"))
    // The snapshot is CSV as gemba writes it: comma-separated UTF-8 with one header row.
    var spec = LoadSpec(
      path: sql.snapshot ?? Located("", at: query.span), name: name,
      format: Located("csv", at: keyword.span))
    spec.delimiter = Located("comma", at: keyword.span)
    spec.encoding = Located("utf-8", at: keyword.span)
    spec.dateFormats = (a.option("date-format")?.values ?? []).map { Located($0.text, at: $0.span) }
    spec.sql = sql
    return .load(spec)
  }
}
