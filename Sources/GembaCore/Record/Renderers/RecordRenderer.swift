/// Turns a `Record` into the text of one export format.
///
/// Renderers are pure values: the record in, the file's text out. They read only the
/// record, so every format shows the same facts.
public protocol RecordRenderer: Sendable {
  func render(_ record: Record) -> String
}

/// The export formats that render a record on its own (`sop` also needs the SOP; see `SOPUpdater`).
extension RecordFormat {
  public var renderer: any RecordRenderer {
    switch self {
    case .md: MarkdownRecordRenderer()
    case .html: HTMLRecordRenderer()
    case .json: JSONRecordRenderer()
    case .ipynb: IpynbRecordRenderer()
    case .dot: DotRecordRenderer()
    }
  }
}

extension Record {
  /// The record's sections in reading order, shared by every document format. Titles are
  /// fixed words, so the anchors (GitHub derives them from Markdown headings) are known.
  public static let sections: [(title: String, anchor: String)] = [
    ("Problem", "problem"), ("Process", "process"), ("Five whys", "five-whys"), ("Fishbone", "fishbone"),
    ("Causes and evidence", "causes-and-evidence"), ("Findings", "findings"), ("Actions", "actions"),
    ("Timeline", "timeline"), ("Check", "check"), ("Evidence register", "evidence-register"),
    ("Integrity and sign-off", "integrity-and-sign-off"), ("Appendix: session log", "appendix-session-log"),
  ]

  /// Sections shown only when the investigation has those parts (the corrective-action
  /// record's), with the fixed section each follows.
  public static let optionalSections: [(title: String, anchor: String, after: String)] = [
    ("Team", "team", "problem"), ("Containment", "containment", "problem"),
    ("Escape points", "escape-points", "fishbone"), ("Where else the cause can act", "extent", "actions"),
  ]

  /// This record's sections in reading order: the fixed ones, each followed by the optional
  /// ones it has.
  public var presentSections: [(title: String, anchor: String)] {
    let present = [
      "team": team != nil, "containment": containments != nil, "escape-points": escapes != nil,
      "extent": extent != nil,
    ]
    return Record.sections.flatMap { section in
      [section]
        + Record.optionalSections.filter { $0.after == section.anchor && present[$0.anchor] == true }
        .map { (title: $0.title, anchor: $0.anchor) }
    }
  }

  /// Every node of the five-whys trees, then every fishbone cause, then the escape points'
  /// whys, depth first:
  /// the order in which the record lists causes with their evidence.
  public var allNodes: [Node] {
    occurrenceNodes + Node.depthFirst(escapes?.flatMap(\.whys) ?? []).map(\.node)
  }

  /// The whys and causes of the problem itself (five whys, then fishbone), depth first: where
  /// its root causes are; an escape point's whys explain why it was not caught instead.
  public var occurrenceNodes: [Node] {
    Node.depthFirst(whys + (fishbone?.bones.flatMap(\.causes) ?? [])).map(\.node)
  }

  public func step(_ id: String) -> Step? { process.steps.first { $0.id == id } }
  public func finding(_ id: String) -> Finding? { findings.first { $0.id == id } }

  /// Counts of `check` results by severity.
  public var checkCounts: (errors: Int, warnings: Int) {
    (checks.filter { $0.severity == "error" }.count, checks.filter { $0.severity != "error" }.count)
  }
}

extension Record.Node {
  /// `confirmed`, `ruled out` or `hypothesis`, with `root cause` added for a root.
  public var statusText: String {
    let status = self.status == .ruledOut ? "ruled out" : self.status.rawValue
    return root ? status + " · root cause" : status
  }
}

extension Record.Location {
  /// `S2 Triage`, or `handoff S2 Triage → S3 Approve`.
  public var text: String {
    let named = zip(steps, names).map { "\($0) \($1)" }
    return handoff ? "handoff " + named.joined(separator: " → ") : named.joined()
  }
}

extension EvidenceRecord {
  /// The register's "Covers to" cell: the date and where it came from.
  var coverageCell: String {
    coversTo.map { "\($0)" + (coverageStated == true ? " (--through)" : " (day loaded)") } ?? "—"
  }
}
