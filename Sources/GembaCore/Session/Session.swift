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
  /// The terminal's own style, which `width auto` goes back to.
  private let screen: TerminalStyle
  /// Loads evidence and runs queries; nil where no evidence can be read.
  public var evidence: (any EvidenceDesk)?
  /// Signs what a sign-off approves with the signer's key, when the edge has one for that name.
  public var signer: ((_ name: String, _ message: [UInt8]) -> SignoffSignature?)?
  /// The public keys the person running gemba trusts (key → name), for the records' marks on
  /// each sign-off; never read from a notebook's folder unless that person said so.
  public var trustedKeys: [String: String] = [:]

  /// The chain as verified when the notebook was opened; nil where nobody verified it.
  public var openedChain: Verification.Result?
  /// The SHA-256 of an evidence file (by its notebook path) now, or why it cannot be read:
  /// supplied by the edge, which hashes files; nil where files cannot be read.
  public var hashEvidence: ((String) throws(Diagnostic) -> String)?

  /// The chain and the evidence as they stand now: shown by `status` and in every export's
  /// integrity line. Cells appended since opening are this session's own, so they hold.
  public var integrity: IntegrityState? {
    guard let openedChain, let hashEvidence else { return nil }
    var chain = openedChain
    if case .verified = openedChain { chain = .verified(cells: cells.count) }
    return IntegrityState(
      chain: chain,
      evidence: EvidenceState.check(investigation.supersededEvidence + investigation.evidence, hash: hashEvidence))
  }

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
    self.screen = displayStyle
    self.evidence = evidence
  }

  /// `width N|full|auto`: changes what the screen shows, never what a cell stores.
  private func setWidth(_ width: DisplayWidth) -> String {
    // Off a terminal every value is whole already, and must stay so (pipes, `gemba run`).
    guard screen.fitsWidth else { return "output is not a terminal: every value is shown whole" }
    switch width {
    case .columns(let n):
      displayStyle.width = n
      displayStyle.fitsWidth = true
      return "tables and labels fitted to \(n) columns (`width full` shows every value whole)"
    case .full:
      displayStyle.width = screen.width
      displayStyle.fitsWidth = false
      return "every value shown whole: tables and labels are not cut (`width auto` fits them to the terminal again)"
    case .auto:
      displayStyle = screen
      return "tables and labels fitted to the terminal's \(screen.width) columns"
    }
  }

  /// A session that reads evidence through `workspace`, which also checks files against
  /// the digests their `load` cells stored (for `status` and the exports' integrity line).
  public convenience init(displayStyle: TerminalStyle = .record, workspace: EvidenceWorkspace) {
    self.init(displayStyle: displayStyle, evidence: workspace)
    hashEvidence = { path throws(Diagnostic) in try workspace.digest(of: path) }
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
    switch command.route {
    case .shell(.help(let topic)):
      do { return .meta(try HelpRenderer.help(topic, width: displayStyle.width)) } catch { return .rejected(error) }
    case .shell(.history):
      return .meta(HelpRenderer.history(cells))
    case .shell(.width(let width)):
      return .meta(setWidth(width.value))
    case .shell(.save), .shell(.run), .shell(.quit), .shell(.refresh):
      return .edge(command)
    case .change, .view, .question, .notebook:
      break
    }
    writes = []
    var context = CellContext(number: nextCellNumber, time: time, previousChain: chain)
    do {
      var ran = try execute(command, context: &context, source: source)
      // A query or citation on a file changed since it was loaded says so, in the cell.
      let notices = (evidence?.lastRanOn ?? []).compactMap(\.notice)
      if !notices.isEmpty && (ran.data?.ranOn != nil || ran.data?.citations != nil) {
        let text = notices.joined(separator: "\n")
        ran.output = text + "\n" + ran.output
        ran.display = text + "\n" + ran.display
      }
      let data = ran.data.flatMap { $0.isEmpty ? nil : $0.encoded() }
      return .cell(
        record(source, output: ran.output, data: data, context: context), display: ran.display, failed: ran.failed)
    } catch {
      return .rejected(error)
    }
  }

  /// Rebuilds state from a cell already in a notebook, keeping the cell exactly as
  /// stored (its output, data and chain), so that what is appended next chains onto the file.
  ///
  /// A pure fold: a `load` or a citation is rebuilt from the data the cell stored, and no
  /// evidence is read. Only a v1 cell (which stored no data) asks the evidence desk again.
  public func restore(_ cell: Cell) throws(Diagnostic) {
    // Errors point into the notebook: the command starts two lines below the cell's header.
    guard let command = try Parser.parse(cell.command, firstLine: cell.line > 0 ? cell.line + 2 : 1) else {
      throw .error(.malformedNotebook, "cell \(cell.number) has no command")
    }
    let data = try cell.decodedData()
    var context = CellContext(number: cell.number, time: cell.time, previousChain: chain)
    switch command.route {
    case .notebook(.undo): _ = try undo(taking: data?.undid)
    case .notebook(.redo): _ = try redo(context: context, giving: data?.redid)
    case .notebook(.export), .view, .question, .shell:
      break  // they printed what the cell already stores
    case .change:
      if let data {
        context.loaded = data.loaded?.record
        context.citations = data.citations ?? []
        if case .load(let spec) = command, let loaded = data.loaded { evidence?.restore(spec, as: loaded) }
        try apply(command, context: context, source: cell.command)
      } else if Self.readsEvidence(command) {
        _ = try execute(command, context: &context, source: cell.command)  // a v1 cell: read again
      } else {
        try apply(command, context: context, source: cell.command)
      }
    }
    cells.append(cell)
  }

  /// Keeps a stored cell as it is, changing nothing (a replay going on past a cell that
  /// could not be rebuilt), so the cells after it keep their numbers and chain.
  public func keepStored(_ cell: Cell) {
    cells.append(cell)
  }

  /// Commands whose cell must store what they read (a v2 cell of one always has data).
  static func readsEvidence(_ command: Command) -> Bool {
    if case .load = command { return true }
    return !(command.citation?.targets.isEmpty ?? true)
  }

  // MARK: - Running

  struct Ran {
    var output: String
    var display: String
    var failed = false
    var data: CellData?
  }

  private func execute(_ command: Command, context: inout CellContext, source: String) throws(Diagnostic) -> Ran {
    // Dispatched on the command's route (decided once, in `Command.route`), so a new verb
    // needs no line here. No local copy of the investigation: a second reference would make
    // the in-place `apply` copy the whole state (quadratic replay).
    switch command.route {
    case .change:
      return try change(command, context: &context, source: source)
    case .view(let view):
      let integrity = view == .status ? self.integrity : nil
      let time = context.time
      let output = TerminalViews.view(view, of: investigation, integrity: integrity, style: .record, time: time)
      let display =
        displayStyle == .record
        ? output : TerminalViews.view(view, of: investigation, integrity: integrity, style: displayStyle, time: time)
      var ran = Ran(output: output, display: display)
      if view == .check { ran.failed = Check.review(investigation, at: time).contains { $0.severity == .error } }
      return ran
    case .question:
      let styles: [TerminalStyle] = displayStyle == .record ? [.record] : [.record, displayStyle]
      let desk = try desk()
      let drawn = try desk.answer(command, investigation: investigation, styles: styles)
      let ranOn = desk.lastRanOn
      return Ran(output: drawn[0], display: drawn[drawn.count - 1], data: ranOn.isEmpty ? nil : CellData(ranOn: ranOn))
    case .notebook(let action):
      return try sessionCommand(action, context: context)
    case .shell:
      throw .error(.notACell, "`\(source)` is about the shell; it is not a cell")
    }
  }

  /// `undo`, `redo` and `export`: they act on the notebook's history or write its record.
  private func sessionCommand(_ action: NotebookAction, context: CellContext) throws(Diagnostic) -> Ran {
    let format: Located<String>, path: Located<String>, sop: Located<String>?, paper: Located<Paper>?
    switch action {
    case .undo:
      let (output, number) = try undo(taking: nil)
      return Ran(output: output, display: output, data: CellData(undid: number))
    case .redo:
      let (output, number) = try redo(context: context, giving: nil)
      return Ran(output: output, display: output, data: CellData(redid: number))
    case .export(let f, let p, let s, let size): (format, path, sop, paper) = (f, p, s, size)
    }
    let document = try sop.map { path throws(Diagnostic) in (name: path.value, text: try desk().readDocument(path)) }
    let result = try Export.files(
      format: format, path: path, sop: document, paper: paper, investigation: investigation,
      cells: cells, time: context.time, integrity: integrity, trusted: trustedKeys)
    if let evidence {
      for write in result.writes { try evidence.checkWritable(write.path) }
    }
    writes = result.writes
    return Ran(output: result.message, display: result.message)
  }

  /// A change: evidence is read first, everything that can fail runs before the state changes.
  private func change(_ command: Command, context: inout CellContext, source: String) throws(Diagnostic) -> Ran {
    try resolveEvidence(for: command, into: &context)
    // Everything that can fail runs before the state changes.
    var loadMessage: String?
    var data: CellData?
    if case .load = command, let record = context.loaded {
      let desk = try desk()
      loadMessage = try desk.describeLoad(record)
      if case .load(let spec) = command, let sql = spec.sql {
        loadMessage! += "\n" + describeSQLLoad(sql, record: record)
      }
      data = CellData(loaded: desk.details(of: record))
    } else if !context.citations.isEmpty {
      data = CellData(citations: context.citations)
    }
    var signedWith: String?
    if case .signoff(let role, let name, let meaning) = command, let signer,
      var signature = signer(
        name,
        SignoffSignature.message(
          chain: context.previousChain, digest: Chain.fullDigest(of: cells), role: role, name: name,
          meaning: meaning, time: context.time))
    {
      // v3: the full SHA-256 of every cell before this one, not only the 64-bit shown chain.
      signature.version = SignoffSignature.currentVersion
      data = CellData(signature: signature)
      signedWith = signature.line(signer: name)
    }
    var message = try apply(command, context: context, source: source)
    if let signedWith { message += "\n" + signedWith }
    return Ran(output: loadMessage ?? message, display: loadMessage ?? message, data: data)
  }

  /// Applies a change in place: `apply` checks everything before it modifies anything, so a
  /// rejection leaves the state as it was, and no copy is made (linear replay).
  @discardableResult
  private func apply(_ command: Command, context: CellContext, source: String) throws(Diagnostic) -> String {
    let result = try investigation.apply(command, in: context)
    applied.append(AppliedChange(command: command, context: context, created: result.created, source: source))
    undone.removeAll()
    return result.message
  }

  private func desk() throws(Diagnostic) -> any EvidenceDesk {
    guard let evidence else { throw .error(.evidenceUnavailable, "evidence cannot be read in this session") }
    return evidence
  }

  /// Reads what a change needs from evidence before it is applied, so the fold stays pure.
  private func resolveEvidence(for command: Command, into context: inout CellContext) throws(Diagnostic) {
    if case .load(let spec) = command {
      let day = CalendarDate(String(context.time.prefix(10)))
      if let through = spec.through, let day, through.value > day {
        throw .error(
          .invalidOptionValue, "an extract loaded on \(day) cannot cover \(through.value)", at: through.span,
          notes: ["--through is the last day the extract covers; leave it out when that is the day it is loaded"])
      }
      var record = try desk().load(spec, cell: context.number)
      record.coversTo = spec.through?.value ?? day
      record.coverageStated = spec.through != nil
      context.loaded = record
      return
    }
    // What a change cites is decided in `Command.route`: a new citing verb needs no line here.
    guard let citation = command.citation else { return }
    if case .effective(let id, let t, _, _) = command, t.isEmpty, let action = investigation.action(id.value),
      action.state == .done || action.state == .effective, let plan = action.plannedCheck
    {
      context.citations = [try runPlannedCheck(plan, of: id, cell: context.number)]
      return
    }
    context.citations = try citation.targets.map { target throws(Diagnostic) in
      try desk().cite(target, note: citation.note, cell: context.number, investigation: investigation)
    }
  }

  /// A planned check counts every period up to the end of the evidence: a week with no defect is
  /// a zero to judge, not a gap (the timeline's `--span evidence`, unless the plan chose a span).
  static func spanningEvidence(_ query: String) throws(Diagnostic) -> String {
    // Read by its tokens, not its text: a `|` or `--span` inside a quoted value is not a stage.
    let source = try Parser.querySource(try Lexer.tokenize(query))
    guard let last = source.stages.last, last.first?.text == "timeline",
      !last.contains(where: { $0.kind == .option && $0.text == "span" })
    else { return query }
    return query + " --span evidence"
  }

  /// Runs an action's planned query on the evidence as it is now, the way a typed query runs;
  /// a query that no longer runs (a column gone) is refused and nothing is recorded.
  private func runPlannedCheck(_ plan: PlannedCheck, of id: Located<ItemID>, cell: Int) throws(Diagnostic) -> Citation {
    do throws(Diagnostic) {
      let source = try Parser.querySource(try Lexer.tokenize(try Self.spanningEvidence(plan.query)))
      return try desk().cite(.query(source), note: nil, cell: cell, investigation: investigation)
    } catch {
      // The error's place is inside the stored query, not in what was typed: say it in words.
      let column = error.span.map { " (column \($0.start.column) of the query)" } ?? ""
      throw .error(
        .plannedCheckNotRun, "the planned check of \(id.value) no longer runs: \(error.message)\(column)",
        at: id.span,
        notes: ["the check agreed with \(id.value): \(plan.query)"] + error.notes
          + [
            "nothing was recorded; judge it on other evidence with effective \(id.value) --evidence REF, or not-effective \(id.value) --because TEXT"
          ])
    }
  }

  private func record(_ source: String, output: String, data: String?, context: CellContext) -> Cell {
    let command = source.trimmingTrailingNewline()
    let chain = Chain.next(
      after: context.previousChain, number: context.number, time: context.time, command: command,
      output: output, data: data)
    let cell = Cell(
      number: context.number, time: context.time, chain: chain, command: command, output: output, data: data)
    cells.append(cell)
    return cell
  }

  // MARK: - Undo and redo: a fold over fewer changes

  /// Takes back the last change, or (rebuilding a stored `undo`) exactly the cell it took back then.
  private func undo(taking number: Int?) throws(Diagnostic) -> (String, Int) {
    let index: Int
    if let number {
      guard let i = applied.lastIndex(where: { $0.context.number == number }) else {
        throw .error(.nothingToUndo, "the undo cell took back cell \(number), which is not a change in effect here")
      }
      index = i
    } else {
      guard !applied.isEmpty else { throw .error(.nothingToUndo, "nothing to undo") }
      index = applied.count - 1
    }
    let last = applied.remove(at: index)
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
    return ("undid cell \(last.context.number): \(oneLine(last.source))", last.context.number)
  }

  private func redo(context: CellContext, giving number: Int?) throws(Diagnostic) -> (String, Int) {
    let index: Int
    if let number {
      guard let i = undone.lastIndex(where: { $0.context.number == number }) else {
        throw .error(.nothingToUndo, "the redo cell gave back cell \(number), which was not undone here")
      }
      index = i
    } else {
      guard !undone.isEmpty else { throw .error(.nothingToUndo, "nothing to redo") }
      index = undone.count - 1
    }
    var change = undone[index]
    var replay = change.context
    replay.reusedIDs = change.created
    var next = investigation
    _ = try next.apply(change.command, in: replay)
    investigation = next
    change.context = replay
    undone.remove(at: index)
    applied.append(change)
    return ("redid cell \(change.context.number): \(oneLine(change.source))", change.context.number)
  }

  private func oneLine(_ source: String) -> String {
    let first = source.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? source
    return first.count > 80 ? String(first.prefix(79)) + "…" : first
  }
}
