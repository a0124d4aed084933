/// What the verbs' builders (in the `CommandCatalog+…` files) share: dates, cadences, steps, citations.
extension Parser {
  /// Chart and grep verbs are one-stage queries: `pareto tickets by reason`
  /// means `tickets | pareto by reason`.
  static let queryVerbs: Set<String> = ["pareto", "histogram", "spc", "grep", "timeline", "compare", "capability"]

  static func date(_ token: Token) throws(Diagnostic) -> CalendarDate {
    guard let date = CalendarDate(token.text) else {
      throw .error(
        .invalidDate, CalendarDate.problem(with: token.text) ?? "`\(token.text)` is not a date",
        at: token.span,
        notes: ["write dates as YYYY-MM-DD, e.g. 2026-12-15"])
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
      throw .error(
        .invalidID, "expected a step like S2, or a handoff like S2>S3, found `\(token.text)`",
        at: token.span)
    }
    let location: StepLocation = ids.count == 1 ? .step(ids[0]!) : .handoff(ids[0]!, ids[1]!)
    if case .handoff(let a, let b) = location, a == b {
      throw .error(.againstProcessOrder, "a handoff is between two different steps", at: token.span)
    }
    return Located(location, at: token.span)
  }

  /// Evidence references, or a query pipeline (everything from the word before the first `|`).
  static func citationTargets(_ tokens: [Token], in a: Arguments) throws(Diagnostic) -> [CitationTarget] {
    if let first = tokens.first, first.kind == .word, first.text == "compare",
      !tokens.contains(where: { $0.kind == .pipe })
    {
      guard tokens.count == 3 else {
        throw .error(
          .invalidShare, "a typed comparison cites two shares: compare 98/584 16/136",
          at: first.span.through(tokens.last!.span))
      }
      return [.shares(try TypedShares.parse(tokens[1], tokens[2]))]
    }
    var targets: [CitationTarget] = []
    var refs = tokens
    if let pipe = tokens.firstIndex(where: { $0.kind == .pipe }) {
      guard pipe > 0 else {
        throw .error(.querySyntax, "a query needs an evidence name before `|`", at: tokens[pipe].span)
      }
      refs = Array(tokens[..<(pipe - 1)])
      targets.append(.query(try querySource(Array(tokens[(pipe - 1)...]))))
    }
    var result: [CitationTarget] = []
    for token in refs {
      result.append(.rows(Located(try EvidenceReference.parse(token.text, span: token.span), at: token.span)))
    }
    return result + targets
  }

  static func choiceError(_ token: Token, _ option: String, _ choices: [String]) -> Diagnostic {
    var notes: [String] = []
    if let guess = Suggestion.nearest(to: token.text, in: choices) { notes.append("did you mean `\(guess)`?") }
    notes.append("`--\(option)` takes one of: " + choices.joined(separator: ", "))
    return .error(.invalidOptionValue, "`\(token.text)` is not a valid --\(option)", at: token.span, notes: notes)
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
