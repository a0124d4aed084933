import GembaCore

/// What a host may add to Tab completion beyond its session. The shell asks for it
/// with `as?`, so a host without it still gets verbs, options and ids.
protocol ShellCompletionSource: AnyObject {
  /// The folder that paths in commands (`load`, `run`, `export`) are relative to.
  var folder: String { get }
  /// Column names of loaded tabular evidence, by evidence name.
  var evidenceColumns: [String: [String]] { get }
  /// The values of a column of evidence already in memory, most frequent first.
  func evidenceValues(_ evidence: String, _ column: String) -> [String]
}

extension ShellCompletionSource {
  var evidenceColumns: [String: [String]] { [:] }
  func evidenceValues(_ evidence: String, _ column: String) -> [String] { [] }
}

extension NotebookRunner: ShellCompletionSource {
  var evidenceColumns: [String: [String]] {
    (session.evidence as? EvidenceWorkspace)?.columns(for: session.investigation) ?? [:]
  }
  func evidenceValues(_ evidence: String, _ column: String) -> [String] {
    (session.evidence as? EvidenceWorkspace)?.values(of: evidence, column: column, in: session.investigation) ?? []
  }
}
