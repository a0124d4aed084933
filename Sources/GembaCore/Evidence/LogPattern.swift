/// A custom log layout (`--pattern`): a regular expression whose named groups become columns.
///
/// Swift's `Regex` backtracks, so what it may run on untrusted lines is bounded before it runs:
/// patterns with nested quantifiers (`(a+)+`), backreferences or more than four unbounded
/// quantifiers are refused, and lines longer than `lineLimit` are not matched (they are listed).
struct LogPattern {
  let regex: Regex<AnyRegexOutput>
  let names: [String]

  static let lineLimit = 8 << 10

  init(_ pattern: String) throws(DatePatternError) {
    if let problem = Self.problem(in: pattern) { throw DatePatternError(layout: pattern, reason: problem) }
    do {
      regex = try Regex(pattern)
    } catch {
      throw DatePatternError(layout: pattern, reason: "it is not a valid regular expression (\(error))")
    }
    names = Self.groupNames(pattern)
  }

  /// Why a pattern may not run on untrusted lines, or nil when it may.
  static func problem(in pattern: String) -> String? {
    let names = groupNames(pattern)
    if names.isEmpty { return "it has no named group; write (?<name>…) for each column" }
    if Set(names).count != names.count { return "two groups have the same name" }
    let chars = Array(pattern)
    var depthHasQuantifier: [Bool] = [false]
    var unbounded = 0
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == "\\" {
        if i + 1 < chars.count, chars[i + 1].isNumber || chars[i + 1] == "k" { return "backreferences are not allowed (they can take exponential time)" }
        i += 2
        continue
      }
      if c == "[" {  // skip a class
        i += 1
        while i < chars.count && chars[i] != "]" { i += chars[i] == "\\" ? 2 : 1 }
      } else if c == "(" {
        depthHasQuantifier.append(false)
      } else if c == ")" {
        let inner = depthHasQuantifier.popLast() ?? false
        if depthHasQuantifier.isEmpty { return "its parentheses do not balance" }
        let next = i + 1 < chars.count ? chars[i + 1] : " "
        if next == "*" || next == "+" || next == "{" {
          if inner { return "a repeated group contains a repetition, like (a+)+, which can take exponential time" }
          depthHasQuantifier[depthHasQuantifier.count - 1] = true
        }
        if inner { depthHasQuantifier[depthHasQuantifier.count - 1] = true }
      } else if c == "*" || c == "+" {
        unbounded += 1
        depthHasQuantifier[depthHasQuantifier.count - 1] = true
      }
      i += 1
    }
    if unbounded > 6 { return "it has more than 6 unbounded repetitions (* or +); anchor fields with literal text instead" }
    return nil
  }

  /// `(?<name>` and `(?<name>` groups, in order.
  static func groupNames(_ pattern: String) -> [String] {
    var names: [String] = []
    let chars = Array(pattern)
    var i = 0
    while i + 3 < chars.count {
      if chars[i] == "\\" { i += 2; continue }
      if chars[i] == "(" && chars[i + 1] == "?" {
        var j = i + 2
        if j < chars.count && chars[j] == "P" { j += 1 }
        if j < chars.count && chars[j] == "<" && j + 1 < chars.count && chars[j + 1] != "=" && chars[j + 1] != "!" {
          var k = j + 1
          var name = ""
          while k < chars.count && chars[k] != ">" { name.append(chars[k]); k += 1 }
          names.append(name)
        }
      }
      i += 1
    }
    return names
  }
}
