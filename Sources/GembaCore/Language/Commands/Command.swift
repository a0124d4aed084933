/// A value with the span of source text it was parsed from, so a later check
/// (an unknown id, a date in the past) can point at it.
public struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
  public var value: Value
  public var span: SourceSpan
  public init(_ value: Value, at span: SourceSpan) {
    self.value = value
    self.span = span
  }
}

public enum FishboneTemplate: String, CaseIterable, Sendable, Codable {
  case sixM = "6M", eightP = "8P", fourS = "4S", none

  /// The bones a template starts with.
  public var categories: [String] {
    switch self {
    case .sixM: ["Manpower", "Method", "Machine", "Material", "Measurement", "Environment"]
    case .eightP:
      ["Product", "Price", "Place", "Promotion", "People", "Process", "Physical evidence", "Productivity"]
    case .fourS: ["Surroundings", "Suppliers", "Systems", "Skills"]
    case .none: []
    }
  }
}

public enum ReviewCadence: String, CaseIterable, Sendable, Codable {
  case weekly, monthly, quarterly
}

/// Where a finding appears: at one step, or at the handoff between two.
public enum StepLocation: Hashable, Sendable {
  case step(ItemID)
  case handoff(ItemID, ItemID)

  public var steps: [ItemID] {
    switch self {
    case .step(let s): [s]
    case .handoff(let a, let b): [a, b]
    }
  }
}

/// A calendar date, `YYYY-MM-DD`, validated (no 2026-02-30).
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
  public var year: Int, month: Int, day: Int

  /// The years an investigation's dates may fall in: anything else is a typing slip.
  public static let years = 1900...2999

  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy(\.isASCIIDigits), let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      CalendarDate.years.contains(y), (1...12).contains(m), d >= 1, d <= CalendarDate.days(inMonth: m, year: y)
    else { return nil }
    year = y
    month = m
    day = d
  }

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Why `text` is not a date (nil when it is one).
  public static func problem(with text: String) -> String? {
    guard CalendarDate(text) == nil else { return nil }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, parts.allSatisfy(\.isASCIIDigits),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return "`\(text)` is not a date: write YYYY-MM-DD, e.g. 2026-12-15" }
    if !years.contains(y) { return "`\(text)` is not a date gemba accepts: the year must be from \(years.lowerBound) to \(years.upperBound)" }
    if !(1...12).contains(m) { return "`\(text)` is not a date: there is no month \(m)" }
    return "`\(text)` is not a date: month \(m) of \(y) has \(days(inMonth: m, year: y)) days, not \(d)"
  }

  static func days(inMonth m: Int, year y: Int) -> Int {
    switch m {
    case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  public var description: String {
    func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
  public static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let date = CalendarDate(text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
    }
    self = date
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// What a citation points at: rows of evidence, a query whose result is stored, or two shares
/// typed in (`compare 98/584 16/136`: figures from a report, with no file behind them).
public enum CitationTarget: Hashable, Sendable {
  case rows(Located<EvidenceReference>)
  case query(QuerySource)
  case shares(TypedShares)
}

/// A query pipeline as typed: `tickets | where reopened = yes | count by team`.
public struct QuerySource: Hashable, Sendable {
  /// The evidence the pipeline starts from.
  public var evidence: Located<String>
  /// The tokens of each stage after the evidence name, split at `|`.
  public var stages: [[Token]]
  /// The pipeline's text, normalised to single spaces, as stored in a citation.
  public var text: String
  public init(evidence: Located<String>, stages: [[Token]], text: String) {
    self.evidence = evidence
    self.stages = stages
    self.text = text
  }
}

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
  case contained(Located<ItemID>, evidence: [CitationTarget], note: String?)
  case escape(text: String, step: Located<ItemID>)
  case elsewhere(text: String, action: Located<ItemID>?, none: String?)
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
  case export(format: Located<String>, path: Located<String>, sop: Located<String>?)
  case run(Located<String>)
  case quit

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

/// `load PATH [as NAME] [--format F] [--sheet NAME|N] [--header-rows N] [--skip N]`.
public struct LoadSpec: Hashable, Sendable {
  public var path: Located<String>
  public var name: Located<String>?
  public var format: Located<String>?
  /// Header rows above the data (0, 1 or 2); nil: one.
  public var headerRows: Located<Int>?
  /// Lines to skip before the header (a title row); nil: none.
  public var skip: Located<Int>?
  /// `--delimiter C` (`,` `;` `tab` `pipe` …); nil: sniffed.
  public var delimiter: Located<String>? = nil
  /// `--encoding E` (`utf-8`, `utf-16`, `windows-1252`, `latin1`); nil: detected.
  public var encoding: Located<String>? = nil
  /// `--date-format COL=FORMAT …`, as written.
  public var dateFormats: [Located<String>] = []
  /// `--pattern REGEX`: a log layout whose named groups become columns.
  public var pattern: Located<String>? = nil
  /// The workbook sheet, by name or 1-based position; nil: the first worksheet.
  public var sheet: Located<String>? = nil
  /// `load sql "QUERY" --db URL as NAME`: the query and server behind the CSV snapshot at `path`.
  public var sql: SQLLoadSpec? = nil
  public init(path: Located<String>, name: Located<String>? = nil, format: Located<String>? = nil,
    headerRows: Located<Int>? = nil, skip: Located<Int>? = nil) {
    self.path = path
    self.name = name
    self.format = format
    self.headerRows = headerRows
    self.skip = skip
  }
}

/// `load sql "QUERY" --db URL as NAME [--limit N] [--timeout SECONDS] --snapshot evidence/NAME.sql.csv`.
/// The shell runs the query and writes the snapshot, then records the command with `--snapshot`;
/// the session, opening and replay only ever load that file (they never contact a server).
public struct SQLLoadSpec: Hashable, Sendable {
  public static let defaultLimit = 1_000_000
  public static let defaultTimeout = 60
  public var query: Located<String>
  /// The database URL as typed (never with a password: the parser refuses one).
  public var database: Located<String>
  public var limit: Located<Int>?
  public var timeout: Located<Int>?
  /// The CSV the query's answer was written to; nil until the shell has run the query.
  public var snapshot: Located<String>?
  public var rowLimit: Int { limit?.value ?? Self.defaultLimit }
  public var timeoutSeconds: Int { timeout?.value ?? Self.defaultTimeout }
}

public enum CauseParent: Hashable, Sendable {
  /// A bone of the fishbone, by name (`Method`).
  case category(Located<String>)
  /// Another cause, making this one a sub-cause (`C1` → `C1.1`).
  case cause(Located<ItemID>)
}

public enum CauseStatus: String, Hashable, Sendable, Codable {
  case hypothesis, confirmed, ruledOut = "ruled-out"
}

public struct FindingSpec: Hashable, Sendable {
  public var text: String
  public var location: Located<StepLocation>?
  public var causes: [Located<ItemID>]
  public var evidence: [CitationTarget]
}

public struct ActionSpec: Hashable, Sendable {
  public var finding: Located<ItemID>
  public var text: String
  public var owner: String?
  public var due: CalendarDate?
  public var review: ReviewCadence?
  public var standard: String?
  /// `--verify QUERY --target EXPR --after DATE`: how the action will be judged, agreed now.
  public var plannedCheck: PlannedCheck? = nil
  /// Where `--after` was typed, for the refusal of a date already past.
  public var checkAfterSpan: SourceSpan? = nil
}

/// `contain TEXT --owner NAME [--due YYYY-MM-DD]`: an interim action (K1).
public struct ContainSpec: Hashable, Sendable {
  public var text: String
  public var owner: String
  public var due: CalendarDate?
}

/// `amend ID …`: correct an item after the fact (a missing owner, a finding's step),
/// as a cell of its own so the record shows what changed and when.
public struct AmendSpec: Hashable, Sendable {
  public var id: Located<ItemID>
  public var text: String?
  /// A step's name (a step has a name, the other items a text).
  public var name: String?
  public var owner: String?
  public var due: CalendarDate?
  public var review: ReviewCadence?
  public var standard: String?
  public var location: Located<StepLocation>?
}

/// Two shares typed in, `98/584 16/136`: successes of a total, each.
public struct TypedShares: Hashable, Sendable {
  /// `98/584 16/136` as typed after `compare` (the verb, or a citation of it).
  static func parse(_ first: Token, _ second: Token) throws(Diagnostic) -> TypedShares {
    func share(_ t: Token) throws(Diagnostic) -> (Int, Int) {
      let parts = t.text.split(separator: "/", omittingEmptySubsequences: false)
      guard parts.count == 2, let s = Int(parts[0]), let n = Int(parts[1]) else {
        throw .error(.invalidShare, "expected a share like 98/584 (count meeting the condition / group size), not `\(t.text)`", at: t.span)
      }
      guard n > 0, s >= 0, s <= n else {
        throw .error(.invalidShare, "`\(t.text)`: the count must be between 0 and the group size, and the group size above 0", at: t.span)
      }
      return (s, n)
    }
    return TypedShares(first: try share(first), second: try share(second), span: first.span.through(second.span))
  }

  /// As a citation stores it: `compare 98/584 16/136`.
  public var text: String { "compare \(first.successes)/\(first.total) \(second.successes)/\(second.total)" }

  public var first: (successes: Int, total: Int)
  public var second: (successes: Int, total: Int)
  public var span: SourceSpan

  public init(first: (Int, Int), second: (Int, Int), span: SourceSpan) {
    self.first = first
    self.second = second
    self.span = span
  }

  public static func == (a: Self, b: Self) -> Bool { a.first == b.first && a.second == b.second && a.span == b.span }
  public func hash(into h: inout Hasher) {
    h.combine(first.successes); h.combine(first.total); h.combine(second.successes); h.combine(second.total)
  }
}
