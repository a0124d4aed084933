/// One parsed command. The set is closed: every verb of the language is a case.
public enum Command: Hashable, Sendable {
  // Problem and process
  case title(String)
  case problem(text: String, expected: String?, actual: String?)
  case defineProcess(name: String, steps: [String])
  case showProcess
  case addStep(text: String, after: Located<ItemID>?, owner: String?)
  // Five whys and fishbone
  case why(parent: Located<ItemID>?, text: String)
  case showWhys
  case defineFishbone(effect: String, template: FishboneTemplate)
  case showFishbone
  case addCategory(String)
  case addCause(parent: CauseParent, text: String)
  // Judgement
  case setStatus(Located<ItemID>, CauseStatus, because: String?)
  case markRoot(Located<ItemID>)
  case unroot(Located<ItemID>)
  case amend(AmendSpec)
  case finding(FindingSpec)
  case action(ActionSpec)
  case done(Located<ItemID>, note: String?)
  /// `effective Ax [--evidence REF…] [--judged-by NAME]`: no evidence runs the action's planned check.
  case effective(Located<ItemID>, evidence: [CitationTarget], note: String?, by: String?)
  case notEffective(Located<ItemID>, because: String)
  case cite(Located<ItemID>, targets: [CitationTarget], note: String?)
  case event(when: Located<String>, text: String, evidence: [CitationTarget])
  case showTimeline
  case check
  case status
  case showFindings
  case showActions
  case signoff(role: String, name: String, meaning: SignoffMeaning?)
  // The corrective-action record (8D, A3): `Model/Investigation+CorrectiveAction.swift`
  case team(name: String, role: TeamRole)
  case isNot(dimension: BoundaryDimension, isText: String, isNotText: String)
  case contain(ContainSpec)
  case contained(Located<ItemID>, evidence: [CitationTarget], note: String?, count: SortCount)
  /// `lift Kx [--note TEXT]`: the containment is removed (the 8D's D6), at the cell's time.
  case lift(Located<ItemID>, note: String?)
  case escape(text: String, step: Located<ItemID>)
  case elsewhere(text: String, action: Located<ItemID>?, none: String?)
  /// `case NUMBER --customer …`: the case's identity on the 8D and A3 headers (each field amendable).
  case caseIdentity(CaseSpec)
  // Evidence
  case load(LoadSpec)
  /// `refresh NAME`: the shell runs the query of the last `load sql … as NAME` again (a new `load sql` cell).
  case refresh(Located<String>)
  case listEvidence
  case show(name: Located<String>, limit: Int?, format: Located<String>?)
  case query(QuerySource)
  case metric(kind: Located<String>, options: [String: Located<String>])
  /// `compare 98/584 16/136`: two shares typed in.
  case compareShares(TypedShares)
  // Session
  case note(String)
  case undo
  case redo
  case history
  case help(Located<String>?)
  case save(Located<String>?)
  case export(format: Located<String>, path: Located<String>, sop: Located<String>?, paper: Located<Paper>?)
  case run(Located<String>)
  case quit
  /// `width N|full|auto`: how wide the shell draws tables and labels (never what cells store).
  case width(Located<DisplayWidth>)

  /// What the command does, as help and the docs group commands: read from `route`, the one
  /// exhaustive switch over the verbs (`Command+Route.swift`).
  public var nature: CommandNature {
    switch route {
    case .change: .changes
    case .view: .shows
    case .question: .asksEvidence
    case .notebook: .session
    case .shell: .shell
    }
  }

  /// Commands that change the investigation and so can be undone.
  public var isChange: Bool { nature == .changes }
}

/// What a command does, as help, the docs and the session group commands.
public enum CommandNature: String, Sendable, CaseIterable {
  /// Changes the investigation: recorded as a cell, undoable, rebuilt when a notebook opens.
  case changes = "changes the investigation"
  /// Shows the investigation: recorded as a cell (what the team saw), never re-run on opening.
  case shows = "shows the investigation"
  /// Asks the evidence: recorded as a cell with the file versions it ran on.
  case asksEvidence = "asks the evidence"
  /// About the notebook's history or its exports: recorded as a cell.
  case session = "works on the notebook"
  /// About the shell (help, history, save, run, quit): not a cell (`run`'s commands are).
  case shell = "about the shell, not a cell"
}
