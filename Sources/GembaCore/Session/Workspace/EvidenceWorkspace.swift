/// The evidence of a session: loads files (through the edge's `EvidenceFileSystem`), keeps
/// the tables, answers queries and cites rows, and checks files against stored digests.
///
/// Tables are kept by the cell that loaded them, and found through the investigation's
/// evidence register, so `undo` of a load (or of a reload) is followed without the
/// workspace being told. A load rebuilt from a notebook is read only when a query needs it.
public final class EvidenceWorkspace: EvidenceDesk {
  public let files: any EvidenceFileSystem
  /// Loaded tables by the number of the cell that loaded them.
  private var tables: [Int: EvidenceTable] = [:]
  /// Values offered by Tab, by load cell and column (a table's values do not change once loaded).
  private var completionValues: [String: [String]] = [:]
  /// Loads rebuilt from a notebook's stored data, by cell: read only when a query needs them.
  private var restored: [Int: (spec: LoadSpec, loaded: LoadedEvidence)] = [:]
  /// The files the last answer or citation ran on.
  public private(set) var lastRanOn: [EvidenceVersion] = []
  /// The last load's result, for the line `load` prints (problems included).
  private var lastLoad: LoadResult?
  private var freshTable: EvidenceTable?
  private var lastCitingCell = 0
  /// The tables the current command read (`table(_:in:)` records them; joins too), checked once
  /// it is answered: a file mapped from the page cache may change while a query reads it.
  private var readByCommand: [(table: EvidenceTable, span: SourceSpan)] = []
  /// Digests of whole files by path, with the stamp they were computed for.
  private var digests: [String: (stamp: [Int], sha256: String)] = [:]

  public init(files: any EvidenceFileSystem) {
    self.files = files
  }

  public func checkWritable(_ path: Located<String>) throws(Diagnostic) {
    try files.checkWritable(path)
  }

  // MARK: Files

  public func readDocument(_ path: Located<String>) throws(Diagnostic) -> String {
    let file = try files.locate(path)
    switch files.kind(of: file) {
    case .missing:
      throw .error(
        .fileNotFound, "no file `\(path.value)`", at: path.span,
        notes: ["paths are relative to the notebook's folder"])
    case .folder: throw .error(.notARegularFile, "`\(path.value)` is a folder; name a file inside it", at: path.span)
    case .other:
      // A FIFO would block the read until someone writes to it: refused before it is opened.
      throw .error(
        .notARegularFile, "`\(path.value)` is not a regular file (a pipe, a device or a socket)", at: path.span,
        notes: ["copy its contents to a file first"])
    case .brokenLink:
      throw .error(
        .notARegularFile, "`\(path.value)` is a link that leads nowhere (a loop, or a target that is gone)",
        at: path.span)
    case .regular: break
    }
    guard let text = files.readText(file) else {
      throw .error(.notUTF8, "`\(path.value)` is not UTF-8 text", at: path.span)
    }
    return text
  }

  /// The SHA-256 of the file a notebook path names, as it is now (hashing only, no parsing;
  /// computed again only when the file's stamp changed). Throws why it cannot be read.
  public func digest(of path: String) throws(Diagnostic) -> String {
    let nowhere = SourceSpan(at: SourcePosition(line: 1, column: 1))
    let file = try files.locate(Located(path, at: nowhere))
    switch files.kind(of: file) {
    case .missing: throw .error(.fileNotFound, "the file is missing")
    case .folder: throw .error(.notARegularFile, "a folder stands where the file was")
    case .other: throw .error(.notARegularFile, "it is not a regular file (a pipe, a device or a socket)")
    case .brokenLink:
      throw .error(.notARegularFile, "it is a link that leads nowhere (a loop, or a target that is gone)")
    case .regular: break
    }
    let stamp = files.stamp(of: file)
    if let stamp, let hit = digests[file], hit.stamp == stamp { return hit.sha256 }
    do {
      let opened = try files.open(file)
      let sha = try EvidenceHash.sha256(of: opened.bytes)
      if let stamp { digests[file] = (stamp, sha) }
      return sha
    } catch {
      throw .error(error.code, error.description)
    }
  }

  /// Remembers the digest of the file a notebook path names, as it is now (the edge hashed it
  /// while copying it into `evidence/`), so that loading it does not hash it again.
  public func remember(_ sha256: String, of path: String) {
    let nowhere = SourceSpan(at: SourcePosition(line: 1, column: 1))
    guard let file = try? files.locate(Located(path, at: nowhere)), let stamp = files.stamp(of: file) else { return }
    digests[file] = (stamp, sha256)
  }

  public func load(_ spec: LoadSpec, cell: Int) throws(Diagnostic) -> EvidenceRecord {
    if let sql = spec.sql, sql.snapshot == nil {
      // Only the shell and a batch contact a server; a stored cell without its snapshot is not re-run.
      throw .error(
        .evidenceUnavailable,
        "this `load sql` has no snapshot to load: gemba's shell or a batch runs the query and records the cell"
          + " with --snapshot evidence/NAME.sql.csv", at: sql.query.span,
        notes: ["replaying or opening a notebook never contacts a database"])
    }
    let file = try files.locate(spec.path)
    switch files.kind(of: file) {
    case .missing:
      throw .error(
        .fileNotFound, "no file `\(spec.path.value)`", at: spec.path.span,
        notes: ["paths are relative to the notebook's folder (\(files.folderName))); Tab completes them in the shell"])
    case .folder:
      throw .error(
        .notARegularFile, "`\(spec.path.value)` is a folder; load one file from it", at: spec.path.span,
        notes: ["for example: load \(spec.path.value.hasSuffix("/") ? spec.path.value : spec.path.value + "/")FILE.csv"]
      )
    case .other:
      throw .error(
        .notARegularFile, "`\(spec.path.value)` is not a regular file (a pipe, a device or a socket)",
        at: spec.path.span,
        notes: ["copy its contents to a file and load that"])
    case .brokenLink:
      throw .error(
        .notARegularFile, "`\(spec.path.value)` is a link that leads nowhere (a loop, or a target that is gone)",
        at: spec.path.span)
    case .regular:
      break
    }
    // No telling name (`access`, `syslog`, `history.log.1`): read as a log, which knows a log, an
    // access log or JSON Lines by its lines; plain text is then refused below, as before.
    let named = try Self.format(of: spec)
    let format = named ?? .log
    let name = spec.name?.value ?? Self.defaultName(for: spec.path.value)
    guard EvidenceReference.isName(name) else {
      throw .error(
        .invalidEvidenceName, "cannot name evidence `\(name)` after its file", at: spec.path.span,
        notes: ["name it: load \(spec.path.value) as NAME"])
    }
    let options = try spec.loadOptions()
    let result: LoadResult
    do {
      // Hashed moments ago (the banner's integrity check, or the copy into evidence/) and not
      // changed since (same device, inode, size and time): the load need not hash it again.
      let stamp = files.stamp(of: file)
      let known = stamp != nil && digests[file]?.stamp == stamp ? digests[file]?.sha256 : nil
      let opened = try files.open(file)
      let progress = LoadProgress()
      result = try files.watchLoad(progress, total: opened.bytes.count, label: spec.path.value) {
        () throws(EvidenceError) in
        try EvidenceLoader.load(
          name: name, path: spec.path.value, bytes: opened.bytes, format: format,
          options: options, progress: progress, knownDigest: known)
      }
      try opened.verifyUnchanged()
    } catch {
      var diagnostic = error.diagnostic
      diagnostic.span = diagnostic.span ?? spec.path.span
      throw diagnostic
    }
    if named == nil && result.table.columns == ["line"] { throw Self.unknownFormat(spec) }
    tables[cell] = result.table
    lastLoad = result
    freshTable = result.table
    let t = result.table
    // The load hashed the file already: the integrity line and `status` need not hash it again.
    if let stamp = files.stamp(of: file) { digests[file] = (stamp, t.sha256) }
    return EvidenceRecord(
      name: name, path: spec.path.value, format: format.rawValue, rows: t.rowCount,
      columns: t.columnCount, bytes: t.byteCount, sha256: t.sha256, cell: cell)
  }

  public func details(of record: EvidenceRecord) -> LoadedEvidence {
    guard let table = tables[record.cell] else { return LoadedEvidence(record: record, dialect: nil, columns: []) }
    let types = table.columnTypes
    return LoadedEvidence(
      record: record, dialect: table.format.rawValue,
      columns: table.columns.indices.map { LoadedColumn(name: table.columns[$0], type: types[$0].label) })
  }

  public func restore(_ spec: LoadSpec, as loaded: LoadedEvidence) {
    restored[loaded.record.cell] = (spec, loaded)
  }

  /// The table the last load made, once: the shell reads its columns ahead while the next line
  /// is typed (`EvidenceTable.readColumnsAhead`).
  public func takeLoadedTable() -> EvidenceTable? {
    defer { freshTable = nil }
    return freshTable
  }

  public func describeLoad(_ record: EvidenceRecord) throws(Diagnostic) -> String {
    guard let lastLoad, lastLoad.table.name == record.name else { return "loaded \(record.name)" }
    let loaded = EvidenceTextRenderer().loaded(lastLoad).trimmingTrailingNewlines()
    // How far the extract reaches matters only where time is counted: a table with dates.
    guard let covers = record.coversTo, lastLoad.table.columnTypes.contains(where: { $0 == .dateTime }) else {
      return loaded
    }
    let coverage = loaded + "\n  " + EvidenceRecord.coverage(covers, stated: record.coverageStated == true)
    guard record.coverageStated == true, let past = Self.rowsAfter(covers, in: lastLoad.table) else { return coverage }
    // A stated end the rows contradict would make a check judge periods as over or running wrongly.
    return coverage
      + "\n  warning: \(NumberFormat.integer(past.rows)) \(past.rows == 1 ? "row" : "rows") of `\(past.column)`"
      + " \(past.rows == 1 ? "is" : "are") after \(covers) (the last on \(past.last)): the extract reaches past"
      + " --through; load it again with --through \(past.last) or later"
  }

  /// The first date/time column with rows after `day`: how many, and the last day among them.
  static func rowsAfter(_ day: CalendarDate, in table: EvidenceTable) -> (
    column: String, rows: Int, last: CalendarDate
  )? {
    let end = Double(day.dayNumber + 1) * 86_400
    for column in 0..<table.baseColumnCount where table.columnType(column) == .dateTime {
      var rows = 0
      var last = -Double.infinity
      for t in table.instantColumn(column) where t >= end {
        rows += 1
        last = max(last, t)
      }
      if rows > 0 {
        return (table.columns[column], rows, CalendarDate(dayNumber: Int((last / 86_400).rounded(.down))))
      }
    }
    return nil
  }

  // MARK: Questions

  public func answer(_ command: Command, investigation: Investigation, styles: [TerminalStyle]) throws(Diagnostic)
    -> [String]
  {
    lastRanOn = []
    readByCommand = []
    // Compute once (a query over a million rows is not run twice), then draw once per style.
    let draw: (EvidenceTextRenderer) -> String
    guard case .question(let question) = command.route else {
      throw .error(.unhandledCommand, "not an evidence command")
    }
    switch question {
    case .list:
      // The register as the cells stored it: listing evidence reads no file.
      guard !investigation.evidence.isEmpty else {
        return styles.map { _ in "no evidence loaded yet: load PATH [as NAME]" }
      }
      draw = { $0.listing(investigation.evidence) }
    case .show(let name, _, let format) where name.value.contains("#"):
      // `show web#8899` or `show web#10-12`: the rows as a citation of them shows them.
      let reference = try EvidenceReference.parse(name.value, span: name.span)
      let table = try self.table(Located(reference.name, at: name.span), in: investigation)
      try reference.validate(against: table, span: name.span)
      if let format, format.value.lowercased() != "table" {
        throw .error(
          .unknownShowFormat, "`show NAME#ROWS` shows rows as a citation does; --format is for `show NAME`",
          at: format.span)
      }
      draw = { $0.excerpt(reference, in: table) }
    case .show(let name, let limit, let format):
      let table = try self.table(name, in: investigation)
      var preview = EvidenceTextRenderer.PreviewFormat.table
      if let format {
        guard let f = EvidenceTextRenderer.PreviewFormat(rawValue: format.value.lowercased()) else {
          throw .error(
            .unknownShowFormat, "`\(format.value)` is not a show format", at: format.span,
            notes: ["--format table, csv or json"])
        }
        preview = f
      }
      draw = { $0.preview(table, limit: limit ?? 10, format: preview) }
    case .query(let source):
      let result = try run(source, in: investigation)
      draw = { $0.render(result) }
    case .metric(let kind, let options):
      let result = try metric(kind, options, in: investigation)
      draw = { $0.metric(result) }
    case .compareShares(let shares):
      let result = try Self.compare(shares)
      draw = { $0.render(result) }
    }
    let drawn = styles.map { draw(Self.renderer($0)).trimmingTrailingNewlines() }
    try checkTablesRead()
    return drawn
  }

  public func cite(_ target: CitationTarget, note: String?, cell: Int, investigation: Investigation) throws(Diagnostic)
    -> Citation
  {
    if lastCitingCell != cell { lastRanOn = [] }
    lastCitingCell = cell
    readByCommand = []
    defer { readByCommand = [] }
    switch target {
    case .rows(let ref):
      let table = try self.table(Located(ref.value.name, at: ref.span), in: investigation)
      let reference = ref.value
      try reference.validate(against: table, span: ref.span)
      let excerpt = EvidenceTextRenderer().excerpt(reference, in: table).trimmingTrailingNewlines()
      try checkTablesRead()
      return Citation(
        kind: .rows, reference: reference.description, excerpt: excerpt, note: note, cell: cell,
        moments: Self.moments(reference, in: table), table: Self.rows(reference, in: table), evidence: table.name,
        sha256: table.sha256)
    case .query(let source):
      let table = try self.table(source.evidence, in: investigation)
      let result = try run(source, in: investigation)
      let text = EvidenceTextRenderer().render(result).trimmingTrailingNewlines()
      try checkTablesRead()
      return Citation(
        kind: .query, reference: source.text, excerpt: text, note: note, cell: cell,
        chart: Self.chart(result), table: Self.table(result), evidence: table.name, sha256: table.sha256,
        statistics: Self.statistics(result))
    case .shares(let shares):
      // Figures typed in from a report: the test is stored like a query's, with no file behind it.
      let result = try Self.compare(shares)
      return Citation(
        kind: .query, reference: shares.text, excerpt: EvidenceTextRenderer().render(result).trimmingTrailingNewlines(),
        note: note, cell: cell, table: Self.table(result), statistics: Self.statistics(result))
    }
  }

  /// The distinct values of a column of a table already in memory, most frequent first (ties by
  /// value), at most `limit`; empty for a table not read yet (Tab never reads a file).
  public func values(of evidence: String, column name: String, in investigation: Investigation, limit: Int = 200)
    -> [String]
  {
    guard
      let record = investigation.evidence.last(where: { $0.name == evidence })
        ?? investigation.evidence.last(where: {
          $0.name.lowercased() == evidence.lowercased()
        }),
      let table = tables[record.cell], let column = table.columnIndex(named: name)
    else { return [] }
    let key = "\(record.cell)\u{1}\(column)"
    if let cached = completionValues[key] { return cached }
    var interner = ValueInterner()
    var counts: [Int] = []
    Relation.view(table, rows: nil, columns: [column]).forEachValue(column: column) { _, p, n in
      guard n > 0 else { return }
      let id = interner.id(p, n)
      if id == counts.count { counts.append(0) }
      counts[id] += 1
    }
    let values = counts.indices.sorted {
      counts[$0] != counts[$1] ? counts[$0] > counts[$1] : interner.string($0) < interner.string($1)
    }
    .prefix(limit).map { interner.string($0) }
    completionValues[key] = values
    return values
  }

  /// Column names of each loaded table, by evidence name (for Tab completion).
  public func columns(for investigation: Investigation) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for record in investigation.evidence {
      if let table = tables[record.cell] {
        out[record.name] = table.columns
      } else if let (_, loaded) = restored[record.cell] {
        out[record.name] = loaded.columns.map(\.name)  // as stored: completion reads no file
      }
    }
    return out
  }

  // MARK: - Pieces

  private func table(_ name: Located<String>, in investigation: Investigation) throws(Diagnostic) -> EvidenceTable {
    if let record = investigation.evidence.last(where: { $0.name == name.value }) {
      let table: EvidenceTable
      if let loaded = tables[record.cell] { table = loaded } else { table = try reread(record, at: name.span) }
      try Self.checkIntact(table, at: name.span)
      if !readByCommand.contains(where: { $0.table === table }) { readByCommand.append((table, name.span)) }
      let version = EvidenceVersion(
        name: record.name, path: record.path, sha256: table.sha256, loadedIn: record.cell,
        changed: table.sha256 != record.sha256)
      if !lastRanOn.contains(version) { lastRanOn.append(version) }
      return table
    }
    let names = investigation.evidence.map(\.name)
    var notes: [String] = []
    if let guess = Suggestion.nearest(to: name.value, in: names) { notes.append("did you mean `\(guess)`?") }
    notes.append(names.isEmpty ? "load a file first: load PATH [as NAME]" : "loaded: " + names.joined(separator: ", "))
    throw .error(.unknownEvidence, "no evidence named `\(name.value)`", at: name.span, notes: notes)
  }

  /// Reads a file a notebook loaded before this session, the first time a query needs it.
  /// Its digest may differ from the stored one: the query runs on the file as it is now,
  /// and the cell says so (see `EvidenceVersion`).
  private func reread(_ record: EvidenceRecord, at span: SourceSpan) throws(Diagnostic) -> EvidenceTable {
    guard let (spec, _) = restored[record.cell] else {
      throw .error(
        .evidenceUnavailable,
        "`\(record.name)` was loaded in cell \(record.cell), but this session cannot read it again", at: span)
    }
    do {
      _ = try load(spec, cell: record.cell)
    } catch {
      throw .error(
        .evidenceUnavailable, "`\(record.name)` cannot be read again: \(error.message)", at: span,
        notes: [
          "it was loaded in cell \(record.cell) from \(record.path) (sha256 \(record.sha256.prefix(16)))",
          "views, citations and the record keep what the cells stored; load the file again to query it",
        ])
    }
    guard let table = tables[record.cell] else {
      throw .error(.evidenceUnavailable, "`\(record.name)` cannot be read again", at: span)
    }
    return table
  }

  func run(_ source: QuerySource, in investigation: Investigation) throws(Diagnostic) -> QueryResult {
    let table = try self.table(source.evidence, in: investigation)
    let name = Token(kind: .word, text: source.evidence.value, span: source.evidence.span)
    var pipeline = try QueryPipeline.parse(source.stages, columns: table.columns, evidence: name)
    for (i, stage) in pipeline.stages.enumerated() {
      guard case .join(var spec) = stage else { continue }
      spec.table = JoinedEvidence(try self.table(Located(spec.other.name, at: spec.other.span), in: investigation))
      pipeline.stages[i] = .join(spec)
    }
    let record = investigation.evidence.last { $0.name == source.evidence.value }
    pipeline.coversThrough = record?.coversTo.map { Double($0.dayNumber) * 86_400 }
    do {
      return try files.runQuery(pipeline, on: table, span: source.evidence.span)
    } catch  where error.code == .unknownColumn {
      // `select Inspection Type` parses (two columns) and fails here, on `Inspection`.
      let stage = source.stages.map { $0.filter { $0.kind != .pipe } }.first {
        $0.contains { $0.span.start == error.span?.start }
      }
      throw stage.flatMap {
        QueryPipeline.spacedColumnName(
          in: $0, columns: QueryPipeline.names(table.columns, pipeline), covering: error.span, evidence: name)
      } ?? error
    }
  }

  /// Checks every table the command read, after it read them: a file truncated under its mapping
  /// meanwhile was read as zeros, and such an answer is not given.
  private func checkTablesRead() throws(Diagnostic) {
    for (table, span) in readByCommand { try Self.checkIntact(table, at: span) }
  }

  /// Throws when the bytes a table was loaded from are no longer there to read (its file was
  /// changed on disk under a page-cache mapping).
  static func checkIntact(_ table: EvidenceTable, at span: SourceSpan) throws(Diagnostic) {
    do {
      try table.source.checkIntact()
    } catch {
      throw .error(
        error.problem.code, "`\(table.name)`: \(table.path) \(error.problem.message)", at: span,
        notes: [error.hint])
    }
  }

  /// The format `--format` or the file's name gives; nil when neither tells.
  static func format(of spec: LoadSpec) throws(Diagnostic) -> EvidenceFormat? {
    if let format = spec.format {
      guard let f = EvidenceFormat(rawValue: format.value.lowercased()) else {
        throw .error(
          .unknownEvidenceFormat, "`\(format.value)` is not an evidence format", at: format.span,
          notes: ["formats: " + EvidenceFormat.names.joined(separator: ", ")])
      }
      return f
    }
    return EvidenceFormat(path: spec.path.value)
  }

  static func unknownFormat(_ spec: LoadSpec) -> Diagnostic {
    .error(
      .unknownEvidenceFormat, "cannot tell the format of `\(spec.path.value)` from its name or its lines",
      at: spec.path.span,
      notes: [
        "its lines are not a log, an access log or JSON Lines",
        "say it: load \(spec.path.value) --format " + EvidenceFormat.names.joined(separator: "|"),
      ])
  }

  /// `evidence/tickets-2026.csv` → `tickets-2026`.
  static func defaultName(for path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
    return String(file[..<dot])
  }

  static func renderer(_ style: TerminalStyle) -> EvidenceTextRenderer {
    // Cells keep whole tables; the screen fits them to the terminal's width.
    EvidenceTextRenderer(
      options: .init(
        unicode: style.unicode, color: style.color, maxCellWidth: style.labelWidth,
        maxTableWidth: style.fitsWidth ? style.width : nil))
  }
}

extension String {
  func trimmingTrailingNewlines() -> String {
    var s = self
    while s.hasSuffix("\n") { s.removeLast() }
    return s
  }
}
