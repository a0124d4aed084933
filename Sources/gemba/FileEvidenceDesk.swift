import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The evidence desk of a real session: maps files below the notebook's folder
/// (through `PathPolicy`), keeps the loaded tables, answers queries and cites rows.
///
/// Tables are kept by the cell that loaded them, and found through the
/// investigation's evidence register, so `undo` of a load (or of a reload) is
/// followed without the desk having to be told.
final class FileEvidenceDesk: EvidenceDesk {
  let policy: PathPolicy
  /// Loaded tables by the number of the cell that loaded them.
  private var tables: [Int: EvidenceTable] = [:]
  /// The last load's result, for the line `load` prints (problems included).
  private var lastLoad: LoadResult?
  /// Set while a load runs, so Ctrl-C can cancel it.
  private(set) var progress: LoadProgress?

  /// Draw progress for long loads (stderr is a terminal in an interactive session).
  let showsProgress: Bool
  /// The session writes its exports (a replay only checks them), so their folders must exist.
  let writesExports: Bool

  init(policy: PathPolicy, showsProgress: Bool = false, writesExports: Bool = false) {
    self.policy = policy
    self.showsProgress = showsProgress
    self.writesExports = writesExports
  }

  func checkWritable(_ path: Located<String>) throws(Diagnostic) {
    guard writesExports else { return }
    let target = Paths.resolve(path.value, in: policy.folder)
    let folder = Paths.folder(of: target)
    guard access(folder, W_OK) == 0 else {
      throw .error("cannot write `\(path.value)`: the folder \(folder) does not exist or is not writable", at: path.span,
        notes: ["paths are relative to the notebook's folder; nothing was recorded"])
    }
    if Paths.exists(target) && access(target, W_OK) != 0 {
      throw .error("cannot write `\(path.value)`: the file is read-only", at: path.span)
    }
  }

  // MARK: Files

  func readDocument(_ path: Located<String>) throws(Diagnostic) -> String {
    let file = try policy.resolve(path)
    guard Paths.exists(file) else {
      throw .error("no file `\(path.value)`", at: path.span, notes: ["paths are relative to the notebook's folder"])
    }
    guard let text = Paths.read(file) else {
      throw .error("`\(path.value)` is not UTF-8 text", at: path.span)
    }
    return text
  }

  func load(_ spec: LoadSpec, cell: Int) throws(Diagnostic) -> EvidenceRecord {
    let file = try policy.resolve(spec.path)
    var info = stat()
    guard stat(file, &info) == 0 else {
      throw .error("no file `\(spec.path.value)`", at: spec.path.span,
        notes: ["paths are relative to the notebook's folder (\(Paths.absolute(policy.folder))); Tab completes them in the shell"])
    }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw .error("`\(spec.path.value)` is a folder; load one file from it", at: spec.path.span,
        notes: ["for example: load \(spec.path.value.hasSuffix("/") ? spec.path.value : spec.path.value + "/")FILE.csv"])
    }
    let format = try Self.format(of: spec)
    let name = spec.name?.value ?? Self.defaultName(for: spec.path.value)
    guard EvidenceRef.isName(name) else {
      throw .error("cannot name evidence `\(name)` after its file", at: spec.path.span,
        notes: ["name it: load \(spec.path.value) as NAME"])
    }
    let options = LoadOptions(headerRows: spec.headerRows?.value ?? 1, skipRows: spec.skip?.value ?? 0,
      sheet: spec.sheet?.value)
    let progress = LoadProgress()
    self.progress = progress
    defer { self.progress = nil }
    let result: LoadResult
    do {
      let mapped = try MappedFile(path: file)
      let display = LoadProgressDisplay(progress: progress, total: mapped.bytes.count, label: spec.path.value,
        visible: showsProgress)
      display.start()
      defer { display.stop() }
      result = try EvidenceLoader.load(name: name, path: spec.path.value, bytes: ByteSource(mapped), format: format,
        options: options, progress: progress)
      try mapped.verifyUnchanged()
    } catch {
      var diagnostic = error.diagnostic
      diagnostic.span = diagnostic.span ?? spec.path.span
      throw diagnostic
    }
    tables[cell] = result.table
    lastLoad = result
    let t = result.table
    return EvidenceRecord(name: name, path: spec.path.value, format: format.rawValue, rows: t.rowCount,
      columns: t.columnCount, bytes: t.byteCount, sha256: t.sha256, cell: cell)
  }

  func describeLoad(_ record: EvidenceRecord) throws(Diagnostic) -> String {
    guard let lastLoad, lastLoad.table.name == record.name else { return "loaded \(record.name)" }
    return EvidenceTextRenderer().loaded(lastLoad).trimmingTrailingNewlines()
  }

  // MARK: Questions

  func answer(_ command: Command, investigation: Investigation, styles: [TerminalStyle]) throws(Diagnostic) -> [String] {
    // Compute once (a query over a million rows is not run twice), then draw once per style.
    let draw: (EvidenceTextRenderer) -> String
    switch command {
    case .listEvidence:
      let loaded = investigation.evidence.compactMap { tables[$0.cell] }
      guard !loaded.isEmpty else { return styles.map { _ in "no evidence loaded yet: load PATH [as NAME]" } }
      draw = { $0.listing(loaded) }
    case .show(let name, let limit, let format):
      let table = try self.table(name, in: investigation)
      var preview = EvidenceTextRenderer.PreviewFormat.table
      if let format {
        guard let f = EvidenceTextRenderer.PreviewFormat(rawValue: format.value.lowercased()) else {
          throw .error("`\(format.value)` is not a show format", at: format.span, notes: ["--format table, csv or json"])
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
    default:
      throw .error("not an evidence command")
    }
    return styles.map { draw(Self.renderer($0)).trimmingTrailingNewlines() }
  }

  func cite(_ target: CitationTarget, note: String?, cell: Int, investigation: Investigation) throws(Diagnostic)
    -> Citation
  {
    switch target {
    case .rows(let ref):
      let table = try self.table(Located(ref.value.name, at: ref.span), in: investigation)
      let reference = try EvidenceReference.parse(ref.value.description, span: ref.span)
      try reference.validate(against: table, span: ref.span)
      let excerpt = EvidenceTextRenderer().excerpt(reference, in: table).trimmingTrailingNewlines()
      return Citation(kind: .rows, reference: ref.value.description, excerpt: excerpt, note: note, cell: cell,
        moments: Self.moments(ref.value, in: table))
    case .query(let source):
      let result = try run(source, in: investigation)
      let text = EvidenceTextRenderer().render(result).trimmingTrailingNewlines()
      return Citation(kind: .query, reference: source.text, excerpt: text, note: note, cell: cell,
        chart: Self.chart(result))
    }
  }

  /// Column names of each loaded table, by evidence name (for Tab completion).
  func columns(for investigation: Investigation) -> [String: [String]] {
    var out: [String: [String]] = [:]
    for record in investigation.evidence {
      if let table = tables[record.cell] { out[record.name] = table.columns }
    }
    return out
  }

  // MARK: - Pieces

  private func table(_ name: Located<String>, in investigation: Investigation) throws(Diagnostic) -> EvidenceTable {
    if let record = investigation.evidence.last(where: { $0.name == name.value }), let table = tables[record.cell] {
      return table
    }
    let names = investigation.evidence.map(\.name)
    var notes: [String] = []
    if let guess = Suggestion.nearest(to: name.value, in: names) { notes.append("did you mean `\(guess)`?") }
    notes.append(names.isEmpty ? "load a file first: load PATH [as NAME]" : "loaded: " + names.joined(separator: ", "))
    throw .error("no evidence named `\(name.value)`", at: name.span, notes: notes)
  }

  func run(_ source: QuerySource, in investigation: Investigation) throws(Diagnostic) -> QueryResult {
    let table = try self.table(source.evidence, in: investigation)
    let pipeline = try QueryPipeline.parse(source.stages)
    guard showsProgress else { return try QueryEngine.run(pipeline, on: table) }
    return try CancellableQuery.run(pipeline, on: table, span: source.evidence.span)
  }

  static func format(of spec: LoadSpec) throws(Diagnostic) -> EvidenceFormat {
    if let format = spec.format {
      guard let f = EvidenceFormat(rawValue: format.value.lowercased()) else {
        throw .error("`\(format.value)` is not an evidence format", at: format.span,
          notes: ["formats: " + EvidenceFormat.allCases.map(\.rawValue).joined(separator: ", ")])
      }
      return f
    }
    guard let f = EvidenceFormat(path: spec.path.value) else {
      throw .error("cannot tell the format of `\(spec.path.value)` from its name", at: spec.path.span,
        notes: ["say it: load \(spec.path.value) --format csv|tsv|jsonl|log|text|md|xlsx"])
    }
    return f
  }

  /// `evidence/tickets-2026.csv` → `tickets-2026`.
  static func defaultName(for path: String) -> String {
    let file = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
    return String(file[..<dot])
  }

  static func renderer(_ style: TerminalStyle) -> EvidenceTextRenderer {
    // Cells keep whole tables; the screen cuts them to the terminal's width.
    let width: Int? = style == .record ? nil : style.width
    return EvidenceTextRenderer(options: .init(unicode: style.unicode, color: style.color, maxTableWidth: width))
  }
}

extension String {
  func trimmingTrailingNewlines() -> String {
    var s = self
    while s.hasSuffix("\n") { s.removeLast() }
    return s
  }
}
