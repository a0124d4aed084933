@testable import GembaCore

/// A one-line, span-free description of a parsed command, so parser tests can state
/// what they expect as plain text beside the input:
///
///     "step \"check macro\" --after S2"  →  step "check macro" after:S2
enum CommandSummary {
  static func describe(_ command: Command) -> String {
    switch command {
    case .title(let text): return "title \(q(text))"
    case .problem(let text, let expected, let actual):
      return "problem \(q(text))" + field("expected", expected.map(q)) + field("actual", actual.map(q))
    case .defineProcess(let name, let steps):
      return "process \(q(name)) steps:[\(steps.map(q).joined(separator: ", "))]"
    case .showProcess: return "show-process"
    case .addStep(let text, let after, let owner):
      return "step \(q(text))" + field("after", after.map { "\($0.value)" }) + field("owner", owner.map(q))
    case .why(let parent, let text): return "why" + field("under", parent.map { "\($0.value)" }) + " \(q(text))"
    case .showWhys: return "whys"
    case .defineFishbone(let effect, let template): return "fishbone \(q(effect)) template:\(template.rawValue)"
    case .showFishbone: return "show-fishbone"
    case .addCategory(let name): return "category \(q(name))"
    case .addCause(.category(let bone), let text): return "cause bone:\(q(bone.value)) \(q(text))"
    case .addCause(.cause(let parent), let text): return "cause under:\(parent.value) \(q(text))"
    case .setStatus(let id, let status, let because):
      return "\(status.rawValue) \(id.value)" + field("because", because.map(q))
    case .markRoot(let id): return "root \(id.value)"
    case .unroot(let id): return "unroot \(id.value)"
    case .amend(let spec):
      return "amend \(spec.id.value)" + field("text", spec.text.map(q)) + field("name", spec.name.map(q))
        + field("owner", spec.owner.map(q))
        + field("due", spec.due.map(\.description)) + field("review", spec.review?.rawValue)
        + field("standard", spec.standard.map(q)) + field("at", spec.location.map { location($0.value) })
    case .finding(let spec):
      return "finding \(q(spec.text))" + field("at", spec.location.map { location($0.value) })
        + field("causes", spec.causes.isEmpty ? nil : ids(spec.causes)) + field("evidence", targets(spec.evidence))
    case .action(let spec):
      return "action \(spec.finding.value) \(q(spec.text))" + field("owner", spec.owner.map(q))
        + field("due", spec.due.map(\.description)) + field("review", spec.review?.rawValue)
        + field("standard", spec.standard.map(q)) + field("verify", spec.plannedCheck.map { q($0.query) })
        + field("target", spec.plannedCheck.map { q($0.target) })
        + field("after", spec.plannedCheck.map(\.after.description))
    case .done(let id, let note): return "done \(id.value)" + field("note", note.map(q))
    case .effective(let id, let evidence, let note, let by):
      return "effective \(id.value)" + field("evidence", targets(evidence)) + field("note", note.map(q))
        + field("by", by.map(q))
    case .notEffective(let id, let because): return "not-effective \(id.value) because:\(q(because))"
    case .cite(let id, let t, let note): return "cite \(id.value) \(targets(t) ?? "[]")" + field("note", note.map(q))
    case .event(let when, let text, let evidence):
      return "event \(when.value) \(q(text))" + field("evidence", targets(evidence))
    case .showTimeline: return "show-timeline"
    case .check: return "check"
    case .status: return "status"
    case .showFindings: return "findings"
    case .showActions: return "actions"
    case .signoff(let role, let name, let meaning):
      return "signoff role:\(q(role)) name:\(q(name))" + field("meaning", meaning?.rawValue)
    case .team(let name, let role): return "team \(q(name)) role:\(role.rawValue)"
    case .isNot(let d, let isText, let isNotText): return "isnot \(d.rawValue) is:\(q(isText)) is-not:\(q(isNotText))"
    case .contain(let spec):
      return "contain \(q(spec.text)) owner:\(q(spec.owner))" + field("due", spec.due.map(\.description))
        + field("where", spec.scope.map(q)) + field("from", spec.from.map(\.description))
    case .contained(let id, let evidence, let note, let count):
      return "contained \(id.value)" + field("evidence", targets(evidence)) + field("note", note.map(q))
        + field("checked", count.checked.map(String.init)) + field("found", count.found.map(String.init))
    case .lift(let id, let note): return "lift \(id.value)" + field("note", note.map(q))
    case .escape(let text, let step): return "escape \(q(text)) step:\(step.value)"
    case .elsewhere(let text, let action, let none):
      return "elsewhere \(q(text))" + field("action", action.map { $0.value.description }) + field("none", none.map(q))
    case .caseIdentity(let spec):
      return "case" + spec.named.map { field($0.label.replacingOccurrences(of: " ", with: "-"), q($0.value)) }.joined()
    case .load(let spec):
      return "load \(q(spec.path.value))" + field("as", spec.name?.value) + field("format", spec.format?.value)
        + field("header-rows", spec.headerRows.map { String($0.value) })
        + field("skip", spec.skip.map { String($0.value) })
    case .listEvidence: return "evidence"
    case .show(let name, let limit, let format):
      return "show \(name.value)" + field("limit", limit.map(String.init)) + field("format", format?.value)
    case .query(let query): return querySummary(query)
    case .compareShares(let s):
      return "compare \(s.first.successes)/\(s.first.total) \(s.second.successes)/\(s.second.total)"
    case .metric(let kind, let options):
      return "metric \(kind.value)" + options.keys.sorted().map { " \($0):\(options[$0]!.value)" }.joined()
    case .note(let text): return "note \(q(text))"
    case .undo: return "undo"
    case .redo: return "redo"
    case .history: return "history"
    case .help(let topic): return "help" + field("topic", topic?.value)
    case .save(let path): return "save" + field("path", path.map { q($0.value) })
    case .export(let format, let path, let sop, let paper):
      return "export \(format.value) \(q(path.value))" + field("sop", sop.map { q($0.value) })
        + field("paper", paper?.value.rawValue)
    case .run(let path): return "run \(q(path.value))"
    case .refresh(let name): return "refresh \(name.value)"
    case .quit: return "quit"
    case .width(let width): return "width \(width.value)"
    }
  }

  static func querySummary(_ query: QuerySource) -> String {
    let stages = query.stages.map { "[" + $0.map(token).joined(separator: " ") + "]" }.joined()
    return "query \(query.evidence.value) \(stages) text:\(q(query.text))"
  }

  static func token(_ t: Token) -> String {
    switch t.kind {
    case .word, .pipe: t.text
    case .string: q(t.text)
    case .option: "--" + t.text
    }
  }

  static func location(_ l: StepLocation) -> String {
    switch l {
    case .step(let s): "\(s)"
    case .handoff(let a, let b): "\(a)>\(b)"
    }
  }

  static func ids(_ ids: [Located<ItemID>]) -> String { "[" + ids.map { "\($0.value)" }.joined(separator: ", ") + "]" }

  static func targets(_ targets: [CitationTarget]) -> String? {
    guard !targets.isEmpty else { return nil }
    return "["
      + targets.map { target in
        switch target {
        case .rows(let ref): "\(ref.value)"
        case .query(let query): "(" + querySummary(query) + ")"
        case .shares(let shares): "(\(shares.text))"
        }
      }.joined(separator: ", ") + "]"
  }

  static func field(_ name: String, _ value: String?) -> String { value.map { " \(name):\($0)" } ?? "" }

  static func q(_ s: String) -> String {
    "\""
      + s.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"").replacingOccurrences("\n", "\\n")
      .replacingOccurrences("\t", "\\t") + "\""
  }
}

extension String {
  /// Foundation-free replace, so the tests depend on nothing the core does not.
  func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
    var out = ""
    for c in self { if c == target { out += replacement } else { out.append(c) } }
    return out
  }
}
