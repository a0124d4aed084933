/// A file an export produces; the edge writes it (or, in a replay, only checks it).
public struct FileWrite: Sendable, Equatable {
  public var path: Located<String>
  public var content: String
}

/// `export FORMAT PATH [--sop SOP.md]`: every format from the same record.
public enum Export {

  /// The files to write and the line the cell prints (sizes and digests, so replay
  /// can check an export without writing it).
  public static func files(
    format: Located<String>, path: Located<String>, sop: (name: String, text: String)?,
    paper: Located<Paper>? = nil, investigation: Investigation, cells: [Cell], time: String,
    integrity: IntegrityState? = nil,
    trusted: [String: String] = [:]
  ) throws(Diagnostic) -> (writes: [FileWrite], message: String) {
    let record = Record(
      investigation: investigation, cells: cells, integrity: integrity?.chain, evidence: integrity?.evidence,
      generatedAt: time, trusted: trusted)
    var writes: [FileWrite] = []
    var notes: [String] = []
    guard let exportFormat = ExportFormat(name: format.value) else {
      var hints: [String] = []
      if let guess = Suggestion.nearest(to: format.value, in: ExportFormat.names) {
        hints.append("did you mean `\(guess)`?")
      }
      hints.append("formats: " + ExportFormat.names.joined(separator: ", "))
      throw .error(.unknownExportFormat, "`\(format.value)` is not an export format", at: format.span, notes: hints)
    }
    if sop != nil && exportFormat != .sop {
      throw .error(
        .exportFormatMismatch, "--sop goes with `export sop`", at: format.span, notes: ["export sop PATH --sop SOP.md"])
    }
    if let paper, !Self.takesPaper(exportFormat, path: path.value) {
      throw .error(
        .exportFormatMismatch, "--paper goes with an HTML export (html, a 8d to a .html file, a3)", at: paper.span,
        notes: ["export 8d report.html --paper letter"])
    }
    switch exportFormat {
    case .record(let recordFormat):
      let renderer: any RecordRenderer =
        recordFormat == .html ? HTMLRecordRenderer(paper: paper?.value ?? .a4) : recordFormat.renderer
      writes.append(FileWrite(path: path, content: renderer.render(record)))
    case .report(let report):
      writes.append(FileWrite(path: path, content: try report.render(record, path: path, paper: paper?.value)))
    case .sop:
      let date = String(time.prefix(10))
      let result = try SOPUpdater.update(record: record, sop: sop?.text, sopName: sop?.name ?? "SOP.md", date: date)
      writes.append(FileWrite(path: path, content: result.document))
      if let diff = result.diff {
        writes.append(FileWrite(path: Located(path.value + ".diff", at: path.span), content: diff))
      }
      notes = result.messages
    }
    let lines = writes.map { write in
      "exported \(format.value) → \(write.path.value) · \(NumberFormat.integer(write.content.utf8.count)) bytes · sha256 "
        + Hex.string(Digest.sha256(write.content)).prefix(16)
    }
    return (writes, (lines + notes).joined(separator: "\n"))
  }

  /// Paper matters only to a page a browser prints: the HTML record, an HTML 8D and the A3.
  static func takesPaper(_ format: ExportFormat, path: String) -> Bool {
    switch format {
    case .record(let recordFormat): recordFormat == .html
    case .report(.eightD): ReportKind.wantsHTML(path)
    case .report(.a3): true
    case .sop: false
    }
  }
}
