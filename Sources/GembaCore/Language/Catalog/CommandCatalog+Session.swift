/// The verbs of the session: what each takes, its help, and how its arguments become a `Command`.
extension CommandCatalog {
  static let sessionVerbs: [VerbSpec] = [
    VerbSpec(
      name: "note", group: .session, usage: "note TEXT", summary: "A prose cell: what was said, decided or seen.",
      example: "note \"Team agrees the PDF is not used by agents\"", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .note(try a.takeText("the note's text"))
      }),
    VerbSpec(
      name: "undo", group: .session, usage: "undo",
      summary: "Undo the last change (recorded as a cell, so the history stays honest).", example: "undo", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .undo
      }),
    VerbSpec(
      name: "redo", group: .session, usage: "redo", summary: "Redo what undo took back.", example: "redo", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .redo
      }),
    VerbSpec(
      name: "history", group: .session, usage: "history", summary: "The cells of this notebook, numbered.",
      example: "history", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .history
      }),
    VerbSpec(
      name: "help", group: .session, usage: "help [VERB]",
      summary: "List the commands, or explain one with an example.",
      example: "help action", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        guard a.hasPositionals else { return .help(nil) }
        let topic = try a.take("a command name")
        return .help(Located(topic.text, at: topic.span))
      }),
    VerbSpec(
      name: "save", group: .session, usage: "save [PATH]",
      summary: "Flush the notebook to disk (it is saved as you type); with PATH, also write a copy there.",
      example: "save copies/refunds-2026-11.md", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        guard a.hasPositionals else { return .save(nil) }
        let path = try a.take("a path")
        return .save(Located(path.text, at: path.span))
      }),
    VerbSpec(
      name: "export", group: .session,
      usage: "export \(ExportFormat.names.joined(separator: "|")) PATH [--sop SOP.md] [--paper a4|letter]",
      summary:
        "Write the reviewable record, an 8D (Markdown, or HTML for a .html PATH), a one-page A3 (HTML) or the SOP update to PATH;"
        + " folders missing on the way are made, inside the notebook's folder. HTML is laid out for A4 paper unless"
        + " `--paper letter`; the A3 prints on A3 landscape, or scaled whole onto the `--paper` given.",
      example: "export 8d 8d-report.md",
      options: [
        OptionSpec("sop", .single, .path, hint: "SOP.md"),
        OptionSpec("paper", .single, .choice(Paper.allCases.map(\.rawValue)), hint: "a4|letter"),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let formats = ExportFormat.names.dropLast().joined(separator: ", ") + " or " + ExportFormat.names.last!
        let format = try a.take("a format: " + formats)
        let path = try a.take("an output path")
        var paper: Located<Paper>?
        if let token = a.single("paper") {
          guard let size = Paper(rawValue: token.text.lowercased()) else {
            throw .error(
              .invalidOptionValue, "`--paper` takes a4 or letter, not `\(token.text)`", at: token.span)
          }
          paper = Located(size, at: token.span)
        }
        return .export(
          format: Located(format.text.lowercased(), at: format.span), path: Located(path.text, at: path.span),
          sop: a.single("sop").map { Located($0.text, at: $0.span) }, paper: paper)
      }),
    VerbSpec(
      name: "run", group: .session, usage: "run FILE",
      summary: "Run a script of commands (one a line, # comments) as cells.",
      example: "run templates/refund-review.gemba",
      options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let path = try a.take("a script path")
        return .run(Located(path.text, at: path.span))
      }),
    VerbSpec(
      name: "width", group: .session, usage: "width N|full|auto",
      summary:
        "How wide the shell draws evidence tables and bar labels: fitted to N columns, `full` (every value whole),"
        + " or `auto` (the terminal's width). A cut label is cut in the middle and never reads like another value;"
        + " cells, pipes and exports always hold every value whole.",
      example: "width full", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let token = try a.take("a width: a number of columns, full or auto")
        guard let width = DisplayWidth(token.text) else {
          throw .error(
            .unexpectedToken,
            "expected a width: \(DisplayWidth.narrowest) or more columns, full or auto, found `\(token.text)`",
            at: token.span, notes: ["usage: width N|full|auto"])
        }
        return .width(Located(width, at: token.span))
      }),
    VerbSpec(
      name: "quit", group: .session, usage: "quit", summary: "Save and leave (Ctrl-D does the same).", example: "quit",
      options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .quit
      }),
  ]
}
