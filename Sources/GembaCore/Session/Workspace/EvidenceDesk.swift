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
  func cite(_ target: CitationTarget, note: String?, cell: Int, investigation: Investigation) throws(Diagnostic)
    -> Citation
  /// A text document the session reads whole (the SOP an `export sop` revises).
  func readDocument(_ path: Located<String>) throws(Diagnostic) -> String
  func checkWritable(_ path: Located<String>) throws(Diagnostic)
  /// How the last loaded file was read (dialect, typed columns), for the cell's stored data.
  func details(of record: EvidenceRecord) -> LoadedEvidence
  /// The files the last `answer` ran on, for the cell's stored data.
  var lastRanOn: [EvidenceVersion] { get }
  /// A `load` rebuilt from a notebook's stored data: the desk reads the file only when a
  /// later query needs it, and then compares its digest with `loaded`'s.
  func restore(_ spec: LoadSpec, as loaded: LoadedEvidence)
}

extension EvidenceDesk {
  /// Checks, before an export is recorded, that its file can be written there; a desk
  /// that never writes (a replay's) accepts every path.
  public func checkWritable(_ path: Located<String>) throws(Diagnostic) {}

  public func details(of record: EvidenceRecord) -> LoadedEvidence {
    LoadedEvidence(record: record, dialect: nil, columns: [])
  }
  public var lastRanOn: [EvidenceVersion] { [] }
  public func restore(_ spec: LoadSpec, as loaded: LoadedEvidence) {}

  public func readDocument(_ path: Located<String>) throws(Diagnostic) -> String {
    throw .error(.evidenceUnavailable, "documents cannot be read in this session", at: path.span)
  }
}
