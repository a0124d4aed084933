/// The verbs of the corrective-action record (8D, A3, ISO 9001 10.2): the team, the problem's
/// boundaries, containment, the escape point and where else the cause can act.
extension CommandCatalog {
  static let correctiveVerbs: [VerbSpec] = [
    VerbSpec(
      name: "case", group: .corrective,
      usage:
        "case [NUMBER] [--customer NAME] [--part TEXT] [--complaint ID] [--reported-by NAME] [--site TEXT]",
      summary:
        "The case's identity on the 8D and A3 headers: report number, customer, part, complaint, who reported it, site; a later `case` changes only the fields it names.",
      example:
        "case \"8D-2026-014\" --customer \"Acme Motors\" --part \"4471-B rear bracket\" --complaint C-88121 --reported-by \"Acme SQE\" --site \"Plant 2\"",
      options: [
        OptionSpec("customer", .text, hint: "NAME"), OptionSpec("part", .text, hint: "TEXT"),
        OptionSpec("complaint", .text, hint: "ID"), OptionSpec("reported-by", .text, hint: "NAME"),
        OptionSpec("site", .text, hint: "TEXT"),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let number = try a.takeOptionalText()
        let spec = CaseSpec(
          number: number, customer: a.text("customer"), part: a.text("part"), complaint: a.text("complaint"),
          reportedBy: a.text("reported-by"), site: a.text("site"))
        guard !spec.named.isEmpty else {
          throw .error(
            .missingArgument, "`case` needs a report number or at least one field to set",
            at: SourceSpan(at: a.verb.span.end), notes: ["example: \(a.spec.example)"])
        }
        if let empty = spec.named.first(where: { !$0.value.contains { !$0.isWhitespace } }) {
          throw .error(
            .missingArgument, "the case's \(empty.label) is empty", at: SourceSpan(at: a.verb.span.end),
            notes: ["leave a field out to keep it as it is"])
        }
        return .caseIdentity(spec)
      }),
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
      name: "contain", group: .corrective,
      usage: "contain TEXT --owner NAME [--due YYYY-MM-DD] [--where TEXT] [--from YYYY-MM-DD]",
      summary:
        "Record a containment (K1): what stops the defect reaching the customer until the cause is removed (the 8D's D3).",
      example: "contain \"100 % check of line B parts at packing\" --owner \"Sam Ortiz\" --due 2026-11-25",
      options: [
        OptionSpec("owner", .text, hint: "NAME"), OptionSpec("due", .single, .date, hint: "YYYY-MM-DD"),
        OptionSpec("where", .text, hint: "TEXT"), OptionSpec("from", .single, .date, hint: "YYYY-MM-DD"),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let text = try a.takeText("what the containment does")
        var due: CalendarDate?
        if let token = a.single("due") { due = try Parser.date(token) }
        var from: CalendarDate?
        if let token = a.single("from") { from = try Parser.date(token) }
        let scope = a.text("where")
        guard let owner = a.text("owner") else {
          throw .error(
            .missingOption, "a containment needs an owner: contain TEXT --owner NAME --due DATE",
            at: SourceSpan(at: a.verb.span.end),
            notes: ["someone must own stopping the bleeding; example: \(a.spec.example)"])
        }
        return .contain(ContainSpec(text: text, owner: owner, due: due, scope: scope, from: from))
      }),
    VerbSpec(
      name: "contained", group: .corrective,
      usage: "contained Kx --evidence REF... [--note TEXT] [--checked N] [--found N]",
      summary:
        "Verify a containment on evidence: rows or a query that show the defect no longer escapes; --checked and --found: how many parts it checked and found bad.",
      example: "contained K1 --evidence shipments | where line = B and escaped = yes | count",
      options: [
        OptionSpec("evidence", .list, .evidence, hint: "REF..."), OptionSpec("note", .text, hint: "TEXT"),
        OptionSpec("checked", .single, hint: "N"), OptionSpec("found", .single, hint: "N"),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let id = try a.takeID([.containment], "a containment id like K1")
        func count(_ name: String) throws(Diagnostic) -> Int? {
          guard let token = a.single(name) else { return nil }
          guard token.text.isASCIIDigits, let n = Int(token.text) else {
            throw .error(
              .invalidOptionValue, "`--\(name)` takes a whole number of parts, not `\(token.text)`", at: token.span)
          }
          return n
        }
        let sorted = SortCount(checked: try count("checked"), found: try count("found"))
        if let checked = sorted.checked, let found = sorted.found, found > checked {
          throw .error(
            .invalidOptionValue, "--found \(found) is more than --checked \(checked)", at: SourceSpan(at: id.span.end),
            notes: ["found: how many of the parts checked were bad"])
        }
        guard let option = a.option("evidence") else {
          throw .error(
            .missingOption, "`contained` needs --evidence: what shows the containment works",
            at: SourceSpan(at: id.span.end),
            notes: ["example: \(a.spec.example)"])
        }
        return .contained(
          id, evidence: try Parser.citationTargets(option.values, in: a), note: a.text("note"), count: sorted)
      }),
    VerbSpec(
      name: "lift", group: .corrective, usage: "lift Kx [--note TEXT]",
      summary:
        "Remove a containment once the permanent fix holds (the 8D's D6): recorded with the cell's time.",
      example: "lift K1 --note \"A1 effective since week 46\"",
      options: [OptionSpec("note", .text, hint: "TEXT")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        .lift(try a.takeID([.containment], "a containment id like K1"), note: a.text("note"))
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
