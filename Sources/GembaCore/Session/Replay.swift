/// `gemba replay`: re-runs every cell of a notebook in a fresh session, at the
/// cell's own recorded time, and compares what it prints now with what it printed then.
public struct ReplayReport: Sendable {
  /// A cell whose output changed.
  public struct Difference: Sendable {
    public var cell: Int
    public var line: Int
    public var command: String
    /// A unified diff (then → now), or the error the cell now gives.
    public var detail: String
  }
  /// Evidence whose bytes changed since the notebook loaded it.
  public struct Drift: Sendable {
    public var cell: Int
    public var command: String
    public var then: String
    public var now: String
    public var oldHash: String
    public var newHash: String
  }
  /// A cited query whose result is different today: the conclusion it supported may not hold.
  public struct Stale: Sendable {
    public var cell: Int
    public var item: String
    public var query: String
    public var then: String
    public var now: String
  }

  /// An action judged effective by its planned check that today's evidence judges not effective:
  /// the defect came back.
  public struct Recurrence: Sendable {
    public var cell: Int
    public var action: String
    /// What the check sees today, and its target.
    public var now: String
    public var target: String
  }

  /// Evidence a `load` read that cannot be read now (deleted, a folder, unreadable).
  public struct Missing: Sendable {
    public var cell: Int
    public var path: String
    public var reason: String
  }

  public var cells = 0
  public var matched = 0
  public var differed: [Difference] = []
  public var drifted: [Drift] = []
  public var stale: [Stale] = []
  public var recurrences: [Recurrence] = []
  public var missing: [Missing] = []
  /// Cells not run again because the evidence they ask about is missing; what they stored stands.
  public var notRerun: [Int] = []
  /// Items whose replayed state differs from the state the stored cells fold to.
  public var stateDifferences: [String] = []
  /// Where reading the notebook stopped (a truncated or hand-broken file), if it did.
  public var stopped: Diagnostic?
  /// Today's cells, for `--update`.
  public var newCells: [Cell] = []

  public var allMatched: Bool {
    differed.isEmpty && drifted.isEmpty && stale.isEmpty && missing.isEmpty && stateDifferences.isEmpty
      && stopped == nil
      && recurrences.isEmpty
  }
  public var summary: String {
    "replay: \(cells) cells, \(matched) matched, \(differed.count) differed, \(drifted.count) drifted, \(stale.count) stale"
      + (missing.isEmpty ? "" : ", \(missing.count) missing")
      + (notRerun.isEmpty ? "" : ", \(notRerun.count) not re-run")
      + (stateDifferences.isEmpty ? "" : ", state differs")
      + (recurrences.isEmpty ? "" : ", \(recurrences.count) recurrence" + (recurrences.count == 1 ? "" : "s"))
  }
}

public enum Replay {
  /// Replays `document` in `session` (fresh, with the evidence desk the caller allows).
  /// - Parameter write: called with the files an export cell produced; the caller
  ///   decides whether to write them (a replay of someone's notebook does not).
  public static func run(
    _ document: NotebookFormat.Document, in session: Session,
    write: ([FileWrite]) -> Void = { _ in }
  ) -> ReplayReport {
    var report = ReplayReport()
    report.stopped = document.problems.first
    var missingNames = Set<String>()
    for stored in document.cells {
      report.cells += 1
      let command = try? Parser.parse(stored.command)
      let then = try? stored.decodedData()
      let idsBefore = Set(session.investigation.allIDs)
      let outcome = session.run(stored.command, time: stored.time)
      let now: String
      var nowData: CellData?
      // The ids the cell's change made (a finding's `F1`): what its citations support.
      var created: [ItemID] = []
      switch outcome {
      case .cell(let cell, _, _):
        now = cell.output
        nowData = try? cell.decodedData()
        created = session.investigation.allIDs.filter { !idsBefore.contains($0) }
        if !session.writes.isEmpty { write(session.writes) }
      case .rejected(let diagnostic):
        // Go on with what the cell stored, so later cells (an undo above all) see the same state.
        let kept = (try? session.restore(stored)) != nil
        if !kept { session.keepStored(stored) }
        if kept, case .load(let spec)? = command {
          missingNames.insert(spec.name?.value ?? then?.loaded?.record.name ?? spec.path.value)
          report.missing.append(.init(cell: stored.number, path: spec.path.value, reason: diagnostic.message))
          continue
        }
        // A planned check names its evidence only in what it stored.
        if let command,
          !missingNames.isDisjoint(with: evidenceNames(command).union(then?.citations?.compactMap(\.evidence) ?? []))
        {
          report.notRerun.append(stored.number)
          continue
        }
        report.differed.append(
          .init(
            cell: stored.number, line: stored.line, command: stored.command,
            detail: "the cell now fails: \(diagnostic.message)" + diagnostic.notes.map { "\n  = \($0)" }.joined()))
        continue
      case .meta(let text):
        now = text
      case .edge, .empty:
        now = stored.output
      }
      if case .load? = command, let old = then?.loaded?.record.sha256 ?? Verification.printedDigest(in: stored.output),
        let new = nowData?.loaded?.record.sha256 ?? Verification.printedDigest(in: now),
        !(old.hasPrefix(new) || new.hasPrefix(old))
      {
        report.drifted.append(
          .init(
            cell: stored.number, command: stored.command, then: firstLine(stored.output),
            now: firstLine(now), oldHash: String(old.prefix(16)), newHash: String(new.prefix(16))))
        continue
      }
      if let thenCitations = then?.citations, let command {
        let nowCitations = nowData?.citations ?? []
        let moved = thenCitations.indices.filter { i in
          !(nowCitations.indices.contains(i) && thenCitations[i].sawTheSame(as: nowCitations[i]))
        }
        if moved.isEmpty {
          report.matched += 1
        } else if let recurrence = recurrence(command, then: thenCitations, cell: stored, in: session) {
          // Reported once, as what it means, rather than as a stale citation.
          report.recurrences.append(recurrence)
        } else {
          for i in moved {
            report.stale.append(
              .init(
                cell: stored.number, item: citingItem(command, created: created),
                query: thenCitations[i].reference, then: thenCitations[i].excerpt,
                now: nowCitations.indices.contains(i) ? nowCitations[i].excerpt : "(nothing)"))
          }
        }
        continue
      }
      if mask(now, dropping: editionLines(command, nowData))
        == mask(stored.output, dropping: editionLines(command, then))
      {
        report.matched += 1
        continue
      }
      if let (item, query) = command.flatMap({ citedQuery($0, created: created) }) {
        report.stale.append(.init(cell: stored.number, item: item, query: query.text, then: stored.output, now: now))
      } else {
        report.differed.append(
          .init(
            cell: stored.number, line: stored.line, command: stored.command,
            detail: LineDiff.unified(
              stored.output, now, oldLabel: "cell \(stored.number) then", newLabel: "cell \(stored.number) now")))
      }
    }
    report.newCells = session.cells
    report.stateDifferences = stateDifferences(stored: document, replayed: session.investigation)
    return report
  }

  /// A planned check that judged an action effective then and, run on today's evidence, not effective.
  static func recurrence(_ command: Command, then: [Citation], cell: Cell, in session: Session) -> ReplayReport
    .Recurrence?
  {
    guard case .effective(let id, let targets, _, _) = command, targets.isEmpty, let seen = then.first,
      let action = session.investigation.action(id.value), let plan = action.plannedCheck,
      let now = action.judgement, now.verdict == .notEffective, now.judgedAt == cell.time,
      plan.judge(
        seen, doneAt: action.doneAt, coversTo: session.investigation.coverage(of: seen), at: cell.time
      ).verdict == .effective
    else { return nil }
    return .init(cell: cell.number, action: id.value.description, now: now.seen, target: plan.target)
  }

  /// The evidence names a command asks about.
  static func evidenceNames(_ command: Command) -> Set<String> {
    func names(_ targets: [CitationTarget]) -> Set<String> {
      Set(
        targets.compactMap { target -> String? in
          switch target {
          case .rows(let ref): ref.value.name
          case .query(let q): q.evidence.value
          case .shares: nil
          }
        })
    }
    switch command.route {
    case .question(.query(let q)): return [q.evidence.value]
    case .question(.show(let name, _, _)): return [name.value]
    case .change(let cites?): return names(cites.targets)
    case .change(nil), .question(.list), .question(.metric), .question(.compareShares), .view, .notebook, .shell:
      return []
    }
  }

  /// The item a citing command supports: `C2`, `A1`, the finding it created, the event.
  /// - Parameter created: the ids the cell made when it ran again.
  static func citingItem(_ command: Command, created: [ItemID]) -> String {
    switch command.citation?.item {
    case .item(let id): return id.description
    case .newFinding: return created.first { $0.kind == .finding }?.description ?? "a finding"
    case .event(let when): return "the event of \(when)"
    case nil: return "an item"
    }
  }

  /// Items whose replayed state differs from the fold of the stored cells (what each citation
  /// saw aside: stale citations are reported on their own).
  static func stateDifferences(stored document: NotebookFormat.Document, replayed: Investigation) -> [String] {
    let fold = Session()
    for cell in document.cells {
      guard (try? fold.restore(cell)) != nil else { return [] }  // a v1 notebook: nothing stored to compare
    }
    return Investigation.differences(fold.investigation.comparable, replayed.comparable)
  }

  /// The item and the query of a command that cites a query (`cite`, `finding --evidence`,
  /// `effective --evidence`, `event --evidence`): if its output changed, the support changed.
  static func citedQuery(_ command: Command, created: [ItemID]) -> (String, QuerySource)? {
    guard let citation = command.citation else { return nil }
    let item = citingItem(command, created: created)
    return citation.targets.lazy.compactMap(\.querySource).first.map { (item, $0) }
  }

  /// The lines a cell printed about the edition of what it ran with rather than about the
  /// investigation, from what it stored: the notice that a file changed since its load (replay
  /// reports drift itself, file by file), and a sign-off's signature line (made with the signer's
  /// private key, which a replay does not hold; `gemba verify` checks it instead).
  static func editionLines(_ command: Command?, _ data: CellData?) -> Set<String> {
    var lines = Set((data?.ranOn ?? []).compactMap(\.notice))
    if case .signoff(_, let name, _)? = command, let signature = data?.signature {
      lines.insert(signature.line(signer: name))
    }
    return lines
  }

  /// Hides what is meant to vary between runs: durations and rates (`12 ms`,
  /// `1.5 s`, `30 MB/s` become `#ms`, `#s`, `#MB/s`), the lines in `dropping`, and `status`'s
  /// line on the evidence files as they are now. Applied to both sides.
  public static func mask(_ text: String, dropping: Set<String> = []) -> String {
    var said: [Substring] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix(TerminalViews.integrityLead) {
        if said.last?.isEmpty == true { said.removeLast() }  // and the blank line that sets it apart
        continue
      }
      if line == TerminalViews.signoffsPredateDrift || dropping.contains(String(line)) { continue }
      said.append(line)
    }
    let text = said.joined(separator: "\n")
    let units = ["MB/s", "KB/s", "GB/s", "ms", "µs", "s"]
    let chars = Array(text)
    var out = ""
    var i = 0
    while i < chars.count {
      let startsNumber =
        chars[i].isASCII && chars[i].isNumber && (i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber))
      if startsNumber {
        var j = i
        while j < chars.count, chars[j].isASCII, chars[j].isNumber || chars[j] == "." { j += 1 }
        var k = j
        if k < chars.count, chars[k] == " " { k += 1 }
        let matched = units.first { unit in
          let u = Array(unit)
          guard k + u.count <= chars.count, Array(chars[k..<(k + u.count)]) == u else { return false }
          return k + u.count == chars.count || !chars[k + u.count].isLetter
        }
        if let unit = matched {
          out += "#" + unit
          i = k + unit.count
          continue
        }
        out += String(chars[i..<j])
        i = j
        continue
      }
      out.append(chars[i])
      i += 1
    }
    return out
  }

  /// The first line of a notebook's text as the report quotes it.
  static func firstLine(_ text: String) -> String {
    text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
  }

  /// The report as `gemba replay` prints it. Everything in it but gemba's own words comes from the
  /// notebook (commands, stored outputs in the diffs), so every escape is written out, colour
  /// sequences too (the terminal's own escaping lets those through).
  public static func render(_ report: ReplayReport, notebook: String) -> String {
    var out: [String] = []
    for d in report.differed {
      out.append("differed: cell \(d.cell) (\(notebook):\(d.line)) `\(firstLine(d.command))`")
      out.append(d.detail.trimmingTrailingNewline())
    }
    for d in report.drifted {
      out.append("drifted: cell \(d.cell) `\(firstLine(d.command))`: sha256 \(d.oldHash) → \(d.newHash)")
      out.append("  then: \(d.then)")
      out.append("  now:  \(d.now)")
    }
    for m in report.missing {
      out.append("missing: cell \(m.cell) loaded \(m.path): \(m.reason); what the cells stored stands")
    }
    if !report.notRerun.isEmpty {
      out.append(
        "not re-run (their evidence is missing): cells " + report.notRerun.map(String.init).joined(separator: ", "))
    }
    for item in report.stateDifferences {
      out.append("state: \(item) differs from what the stored cells record")
    }
    for r in report.recurrences {
      out.append(
        "recurrence: \(r.action) was judged effective at cell \(r.cell); on today's evidence: \(r.now) (target \(r.target))"
      )
    }
    for s in report.stale {
      out.append("stale: \(s.item) cites `\(s.query)` (cell \(s.cell))")
      out.append(LineDiff.unified(s.then, s.now, oldLabel: "then", newLabel: "now").trimmingTrailingNewline())
    }
    if let stopped = report.stopped {
      out.append("stopped: \(notebook):\(stopped.span?.start.line ?? 1): \(stopped.message)")
    }
    out.append(report.summary)
    return TerminalSafety.escapeAll(out.joined(separator: "\n"))
  }
}

extension CitationTarget {
  var querySource: QuerySource? {
    if case .query(let q) = self { q } else { nil }
  }
}
