/// What the shell knows about each verb: its options, its help and an example.
/// The parser, `help`, and Tab completion all read this one table.
public struct VerbSpec: Sendable {
  public enum Group: String, Sendable, CaseIterable {
    case problem = "Problem and process"
    case analysis = "Five whys and fishbone"
    case judgement = "Judgement and actions"
    case evidence = "Evidence"
    case session = "Session"
  }
  public var name: String
  public var group: Group
  public var usage: String
  public var summary: String
  public var example: String
  public var options: [OptionSpec]

  public func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
}

public struct OptionSpec: Sendable {
  public enum Arity: Sendable {
    /// `--keep-going`
    case flag
    /// `--due 2026-12-01`: exactly one value.
    case single
    /// `--because the macro lags policy`: every word up to the next option, joined by spaces.
    case text
    /// `--cause C1 C2`: every value up to the next option.
    case list
  }
  /// What Tab offers for the option's value.
  public enum ValueKind: Sendable {
    case free, date, path, evidence, column
    case id(ItemID.Kind)
    case choice([String])
  }
  public var name: String
  public var arity: Arity
  public var value: ValueKind
  public var hint: String

  public init(_ name: String, _ arity: Arity, _ value: ValueKind = .free, hint: String = "") {
    self.name = name
    self.arity = arity
    self.value = value
    self.hint = hint
  }
}

public enum CommandCatalog {
  public static let verbs: [VerbSpec] = problemVerbs + analysisVerbs + judgementVerbs + evidenceVerbs + sessionVerbs

  public static func spec(_ name: String) -> VerbSpec? { verbs.first { $0.name == name } }
  public static var verbNames: [String] { verbs.map(\.name) }

  static let problemVerbs: [VerbSpec] = [
    VerbSpec(
      name: "title", group: .problem, usage: "title TEXT", summary: "Name the investigation.",
      example: "title Refund answers differ between agents", options: []),
    VerbSpec(
      name: "problem", group: .problem, usage: "problem TEXT [--expected TEXT] [--actual TEXT]",
      summary: "State the quality gap: what the customer expects and what actually happens.",
      example: "problem Customers get different refund answers --expected one correct answer --actual 3 answers in 40 tickets",
      options: [OptionSpec("expected", .text, hint: "TEXT"), OptionSpec("actual", .text, hint: "TEXT")]),
    VerbSpec(
      name: "process", group: .problem, usage: "process [NAME STEP...]",
      summary: "Define the process and its steps S1..Sn in order; with no arguments, show it as a flow.",
      example: "process \"Refund request\" intake \"policy lookup\" reply close", options: []),
    VerbSpec(
      name: "step", group: .problem, usage: "step TEXT [--after Sx] [--owner TEXT]",
      summary: "Add a process step (at the end, or after Sx).",
      example: "step \"check macro version\" --after S2 --owner \"Support lead\"",
      options: [OptionSpec("after", .single, .id(.step), hint: "Sx"), OptionSpec("owner", .text, hint: "TEXT")]),
  ]

  static let analysisVerbs: [VerbSpec] = [
    VerbSpec(
      name: "why", group: .analysis, usage: "why [ID] TEXT",
      summary: "Start a five-whys tree (W1), or answer \"why?\" under ID (W1.1). A node may have several children.",
      example: "why W1 \"the macro still says 30 days\"", options: []),
    VerbSpec(
      name: "whys", group: .analysis, usage: "whys", summary: "Show every five-whys tree.", example: "whys",
      options: []),
    VerbSpec(
      name: "fishbone", group: .analysis, usage: "fishbone [EFFECT] [--template 6M|8P|4S|none]",
      summary: "Set the effect and the bones of the fishbone; with no arguments, show the diagram.",
      example: "fishbone \"Inconsistent refund answers\" --template 8P",
      options: [OptionSpec("template", .single, .choice(FishboneTemplate.allCases.map(\.rawValue)), hint: "6M|8P|4S|none")]),
    VerbSpec(
      name: "category", group: .analysis, usage: "category NAME", summary: "Add a bone to the fishbone.",
      example: "category Systems", options: []),
    VerbSpec(
      name: "cause", group: .analysis, usage: "cause CATEGORY|ID TEXT",
      summary: "Put a cause on a bone (C1), or a sub-cause under a cause (C1.1).",
      example: "cause Process \"policy lives in three places\"", options: []),
  ]

  static let judgementVerbs: [VerbSpec] = [
    VerbSpec(
      name: "confirm", group: .judgement, usage: "confirm ID [--because TEXT]",
      summary: "Mark a why or cause confirmed by evidence.",
      example: "confirm C2 --because macro edits lag wiki edits by 19 days", options: [OptionSpec("because", .text, hint: "TEXT")]),
    VerbSpec(
      name: "rule-out", group: .judgement, usage: "rule-out ID [--because TEXT]",
      summary: "Mark a why or cause ruled out, with the reason.",
      example: "rule-out C4 --because new and senior agents err at the same rate",
      options: [OptionSpec("because", .text, hint: "TEXT")]),
    VerbSpec(
      name: "root", group: .judgement, usage: "root ID", summary: "Mark a why or cause as a root cause.",
      example: "root W1.1.1", options: []),
    VerbSpec(
      name: "unroot", group: .judgement, usage: "unroot ID",
      summary: "Take the root-cause mark off a why or cause (the deeper answer is the root).",
      example: "unroot W1.1", options: []),
    VerbSpec(
      name: "amend", group: .judgement,
      usage: "amend ID [--text TEXT] [--owner TEXT] [--due YYYY-MM-DD] [--review CADENCE] [--standard TEXT] [--step Sx|Sx>Sy]",
      summary: "Correct an item after the fact: a why's or cause's text, a finding's step, an action's owner, due date, review or standard.",
      example: "amend A2 --owner \"Lee Park\" --due 2026-12-01 --review monthly",
      options: [
        OptionSpec("text", .text, hint: "TEXT"), OptionSpec("owner", .text, hint: "TEXT"),
        OptionSpec("due", .single, .date, hint: "YYYY-MM-DD"),
        OptionSpec("review", .single, .choice(ReviewCadence.allCases.map(\.rawValue)), hint: "weekly|monthly|quarterly"),
        OptionSpec("standard", .text, hint: "TEXT"), OptionSpec("step", .single, .id(.step), hint: "Sx or Sx>Sy"),
      ]),
    VerbSpec(
      name: "cite", group: .judgement, usage: "cite ID REF... [--note TEXT]",
      summary: "Attach evidence to a why, cause or finding: NAME, NAME#12, NAME#12-40, or a query pipeline.",
      example: "cite C2 tickets | where reason = \"wrong macro\" | count", options: [OptionSpec("note", .text, hint: "TEXT")]),
    VerbSpec(
      name: "finding", group: .judgement,
      usage: "finding TEXT [--step Sx | --step Sx>Sy] [--cause ID...] [--evidence REF...]",
      summary: "Record a finding (F1) at a process step, or at the handoff between two steps.",
      example: "finding \"agents answer from the macro, not the policy\" --step S2 --cause C2",
      options: [
        OptionSpec("step", .single, .id(.step), hint: "Sx or Sx>Sy"), OptionSpec("cause", .list, .id(.cause), hint: "ID..."),
        OptionSpec("evidence", .list, .evidence, hint: "REF..."),
      ]),
    VerbSpec(
      name: "action", group: .judgement,
      usage: "action Fx TEXT [--owner TEXT] [--due YYYY-MM-DD] [--review weekly|monthly|quarterly] [--standard TEXT]",
      summary: "Agree a corrective action (A1) for a finding; --standard is the new standard if it works.",
      example: "action F1 \"generate macros from the policy page\" --owner \"Dana (KB owner)\" --due 2026-12-15 --review monthly --standard \"macros are generated from the policy, never edited by hand\"",
      options: [
        OptionSpec("owner", .text, hint: "TEXT"), OptionSpec("due", .single, .date, hint: "YYYY-MM-DD"),
        OptionSpec("review", .single, .choice(ReviewCadence.allCases.map(\.rawValue)), hint: "weekly|monthly|quarterly"),
        OptionSpec("standard", .text, hint: "TEXT"),
      ]),
    VerbSpec(
      name: "done", group: .judgement, usage: "done Ax [--note TEXT]",
      summary: "Mark an action done; it stays open until its effect is checked.", example: "done A1 --note macros regenerated",
      options: [OptionSpec("note", .text, hint: "TEXT")]),
    VerbSpec(
      name: "effective", group: .judgement, usage: "effective Ax --evidence REF... [--note TEXT]",
      summary: "Close a done action: the improvement was tested and it works.",
      example: "effective A1 --evidence after#1-40",
      options: [OptionSpec("evidence", .list, .evidence, hint: "REF..."), OptionSpec("note", .text, hint: "TEXT")]),
    VerbSpec(
      name: "not-effective", group: .judgement, usage: "not-effective Ax --because TEXT",
      summary: "Record that a done action did not work (the finding stays open).",
      example: "not-effective A2 --because reopen rate unchanged after 4 weeks",
      options: [OptionSpec("because", .text, hint: "TEXT")]),
    VerbSpec(
      name: "event", group: .judgement, usage: "event WHEN TEXT [--evidence REF...]",
      summary: "Put an event on the investigation's timeline (WHEN is a date or date-time).",
      example: "event 2026-10-03 \"refund window changed from 30 to 14 days\"",
      options: [OptionSpec("evidence", .list, .evidence, hint: "REF...")]),
    VerbSpec(
      name: "check", group: .judgement, usage: "check",
      summary: "Review the investigation as a quality manager would and list what is weak.", example: "check",
      options: []),
    VerbSpec(
      name: "status", group: .judgement, usage: "status",
      summary: "One screen: problem, counts, open hypotheses, actions due.", example: "status", options: []),
    VerbSpec(
      name: "findings", group: .judgement, usage: "findings", summary: "List the findings with their steps.",
      example: "findings", options: []),
    VerbSpec(
      name: "actions", group: .judgement, usage: "actions",
      summary: "The actions table: owner, due, review, standard, state.", example: "actions", options: []),
    VerbSpec(
      name: "signoff", group: .judgement, usage: "signoff ROLE NAME",
      summary: "Record an approval: who, in what role, when, and the chain value approved.",
      example: "signoff \"Quality manager\" \"Priya Shah\"", options: []),
  ]

  static let evidenceVerbs: [VerbSpec] = [
    VerbSpec(
      name: "load", group: .evidence,
      usage: "load PATH [as NAME] [--format csv|tsv|jsonl|log|text|md|xlsx] [--sheet NAME|N] [--header-rows 0|1|2] [--skip N]",
      summary: "Load an evidence file (relative to the notebook's folder); prints its size and SHA-256.",
      example: "load evidence/tickets.csv as tickets",
      options: [
        OptionSpec("format", .single, .choice(["csv", "tsv", "jsonl", "log", "text", "md", "xlsx"]), hint: "FORMAT"),
        OptionSpec("sheet", .single, hint: "NAME|N"),
        OptionSpec("header-rows", .single, .choice(["0", "1", "2"]), hint: "N"), OptionSpec("skip", .single, hint: "N"),
      ]),
    VerbSpec(
      name: "evidence", group: .evidence, usage: "evidence",
      summary: "List loaded evidence: name, format, rows, bytes, short hash.", example: "evidence", options: []),
    VerbSpec(
      name: "show", group: .evidence, usage: "show NAME [--limit N] [--format table|csv|json]",
      summary: "Show the first rows (or lines) of evidence.", example: "show tickets --limit 5",
      options: [
        OptionSpec("limit", .single, hint: "N"), OptionSpec("format", .single, .choice(["table", "csv", "json"]), hint: "FORMAT"),
      ]),
    VerbSpec(
      name: "grep", group: .evidence, usage: "grep NAME PATTERN",
      summary: "Matching lines or rows, with their numbers.", example: "grep applog timeout", options: []),
    VerbSpec(
      name: "pareto", group: .evidence, usage: "pareto NAME by COL [--sum COL]",
      summary: "Counts (or sums) by category, sorted, with share, cumulative share and the 80 % cut.",
      example: "pareto tickets by reason", options: [OptionSpec("sum", .single, .column, hint: "COL")]),
    VerbSpec(
      name: "histogram", group: .evidence, usage: "histogram NAME COL [--bins N]",
      summary: "The distribution of a numeric column.", example: "histogram tickets handle_minutes --bins 10",
      options: [OptionSpec("bins", .single, hint: "N")]),
    VerbSpec(
      name: "timeline", group: .evidence, usage: "timeline [NAME COL [--every hour|day|week|month]]",
      summary: "Counts over time of a date column; with no arguments, the investigation's events and cited rows.",
      example: "timeline tickets opened_at --every week",
      options: [OptionSpec("every", .single, .choice(["hour", "day", "week", "month"]), hint: "PERIOD")]),
    VerbSpec(
      name: "spc", group: .evidence, usage: "spc NAME COL [--by day|week] [--rules we|nelson]",
      summary: "An individuals (XmR) control chart with the points that break the rules.",
      example: "spc tickets handle_minutes --by day",
      options: [
        OptionSpec("by", .single, .choice(["day", "week"]), hint: "day|week"),
        OptionSpec("rules", .single, .choice(["we", "nelson"]), hint: "we|nelson"),
      ]),
    VerbSpec(
      name: "metric", group: .evidence,
      usage: "metric dpmo|fpy|rty|coq [--defects N --units N --opportunities N | ...]",
      summary: "Quality KPIs: DPMO and sigma level, first-pass yield, rolled throughput yield, cost of quality.",
      example: "metric dpmo --defects 37 --units 1200 --opportunities 4",
      options: [
        OptionSpec("defects", .single, hint: "N"), OptionSpec("units", .single, hint: "N"),
        OptionSpec("opportunities", .single, hint: "N"), OptionSpec("passed", .single, hint: "N"),
        OptionSpec("yields", .list, hint: "Y..."), OptionSpec("prevention", .single, hint: "AMOUNT"),
        OptionSpec("appraisal", .single, hint: "AMOUNT"), OptionSpec("internal", .single, hint: "AMOUNT"),
        OptionSpec("external", .single, hint: "AMOUNT"), OptionSpec("revenue", .single, hint: "AMOUNT"),
      ]),
  ]

  static let sessionVerbs: [VerbSpec] = [
    VerbSpec(
      name: "note", group: .session, usage: "note TEXT", summary: "A prose cell: what was said, decided or seen.",
      example: "note \"Team agrees the PDF is not used by agents\"", options: []),
    VerbSpec(
      name: "undo", group: .session, usage: "undo",
      summary: "Undo the last change (recorded as a cell, so the history stays honest).", example: "undo", options: []),
    VerbSpec(name: "redo", group: .session, usage: "redo", summary: "Redo what undo took back.", example: "redo", options: []),
    VerbSpec(
      name: "history", group: .session, usage: "history", summary: "The cells of this notebook, numbered.",
      example: "history", options: []),
    VerbSpec(
      name: "help", group: .session, usage: "help [VERB]", summary: "List the commands, or explain one with an example.",
      example: "help action", options: []),
    VerbSpec(
      name: "save", group: .session, usage: "save [PATH]",
      summary: "Flush the notebook to disk (it is saved as you type); with PATH, also write a copy there.",
      example: "save copies/refunds-2026-11.md", options: []),
    VerbSpec(
      name: "export", group: .session, usage: "export md|html|json|ipynb|dot|sop PATH [--sop SOP.md]",
      summary: "Write the reviewable record (or the SOP update) to PATH.", example: "export md record.md",
      options: [OptionSpec("sop", .single, .path, hint: "SOP.md")]),
    VerbSpec(
      name: "run", group: .session, usage: "run FILE",
      summary: "Run a script of commands (one a line, # comments) as cells.", example: "run templates/refund-review.gemba",
      options: []),
    VerbSpec(name: "quit", group: .session, usage: "quit", summary: "Save and leave (Ctrl-D does the same).", example: "quit", options: []),
  ]
}
