/// A running investigation: parses what the user typed, applies it, and records
/// each successful command as a notebook cell with its output and chain value.
///
/// Pure: time arrives with each command, evidence through `evidence`, and the
/// executable writes the cells to disk. A command that fails changes nothing.
public final class Session {
  public enum Outcome {
    /// A new cell was recorded. `display` is the output as the terminal shows it
    /// (maybe coloured); `failed` marks a `check` that found an error-level weakness.
    case cell(Cell, display: String, failed: Bool)
    /// Printed, not recorded (`help`, `history`).
    case meta(String)
    /// A command the executable carries out (`save`, `export`, `run`, `quit`).
    case edge(Command)
    case rejected(Diagnostic)
    case empty
  }

  public private(set) var investigation = Investigation()
  public private(set) var cells: [Cell] = []
  /// Files the last command asks the edge to write (an export). The session itself
  /// never writes: the shell writes them; a replay only checks their digests.
  public private(set) var writes: [FileWrite] = []
  /// The style of `display` output; cells always store `TerminalStyle.record`.
  public var displayStyle: TerminalStyle
  /// Loads evidence and runs queries; nil where no evidence can be read.
  public var evidence: (any EvidenceDesk)?

  /// The changes in effect, oldest first, with what each needs to be applied again.
  private var applied: [AppliedChange] = []
  /// Changes taken back by `undo`, most recent last.
  private var undone: [AppliedChange] = []

  struct AppliedChange {
    var command: Command
    var context: CellContext
    var created: [ItemID]
    var source: String
  }

  public init(displayStyle: TerminalStyle = .record, evidence: (any EvidenceDesk)? = nil) {
    self.displayStyle = displayStyle
    self.evidence = evidence
  }

  public var nextCellNumber: Int { (cells.last?.number ?? 0) + 1 }
  public var chain: String { cells.last?.chain ?? Chain.genesis }

  /// Parses and runs one command typed at `time`.
  /// - Parameter firstLine: where the command starts in its script, for error positions.
  public func run(_ source: String, time: String, firstLine: Int = 1) -> Outcome {
    let command: Command
    do {
      guard let parsed = try Parser.parse(source, firstLine: firstLine) else { return .empty }
      command = parsed
    } catch {
      return .rejected(error)
    }
    return run(command, source: source, time: time)
  }

  public func run(_ command: Command, source: String, time: String) -> Outcome {
    switch command {
    case .help(let topic):
      do { return .meta(try HelpRenderer.help(topic, width: displayStyle.width)) } catch { return .rejected(error) }
    case .history:
      return .meta(HelpRenderer.history(cells))
    case .save, .run, .quit:
      return .edge(command)
    default:
      break
    }
    writes = []
    var context = CellContext(number: nextCellNumber, time: time, previousChain: chain)
    do {
      let (output, display, failed) = try execute(command, context: &context, source: source)
      return .cell(record(source, output: output, context: context), display: display, failed: failed)
    } catch {
      return .rejected(error)
    }
  }

  /// Rebuilds state from a cell already in a notebook, keeping the cell exactly as
  /// stored (its output and chain), so that what is appended next chains onto the file.
  public func restore(_ cell: Cell) throws(Diagnostic) {
    guard let command = try Parser.parse(cell.command, firstLine: 1) else {
      throw .error("cell \(cell.number) has no command")
    }
    // Only changes rebuild state; views, queries and exports printed what the cell
    // already stores, so re-running them would only slow the opening of a notebook.
    if command.isChange || command == .undo || command == .redo {
      var context = CellContext(number: cell.number, time: cell.time, previousChain: chain)
      _ = try execute(command, context: &context, source: cell.command)
    }
    cells.append(cell)
  }

  // MARK: - Running

  private func execute(_ command: Command, context: inout CellContext, source: String) throws(Diagnostic)
    -> (output: String, display: String, failed: Bool)
  {
    func view(_ draw: (TerminalStyle) -> String) -> (String, String, Bool) {
      (draw(.record), displayStyle == .record ? draw(.record) : draw(displayStyle), false)
    }
    // No local copy of the investigation here: a second reference would make the
    // in-place `apply` below copy the whole state (quadratic replay).
    switch command {
    case .showWhys: return view { TerminalViews.whys(self.investigation, style: $0) }
    case .showFishbone: return view { TerminalViews.fishbone(self.investigation, style: $0) }
    case .showProcess: return view { TerminalViews.process(self.investigation, style: $0) }
    case .showFindings: return view { TerminalViews.findings(self.investigation, style: $0) }
    case .showActions: return view { TerminalViews.actions(self.investigation, style: $0) }
    case .status: return view { TerminalViews.status(self.investigation, style: $0) }
    case .showTimeline: return view { TerminalViews.timeline(self.investigation, style: $0) }
    case .check:
      let review = Check.review(investigation)
      let (output, display, _) = view { Check.render(review, style: $0) }
      return (output, display, review.contains { $0.severity == .error })
    case .export(let format, let path, let sop):
      let document = try sop.map { path throws(Diagnostic) in (name: path.value, text: try desk().readDocument(path)) }
      let result = try Export.files(format: format, path: path, sop: document, investigation: investigation,
        cells: cells, time: context.time)
      if let evidence {
        for write in result.writes { try evidence.checkWritable(write.path) }
      }
      writes = result.writes
      return (result.message, result.message, false)
    case .undo:
      let output = try undo()
      return (output, output, false)
    case .redo:
      let output = try redo(context: context)
      return (output, output, false)
    case .listEvidence, .show, .query, .metric:
      let styles: [TerminalStyle] = displayStyle == .record ? [.record] : [.record, displayStyle]
      let drawn = try desk().answer(command, investigation: investigation, styles: styles)
      return (drawn[0], drawn[drawn.count - 1], false)
    default:
      break
    }
    guard command.isChange else { throw .error("this command cannot run here") }
    try resolveEvidence(for: command, into: &context)
    // Everything that can fail runs before the state changes.
    var loadMessage: String?
    if case .load = command, let record = context.loaded {
      loadMessage = try desk().describeLoad(record)
    }
    // Apply in place: `apply` checks everything before it modifies anything, so a
    // rejection leaves the state as it was, and no copy is made (linear replay).
    var result = try investigation.apply(command, in: context)
    if let loadMessage { result.message = loadMessage }
    applied.append(AppliedChange(command: command, context: context, created: result.created, source: source))
    undone.removeAll()
    return (result.message, result.message, false)
  }

  private func desk() throws(Diagnostic) -> any EvidenceDesk {
    guard let evidence else { throw .error("evidence cannot be read in this session") }
    return evidence
  }

  /// Reads what a change needs from evidence before it is applied, so the fold stays pure.
  private func resolveEvidence(for command: Command, into context: inout CellContext) throws(Diagnostic) {
    var targets: [CitationTarget] = []
    var note: String?
    switch command {
    case .load(let spec):
      context.loaded = try desk().load(spec, cell: context.number)
      return
    case .cite(_, let t, let n): targets = t; note = n
    case .finding(let spec): targets = spec.evidence
    case .effective(_, let t, _): targets = t
    case .event(_, _, let t): targets = t
    default: return
    }
    context.citations = try targets.map { target throws(Diagnostic) in
      try desk().cite(target, note: note, cell: context.number, investigation: investigation)
    }
  }

  private func record(_ source: String, output: String, context: CellContext) -> Cell {
    let command = source.trimmingTrailingNewline()
    let chain = Chain.next(after: context.previousChain, number: context.number, time: context.time, command: command, output: output)
    let cell = Cell(number: context.number, time: context.time, chain: chain, command: command, output: output)
    cells.append(cell)
    return cell
  }

  // MARK: - Undo and redo: a fold over fewer changes

  private func undo() throws(Diagnostic) -> String {
    guard let last = applied.popLast() else { throw .error("nothing to undo") }
    undone.append(last)
    let counters = investigation.counters
    var rebuilt = Investigation()
    for change in applied {
      var context = change.context
      context.reusedIDs = change.created
      // These changes were accepted before, in this order; they cannot fail now.
      _ = try rebuilt.apply(change.command, in: context)
    }
    // Ids stay used: the next item never takes an undone item's id.
    rebuilt.counters.merge(counters) { max($0, $1) }
    investigation = rebuilt
    return "undid cell \(last.context.number): \(oneLine(last.source))"
  }

  private func redo(context: CellContext) throws(Diagnostic) -> String {
    guard var change = undone.popLast() else { throw .error("nothing to redo") }
    var replay = change.context
    replay.reusedIDs = change.created
    var next = investigation
    _ = try next.apply(change.command, in: replay)
    investigation = next
    change.context = replay
    let remaining = undone
    applied.append(change)
    undone = remaining
    return "redid cell \(change.context.number): \(oneLine(change.source))"
  }

  private func oneLine(_ source: String) -> String {
    let first = source.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? source
    return first.count > 80 ? String(first.prefix(79)) + "…" : first
  }
}
