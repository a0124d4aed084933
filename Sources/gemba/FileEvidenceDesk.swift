import GembaCore

/// The evidence desk of a real session: reads files below the notebook's folder
/// (through `PathPolicy`), keeps the loaded tables, answers queries and cites.
final class FileEvidenceDesk: EvidenceDesk {
  let policy: PathPolicy

  init(policy: PathPolicy) {
    self.policy = policy
  }

  func readDocument(_ path: Located<String>) throws(Diagnostic) -> String {
    let file = try policy.resolve(path)
    guard Paths.exists(file) else {
      throw .error("no file `\(path.value)`", at: path.span, notes: ["paths are relative to the notebook's folder (\(policy.folder))"])
    }
    guard let text = Paths.read(file) else {
      throw .error("`\(path.value)` is not UTF-8 text", at: path.span)
    }
    return text
  }

  func load(path: Located<String>, name: Located<String>?, format: Located<String>?, cell: Int) throws(Diagnostic)
    -> EvidenceRecord
  {
    throw .error("evidence loading is being merged", at: path.span)
  }

  func describeLoad(_ record: EvidenceRecord) throws(Diagnostic) -> String { "" }

  func answer(_ command: Command, investigation: Investigation, style: TerminalStyle) throws(Diagnostic) -> String {
    throw .error("evidence queries are being merged")
  }

  func cite(_ target: CitationTarget, note: String?, cell: Int, investigation: Investigation) throws(Diagnostic)
    -> Citation
  {
    throw .error("citations are being merged")
  }
}
