/// A partly typed command read up to the cursor, leniently, for Tab completion.
///
/// Unlike the `Lexer`, an open string or a half-typed option is not an error:
/// it is the word being completed. `cause "Physical ev‸` reads as the word
/// `cause` and the partial `Physical ev`, quoted, starting after the quote.
struct CompletionScan: Equatable {
  /// A whole word before the one under the cursor: its kind as the lexer would see it
  /// and its value (the option's name without dashes, the string unquoted).
  struct Word: Equatable {
    var kind: Token.Kind
    var text: String
  }
  /// The whole words before the one under the cursor.
  var words: [Word]
  /// The text of the word under the cursor so far (unquoted, unescaped); empty after a blank.
  var partial: String
  /// UTF-8 offset in the text where the replaced part starts.
  var replaceFrom: Int
  /// The partial word is inside an open `"` string.
  var isQuoted: Bool

  /// Reads `text` (only its part before the cursor matters); nil where nothing can be
  /// completed: inside a comment, a `"""` text, or right after a closed string.
  init?(_ text: Substring) {
    let chars = Array(text)
    var words: [Word] = []
    var i = 0
    var offset = 0
    func advance() {
      offset += chars[i].utf8.count
      i += 1
    }
    while true {
      while i < chars.count,
        chars[i].isWhitespace || (chars[i] == "\\" && (i + 1 == chars.count || chars[i + 1] == "\n"))
      {
        advance()
      }
      guard i < chars.count else { break }
      switch chars[i] {
      case "#":
        while i < chars.count, chars[i] != "\n" { advance() }
        if i == chars.count { return nil }
      case "|":
        advance()
        words.append(Word(kind: .pipe, text: "|"))
      case "\"":
        if i + 2 < chars.count, chars[i + 1] == "\"", chars[i + 2] == "\"" {
          advance(); advance(); advance()
          guard let close = Self.find("\"\"\"", in: chars, from: i) else { return nil }
          while i < close + 3 { advance() }
          if i == chars.count { return nil }
          words.append(Word(kind: .string, text: ""))
          continue
        }
        advance()
        let start = offset
        var value = ""
        var closed = false
        while i < chars.count {
          let c = chars[i]
          advance()
          if c == "\"" { closed = true; break }
          if c == "\\", i < chars.count {
            value.append(chars[i] == "n" ? "\n" : chars[i])
            advance()
          } else {
            value.append(c)
          }
        }
        if !closed {
          self.init(words: words, partial: value, replaceFrom: start, isQuoted: true)
          return
        }
        if i == chars.count { return nil }
        words.append(Word(kind: .string, text: value))
      default:
        let start = offset
        var word = ""
        while i < chars.count, !chars[i].isWhitespace, chars[i] != "|", chars[i] != "\"" {
          if chars[i] == "\\", i + 1 == chars.count || chars[i + 1] == "\n" { break }
          word.append(chars[i])
          advance()
        }
        if i == chars.count {
          self.init(words: words, partial: word, replaceFrom: start, isQuoted: false)
          return
        }
        if word.hasPrefix("--"), let first = word.dropFirst(2).first, first.isLetter {
          words.append(Word(kind: .option, text: String(word.dropFirst(2))))
        } else {
          words.append(Word(kind: .word, text: word))
        }
      }
    }
    self.init(words: words, partial: "", replaceFrom: offset, isQuoted: false)
  }

  init(words: [Word], partial: String, replaceFrom: Int, isQuoted: Bool) {
    self.words = words
    self.partial = partial
    self.replaceFrom = replaceFrom
    self.isQuoted = isQuoted
  }

  private static func find(_ needle: String, in chars: [Character], from start: Int) -> Int? {
    let n = Array(needle)
    guard chars.count >= n.count else { return nil }
    var i = start
    while i + n.count <= chars.count {
      if Array(chars[i..<(i + n.count)]) == n { return i }
      i += 1
    }
    return nil
  }
}
