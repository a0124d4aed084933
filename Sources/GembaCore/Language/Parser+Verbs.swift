extension Parser {
  /// Chart and grep verbs are one-stage queries: `pareto tickets by reason`
  /// means `tickets | pareto by reason`.
  static let queryVerbs: Set<String> = ["pareto", "histogram", "spc", "grep", "timeline"]

  static func build(_ verb: String, _ a: inout Arguments) throws(Diagnostic) -> Command {
    switch verb {
    case "title": return .title(try a.takeText("a title"))
    case "problem":
      return .problem(text: try a.takeText("the problem statement"), expected: a.text("expected"), actual: a.text("actual"))
    case "process":
      guard a.hasPositionals else { return .showProcess }
      let name = try a.take("a process name").text
      var steps: [String] = []
      while a.hasPositionals { steps.append(try a.take("a step").text) }
      guard !steps.isEmpty else { throw a.missing("at least one step after the process name") }
      return .defineProcess(name: name, steps: steps)
    case "step":
      let after = try a.single("after").map { token throws(Diagnostic) in try Arguments.id(token, [.step], "a step id like S2") }
      return .addStep(text: try a.takeText("the step's text"), after: after, owner: a.text("owner"))
    case "why":
      var parent: Located<ItemID>?
      if a.positionals.count == 1, let only = a.positionals.first, only.kind == .word, let id = ItemID(only.text),
        id.kind == .why
      {
        throw .error("`why \(id)` needs the answer: why \(id) TEXT", at: SourceSpan(at: only.span.end),
          notes: ["to start a tree whose text is \"\(id)\", quote it: why \"\(id)\""])
      }
      if a.positionals.count > 1, let first = a.positionals.first, first.kind == .word, let id = ItemID(first.text) {
        guard id.kind == .why else {
          throw .error("`why` answers under a why id like W1, not \(id)", at: first.span,
            notes: ["to start a new tree, quote the text: why \"\(first.text) …\""])
        }
        parent = try a.takeID([.why], "a why id")
      }
      return .why(parent: parent, text: try a.takeText("the answer to \"why?\""))
    case "whys": return .showWhys
    case "fishbone":
      let templateToken = a.single("template")
      var template = FishboneTemplate.none
      if let templateToken {
        guard let t = FishboneTemplate.allCases.first(where: { $0.rawValue.lowercased() == templateToken.text.lowercased() }) else {
          throw choiceError(templateToken, "template", FishboneTemplate.allCases.map(\.rawValue))
        }
        template = t
      }
      guard a.hasPositionals else {
        if let templateToken { throw .error("`fishbone --template` needs the effect too", at: templateToken.span, notes: ["example: \(a.spec.example)"]) }
        return .showFishbone
      }
      return .defineFishbone(effect: try a.takeText("the effect"), template: template)
    case "category": return .addCategory(try a.takeText("a category name"))
    case "cause":
      let head = try a.take("a category name or cause id")
      let parent: CauseParent
      if head.kind == .word, let id = ItemID(head.text), id.kind == .cause {
        parent = .cause(Located(id, at: head.span))
      } else {
        parent = .category(Located(head.text, at: head.span))
      }
      return .addCause(parent: parent, text: try a.takeText("the cause"))
    case "confirm", "rule-out":
      let id = try a.takeID([.why, .cause], "a why or cause id like W1.2 or C3")
      return .setStatus(id, verb == "confirm" ? .confirmed : .ruledOut, because: a.text("because"))
    case "root": return .markRoot(try a.takeID([.why, .cause], "a why or cause id like W1.2 or C3"))
    case "unroot": return .unroot(try a.takeID([.why, .cause], "a why or cause id like W1.2 or C3"))
    case "amend":
      let id = try a.takeID([.why, .cause, .finding, .action], "the id of a why, cause, finding or action")
      var spec = AmendSpec(id: id)
      spec.text = a.text("text")
      spec.owner = a.text("owner")
      spec.standard = a.text("standard")
      if let token = a.single("due") { spec.due = try date(token) }
      if let token = a.single("review") { spec.review = try review(token) }
      if let token = a.single("step") { spec.location = try stepLocation(token) }
      if let extra = a.positionals.first {
        throw .error("`amend` takes options only", at: extra.span, notes: ["to change the text: amend \(id.value) --text NEW TEXT"])
      }
      guard spec.text != nil || spec.owner != nil || spec.standard != nil || spec.due != nil || spec.review != nil
        || spec.location != nil
      else {
        throw .error("`amend \(id.value)` needs something to change", at: id.span, notes: ["usage: \(a.spec.usage)"])
      }
      return .amend(spec)
    case "cite":
      let id = try a.takeID([.why, .cause, .finding], "a why, cause or finding id")
      let targets = try citationTargets(a.positionals, in: a)
      guard !targets.isEmpty else { throw a.missing("evidence: NAME, NAME#12, NAME#12-40 or a query") }
      let note = a.text("note")
      a.takeAllTokens()
      return .cite(id, targets: targets, note: note)
    case "finding":
      var location: Located<StepLocation>?
      if let token = a.single("step") { location = try stepLocation(token) }
      let causes = try (a.option("cause")?.values ?? []).map { t throws(Diagnostic) in try Arguments.id(t, [.cause, .why], "a cause id like C2") }
      let evidence = try citationTargets(a.option("evidence")?.values ?? [], in: a)
      return .finding(FindingSpec(text: try a.takeText("the finding"), location: location, causes: causes, evidence: evidence))
    case "action":
      let finding = try a.takeID([.finding], "a finding id like F1")
      var due: CalendarDate?
      if let token = a.single("due") { due = try date(token) }
      var cadence: ReviewCadence?
      if let token = a.single("review") { cadence = try review(token) }
      return .action(ActionSpec(
        finding: finding, text: try a.takeText("what the action does"), owner: a.text("owner"), due: due, review: cadence,
        standard: a.text("standard")))
    case "done":
      return .done(try a.takeID([.action], "an action id like A1"), note: a.text("note"))
    case "effective":
      let id = try a.takeID([.action], "an action id like A1")
      guard let option = a.option("evidence") else {
        throw .error("`effective` needs --evidence: what shows the action worked", at: SourceSpan(at: id.span.end),
          notes: ["example: \(a.spec.example)", "if it did not work: not-effective \(id.value) --because TEXT"])
      }
      return .effective(id, evidence: try citationTargets(option.values, in: a), note: a.text("note"))
    case "not-effective":
      let id = try a.takeID([.action], "an action id like A1")
      guard let because = a.text("because") else {
        throw .error("`not-effective` needs --because: what showed it did not work", at: SourceSpan(at: id.span.end),
          notes: ["example: \(a.spec.example)"])
      }
      return .notEffective(id, because: because)
    case "event":
      let when = try a.take("a date or time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
      guard EventTime(when.text) != nil else {
        throw .error("`\(when.text)` is not a date or time", at: when.span,
          notes: ["write YYYY-MM-DD, YYYY-MM-DDTHH:MM or \"YYYY-MM-DD HH:MM\""])
      }
      let evidence = try citationTargets(a.option("evidence")?.values ?? [], in: a)
      return .event(when: Located(when.text, at: when.span), text: try a.takeText("what happened"), evidence: evidence)
    case "check": return .check
    case "status": return .status
    case "findings": return .showFindings
    case "actions": return .showActions
    case "signoff":
      let role = try a.take("a role, e.g. \"Quality manager\"").text
      return .signoff(role: role, name: try a.takeText("the approver's name"))
    case "load":
      let path = try a.take("a file path")
      var name: Located<String>?
      if let next = a.positionals.first, next.kind == .word, next.text.lowercased() == "as" {
        _ = try a.take("as")
        let token = try a.take("a name after `as`")
        guard EvidenceRef.isName(token.text) else {
          throw .error("`\(token.text)` cannot name evidence", at: token.span,
            notes: ["use letters, digits, `_`, `-` or `.`, starting with a letter"])
        }
        name = Located(token.text, at: token.span)
      }
      var spec = LoadSpec(path: Located(path.text, at: path.span), name: name,
        format: a.single("format").map { Located($0.text, at: $0.span) })
      if let token = a.single("header-rows") {
        guard let n = Int(token.text), (0...2).contains(n) else {
          throw .error("`--header-rows` takes 0, 1 or 2, not `\(token.text)`", at: token.span)
        }
        spec.headerRows = Located(n, at: token.span)
      }
      if let token = a.single("skip") {
        guard let n = Int(token.text), n >= 0 else {
          throw .error("`--skip` takes a number of lines, not `\(token.text)`", at: token.span)
        }
        spec.skip = Located(n, at: token.span)
      }
      spec.sheet = a.single("sheet").map { Located($0.text, at: $0.span) }
      return .load(spec)
    case "evidence": return .listEvidence
    case "show":
      let name = try a.take("an evidence name")
      var limit: Int?
      if let token = a.single("limit") {
        guard let n = Int(token.text), n >= 0 else {
          throw .error("`--limit` takes a whole number, not `\(token.text)`", at: token.span)
        }
        limit = n
      }
      return .show(name: Located(name.text, at: name.span), limit: limit, format: a.single("format").map { Located($0.text, at: $0.span) })
    case "metric":
      let kind = try a.take("a metric: dpmo, fpy, rty or coq")
      var options: [String: Located<String>] = [:]
      for option in a.spec.options {
        if let values = a.option(option.name)?.values, let first = values.first {
          options[option.name] = Located(Arguments.join(values), at: first.span.through(values.last!.span))
        }
      }
      return .metric(kind: Located(kind.text.lowercased(), at: kind.span), options: options)
    case "note": return .note(try a.takeText("the note's text"))
    case "undo": return .undo
    case "redo": return .redo
    case "history": return .history
    case "help":
      guard a.hasPositionals else { return .help(nil) }
      let topic = try a.take("a command name")
      return .help(Located(topic.text, at: topic.span))
    case "save":
      guard a.hasPositionals else { return .save(nil) }
      let path = try a.take("a path")
      return .save(Located(path.text, at: path.span))
    case "export":
      let format = try a.take("a format: md, html, json, ipynb, dot or sop")
      let path = try a.take("an output path")
      return .export(format: Located(format.text.lowercased(), at: format.span), path: Located(path.text, at: path.span),
        sop: a.single("sop").map { Located($0.text, at: $0.span) })
    case "run":
      let path = try a.take("a script path")
      return .run(Located(path.text, at: path.span))
    case "quit": return .quit
    // With arguments these are one-stage queries (see `parse(tokens:)`); alone, only `timeline` means something.
    case "timeline": return .showTimeline
    case "pareto", "histogram", "spc", "grep": throw a.missing("an evidence name")
    default:
      throw .error("`\(verb)` is not available yet", at: a.verb.span)
    }
  }

  static func date(_ token: Token) throws(Diagnostic) -> CalendarDate {
    guard let date = CalendarDate(token.text) else {
      throw .error("`\(token.text)` is not a date", at: token.span, notes: ["write dates as YYYY-MM-DD, e.g. 2026-12-15"])
    }
    return date
  }

  static func review(_ token: Token) throws(Diagnostic) -> ReviewCadence {
    guard let r = ReviewCadence(rawValue: token.text.lowercased()) else {
      throw choiceError(token, "review", ReviewCadence.allCases.map(\.rawValue))
    }
    return r
  }

  /// `S2` or `S2>S3`.
  static func stepLocation(_ token: Token) throws(Diagnostic) -> Located<StepLocation> {
    let parts = token.text.split(separator: ">", omittingEmptySubsequences: false)
    let ids = parts.map { ItemID($0) }
    guard (1...2).contains(parts.count), ids.allSatisfy({ $0?.kind == .step }) else {
      throw .error("expected a step like S2, or a handoff like S2>S3, found `\(token.text)`", at: token.span)
    }
    let location: StepLocation = ids.count == 1 ? .step(ids[0]!) : .handoff(ids[0]!, ids[1]!)
    if case .handoff(let a, let b) = location, a == b {
      throw .error("a handoff is between two different steps", at: token.span)
    }
    return Located(location, at: token.span)
  }

  /// Evidence references, or a query pipeline (everything from the word before the first `|`).
  static func citationTargets(_ tokens: [Token], in a: Arguments) throws(Diagnostic) -> [CitationTarget] {
    var targets: [CitationTarget] = []
    var refs = tokens
    if let pipe = tokens.firstIndex(where: { $0.kind == .pipe }) {
      guard pipe > 0 else { throw .error("a query needs an evidence name before `|`", at: tokens[pipe].span) }
      refs = Array(tokens[..<(pipe - 1)])
      targets.append(.query(try querySource(Array(tokens[(pipe - 1)...]))))
    }
    var result: [CitationTarget] = []
    for token in refs {
      guard let ref = EvidenceRef(token.text) else {
        throw .error("expected evidence like tickets, tickets#12 or tickets#12-40, found \(describe(token))", at: token.span)
      }
      result.append(.rows(Located(ref, at: token.span)))
    }
    return result + targets
  }

  static func choiceError(_ token: Token, _ option: String, _ choices: [String]) -> Diagnostic {
    var notes: [String] = []
    if let guess = Suggestion.nearest(to: token.text, in: choices) { notes.append("did you mean `\(guess)`?") }
    notes.append("`--\(option)` takes one of: " + choices.joined(separator: ", "))
    return .error("`\(token.text)` is not a valid --\(option)", at: token.span, notes: notes)
  }
}


/// A point on the investigation's timeline: a date, or a date and time (minutes or seconds).
public struct EventTime: Hashable, Sendable, Comparable {
  /// Normalised `YYYY-MM-DDTHH:MM:SS`, which sorts as text.
  public var sortKey: String
  public var text: String

  public init?(_ text: String) {
    let t = String(text.map { $0 == " " ? "T" : $0 })
    let parts = t.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
    guard let date = CalendarDate(String(parts[0])) else { return nil }
    var time = "00:00:00"
    if parts.count == 2 {
      var clock = String(parts[1])
      if clock.hasSuffix("Z") { clock.removeLast() }
      let hms = clock.split(separator: ":", omittingEmptySubsequences: false)
      guard (2...3).contains(hms.count), hms.allSatisfy({ $0.count == 2 && $0.isASCIIDigits }),
        Int(hms[0])! < 24, Int(hms[1])! < 60, hms.count == 2 || Int(hms[2])! < 60
      else { return nil }
      time = hms.joined(separator: ":") + (hms.count == 2 ? ":00" : "")
    }
    self.sortKey = "\(date)T\(time)"
    self.text = text
  }

  public static func < (a: Self, b: Self) -> Bool { a.sortKey < b.sortKey }
}
