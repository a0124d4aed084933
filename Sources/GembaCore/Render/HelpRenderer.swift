/// `help`, `help VERB` and `history`.
public enum HelpRenderer {
  /// - Parameter width: the screen's columns; summaries wrap under themselves.
  public static func help(_ topic: Located<String>?, width: Int = TerminalStyle.record.width) throws(Diagnostic)
    -> String
  {
    guard let topic else { return overview(width: width) }
    let stage = StageCatalog.spec(topic.value.lowercased())
    guard let spec = CommandCatalog.spec(topic.value.lowercased()) else {
      if let stage { return stageHelp(stage, width: width) }
      var notes: [String] = []
      let names = CommandCatalog.verbNames + StageCatalog.names
      if let guess = Suggestion.nearest(to: topic.value, in: names) { notes.append("did you mean `\(guess)`?") }
      notes.append("type `help` for the list of commands and query stages")
      throw .error(.unknownHelpTopic, "no command or query stage `\(topic.value)`", at: topic.span, notes: notes)
    }
    var lines = ["usage: \(spec.usage)", ""] + TerminalViews.Text.wrap(spec.summary, to: width)
    let kinds = natures(of: spec)
    if !kinds.isEmpty { lines += ["", "kind: " + kinds.map(\.rawValue).joined(separator: "; with no arguments, ")] }
    if !spec.options.isEmpty {
      lines.append("")
      lines.append("options:")
      let width = spec.options.map { $0.name.count + $0.hint.count }.max() ?? 0
      for option in spec.options {
        let left = "--\(option.name)" + (option.hint.isEmpty ? "" : " \(option.hint)")
        let note = optionNote(option)
        lines.append(
          "  " + left + (note.isEmpty ? "" : String(repeating: " ", count: max(1, width + 4 - left.count)) + note))
      }
    }
    lines.append("")
    lines.append("example:")
    lines.append("  \(spec.example)")
    if let stage { lines += ["", "as a query stage: \(stage.usage)", "  \(stage.example)"] }
    return lines.joined(separator: "\n")
  }

  /// `help where`: a query stage.
  static func stageHelp(_ stage: StageSpec, width: Int) -> String {
    (["usage: \(stage.usage)", ""] + TerminalViews.Text.wrap(stage.summary, to: width)
      + ["", "example:", "  \(stage.example)"]).joined(separator: "\n")
  }

  static func optionNote(_ option: OptionSpec) -> String {
    switch option.arity {
    case .text: "text up to the next option"
    case .list: "one or more values"
    case .flag: "flag"
    case .single: ""
    }
  }

  static func overview(width columns: Int) -> String {
    var lines: [String] = []
    let width = (CommandCatalog.verbs.map(\.name.count).max() ?? 0) + 2
    let indent = String(repeating: " ", count: 2 + width)
    for group in VerbSpec.Group.allCases {
      lines.append(group.rawValue)
      for spec in CommandCatalog.verbs where spec.group == group {
        // A summary too long for the screen wraps under itself, not under the verb.
        let summary = TerminalViews.Text.wrap(spec.summary, to: max(20, columns - indent.count))
        lines.append("  " + spec.name + String(repeating: " ", count: width - spec.name.count) + summary[0])
        lines += summary.dropFirst().map { indent + $0 }
      }
      lines.append("")
    }
    let closing =
      "Queries: NAME | where COL = VALUE | count by COL. Stages: " + StageCatalog.names.joined(separator: ", ")
      + " (`help where` explains one).\n"
      + "Type `help VERB` for options and an example. Tab completes commands, options, ids and paths."
    lines += TerminalViews.Text.wrap(closing, to: columns)
    return lines.joined(separator: "\n")
  }

  public static func history(_ cells: [Cell]) -> String {
    guard !cells.isEmpty else { return "no cells yet" }
    let width = String(cells.last!.number).count
    return cells.map { cell in
      let number = String(cell.number)
      let pad = String(repeating: " ", count: width - number.count)
      let command = cell.command.split(separator: "\n", omittingEmptySubsequences: false)
        .joined(separator: "\n" + String(repeating: " ", count: width + 3))
      return "[\(pad)\(number)] \(command)"
    }.joined(separator: "\n")
  }
}

extension HelpRenderer {
  /// What a verb does, derived from its example (and the bare verb, for verbs like
  /// `fishbone` that show when given nothing): the same `Command.nature` the session uses.
  public static func natures(of spec: VerbSpec) -> [CommandNature] {
    var out: [CommandNature] = []
    for source in [spec.example, spec.name] {
      guard let command = try? Parser.parse(source), !out.contains(command.nature) else { continue }
      out.append(command.nature)
    }
    return out
  }

  /// `docs/commands.md`: every verb and query stage, from the catalogs (a test keeps the file
  /// equal to this; `GEMBA_RECORD_DOCS=1 swift test --filter CommandReference` rewrites it).
  public static func reference() -> String {
    func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
    var lines = [
      "# Command reference", "",
      "Generated from the command and stage catalogs (`Sources/GembaCore/Language/Catalog/CommandCatalog.swift`,",
      "`Sources/GembaCore/Query/Syntax/StageCatalog.swift`) — the same tables the parser, `help` and Tab",
      "completion read. Do not edit by hand.", "",
    ]
    for group in VerbSpec.Group.allCases {
      lines += ["## \(group.rawValue)", "", "| command | what it does | kind | example |", "|---|---|---|---|"]
      for spec in CommandCatalog.verbs where spec.group == group {
        let kind = natures(of: spec).map(\.rawValue).joined(separator: "; with no arguments, ")
        lines.append("| `\(cell(spec.usage))` | \(cell(spec.summary)) | \(kind) | `\(cell(spec.example))` |")
      }
      lines.append("")
    }
    lines += [
      "## Query stages", "", "After `NAME |`, joined by `|`; a query asks the evidence and is a cell.", "",
      "| stage | what it does | example |", "|---|---|---|",
    ]
    for stage in StageCatalog.stages {
      lines.append("| `\(cell(stage.usage))` | \(cell(stage.summary)) | `\(cell(stage.example))` |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
