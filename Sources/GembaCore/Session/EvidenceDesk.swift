/// Where the session reads evidence: loading files, answering queries, and
/// resolving citations into stored excerpts. The executable supplies one that
/// reads real files below the notebook's folder; tests can supply their own.
public protocol EvidenceDesk: AnyObject {
  /// Reads and parses a file; the record goes into the investigation's register.
  func load(_ spec: LoadSpec, cell: Int) throws(Diagnostic)
    -> EvidenceRecord
  /// The line `load` prints for a record it just loaded.
  func describeLoad(_ record: EvidenceRecord) throws(Diagnostic) -> String
  /// Output of `evidence`, `show`, a query pipeline, or `metric`, drawn once per style
  /// (the cell's and the screen's) from one computation.
  func answer(_ command: Command, investigation: Investigation, styles: [TerminalStyle]) throws(Diagnostic) -> [String]
  /// The cited rows or the query's result, to be stored with the citation.
  func cite(_ target: CitationTarget, note: String?, cell: Int, investigation: Investigation) throws(Diagnostic) -> Citation
  /// A text document the session reads whole (the SOP an `export sop` revises).
  func readDocument(_ path: Located<String>) throws(Diagnostic) -> String
  func checkWritable(_ path: Located<String>) throws(Diagnostic)
}

extension EvidenceDesk {
  /// Checks, before an export is recorded, that its file can be written there; a desk
  /// that never writes (a replay's) accepts every path.
  public func checkWritable(_ path: Located<String>) throws(Diagnostic) {}

  public func readDocument(_ path: Located<String>) throws(Diagnostic) -> String {
    throw .error("documents cannot be read in this session", at: path.span)
  }
}
