/// One lexical unit of a command line.
public struct Token: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    /// A bare word: anything up to white space, `|`, or a quote.
    case word
    /// A `"double quoted"` or `"""triple quoted"""` string; `text` holds the unescaped value.
    case string
    /// `--name`; `text` holds the name without the dashes.
    case option
    /// `|`, the query pipeline separator.
    case pipe
  }
  public var kind: Kind
  /// The token's value: the word, the unescaped string, or the option name.
  public var text: String
  public var span: SourceSpan
  public init(kind: Kind, text: String, span: SourceSpan) {
    self.kind = kind
    self.text = text
    self.span = span
  }
  /// True for words and strings: things that carry a value rather than syntax.
  public var isValue: Bool { kind == .word || kind == .string }
}
