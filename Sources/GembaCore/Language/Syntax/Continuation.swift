/// Whether a command typed line by line is complete: the lexer's rules for strings, comments
/// and a trailing `\`, kept as a state that each new line advances, so reading a command of
/// N lines costs N lines of work (re-lexing the whole command at each line cost N²: a pasted
/// 2,000-line note took seconds).
public struct Continuation: Sendable {
  enum State: Sendable, Equatable {
    case code
    /// Inside `"…"`; `escaped` when the last character was a `\`.
    case string(escaped: Bool)
    /// Inside `"""…"""`.
    case triple
  }
  private(set) var state = State.code
  private var trailingBackslash = false
  private var lines = 0

  public init() {}

  /// True when the text so far cannot end here: an open string, or a trailing `\`.
  public var needsMore: Bool { state != .code || trailingBackslash }

  /// Advances over one more line (without its line break).
  public mutating func feed(_ line: String) {
    if lines > 0, case .string(escaped: true) = state { state = .string(escaped: false) }  // `\` escaped the line break
    lines += 1
    trailingBackslash = false
    let chars = Array(line)
    var i = 0
    var tokenStart = true
    while i < chars.count {
      let c = chars[i]
      switch state {
      case .triple:
        if c == "\"", i + 2 < chars.count, chars[i + 1] == "\"", chars[i + 2] == "\"" {
          state = .code
          tokenStart = true
          i += 3
          continue
        }
      case .string(let escaped):
        if escaped {
          state = .string(escaped: false)
        } else if c == "\\" {
          state = .string(escaped: true)
        } else if c == "\"" {
          state = .code
          tokenStart = true
        }
      case .code:
        if c.isWhitespace || c == "|" {
          tokenStart = true
        } else if c == "\"" {
          if i + 2 < chars.count, chars[i + 1] == "\"", chars[i + 2] == "\"" {
            state = .triple
            i += 3
            continue
          }
          state = .string(escaped: false)
        } else if c == "#" && tokenStart {
          return  // a comment runs to the end of the line
        } else if c == "\\" && i == chars.count - 1 {
          trailingBackslash = true
        } else {
          tokenStart = false
        }
      }
      i += 1
    }
  }
}
