extension Record {
  /// The record of `investigation` as it stands after `cells`.
  ///
  /// - Parameters:
  ///   - checks: the `check` results to show; nil runs `Check.review` on the investigation.
  ///   - integrity: the result of verifying the notebook file; nil verifies `cells` as given
  ///     (which can only fail if the cells were edited in memory).
  ///   - generatedAt: ISO-8601 UTC time of the export, from the edge (`SOURCE_DATE_EPOCH` aware).
  ///   - trusted: the public keys the person exporting trusts (key → name), which decide each
  ///     sign-off's mark: signed and trusted, signed by an unknown key, or unsigned.
  public init(
    investigation inv: Investigation, cells: [Cell], checks: [CheckFinding]? = nil,
    integrity: Verification.Result? = nil, evidence states: [EvidenceState]? = nil, generatedAt: String,
    trusted: [String: String] = [:]
  ) {
    format = Record.formatName
    version = Record.currentVersion
    self.generatedAt = generatedAt
    title = inv.title ?? inv.problem?.statement ?? "Untitled investigation"
    problem = inv.problem.map { Problem(statement: $0.statement, expected: $0.expected, actual: $0.actual) }
    process = Record.process(of: inv)
    whys = inv.whyRoots.compactMap { Record.node($0, in: inv) }
    fishbone = inv.fishbone.map { bone in
      Fishbone(
        effect: bone.effect, template: bone.template,
        bones: bone.categories.map { Bone(name: $0.name, causes: $0.causes.compactMap { Record.node($0, in: inv) }) })
    }
    findings = inv.findings.map { finding in
      Finding(
        id: finding.id.description, text: finding.text, location: finding.location.map { Record.location($0, in: inv) },
        causes: finding.causes.map(\.description), citations: finding.citations.map(Record.citation),
        actions: inv.actions.filter { $0.finding == finding.id }.map(\.id.description))
    }
    actions = inv.actions.map { a in
      Action(
        id: a.id.description, finding: a.finding.description, text: a.text, owner: a.owner, due: a.due?.description,
        review: a.review?.rawValue, standard: a.standard, state: a.state, doneNote: a.doneNote,
        outcome: a.outcome, outcomeCitations: a.outcomeCitations.map(Record.citation),
        plannedCheck: a.plannedCheck.map(Record.plannedCheck), judgement: a.judgement.map(Record.judgement),
        doneAt: a.doneAt)
    }
    events = inv.events.enumerated()
      .sorted { ($0.element.when.sortKey, $0.offset) < ($1.element.when.sortKey, $1.offset) }
      .map { _, e in
        Event(
          when: e.when.text, sortKey: e.when.sortKey, text: e.text, citations: e.citations.map(Record.citation),
          cell: e.cell)
      }
    self.checks = (checks ?? GembaCore.Check.review(inv)).map {
      Check(severity: $0.severity.rawValue, item: $0.item?.description, message: $0.message, advice: $0.advice)
    }
    evidence = inv.evidence
    self.integrity = Record.integrity(
      integrity ?? Verification.verify(NotebookFormat.Document(cells: cells)), cells: cells,
      evidence: states)
    let signatures = Dictionary(
      SignatureReport.check(cells, trusted: trusted).entries.map { ($0.cell, $0) }, uniquingKeysWith: { a, _ in a })
    let broken = Record.firstBrokenCell(cells)
    signoffs = inv.signoffs.map {
      let signed = signatures[$0.cell]
      var signoff = Signoff(
        role: $0.role, name: $0.name, time: $0.time, chain: $0.chain, cell: $0.cell,
        laterCells: cells.filter { [cell = $0.cell] in $0.number > cell }.count, meaning: $0.meaning?.rawValue,
        signature: signed?.status ?? .unsigned, key: signed?.fingerprint, signedForm: signed?.form)
      // The chain first: an edit before it breaks what it approved whatever its signature says.
      if let broken, broken <= $0.cell {
        signoff.standing = .chainBroken
        signoff.brokenAt = broken
      } else if signoff.signature == .invalid {
        signoff.standing = .signatureInvalid
      }
      return signoff
    }
    let commands = cells.map { cell -> Command? in (try? Parser.parse(cell.command, firstLine: 1)) ?? nil }
    log = zip(cells, commands).map { cell, command in
      var note: String?
      if case .note(let text)? = command { note = text }
      return LogCell(
        number: cell.number, time: cell.time, chain: cell.chain, command: cell.command, output: cell.output,
        note: note)
    }
    addCorrectiveAction(from: inv)
    caseIdentity = Record.caseIdentity(inv.caseIdentity)
    progress = Record.progress(
      cells: cells, commands: commands, actions: actions, containments: containments,
      roots: Record.Node.depthFirst(whys + (fishbone?.bones.flatMap(\.causes) ?? [])).map(\.node),
      signoffs: signoffs)
  }

  static func process(of inv: Investigation) -> Process {
    var steps = inv.steps.map { Step(id: $0.id.description, name: $0.name, owner: $0.owner, findings: []) }
    var handoffs: [Handoff] = []
    var unplaced: [String] = []
    for finding in inv.findings {
      let id = finding.id.description
      switch finding.location {
      case .step(let s)?:
        if let i = inv.steps.firstIndex(where: { $0.id == s }) {
          steps[i].findings.append(id)
        } else {
          unplaced.append(id)
        }
      case .handoff(let a, let b)?:
        if let i = handoffs.firstIndex(where: { $0.from == a.description && $0.to == b.description }) {
          handoffs[i].findings.append(id)
        } else {
          handoffs.append(Handoff(from: a.description, to: b.description, findings: [id]))
        }
      case nil:
        unplaced.append(id)
      }
    }
    // A handoff belongs to the step that receives the work: list handoffs in that order.
    let order = Dictionary(uniqueKeysWithValues: inv.steps.enumerated().map { ($1.id.description, $0) })
    handoffs = handoffs.enumerated()
      .sorted { (order[$0.element.to] ?? Int.max, $0.offset) < (order[$1.element.to] ?? Int.max, $1.offset) }
      .map(\.element)
    return Process(name: inv.processName, steps: steps, handoffs: handoffs, unplacedFindings: unplaced)
  }

  /// The node and its subtree, built children first with an explicit stack (no recursion: a
  /// why chain may be thousands deep).
  static func node(_ id: ItemID, in inv: Investigation) -> Node? {
    guard let top = inv.nodes[id] else { return nil }
    var open: [(source: CauseNode, next: Int, children: [Node])] = [(top, 0, [])]
    while let last = open.last {
      if last.next < last.source.children.count {
        open[open.count - 1].next += 1
        if let child = inv.nodes[last.source.children[last.next]] { open.append((child, 0, [])) }
        continue
      }
      let n = open.removeLast()
      let built = Node(
        id: n.source.id.description, text: n.source.text, status: n.source.status, rationale: n.source.rationale,
        root: n.source.isRoot, category: n.source.category, citations: n.source.citations.map(citation),
        children: n.children)
      guard !open.isEmpty else { return built }
      open[open.count - 1].children.append(built)
    }
    return nil
  }

  static func location(_ location: StepLocation, in inv: Investigation) -> Location {
    let ids = location.steps
    var handoff = false
    if case .handoff = location { handoff = true }
    return Location(
      label: ids.map(\.description).joined(separator: ">"), handoff: handoff, steps: ids.map(\.description),
      names: ids.map { inv.step($0)?.name ?? "?" })
  }

  static func citation(_ c: GembaCore.Citation) -> Citation {
    Citation(
      reference: c.reference, kind: c.kind.rawValue, excerpt: c.excerpt, note: c.note, cell: c.cell,
      chart: c.chart.flatMap(chart),
      moments: c.moments.isEmpty
        ? nil
        : c.moments.map {
          Moment(when: $0.when, sortKey: $0.sortKey, text: $0.text)
        },
      table: c.table.map {
        Table(columns: $0.columns, rows: $0.rows, rowNumbers: $0.rowNumbers, totalRows: $0.totalRows)
      },
      evidence: c.evidence, sha256: c.sha256,
      statistics: c.statistics.map { s in
        var kept = s
        kept.pValue = s.pValue.flatMap { $0.isFinite ? $0 : nil }
        return kept
      })
  }

  /// The record's copy of a cited chart; nil when it holds a number JSON cannot carry
  /// (NaN, ±∞), since the excerpt still shows what was seen and the record must always encode.
  static func chart(_ c: CitedChart) -> Chart? {
    let numbers =
      c.values + c.cumulative + [c.centre, c.upper, c.lower, c.specLower, c.specUpper].compactMap { $0 }
      + (c.centres ?? []) + (c.uppers ?? []) + (c.lowers ?? [])
    guard numbers.allSatisfy(\.isFinite) else { return nil }
    var chart = Chart(
      kind: c.kind, title: c.title, measure: c.measure, labels: c.labels, values: c.values,
      cumulative: c.cumulative.isEmpty ? nil : c.cumulative,
      centre: c.centre, upper: c.upper, lower: c.lower,
      flagged: c.flagged.filter { c.values.indices.contains($0) }.sorted())
    chart.tests = c.tests
    chart.centres = c.centres
    chart.uppers = c.uppers
    chart.lowers = c.lowers
    chart.stageStarts = c.stageStarts
    chart.stageLabels = c.stageLabels
    chart.baseline = c.baseline.flatMap {
      c.values.indices.contains($0.lowerBound) && $0.upperBound <= c.values.count ? $0 : nil
    }
    chart.spread = c.spread?.compactMap { Self.chart($0) }
    chart.specLower = c.specLower
    chart.specUpper = c.specUpper
    chart.places = c.places
    return chart
  }

  /// - Parameter evidence: the evidence files checked against their stored digests; nil when
  ///   nobody could check them (the line then says so rather than claim they hold).
  static func integrity(_ result: Verification.Result, cells: [Cell], evidence: [EvidenceState]?) -> Integrity {
    let chain = cells.last?.chain ?? Chain.genesis
    switch result {
    case .verified(let n):
      guard let evidence else {
        return Integrity(verified: true, cells: n, chain: chain, line: "verified: \(n) cells, chain \(chain)")
      }
      let state = IntegrityState(chain: result, evidence: evidence)
      if state.isClean {
        let files =
          evidence.isEmpty
          ? "" : evidence.count == 1 ? "; evidence as loaded" : "; all \(evidence.count) evidence files as loaded"
        return Integrity(verified: true, cells: n, chain: chain, line: "verified: \(n) cells, chain \(chain)\(files)")
      }
      let drift = state.summary.split(separator: ";", maxSplits: 1).dropFirst().joined().trimmingSpaces()
      return Integrity(
        verified: false, cells: n, chain: chain,
        line:
          "chain verified (\(n) cells, chain \(chain)) but the evidence is NOT as cited: \(drift); figures below are as cited"
      )
    case .failed(let message, let line):
      return Integrity(
        verified: false, cells: cells.count, chain: chain,
        line: "NOT verified: \(message) (notebook line \(line))")
    }
  }
}
