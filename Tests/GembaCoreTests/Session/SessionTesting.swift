import Testing
@testable import GembaCore

/// Evidence without files: `load` invents a small table, citations quote the reference,
/// and anything about evidence that was never loaded is an error (as with real files).
final class FakeDesk: EvidenceDesk {
  func load(_ spec: LoadSpec, cell: Int) throws(Diagnostic) -> EvidenceRecord {
    if spec.path.value.hasPrefix("missing") {
      throw .error(.fileNotFound, "no file `\(spec.path.value)`", at: spec.path.span)
    }
    let stem =
      spec.path.value.split(separator: "/").last.map { String($0.split(separator: ".").first ?? $0) } ?? spec.path.value
    return EvidenceRecord(
      name: spec.name?.value ?? stem, path: spec.path.value, format: spec.format?.value ?? "csv", rows: 40, columns: 3,
      bytes: 1200, sha256: String(repeating: "ab", count: 32), cell: cell)
  }

  func describeLoad(_ record: EvidenceRecord) throws(Diagnostic) -> String {
    "loaded \(record.name): \(record.rows) rows × \(record.columns) columns · sha256 \(record.sha256.prefix(16))"
  }

  func answer(_ command: Command, investigation: Investigation, styles: [TerminalStyle]) throws(Diagnostic) -> [String]
  {
    let text = try answerOnce(command, investigation: investigation)
    return styles.map { _ in text }
  }

  func answerOnce(_ command: Command, investigation: Investigation) throws(Diagnostic) -> String {
    switch command {
    case .listEvidence: return investigation.evidence.map(\.name).joined(separator: "\n")
    case .query(let query):
      try requireLoaded(query.evidence, in: investigation)
      return "result of \(query.text)"
    case .show(let name, _, _):
      try requireLoaded(name, in: investigation)
      return "rows of \(name.value)"
    default: return "answer"
    }
  }

  func cite(_ target: CitationTarget, note: String?, cell: Int, investigation: Investigation) throws(Diagnostic)
    -> Citation
  {
    switch target {
    case .rows(let ref):
      try requireLoaded(Located(ref.value.name, at: ref.span), in: investigation)
      return Citation(
        kind: .rows, reference: ref.value.description, excerpt: "rows \(ref.value)", note: note, cell: cell)
    case .query(let query):
      try requireLoaded(query.evidence, in: investigation)
      return Citation(kind: .query, reference: query.text, excerpt: "42", note: note, cell: cell)
    case .shares(let shares):
      return Citation(kind: .query, reference: shares.text, excerpt: "shares", note: note, cell: cell)
    }
  }

  private func requireLoaded(_ name: Located<String>, in investigation: Investigation) throws(Diagnostic) {
    guard investigation.evidence.contains(where: { $0.name == name.value }) else {
      throw .error(.unknownEvidence, "no evidence named `\(name.value)`", at: name.span)
    }
  }
}

/// The time of cell `n` in these tests: one minute apart.
func cellTime(_ n: Int) -> String { "2026-11-20T10:\(n < 10 ? "0" : "")\(n):00Z" }

extension Session {
  /// A session with evidence, after running `commands` at `cellTime(1)`, `cellTime(2)`…; each must record a cell.
  static func after(_ commands: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Session {
    let session = Session(evidence: FakeDesk())
    for source in commands { session.expectCell(source, sourceLocation: sourceLocation) }
    return session
  }

  /// Runs `source` at the next cell's time; it must record a cell, whose output is returned.
  @discardableResult
  func expectCell(_ source: String, output: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> String
  {
    switch run(source, time: cellTime(nextCellNumber)) {
    case .cell(let cell, _, _):
      if let output { #expect(cell.output == output, sourceLocation: sourceLocation) }
      return cell.output
    case .rejected(let d):
      Issue.record("`\(source)` was rejected: \(d.message)", sourceLocation: sourceLocation)
    case let other:
      Issue.record("`\(source)` recorded no cell: \(other)", sourceLocation: sourceLocation)
    }
    return ""
  }

  /// Runs `source`; it must be rejected, and leave the investigation and the cells as they were.
  @discardableResult
  func expectRejected(
    _ source: String, code: DiagnosticCode, notes: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation
  )
    -> Diagnostic?
  {
    let before = (investigation, cells, nextCellNumber, chain)
    guard case .rejected(let d) = run(source, time: cellTime(nextCellNumber)) else {
      Issue.record("`\(source)` was not rejected", sourceLocation: sourceLocation)
      return nil
    }
    #expect(d.code == code, "\(d.message)", sourceLocation: sourceLocation)
    if let notes { #expect(d.notes == notes, sourceLocation: sourceLocation) }
    #expect(investigation == before.0, "the investigation is unchanged", sourceLocation: sourceLocation)
    #expect(cells == before.1, "no cell is recorded", sourceLocation: sourceLocation)
    #expect(nextCellNumber == before.2 && chain == before.3, sourceLocation: sourceLocation)
    return d
  }

  var ids: [String] { investigation.allIDs.map(\.description) }
}
