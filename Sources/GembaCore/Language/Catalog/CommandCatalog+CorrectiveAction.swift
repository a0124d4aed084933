/// The verbs of the corrective-action record (8D, A3, ISO 9001 10.2): the team, the problem's
/// boundaries, containment, the escape point and where else the cause can act.
extension CommandCatalog {
  static let correctiveVerbs: [VerbSpec] = [
    VerbSpec(
      name: "team", group: .corrective, usage: "team NAME --role champion|leader|member|expert",
      summary: "Name a member of the team and their role (the 8D's D1); naming someone again changes their role.",
      example: "team \"Dana Reyes\" --role leader",
      options: [
        OptionSpec("role", .single, .choice(TeamRole.allCases.map(\.rawValue)), hint: "champion|leader|member|expert")
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let name = try a.takeText("the person's name")
        guard let token = a.single("role") else {
          throw .error(
            .missingOption, "`team` needs --role: " + TeamRole.allCases.map(\.rawValue).joined(separator: ", "),
            at: SourceSpan(at: a.verb.span.end), notes: ["example: \(a.spec.example)"])
        }
        guard let role = TeamRole(rawValue: token.text.lowercased()) else {
          throw Parser.choiceError(token, "role", TeamRole.allCases.map(\.rawValue))
        }
        return .team(name: name, role: role)
      }),
    VerbSpec(
      name: "isnot", group: .corrective, usage: "isnot what|where|when|extent --is TEXT --is-not TEXT",
      summary:
        "Bound the problem (is / is not, the 8D's D2): what, where, when and how much it is, and what it could be but is not.",
      example: "isnot where --is \"line B\" --is-not \"lines A and C, same parts\"",
      options: [OptionSpec("is", .text, hint: "TEXT"), OptionSpec("is-not", .text, hint: "TEXT")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let token = try a.take("a dimension: what, where, when or extent")
        guard let dimension = BoundaryDimension(rawValue: token.text.lowercased()) else {
          throw Parser.choiceError(token, "dimension", BoundaryDimension.allCases.map(\.rawValue))
            .replacingMessage("`\(token.text)` is not a dimension of is / is not")
        }
        let isText = a.text("is")
        let isNotText = a.text("is-not")
        guard let isText, let isNotText else {
          let missing = isText == nil ? "--is TEXT" : "--is-not TEXT"
          throw .error(
            .missingOption, "`isnot \(dimension.rawValue)` needs both --is and --is-not (\(missing) is missing)",
            at: SourceSpan(at: token.span.end),
            notes: [
              "the contrast is the clue: what it is, beside what it could be but is not",
              "example: \(a.spec.example)",
            ])
        }
        return .isNot(dimension: dimension, isText: isText, isNotText: isNotText)
      }),
    VerbSpec(
      name: "contain", group: .corrective, usage: "contain TEXT --owner NAME [--due YYYY-MM-DD]",
      summary:
        "Record a containment (K1): what stops the defect reaching the customer until the cause is removed (the 8D's D3).",
      example: "contain \"100 % check of line B parts at packing\" --owner \"Sam Ortiz\" --due 2026-11-25",
      options: [OptionSpec("owner", .text, hint: "NAME"), OptionSpec("due", .single, .date, hint: "YYYY-MM-DD")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let text = try a.takeText("what the containment does")
        var due: CalendarDate?
        if let token = a.single("due") { due = try Parser.date(token) }
        guard let owner = a.text("owner") else {
          throw .error(
            .missingOption, "a containment needs an owner: contain TEXT --owner NAME --due DATE",
            at: SourceSpan(at: a.verb.span.end),
            notes: ["someone must own stopping the bleeding; example: \(a.spec.example)"])
        }
        return .contain(ContainSpec(text: text, owner: owner, due: due))
      }),
    VerbSpec(
      name: "contained", group: .corrective, usage: "contained Kx --evidence REF... [--note TEXT]",
      summary: "Verify a containment on evidence: rows or a query that show the defect no longer escapes.",
      example: "contained K1 --evidence shipments | where line = B and escaped = yes | count",
      options: [OptionSpec("evidence", .list, .evidence, hint: "REF..."), OptionSpec("note", .text, hint: "TEXT")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let id = try a.takeID([.containment], "a containment id like K1")
        guard let option = a.option("evidence") else {
          throw .error(
            .missingOption, "`contained` needs --evidence: what shows the containment works",
            at: SourceSpan(at: id.span.end),
            notes: ["example: \(a.spec.example)"])
        }
        return .contained(id, evidence: try Parser.citationTargets(option.values, in: a), note: a.text("note"))
      }),
    VerbSpec(
      name: "escape", group: .corrective, usage: "escape TEXT --step Sx",
      summary:
        "Record the escape point (E1): the step where the defect should have been caught and was not; ask why E1 next.",
      example: "escape \"final inspection passed the short parts\" --step S4",
      options: [OptionSpec("step", .single, .id(.step), hint: "Sx")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let text = try a.takeText("where the defect should have been caught")
        guard let token = a.single("step") else {
          throw .error(
            .missingOption, "an escape point names the step that should have caught it: escape TEXT --step Sx",
            at: SourceSpan(at: a.verb.span.end), notes: ["example: \(a.spec.example)"])
        }
        return .escape(text: text, step: try Arguments.id(token, [.step], "a step id like S4"))
      }),
    VerbSpec(
      name: "elsewhere", group: .corrective, usage: "elsewhere TEXT (--action Ax | --none REASON)",
      summary:
        "Where else the same cause can act (X1: other lines, products, sites), with the action that covers it or why none is needed.",
      example: "elsewhere \"line C uses the same fixture\" --action A2",
      options: [OptionSpec("action", .single, .id(.action), hint: "Ax"), OptionSpec("none", .text, hint: "REASON")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let text = try a.takeText("where else the cause can act")
        let actionToken = a.single("action")
        let none = a.text("none")
        if actionToken != nil, none != nil {
          throw .error(
            .optionNotApplicable, "`elsewhere` takes --action or --none, not both", at: actionToken!.span,
            notes: ["--action Ax: an action covers it; --none REASON: why nothing needs doing there"])
        }
        guard actionToken != nil || none != nil else {
          throw .error(
            .missingOption, "`elsewhere` needs --action Ax or --none REASON",
            at: SourceSpan(at: a.verb.span.end),
            notes: ["say what is done about it there, or why nothing is needed", "example: \(a.spec.example)"])
        }
        let action = try actionToken.map { t throws(Diagnostic) in
          try Arguments.id(t, [.action], "an action id like A2")
        }
        return .elsewhere(text: text, action: action, none: none)
      }),
  ]
}

extension Diagnostic {
  /// The same diagnostic (place and notes) with another message.
  func replacingMessage(_ message: String) -> Diagnostic {
    var copy = self
    copy.message = message
    return copy
  }
}
