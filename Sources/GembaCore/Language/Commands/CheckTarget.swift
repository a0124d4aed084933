/// What a planned check must show for the action to count as effective: the `--target` of
/// `action … --verify QUERY --target EXPR --after DATE`, parsed when the action is agreed.
///
/// ```
/// <= 2            every period after the date has at most 2        (also < > >= =)
/// < 2 per week    the same, and the query must count per week
/// >= 95%          95 % is 0.95: a share (a p chart's proportions)
/// p below 0.031   every point below 0.031 (`p above X`: above)
/// no rule-1 points            no point beyond its control limits (an spc chart);
/// no points beyond the limits   the same, in words
/// below LCL       every point below its lower control limit (an spc chart: a shift down)
/// ```
public enum CheckTarget: Equatable, Sendable {
  public enum Comparison: String, Sendable, CaseIterable {
    case atMost = "<="
    case atLeast = ">="
    case below = "<"
    case above = ">"
    case equal = "="

    func holds(_ value: Double, _ bound: Double) -> Bool {
      switch self {
      case .atMost: value <= bound
      case .atLeast: value >= bound
      case .below: value < bound
      case .above: value > bound
      case .equal: value == bound
      }
    }
  }
  /// Each judged point compared with `bound` (a `%` target is already divided by 100).
  case value(Comparison, bound: Double, percent: Bool, per: TimeBucket?)
  /// No judged point beyond its control limits (Western Electric / Nelson rule 1).
  case noPointBeyondLimits
  /// Every judged point below its lower control limit.
  case belowLowerLimit

  /// Whether the target reads a control chart's limits (so the query must end in `spc`).
  public var needsLimits: Bool { self == .noPointBeyondLimits || self == .belowLowerLimit }

  /// A problem in a target, at the piece (0-based) it is about.
  public struct Problem: Error, Sendable {
    public var message: String
    public var piece: Int
  }

  public static let grammar =
    "<= 2, < 2 per week, >= 95%, = 0, p below 0.031, no rule-1 points, "
    + "no points beyond the limits, below LCL"

  /// Parses the target's pieces (white-space separated; an operator may be glued to its number).
  public static func parse(_ pieces: [String]) throws(Problem) -> CheckTarget {
    let words = pieces.map { $0.lowercased() }
    func fail(_ message: String, at piece: Int) -> Problem {
      Problem(message: message, piece: min(max(piece, 0), max(pieces.count - 1, 0)))
    }
    guard let first = words.first else { throw fail("the target is empty", at: 0) }
    if words == ["no", "rule-1", "points"] || words == ["no", "points", "beyond", "the", "limits"] {
      return .noPointBeyondLimits
    }
    if words == ["below", "lcl"] { return .belowLowerLimit }
    if first == "no" || (first == "below" && words.count == 2) {
      throw fail(
        "`\(pieces.joined(separator: " "))` is not a chart target: write `no rule-1 points`, "
          + "`no points beyond the limits` or `below LCL`", at: 1)
    }
    var i = 0
    var comparison: Comparison
    if first == "p" {
      guard words.count > 1, words[1] == "below" || words[1] == "above" else {
        throw fail("after `p`, write `below` or `above` and a number: p below 0.031", at: 1)
      }
      comparison = words[1] == "below" ? .below : .above
      i = 2
    } else if let c = Comparison(rawValue: first) {
      comparison = c
      i = 1
    } else {
      throw fail("a target starts with <=, <, >=, >, =, `p below`, `no` or `below LCL`, not `\(pieces[0])`", at: 0)
    }
    guard i < words.count else { throw fail("the target needs a number after `\(pieces[i - 1])`", at: i - 1) }
    var number = words[i]
    var percent = false
    if number.hasSuffix("%") {
      percent = true
      number.removeLast()
    } else if i + 1 < words.count, words[i + 1] == "%" {
      percent = true
      i += 1
    }
    guard let bound = Double(number), bound.isFinite, !number.contains(where: { $0.isLetter }) else {
      throw fail("`\(pieces[i])` is not a number", at: i)
    }
    i += 1
    var per: TimeBucket?
    if i < words.count {
      guard words[i] == "per" else {
        throw fail("after the number, only `per week` (day, month, hour) may follow", at: i)
      }
      guard i + 1 < words.count, let bucket = TimeBucket(rawValue: words[i + 1]) else {
        throw fail("`per` takes hour, day, week or month", at: i + 1)
      }
      per = bucket
      i += 2
    }
    guard i == words.count else { throw fail("unexpected `\(pieces[i])` at the end of the target", at: i) }
    return .value(comparison, bound: percent ? bound / 100 : bound, percent: percent, per: per)
  }

  /// The target's text, parsed again (it was accepted when the action was agreed).
  public static func parse(stored text: String) -> CheckTarget? {
    try? parse(text.split(whereSeparator: \.isWhitespace).map(String.init))
  }
}
