/// Splits one command's source text into tokens.
///
/// The text may span several lines: a line ending in `\` continues, and strings
/// (`"…"` or `"""…"""`) may contain newlines. `#` starts a comment only where a
/// token could start, so `tickets#12` stays one word.
public struct Lexer {
  private let chars: [Character]
  private var index = 0
  private var line: Int
  private var column = 1

  /// - Parameter firstLine: the line number of the text's first line (batch scripts start later).
  public init(_ source: String, firstLine: Int = 1) {
    self.chars = Array(source)
    self.line = firstLine
  }

  /// All tokens of the command, or the first lexical error.
  public static func tokenize(_ source: String, firstLine: Int = 1) throws(Diagnostic) -> [Token] {
    try refuseControlCharacters(source, firstLine: firstLine)
    var lexer = Lexer(source, firstLine: firstLine)
    return try lexer.tokens()
  }

  /// A control character (ESC, BEL, C1 …) typed into a command would travel into the notebook
  /// and back out to a reviewer's terminal, where it can retitle or clear it: refused at input.
  static func refuseControlCharacters(_ source: String, firstLine: Int) throws(Diagnostic) {
    var line = firstLine, column = 1
    for scalar in source.unicodeScalars {
      if scalar == "\n" {
        line += 1
        column = 1
        continue
      }
      // Tab, carriage return, vertical tab and form feed are white space to the lexer.
      if TerminalSafety.isControl(scalar) && !["\t", "\r", "\u{0B}", "\u{0C}"].contains(scalar) {
        throw .error(
          .controlCharacter, "a control character (U+\(TerminalSafety.hex(scalar))) cannot be part of a command",
          at: SourceSpan(at: SourcePosition(line: line, column: column)),
          notes: ["it would reach every terminal the notebook is shown on; type the text without it"])
      }
      column += 1
    }
  }

  /// True when the text cannot end here: an open string, or a trailing `\`.
  /// The shell shows a continuation prompt and reads another line.
  public static func needsContinuation(_ source: String) -> Bool {
    var lexer = Lexer(source)
    do {
      _ = try lexer.tokens()
      return lexer.endsWithContinuation
    } catch {
      return lexer.endsInOpenString
    }
  }

  private var endsWithContinuation = false
  /// Set when the text ran out inside a string: more lines may close it.
  private var endsInOpenString = false

  public mutating func tokens() throws(Diagnostic) -> [Token] {
    var result: [Token] = []
    endsWithContinuation = false
    while true {
      skipBlanks()
      guard let c = peek() else { break }
      let start = position
      switch c {
      case "#":
        while let d = peek(), !Lexer.isLineEnd(d) { advance() }
      case "|":
        advance()
        result.append(Token(kind: .pipe, text: "|", span: SourceSpan(start: start, end: position)))
      case "\"":
        if peek(1) == "\"" && peek(2) == "\"" {
          result.append(try tripleQuoted(from: start))
        } else {
          result.append(try quoted(from: start))
        }
      default:
        let word = bareWord()
        let span = SourceSpan(start: start, end: position)
        if word.hasPrefix("--"), let first = word.dropFirst(2).first, first.isLetter {
          result.append(Token(kind: .option, text: String(word.dropFirst(2)), span: span))
        } else {
          result.append(Token(kind: .word, text: word, span: span))
        }
      }
    }
    return result
  }

  // MARK: - Pieces

  private var position: SourcePosition { SourcePosition(line: line, column: column) }

  private func peek(_ offset: Int = 0) -> Character? {
    index + offset < chars.count ? chars[index + offset] : nil
  }

  /// `\n`, or `\r\n` — which Swift reads as one Character, not as `\r` then `\n`.
  private static func isLineEnd(_ c: Character?) -> Bool { c == "\n" || c == "\r\n" }

  private mutating func advance() {
    if Lexer.isLineEnd(chars[index]) {
      line += 1
      column = 1
    } else {
      column += 1
    }
    index += 1
  }

  /// Skips white space (anything a bare word stops at) and `\`-newline continuations;
  /// remembers a trailing `\`.
  private mutating func skipBlanks() {
    while let c = peek() {
      if c.isWhitespace {
        advance()
      } else if c == "\\" && (peek(1) == nil || Lexer.isLineEnd(peek(1))) {
        if peek(1) == nil { endsWithContinuation = true }
        advance()
      } else {
        return
      }
    }
  }

  private mutating func bareWord() -> String {
    var word = ""
    while let c = peek(), !c.isWhitespace, c != "|", c != "\"" {
      if c == "\\", peek(1) == nil || Lexer.isLineEnd(peek(1)) { break }
      word.append(c)
      advance()
    }
    return word
  }

  private mutating func quoted(from start: SourcePosition) throws(Diagnostic) -> Token {
    advance()  // opening quote
    var text = ""
    while let c = peek() {
      if c == "\"" {
        advance()
        return Token(kind: .string, text: text, span: SourceSpan(start: start, end: position))
      }
      if c == "\\", let next = peek(1) {
        advance()
        advance()
        switch next {
        case "n": text.append("\n")
        case "t": text.append("\t")
        case "\"", "\\": text.append(next)
        default:
          text.append("\\")
          text.append(next)
        }
        continue
      }
      text.append(Lexer.isLineEnd(c) ? "\n" : c)
      advance()
    }
    endsInOpenString = true
    throw .error(
      .unterminatedString, "unterminated string", at: SourceSpan(at: start),
      notes: ["close it with a matching \" (write \\\" for a quote inside a string)"])
  }

  private mutating func tripleQuoted(from start: SourcePosition) throws(Diagnostic) -> Token {
    advance(); advance(); advance()
    // Like Swift: a newline right after the opening quotes is not part of the text.
    if Lexer.isLineEnd(peek()) { advance() }
    var text = ""
    while let c = peek() {
      if c == "\"" && peek(1) == "\"" && peek(2) == "\"" {
        advance(); advance(); advance()
        if text.hasSuffix("\n") { text.removeLast() }
        return Token(kind: .string, text: text, span: SourceSpan(start: start, end: position))
      }
      text.append(Lexer.isLineEnd(c) ? "\n" : c)
      advance()
    }
    endsInOpenString = true
    throw .error(
      .unterminatedString, "unterminated string: \"\"\" was opened here and never closed",
      at: SourceSpan(at: start, length: 3),
      notes: ["end the text with \"\"\" on a line of its own"])
  }
}
