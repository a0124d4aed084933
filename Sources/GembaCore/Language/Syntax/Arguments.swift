/// A verb's arguments, split into positional values and options, consumed by the
/// verb's builder. Anything left over when the builder is done is an error.
struct Arguments {
  let spec: VerbSpec
  let verb: Token
  private(set) var positionals: [Token]
  private var options: [String: (name: Token, values: [Token])] = [:]
  private var used: Set<String> = []
  /// The last positional taken, so a missing argument is reported just after it.
  private var lastTaken: Token?

  init(spec: VerbSpec, verb: Token, tokens: [Token]) throws(Diagnostic) {
    self.spec = spec
    self.verb = verb
    var positionals: [Token] = []
    var i = 0
    while i < tokens.count {
      let token = tokens[i]
      i += 1
      switch token.kind {
      case .pipe:
        // A pipe after `cite ID` or `--evidence` belongs to a query: keep it positional.
        positionals.append(token)
      case .word, .string:
        positionals.append(token)
      case .option:
        // After a pipe, an option this verb does not have belongs to the query
        // (`cite C1 defects | spc picked_at --by week`); the verb's own options end it.
        if positionals.contains(where: { $0.kind == .pipe }), spec.option(named: token.text) == nil {
          positionals.append(token)
          continue
        }
        guard let option = spec.option(named: token.text) else {
          var notes: [String] = []
          if let guess = Suggestion.nearest(to: token.text, in: spec.options.map(\.name)) {
            notes.append("did you mean `--\(guess)`?")
          }
          notes.append(spec.options.isEmpty ? "`\(spec.name)` takes no options" : "usage: \(spec.usage)")
          throw .error(.unknownOption, "`\(spec.name)` has no option `--\(token.text)`", at: token.span, notes: notes)
        }
        if options[option.name] != nil {
          throw .error(.repeatedOption, "option `--\(option.name)` given twice", at: token.span)
        }
        var values: [Token] = []
        switch option.arity {
        case .flag:
          break
        case .single:
          if i < tokens.count, tokens[i].isValue {
            values.append(tokens[i])
            i += 1
          }
        case .text, .list:
          while i < tokens.count,
            tokens[i].kind != .option
              || (values.contains(where: { $0.kind == .pipe }) && spec.option(named: tokens[i].text) == nil)
          {
            values.append(tokens[i])
            i += 1
          }
        }
        if option.arity != .flag && values.isEmpty {
          throw .error(
            .missingArgument, "option `--\(option.name)` needs a value (\(option.hint))", at: token.span,
            notes: ["usage: \(spec.usage)"])
        }
        options[option.name] = (token, values)
      }
    }
    self.positionals = positionals
  }

  // MARK: Positionals

  var hasPositionals: Bool { !positionals.isEmpty }

  /// The next positional value, or an error saying what was expected.
  mutating func take(_ what: String) throws(Diagnostic) -> Token {
    guard let token = positionals.first else { throw missing(what) }
    guard token.isValue else {
      throw .error(.unexpectedToken, "expected \(what), found \(Parser.describe(token))", at: token.span)
    }
    positionals.removeFirst()
    lastTaken = token
    return token
  }

  mutating func takeID(_ kinds: [ItemID.Kind], _ what: String) throws(Diagnostic) -> Located<ItemID> {
    let token = try take(what)
    return try Arguments.id(token, kinds, what)
  }

  static func id(_ token: Token, _ kinds: [ItemID.Kind], _ what: String) throws(Diagnostic) -> Located<ItemID> {
    guard let id = ItemID(token.text), kinds.contains(id.kind) else {
      if let problem = ItemID.problem(with: token.text) {
        throw .error(.invalidID, problem, at: token.span, notes: ["expected \(what)"])
      }
      throw .error(.invalidID, "expected \(what), found \(Parser.describe(token))", at: token.span)
    }
    return Located(id, at: token.span)
  }

  /// All remaining positionals as one text: a single string as is, words joined by spaces.
  mutating func takeText(_ what: String) throws(Diagnostic) -> String {
    let span = positionals.first.map { $0.span.through(positionals.last!.span) }
    guard let text = try takeOptionalText() else { throw missing(what) }
    guard text.contains(where: { !$0.isWhitespace }) else {
      throw .error(
        .missingArgument, "`\(spec.name)` needs \(what), and this text is empty", at: span,
        notes: ["usage: \(spec.usage)"])
    }
    return text
  }

  mutating func takeOptionalText() throws(Diagnostic) -> String? {
    guard !positionals.isEmpty else { return nil }
    if let pipe = positionals.first(where: { $0.kind == .pipe }) {
      throw .error(.unexpectedToken, "unexpected `|` here", at: pipe.span, notes: ["quote text that contains `|`"])
    }
    defer { positionals.removeAll() }
    return Arguments.join(positionals)
  }

  /// Drops the remaining positionals (for verbs that read them as a whole).
  mutating func takeAllTokens() { positionals.removeAll() }

  /// A text made of several tokens keeps the quotes of a quoted part, so
  /// `--because agents read "ask Elena"` stores what was typed; a single quoted
  /// string is its value.
  static func join(_ tokens: [Token]) -> String {
    guard tokens.count > 1 else { return tokens.first?.text ?? "" }
    return tokens.map { $0.kind == .string ? "\"" + $0.text + "\"" : $0.text }.joined(separator: " ")
  }

  func missing(_ what: String) -> Diagnostic {
    let end = SourceSpan(at: (positionals.last ?? lastTaken ?? verb).span.end)
    return .error(
      .missingArgument, "`\(spec.name)` needs \(what)", at: end,
      notes: ["usage: \(spec.usage)", "example: \(spec.example)"])
  }

  // MARK: Options

  mutating func option(_ name: String) -> (name: Token, values: [Token])? {
    used.insert(name)
    return options[name]
  }

  mutating func text(_ name: String) -> String? {
    option(name).map { Arguments.join($0.values) }
  }

  mutating func single(_ name: String) -> Token? {
    option(name)?.values.first
  }

  mutating func flag(_ name: String) -> Bool { option(name) != nil }

  /// Anything not consumed by the builder is reported, at its position.
  func finish() throws(Diagnostic) {
    if let extra = positionals.first {
      let what = extra.kind == .string ? "text \"\(extra.text)\"" : Parser.describe(extra)
      throw .error(
        .unexpectedToken, "unexpected \(what) after `\(spec.name)`", at: extra.span,
        notes: ["usage: \(spec.usage)", "quote text with spaces: \"like this\""])
    }
    for name in options.keys.sorted() where !used.contains(name) {
      if let option = options[name] {
        throw .error(
          .optionNotApplicable, "`\(spec.name)` does not use `--\(name)` here", at: option.name.span,
          notes: ["usage: \(spec.usage)"])
      }
    }
  }
}
