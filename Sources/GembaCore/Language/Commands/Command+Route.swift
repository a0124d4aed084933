/// Where a command goes and what it carries there, decided once for every case in `Command.route`.
/// The session, replay and the shell switch over this (and its payloads) instead of over `Command`
/// with a `default:`, so a new verb fails to compile until this one switch places it.
public enum CommandRoute: Hashable, Sendable {
  /// Changes the investigation (`Investigation.apply`); what it cites, if it cites, is read first.
  case change(cites: CommandCitation?)
  /// Draws the investigation.
  case view(InvestigationView)
  /// Asks the evidence (`EvidenceDesk.answer`).
  case question(EvidenceQuestion)
  /// Acts on the notebook's history or writes its record.
  case notebook(NotebookAction)
  /// About the shell, not a cell.
  case shell(ShellAction)
}

/// What a citing change cites and the item the citation supports.
public struct CommandCitation: Hashable, Sendable {
  public var item: CitedItem
  public var targets: [CitationTarget]
  /// The note typed with the citation (`cite`, `contained`); nil for the others.
  public var note: String?
}

/// The item a citation supports: an existing one, the finding the command creates, or an event.
public enum CitedItem: Hashable, Sendable {
  case item(ItemID)
  case newFinding
  case event(when: String)
}

/// The views of the investigation (`TerminalViews.view`).
public enum InvestigationView: Hashable, Sendable, CaseIterable {
  case whys, fishbone, process, findings, actions, status, timeline, check
}

/// The questions to the evidence.
public enum EvidenceQuestion: Hashable, Sendable {
  case list
  case show(name: Located<String>, limit: Int?, format: Located<String>?)
  case query(QuerySource)
  case metric(kind: Located<String>, options: [String: Located<String>])
  case compareShares(TypedShares)
}

/// `undo`, `redo` and `export`.
public enum NotebookAction: Hashable, Sendable {
  case undo, redo
  case export(format: Located<String>, path: Located<String>, sop: Located<String>?, paper: Located<Paper>?)
}

/// The shell's own commands.
public enum ShellAction: Hashable, Sendable {
  case help(Located<String>?)
  case history
  case save(Located<String>?)
  case run(Located<String>)
  case quit
  case refresh(Located<String>)
  case width(Located<DisplayWidth>)
}

extension Command {
  /// The one switch over every verb: a new case is placed here (and handled where its route
  /// leads), and `nature`, the session, replay and the shell follow.
  public var route: CommandRoute {
    switch self {
    case .title, .problem, .defineProcess, .addStep, .why, .defineFishbone, .addCategory, .addCause, .setStatus,
      .markRoot, .unroot, .amend, .action, .done, .notEffective, .signoff, .note, .load, .team, .isNot, .contain,
      .escape, .elsewhere, .caseIdentity, .lift:
      .change(cites: nil)
    case .finding(let spec): .change(cites: CommandCitation(item: .newFinding, targets: spec.evidence))
    case .effective(let id, let targets, _, _): .change(cites: CommandCitation(item: .item(id.value), targets: targets))
    case .cite(let id, let targets, let note):
      .change(cites: CommandCitation(item: .item(id.value), targets: targets, note: note))
    case .contained(let id, let targets, let note, _):
      .change(cites: CommandCitation(item: .item(id.value), targets: targets, note: note))
    case .event(let when, _, let targets):
      .change(cites: CommandCitation(item: .event(when: when.value), targets: targets))
    case .showWhys: .view(.whys)
    case .showFishbone: .view(.fishbone)
    case .showProcess: .view(.process)
    case .showFindings: .view(.findings)
    case .showActions: .view(.actions)
    case .status: .view(.status)
    case .showTimeline: .view(.timeline)
    case .check: .view(.check)
    case .listEvidence: .question(.list)
    case .show(let name, let limit, let format): .question(.show(name: name, limit: limit, format: format))
    case .query(let source): .question(.query(source))
    case .metric(let kind, let options): .question(.metric(kind: kind, options: options))
    case .compareShares(let shares): .question(.compareShares(shares))
    case .undo: .notebook(.undo)
    case .redo: .notebook(.redo)
    case .export(let format, let path, let sop, let paper):
      .notebook(.export(format: format, path: path, sop: sop, paper: paper))
    case .help(let topic): .shell(.help(topic))
    case .history: .shell(.history)
    case .save(let path): .shell(.save(path))
    case .run(let path): .shell(.run(path))
    case .quit: .shell(.quit)
    case .refresh(let name): .shell(.refresh(name))
    case .width(let width): .shell(.width(width))
    }
  }

  /// What a citing change cites; nil for every other command.
  public var citation: CommandCitation? {
    guard case .change(let cites) = route else { return nil }
    return cites
  }
}
