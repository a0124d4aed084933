import GembaCore

/// What a host may add to Tab completion beyond its session. The shell asks for it
/// with `as?`, so a host without it still gets verbs, options and ids.
protocol ShellCompletionSource: AnyObject {
  /// The folder that paths in commands (`load`, `run`, `export`) are relative to.
  var folder: String { get }
  /// Column names of loaded tabular evidence, by evidence name.
  var evidenceColumns: [String: [String]] { get }
}

extension ShellCompletionSource {
  var evidenceColumns: [String: [String]] { [:] }
}

extension NotebookRunner: ShellCompletionSource {
  var evidenceColumns: [String: [String]] {
    (session.evidence as? EvidenceWorkspace)?.columns(for: session.investigation) ?? [:]
  }
}
