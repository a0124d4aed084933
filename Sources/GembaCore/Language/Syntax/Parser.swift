/// Turns one command's tokens into a typed `Command`, or a `Diagnostic` that
/// points at the token that is wrong and suggests what was meant.
public enum Parser {
  /// Parses a command's source text (which may span lines).
  public static func parse(_ source: String, firstLine: Int = 1) throws(Diagnostic) -> Command? {
    let tokens = try Lexer.tokenize(source, firstLine: firstLine)
    guard !tokens.isEmpty else { return nil }
    return try parse(tokens: tokens)
  }

  public static func parse(tokens: [Token]) throws(Diagnostic) -> Command {
    guard let first = tokens.first else { throw .error(.emptyCommand, "empty command") }
    // `tickets | where …` starts with an evidence name, not a verb.
    // No verb is followed directly by `|`, so evidence may be named like one (`actions | count`).
    let directPipe = tokens.count > 1 && tokens[1].kind == .pipe
    let notAVerb = CommandCatalog.spec(first.text.lowercased()) == nil
    if first.isValue && (directPipe || (notAVerb && tokens.contains { $0.kind == .pipe })) {
      return .query(try querySource(tokens))
    }
    guard first.kind == .word else {
      throw .error(
        .unknownCommand, "expected a command, found \(describe(first))", at: first.span,
        notes: ["type `help` for the list of commands"])
    }
    let verb = first.text.lowercased()
    guard let spec = CommandCatalog.spec(verb) else {
      var notes: [String] = []
      if let guess = Suggestion.nearest(to: first.text, in: CommandCatalog.verbNames) {
        notes.append("did you mean `\(guess)`?")
      }
      notes.append("type `help` for the list of commands")
      throw .error(.unknownCommand, "unknown command `\(first.text)`", at: first.span, notes: notes)
    }
    // `compare 98/584 16/136` compares two shares typed in: no evidence name follows.
    let typedShares = verb == "compare" && tokens.count > 1 && tokens[1].text.contains("/")
    if queryVerbs.contains(verb) && tokens.count > 1 && !typedShares {
      // `pareto tickets by reason` is the one-stage query `tickets | pareto by reason`.
      let name = tokens[1]
      guard name.isValue, EvidenceReference.isName(name.text) else {
        throw .error(
          .querySyntax, "expected an evidence name after `\(verb)`", at: name.span, notes: ["usage: \(spec.usage)"])
      }
      var stage = [Token(kind: .word, text: verb, span: first.span)]
      stage += tokens.dropFirst(2)
      return .query(
        QuerySource(
          evidence: Located(name.text, at: name.span), stages: [stage],
          text: pipelineText([name, Token(kind: .pipe, text: "|", span: first.span)] + stage)))
    }
    var arguments = try Arguments(spec: spec, verb: first, tokens: Array(tokens.dropFirst()))
    let command = try spec.build(&arguments)
    try arguments.finish()
    return command
  }

  /// A query pipeline: NAME | stage | stage …
  static func querySource(_ tokens: [Token]) throws(Diagnostic) -> QuerySource {
    guard let first = tokens.first, first.isValue, EvidenceReference.isName(first.text) else {
      throw .error(
        .querySyntax, "a query starts with the name of loaded evidence", at: tokens.first?.span,
        notes: ["for example: tickets | where reopened = yes | count by team"])
    }
    var stages: [[Token]] = []
    var current: [Token] = []
    var sawPipe = false
    for token in tokens.dropFirst() {
      if token.kind == .pipe {
        if sawPipe && current.isEmpty {
          throw .error(
            .querySyntax, "empty stage between two `|`", at: token.span,
            notes: ["remove one `|` or add a stage such as `count`"])
        }
        if sawPipe {
          stages.append(current)
        } else if !current.isEmpty {
          throw .error(.querySyntax, "expected `|` after the evidence name `\(first.text)`", at: current[0].span)
        }
        current = []
        sawPipe = true
      } else {
        current.append(token)
      }
    }
    guard !current.isEmpty else {
      throw .error(
        .querySyntax, "the pipeline ends with `|`", at: tokens.last?.span,
        notes: ["add a stage such as `count` after it"])
    }
    stages.append(current)
    return QuerySource(evidence: Located(first.text, at: first.span), stages: stages, text: pipelineText(tokens))
  }

  /// The pipeline as typed: tokens typed side by side stay side by side (`if(Results="Pass",`),
  /// others are one space apart, and so is every `|`; strings keep their quotes (in `derive`, `"Pass"` is text and
  /// `Pass` a column). The lexer reads the text back to the same tokens.
  static func pipelineText(_ tokens: [Token]) -> String {
    var text = ""
    var previous: Token?
    for token in tokens {
      let written: String
      switch token.kind {
      case .word, .pipe: written = token.text
      case .option: written = "--" + token.text
      case .string: written = quote(token.text, always: true)
      }
      if let previous {
        // Two strings side by side (`""` then `"x"`) would read as `"""`: a space keeps them apart.
        let glued =
          previous.span.end == token.span.start && previous.span.start != previous.span.end
          && !(previous.kind == .string && token.kind == .string) && previous.kind != .pipe && token.kind != .pipe
        if !glued { text += " " }
      }
      text += written
      previous = token
    }
    return text
  }

  /// `text` written so the lexer reads it back as one value.
  public static func quote(_ text: String, always: Bool = false) -> String {
    let needsQuotes =
      always || text.isEmpty || text.contains { $0.isWhitespace || $0 == "\"" || $0 == "|" || $0 == "\\" || $0 == "#" }
      || text.hasPrefix("--")
    guard needsQuotes else { return text }
    var out = "\""
    for c in text {
      switch c {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default: out.append(c)
      }
    }
    return out + "\""
  }

  static func describe(_ token: Token) -> String {
    switch token.kind {
    case .pipe: "`|`"
    case .option: "option `--\(token.text)`"
    case .string: "a string"
    case .word: "`\(token.text)`"
    }
  }
}
