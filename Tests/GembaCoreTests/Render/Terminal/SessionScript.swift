import Testing
@testable import GembaCore

/// Evidence for tests: every reference resolves, with the reference as its excerpt.
final class StubEvidenceDesk: EvidenceDesk {
  func load(_ spec: LoadSpec, cell: Int) throws(Diagnostic)
    -> EvidenceRecord
  {
    EvidenceRecord(
      name: spec.name?.value ?? spec.path.value, path: spec.path.value, format: spec.format?.value ?? "csv", rows: 3,
      columns: 2, bytes: 40, sha256: String(repeating: "0", count: 64), cell: cell)
  }
  func describeLoad(_ record: EvidenceRecord) throws(Diagnostic) -> String { "loaded \(record.name)" }
  func answer(_ command: Command, investigation: Investigation, styles: [TerminalStyle]) throws(Diagnostic) -> [String]
  {
    let text = try answerOnce(command, investigation: investigation)
    return styles.map { _ in text }
  }

  func answerOnce(_ command: Command, investigation: Investigation) throws(Diagnostic) -> String { "" }
  func cite(_ target: CitationTarget, note: String?, cell: Int, investigation: Investigation) throws(Diagnostic)
    -> Citation
  {
    switch target {
    case .rows(let ref):
      Citation(kind: .rows, reference: ref.value.description, excerpt: ref.value.description, note: note, cell: cell)
    case .query(let q): Citation(kind: .query, reference: q.text, excerpt: "1", note: note, cell: cell)
    case .shares(let s): Citation(kind: .query, reference: s.text, excerpt: "1", note: note, cell: cell)
    }
  }
}

/// Runs `script` through a session as a facilitator would type it, one command a
/// line (blank lines and `#` comments skipped), a minute apart, and returns the
/// investigation. A rejected command fails the test at the caller's line.
func investigation(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) -> Investigation {
  let session = Session(evidence: StubEvidenceDesk())
  var minute = 0
  for line in script.split(separator: "\n") {
    let command = line.trimmingPrefix { $0 == " " }
    guard !command.isEmpty, !command.hasPrefix("#") else { continue }
    minute += 1
    let time = "2026-11-20T10:\(minute < 10 ? "0" : "")\(minute):00Z"
    if case .rejected(let diagnostic) = session.run(String(command), time: time) {
      Issue.record("`\(command)` was rejected: \(diagnostic.message)", sourceLocation: sourceLocation)
    }
  }
  return session.investigation
}

/// The refund-guidance investigation used across the view tests: small, but with
/// every kind of item and status.
let refundScript = """
  title Refund guidance
  problem "Agents give different refund answers" --expected "one answer per case" --actual "3 answers in 40% of audited tickets"
  process "Refund request" intake "policy lookup" answer close
  why "Agents give different refund answers"
  why W1 "They read different sources"
  why W1.1 "Policy lives in three places"
  why W1.1 "Agents are new"
  why W1.1.1 "No single owner of the refund policy"
  cite W1.1 tickets#12-14
  confirm W1.1 --because "tickets quote wiki, macro and PDF"
  rule-out W1.1.2 --because "tenure shows no effect"
  root W1.1.1.1
  fishbone "Inconsistent refund answers" --template 4S
  cause Systems "Macro text differs from the wiki"
  cause C1 "Macro not updated after policy change"
  cause Skills "Agents unsure which source wins"
  confirm C1 --because "diff of macro and wiki"
  cite C1 macros#3
  finding "Wiki and macro disagree on the 30-day rule" --step S2 --cause C1 --evidence tickets#12
  finding "Answer sent without a policy link" --step S2>S3 --cause W1.1
  finding "Nobody owns the policy"
  action F1 "Make the wiki the single source; macro links to it" --owner Dana --due 2026-12-15 --review monthly --standard "Policy changes update wiki and macro in one step"
  action F2 "Retrain agents on refunds"
  event 2026-11-01 "Policy v3 published to the wiki"
  event "2026-10-28 09:30" "Macro last edited" --evidence macros#3
  """
