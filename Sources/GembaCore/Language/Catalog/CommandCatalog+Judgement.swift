/// The verbs of judgement and actions: what each takes, its help, and how its arguments become a `Command`.
extension CommandCatalog {
  static let judgementVerbs: [VerbSpec] = [
    VerbSpec(
      name: "confirm", group: .judgement, usage: "confirm ID [--because TEXT]",
      summary: "Mark a why or cause confirmed by evidence.",
      example: "confirm C2 --because macro edits lag wiki edits by 19 days",
      options: [OptionSpec("because", .text, hint: "TEXT")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let id = try a.takeID([.why, .cause, .escape], "a why or cause id like W1.2 or C3")
        return .setStatus(id, .confirmed, because: a.text("because"))
      }),
    VerbSpec(
      name: "rule-out", group: .judgement, usage: "rule-out ID [--because TEXT]",
      summary: "Mark a why or cause ruled out, with the reason.",
      example: "rule-out C4 --because new and senior agents err at the same rate",
      options: [OptionSpec("because", .text, hint: "TEXT")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let id = try a.takeID([.why, .cause, .escape], "a why or cause id like W1.2 or C3")
        return .setStatus(id, .ruledOut, because: a.text("because"))
      }),
    VerbSpec(
      name: "root", group: .judgement, usage: "root ID", summary: "Mark a why or cause as a root cause.",
      example: "root W1.1.1", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .markRoot(try a.takeID([.why, .cause, .escape], "a why or cause id like W1.2 or C3"))
      }),
    VerbSpec(
      name: "unroot", group: .judgement, usage: "unroot ID",
      summary: "Take the root-cause mark off a why or cause (the deeper answer is the root).",
      example: "unroot W1.1", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .unroot(try a.takeID([.why, .cause, .escape], "a why or cause id like W1.2 or C3"))
      }),
    VerbSpec(
      name: "amend", group: .judgement,
      usage:
        "amend ID [--text TEXT] [--name TEXT] [--owner TEXT] [--due YYYY-MM-DD] [--review CADENCE] [--standard TEXT] [--step Sx|Sx>Sy]",
      summary:
        "Correct an item after the fact: a step's name or owner, a why's or cause's text, a finding's step, an action's or containment's owner, due date, review or standard.",
      example: "amend A2 --owner \"Lee Park\" --due 2026-12-01 --review monthly",
      options: [
        OptionSpec("text", .text, hint: "TEXT"), OptionSpec("name", .text, hint: "TEXT"),
        OptionSpec("owner", .text, hint: "TEXT"),
        OptionSpec("due", .single, .date, hint: "YYYY-MM-DD"),
        OptionSpec(
          "review", .single, .choice(ReviewCadence.allCases.map(\.rawValue)), hint: "weekly|monthly|quarterly"),
        OptionSpec("standard", .text, hint: "TEXT"), OptionSpec("step", .single, .id(.step), hint: "Sx or Sx>Sy"),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let id = try a.takeID(
          [.step, .why, .cause, .finding, .action, .containment],
          "the id of a step, why, cause, finding, action or containment")
        var spec = AmendSpec(id: id)
        spec.text = a.text("text")
        spec.name = a.text("name")
        spec.owner = a.text("owner")
        spec.standard = a.text("standard")
        if let token = a.single("due") { spec.due = try Parser.date(token) }
        if let token = a.single("review") { spec.review = try Parser.review(token) }
        if let token = a.single("step") { spec.location = try Parser.stepLocation(token) }
        if let extra = a.positionals.first {
          let field =
            id.value.kind == .step
            ? "name: amend \(id.value) --name NEW NAME" : "text: amend \(id.value) --text NEW TEXT"
          throw .error(
            .optionNotApplicable, "`amend` takes options only", at: extra.span,
            notes: ["to change the \(field)"])
        }
        guard
          spec.text != nil || spec.name != nil || spec.owner != nil || spec.standard != nil || spec.due != nil
            || spec.review != nil
            || spec.location != nil
        else {
          throw .error(
            .missingArgument, "`amend \(id.value)` needs something to change", at: id.span,
            notes: ["usage: \(a.spec.usage)"])
        }
        return .amend(spec)
      }),
    VerbSpec(
      name: "cite", group: .judgement, usage: "cite ID REF... [--note TEXT]",
      summary: "Attach evidence to a why, cause or finding: NAME, NAME#12, NAME#12-40, a query pipeline,"
        + " or shares typed in from a report (compare 98/584 16/136).",
      example: "cite C2 tickets | where reason = \"wrong macro\" | count",
      options: [OptionSpec("note", .text, hint: "TEXT")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let id = try a.takeID([.why, .cause, .finding, .escape], "a why, cause or finding id")
        let targets = try Parser.citationTargets(a.positionals, in: a)
        guard !targets.isEmpty else { throw a.missing("evidence: NAME, NAME#12, NAME#12-40 or a query") }
        let note = a.text("note")
        a.takeAllTokens()
        return .cite(id, targets: targets, note: note)
      }),
    VerbSpec(
      name: "finding", group: .judgement,
      usage: "finding TEXT [--step Sx | --step Sx>Sy] [--cause ID...] [--evidence REF...]",
      summary: "Record a finding (F1) at a process step, or at the handoff from a step to the next one (Sx>Sy).",
      example: "finding \"agents answer from the macro, not the policy\" --step S2 --cause C2",
      options: [
        OptionSpec("step", .single, .id(.step), hint: "Sx or Sx>Sy"),
        OptionSpec("cause", .list, .id(.cause), hint: "ID..."),
        OptionSpec("evidence", .list, .evidence, hint: "REF..."),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        var location: Located<StepLocation>?
        if let token = a.single("step") { location = try Parser.stepLocation(token) }
        let causes = try (a.option("cause")?.values ?? []).map { t throws(Diagnostic) in
          try Arguments.id(t, [.cause, .why], "a cause id like C2")
        }
        let evidence = try Parser.citationTargets(a.option("evidence")?.values ?? [], in: a)
        return .finding(
          FindingSpec(text: try a.takeText("the finding"), location: location, causes: causes, evidence: evidence))
      }),
    VerbSpec(
      name: "action", group: .judgement,
      usage: "action Fx TEXT [--owner TEXT] [--due YYYY-MM-DD] [--review weekly|monthly|quarterly] [--standard TEXT]"
        + " [--verify QUERY --target EXPR --after YYYY-MM-DD [--retrospective]]",
      summary: "Agree a corrective action (A1) for a finding; --standard is the new standard if it works;"
        + " --verify/--target/--after plan the check that will judge it (a query over time, its target, judged on data after the date);"
        + " --retrospective allows an --after already past, for a past incident, and the reports say the check was planned after the fact.",
      example:
        "action F1 \"generate macros from the policy page\" --owner \"Dana (KB owner)\" --due 2026-12-15 --review monthly --standard \"macros are generated from the policy, never edited by hand\"",
      options: [
        OptionSpec("owner", .text, hint: "TEXT"), OptionSpec("due", .single, .date, hint: "YYYY-MM-DD"),
        OptionSpec(
          "review", .single, .choice(ReviewCadence.allCases.map(\.rawValue)), hint: "weekly|monthly|quarterly"),
        OptionSpec("standard", .text, hint: "TEXT"), OptionSpec("verify", .list, .evidence, hint: "QUERY"),
        OptionSpec("target", .list, hint: "EXPR"), OptionSpec("after", .single, .date, hint: "YYYY-MM-DD"),
        OptionSpec("retrospective", .flag),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let finding = try a.takeID([.finding], "a finding id like F1")
        var due: CalendarDate?
        if let token = a.single("due") { due = try Parser.date(token) }
        var cadence: ReviewCadence?
        if let token = a.single("review") { cadence = try Parser.review(token) }
        let planned = try Parser.plannedCheck(
          verify: a.option("verify"), target: a.option("target"), after: a.option("after"))
        var spec = ActionSpec(
          finding: finding, text: try a.takeText("what the action does"), owner: a.text("owner"), due: due,
          review: cadence,
          standard: a.text("standard"))
        spec.plannedCheck = planned?.check
        spec.checkAfterSpan = planned?.afterSpan
        if let flag = a.option("retrospective") {
          guard spec.plannedCheck != nil else {
            throw .error(
              .invalidOptionValue,
              "--retrospective belongs to a planned check: it needs --verify, --target and --after",
              at: flag.name.span)
          }
          spec.plannedCheck?.retrospective = true
          spec.retrospectiveSpan = flag.name.span
        }
        return .action(spec)
      }),
    VerbSpec(
      name: "done", group: .judgement, usage: "done Ax [--note TEXT]",
      summary: "Mark an action done; it stays open until its effect is checked.",
      example: "done A1 --note macros regenerated",
      options: [OptionSpec("note", .text, hint: "TEXT")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .done(try a.takeID([.action], "an action id like A1"), note: a.text("note"))
      }),
    VerbSpec(
      name: "effective", group: .judgement, usage: "effective Ax [--evidence REF...] [--note TEXT] [--judged-by NAME]",
      summary:
        "Close a done action: the improvement was tested and it works. With no --evidence, runs the check planned"
        + " with the action (--verify) on the data after its date and records the verdict: effective, not effective or inconclusive.",
      example: "effective A1 --evidence after#1-40 --judged-by \"Priya Shah\"",
      options: [
        OptionSpec("evidence", .list, .evidence, hint: "REF..."), OptionSpec("note", .text, hint: "TEXT"),
        // Not `--by`: a cited query's own `spc COL --by day` must stay the query's.
        OptionSpec("judged-by", .text, hint: "NAME"),
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let id = try a.takeID([.action], "an action id like A1")
        // No --evidence: the action's planned check decides (or `apply` says there is none).
        let targets = try Parser.citationTargets(a.option("evidence")?.values ?? [], in: a)
        return .effective(id, evidence: targets, note: a.text("note"), by: a.text("judged-by"))
      }),
    VerbSpec(
      name: "not-effective", group: .judgement, usage: "not-effective Ax --because TEXT",
      summary: "Record that a done action did not work (the finding stays open).",
      example: "not-effective A2 --because reopen rate unchanged after 4 weeks",
      options: [OptionSpec("because", .text, hint: "TEXT")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let id = try a.takeID([.action], "an action id like A1")
        guard let because = a.text("because") else {
          throw .error(
            .missingOption, "`not-effective` needs --because: what showed it did not work",
            at: SourceSpan(at: id.span.end),
            notes: ["example: \(a.spec.example)"])
        }
        return .notEffective(id, because: because)
      }),
    VerbSpec(
      name: "event", group: .judgement, usage: "event WHEN TEXT [--evidence REF...]",
      summary: "Put an event on the investigation's timeline (WHEN is a date or date-time).",
      example: "event 2026-10-03 \"refund window changed from 30 to 14 days\"",
      options: [OptionSpec("evidence", .list, .evidence, hint: "REF...")],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let when = try a.take("a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
        guard EventTime(when.text) != nil else {
          throw .error(
            .invalidDate, "`\(when.text)` is not a date or time", at: when.span,
            notes: ["write YYYY-MM-DD, YYYY-MM-DDTHH:MM or \"YYYY-MM-DD HH:MM\""])
        }
        let evidence = try Parser.citationTargets(a.option("evidence")?.values ?? [], in: a)
        return .event(
          when: Located(when.text, at: when.span), text: try a.takeText("what happened"), evidence: evidence)
      }),
    VerbSpec(
      name: "check", group: .judgement, usage: "check",
      summary: "Review the investigation as a quality manager would and list what is weak.", example: "check",
      options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .check
      }),
    VerbSpec(
      name: "status", group: .judgement, usage: "status",
      summary: "One screen: problem, counts, open hypotheses, actions due.", example: "status", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .status
      }),
    VerbSpec(
      name: "findings", group: .judgement, usage: "findings", summary: "List the findings with their steps.",
      example: "findings", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .showFindings
      }),
    VerbSpec(
      name: "actions", group: .judgement, usage: "actions",
      summary: "The actions table: owner, due, review, standard, state.", example: "actions", options: [],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        return .showActions
      }),
    VerbSpec(
      name: "signoff", group: .judgement, usage: "signoff ROLE NAME [--meaning reviewed|approved|verified]",
      summary:
        "Record a sign-off: who, in what role, what it means (reviewed, approved, verified), when, and the chain value signed.",
      example: "signoff \"Quality manager\" \"Priya Shah\" --meaning approved",
      options: [
        OptionSpec(
          "meaning", .single, .choice(SignoffMeaning.allCases.map(\.rawValue)), hint: "reviewed|approved|verified")
      ],
      build: { (a: inout Arguments) throws(Diagnostic) -> Command in
        let role = try a.take("a role, e.g. \"Quality manager\"").text
        var meaning: SignoffMeaning?
        if let token = a.single("meaning") {
          guard let m = SignoffMeaning(rawValue: token.text.lowercased()) else {
            throw Parser.choiceError(token, "meaning", SignoffMeaning.allCases.map(\.rawValue))
          }
          meaning = m
        }
        return .signoff(role: role, name: try a.takeText("the approver's name"), meaning: meaning)
      }),
  ]
}
