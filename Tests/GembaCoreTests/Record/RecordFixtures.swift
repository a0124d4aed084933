import Testing
@testable import GembaCore

/// Example investigations built the way a user builds them: by running commands.
enum RecordFixtures {
  static let generatedAt = "2026-11-22T09:00:00Z"

  /// Runs `commands` one minute apart from 10:00; every command must be accepted.
  static func session(
    _ commands: [String], desk: RecordFakeDesk = RecordFakeDesk(), sourceLocation: SourceLocation = #_sourceLocation
  )
    -> Session
  {
    let session = Session(evidence: desk)
    for (i, command) in commands.enumerated() {
      let time = "2026-11-20T\(10 + i / 60):\(pad(i % 60)):00Z"
      if case .rejected(let d) = session.run(command, time: time) {
        Issue.record("rejected: \(command)\n\(d.message) \(d.notes)", sourceLocation: sourceLocation)
      }
    }
    return session
  }

  static func record(_ session: Session) -> Record {
    Record(investigation: session.investigation, cells: session.cells, generatedAt: generatedAt)
  }

  static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  /// A command-language string literal of any text.
  static func q(_ text: String) -> String {
    "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"").replacing("\n", with: "\\n") + "\""
  }

  /// The refund investigation: every kind of item, a handoff finding, an unplaced
  /// finding, actions in every state, a cited Pareto and control chart, a sign-off and a
  /// cell after it.
  static let refundCommands: [String] = [
    "title \"Duplicate refunds after the macro change\"",
    "problem \"Refunds are paid twice\" --expected \"0 duplicate refunds a month\" --actual \"37 duplicates in October\"",
    "process Refunds \"Receive request\" \"Triage\" \"Approve\" \"Pay\"",
    "load evidence/tickets.csv as tickets",
    "why \"Refunds are paid twice\"",
    "why W1 \"Agents re-submit when the status does not change\"",
    "why W1.1 \"The status page caches for 10 minutes\"",
    "confirm W1.1.1 --because \"cache TTL of 600 s in the config\"",
    "root W1.1.1",
    "fishbone \"Duplicate refunds\" --template 6M",
    "cause Method \"No check for an open refund\"",
    "cause C1 \"The macro lacks a duplicate check\"",
    "cause Machine \"Status cache hides the first submission\"",
    "cause Manpower \"Agent forgot to check\"",
    "cite C1 tickets#2-3 --note \"both duplicates came through the macro\"",
    "cite C1 tickets | where reason = duplicate | pareto by source --note \"the macro and the wiki make 81 % of them\"",
    "confirm C1 --because \"every duplicate used the macro\"",
    "root C1",
    "rule-out C3 --because \"it happened across all agents and shifts\"",
    "finding \"Triage has no duplicate check\" --step S2 --cause C1 --evidence tickets#2",
    "cite F1 tickets | where reason = duplicate | spc handle_minutes",
    "finding \"Approval does not see the payment status\" --step S2>S3",
    "finding \"Refund policy is ambiguous\"",
    "action F1 \"Add a duplicate check to the refund macro\" --owner \"Dana Kim\" --due 2026-12-15 --review monthly --standard \"Before approving, triage searches the refund ledger for an open refund on the order\"",
    "action F2 \"Show payment status on the approval screen\" --owner Lee --due 2026-12-20 --review weekly --standard \"Approval reads the live payment status, never the cached page\"",
    "action F3 \"Rewrite the refund policy\" --owner Sam --due 2027-01-10 --review quarterly",
    "done A1 --note \"macro updated on 2026-11-21\"",
    "effective A1 --evidence tickets#4",
    "event 2026-10-03 \"Refund macro changed\"",
    "event \"2026-10-05 09:30\" \"First duplicate refund\" --evidence tickets#2",
    "note \"The team agreed that the cache is a contributing cause, not the root.\"",
    "check",
    "signoff \"Quality manager\" \"Ana Ruiz\"",
    "note \"Sign-off given in the review meeting.\"",
  ]

  static func refund() -> Record { record(session(refundCommands)) }

  /// Text that tries every trick: HTML and script injection, CDATA and textarea
  /// escapes, Markdown syntax, table pipes, backtick runs, a very long word,
  /// right-to-left text and emoji.
  static let payloads: [String] = [
    "<script>document.title='PWNED-1'</script>",
    "<img src=x onerror=\"document.title='PWNED-2'\">",
    "</textarea><script>document.title='PWNED-3'</script>",
    "]]><script>document.title='PWNED-4'</script>",
    "<a href=\"javascript:document.title='PWNED-5'\">click</a> javascript:alert(1)",
    "'\"><svg onload=document.title='PWNED-6'>",
    "**bold** _it_ [link](javascript:alert(1)) # not a heading\n- not a list\n1. not a list\n> not a quote\n---\n<!-- x -->",
    "a | b || c \\| d",
    "```` ``` `` ` fence ~~~",
    String(repeating: "Supercalifragilistic", count: 15),
    "שלום עולם · مرحبا بالعالم \u{202E}txt.exe",
    "emoji 🔥👩‍🔧🇯🇵 & done; &amp; &lt; #quot; \\n \\",
  ]

  static var hostileText: String { payloads.joined(separator: " ") }

  /// The same shapes as `refund`, with hostile text in every free-text field.
  static func hostileCommands() -> [String] {
    let h = q(hostileText)
    return [
      "title \(h)",
      "problem \(h) --expected \(h) --actual \(h)",
      "process \(h) \(h) \(q("Triage " + payloads[0]))",
      "load evidence/tickets.csv as tickets",
      "why \(h)",
      "why W1 \(h)",
      "confirm W1.1 --because \(h)",
      "root W1.1",
      "fishbone \(h) --template none",
      "category \(q(payloads[0]))",
      "category \(q(payloads[7]))",
      "cause \(q(payloads[0])) \(h)",
      "cause C1 \(h)",
      "cause \(q(payloads[7])) \(h)",
      "cite C1 tickets#1 --note \(h)",
      "cite C1 tickets | pareto by source --note \(h)",
      "cite C1 tickets | spc handle_minutes",
      "rule-out C2 --because \(h)",
      "finding \(h) --step S1 --cause C1 --evidence tickets#1",
      "finding \(h) --step S1>S2",
      "action F1 \(h) --owner \(h) --due 2026-12-15 --review monthly --standard \(h)",
      "done A1 --note \(h)",
      "effective A1 --evidence tickets#1 --note \(h)",
      "event 2026-10-03 \(h) --evidence tickets#1",
      "note \(h)",
      "check",
      "signoff \(h) \(h)",
    ]
  }

  static func hostile() -> Record {
    let desk = RecordFakeDesk(
      path: "evidence/" + payloads[0] + ".csv", excerpt: hostileText + "\n" + payloads.joined(separator: "\n"),
      chartLabels: payloads)
    return record(session(hostileCommands(), desk: desk))
  }
}

/// Evidence without files: `load` registers a fixed record, cited rows carry a fixed excerpt,
/// and a cited query ending in `pareto` or `spc` carries that chart (`RecordChartFixtures`).
final class RecordFakeDesk: EvidenceDesk {
  let path: String
  let excerpt: String
  /// Category or point labels for cited charts; nil keeps the fixtures' own.
  let chartLabels: [String]?

  init(
    path: String = "evidence/tickets.csv", excerpt: String = "id,reason,amount\n2,duplicate,40.00\n3,duplicate,12.50",
    chartLabels: [String]? = nil
  ) {
    self.path = path
    self.excerpt = excerpt
    self.chartLabels = chartLabels
  }

  func load(_ spec: LoadSpec, cell: Int) throws(Diagnostic)
    -> EvidenceRecord
  {
    EvidenceRecord(
      name: spec.name?.value ?? "tickets", path: self.path, format: "csv", rows: 1204, columns: 11, bytes: 88_412,
      sha256: "3f2a9c1e77d04b12" + String(repeating: "ab", count: 24), cell: cell)
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
    "(answer)"
  }

  func cite(_ target: CitationTarget, note: String?, cell: Int, investigation: Investigation) throws(Diagnostic)
    -> Citation
  {
    switch target {
    case .rows(let ref):
      Citation(kind: .rows, reference: ref.value.description, excerpt: excerpt, note: note, cell: cell)
    case .query(let q): RecordChartFixtures.citation(q.text, labels: chartLabels, note: note, cell: cell)
    case .shares(let s): Citation(kind: .query, reference: s.text, excerpt: excerpt, note: note, cell: cell)
    }
  }
}
