extension TerminalViews {
  /// `findings`: a table of every finding, where in the process it appears,
  /// the causes it is tied to and how much evidence it cites.
  public static func findings(_ inv: Investigation, style: TerminalStyle) -> String {
    guard !inv.findings.isEmpty else { return "no findings yet: finding TEXT --step Sx --cause ID" }
    let glyphs = Glyphs(style)
    var table = Table(columns: [
      .init(title: "id"), .init(title: "where"), .init(title: "finding", flexible: true),
      .init(title: "causes", flexible: true), .init(title: "evidence"),
    ])
    for finding in inv.findings {
      table.rows.append([
        Table.Cell(finding.id.description, .bold),
        finding.location.map { Table.Cell(where: $0) } ?? Table.Cell("no step", .yellow),
        Table.Cell(finding.text),
        finding.causes.isEmpty
          ? Table.Cell(glyphs.dash, .yellow)
          : Table.Cell(finding.causes.map { describe($0, in: inv, glyphs: glyphs) }.joined(separator: ", ")),
        Table.Cell(String(finding.citations.count), finding.citations.isEmpty ? .dim : nil),
      ])
    }
    return table.render(style).joined(separator: "\n")
  }

  /// `C1 ✓`: a cause id with its status mark.
  static func describe(_ id: ItemID, in inv: Investigation, glyphs: Glyphs) -> String {
    guard let node = inv.nodes[id] else { return id.description }
    return id.description + " " + glyphs.mark(node.status)
  }

  /// `actions`: the action plan as a table; a missing owner, due date or review
  /// cadence shows as `—` and is listed under the table, since `check` will fail it.
  public static func actions(_ inv: Investigation, style: TerminalStyle) -> String {
    guard !inv.actions.isEmpty else {
      return "no actions yet: action Fx TEXT --owner NAME --due YYYY-MM-DD --review monthly"
    }
    let glyphs = Glyphs(style)
    let ink = Ink(style)
    var table = Table(columns: [
      .init(title: "id"), .init(title: "finding"), .init(title: "action", flexible: true), .init(title: "owner"),
      // Due date and review cadence share a column (two lines), so the table fits 80 columns.
      .init(title: "due/review"), .init(title: "standard", flexible: true), .init(title: "state"),
    ])
    var flags: [String] = []
    for action in inv.actions {
      func field(_ value: String?) -> (String, Ink.Tone?) { value.map { ($0, nil) } ?? (glyphs.dash, .boldRed) }
      table.rows.append([
        Table.Cell(action.id.description, .bold),
        Table.Cell(action.finding.description),
        Table.Cell(action.text),
        Table.Cell(lines: [field(action.owner)]),
        Table.Cell(lines: [field(action.due?.description), field(action.review?.rawValue)]),
        action.standard.map { Table.Cell($0) } ?? Table.Cell(glyphs.dash, .dim),
        Table.Cell(action.state.rawValue, tone(for: action.state)),
      ])
      let missing = missingFields(action)
      if !missing.isEmpty {
        let lead = glyphs.warn + " " + action.id.description + " "
        let hang = String(repeating: " ", count: Text.width(lead))
        let text = Text.wrap("has " + missing.joined(separator: ", "), to: max(10, style.width - Text.width(lead)))
        flags.append(ink.paint(glyphs.warn, .boldRed) + " " + ink.id(action.id) + " " + text[0])
        flags += text.dropFirst().map { hang + $0 }
      }
    }
    return (table.render(style) + flags).joined(separator: "\n")
  }

  /// What an action still lacks to be a commitment: `no owner`, `no due date`, `no review cadence`.
  static func missingFields(_ action: Action) -> [String] {
    var missing: [String] = []
    if action.owner == nil { missing.append("no owner") }
    if action.due == nil { missing.append("no due date") }
    if action.review == nil { missing.append("no review cadence") }
    return missing
  }

  static func tone(for state: Action.State) -> Ink.Tone {
    switch state {
    case .open: .yellow
    case .done: .cyan
    case .effective: .green
    case .notEffective: .red
    }
  }
}

extension TerminalViews.Table.Cell {
  /// `S2` or `S2>S3`.
  init(where location: StepLocation) {
    switch location {
    case .step(let s): self.init(s.description)
    case .handoff(let a, let b): self.init("\(a)>\(b)")
    }
  }
}
