/// What Tab offers for the word under the cursor.
public struct Completion: Equatable, Sendable {
  /// UTF-8 offset in the text where the replaced part starts (after an open `"`).
  public var replaceFrom: Int
  /// Replacements for the text from `replaceFrom` to the cursor, in the order to show them.
  public var candidates: [String]
  /// The only candidate is a folder (`evidence/`): no space after it, the string stays open.
  public var continues: Bool

  public init(replaceFrom: Int, candidates: [String], continues: Bool = false) {
    self.replaceFrom = replaceFrom
    self.candidates = candidates
    self.continues = continues
  }
}

/// Tab completion for the command language, pure: the line, the cursor and a
/// `CompletionContext` in, candidates out. Files are listed through a closure.
///
///     problem / pro‸       → problem, process
///     confirm C‸           → C1, C1.1, C2
///     action F1 x --re‸    → --review
///     tickets | where re‸  → reason, reopened
public struct Completer {
  /// What ends a word for readline; `"` opens a quoted word (see `quoteCharacters`).
  public static let wordBreakCharacters = " \t\n|"
  public static let quoteCharacters = "\""
  /// The stages a query pipeline offers after `|`.
  public static var stageWords: [String] { StageCatalog.names }
  static let metrics = ["dpmo", "fpy", "rty", "coq"]

  public var context: CompletionContext
  /// The entries of a folder as typed (`""` is the notebook's folder, `evidence/` a
  /// folder in it); folders end in `/`.
  public var listDirectory: (String) -> [String]

  public init(context: CompletionContext, listDirectory: @escaping (String) -> [String] = { _ in [] }) {
    self.context = context
    self.listDirectory = listDirectory
  }

  /// What is offered between a candidate list and a file listing.
  enum Offer {
    case words([String])
    /// Words for the part of the typed word after `head` (`days(` in `days(Clo`).
    case wordsAfter(String, [String])
    case paths
    static let nothing = Offer.words([])
  }

  /// The candidates for the word that ends at `cursor` (a UTF-8 offset; the end of `text` when nil).
  public func complete(_ text: String, cursor: Int? = nil) -> Completion {
    let cursor = min(cursor ?? text.utf8.count, text.utf8.count)
    let before = String(decoding: text.utf8.prefix(cursor), as: UTF8.self)
    guard let scan = CompletionScan(before[...]) else { return Completion(replaceFrom: cursor, candidates: []) }
    return resolve(offer(for: scan), scan)
  }

  // MARK: - What the position asks for

  func offer(for scan: CompletionScan) -> Offer {
    let words = scan.words
    guard let first = words.first else {
      return .words(CommandCatalog.verbNames.sorted() + context.evidence)
    }
    if let pipe = words.firstIndex(where: { $0.kind == .pipe }) {
      let evidence = pipe > 0 ? words[pipe - 1].text : nil
      let lastPipe = words.lastIndex { $0.kind == .pipe }!
      return stageOffer(Array(words[(lastPipe + 1)...]), evidence: evidence, scan: scan)
    }
    guard first.kind == .word, let spec = CommandCatalog.spec(first.text.lowercased()) else { return .nothing }
    if Parser.queryVerbs.contains(spec.name), let name = words.dropFirst().first {
      // `pareto tickets by reason` is the query `tickets | pareto by reason`: the same stage, completed alike.
      return stageOffer([first] + words.dropFirst(2), evidence: name.text, scan: scan)
    }
    return argumentOffer(options: spec.options, arguments: Array(words.dropFirst()), scan: scan) { index, _ in
      positionalOffer(verb: spec.name, index: index)
    }
  }

  /// Options, option values and positionals of one verb (or one query stage).
  /// - Parameter evidence: whose columns a column option takes; the first positional when nil.
  func argumentOffer(
    options: [OptionSpec], arguments: [CompletionScan.Word], scan: CompletionScan, evidence: String? = nil,
    positional: (Int, [String]) -> Offer
  ) -> Offer {
    if scan.partial.hasPrefix("-"), !scan.isQuoted {
      let used = Set(arguments.filter { $0.kind == .option }.map(\.text))
      return .words(options.filter { !used.contains($0.name) }.map { "--" + $0.name })
    }
    var positionals: [String] = []
    var open: OptionSpec?
    var taken = 0
    for word in arguments {
      if word.kind == .option {
        open = options.first { $0.name == word.text } ?? OptionSpec(word.text, .flag)
        taken = 0
        continue
      }
      if let option = open {
        switch option.arity {
        case .text, .list:
          taken += 1
          continue
        case .single where taken == 0:
          taken = 1
          continue
        case .single, .flag:
          open = nil
        }
      }
      positionals.append(word.text)
    }
    if let option = open {
      switch option.arity {
      case .list: return valueOffer(option.value, evidence: evidence ?? positionals.first, scan: scan)
      case .single where taken == 0:
        return valueOffer(option.value, evidence: evidence ?? positionals.first, scan: scan)
      case .text: return .nothing
      case .single, .flag: break
      }
    }
    return positional(positionals.count, positionals)
  }

  /// The value of an option, by what kind of value it takes.
  func valueOffer(_ kind: OptionSpec.ValueKind, evidence: String?, scan: CompletionScan) -> Offer {
    switch kind {
    case .free, .date: return .nothing
    case .path: return .paths
    case .evidence: return .words(context.evidence)
    case .column: return .words(context.columns(of: evidence))
    case .choice(let choices): return .words(choices)
    case .id(let kind):
      // `--step S2>S‸`: a handoff; complete the step after `>`.
      if kind == .step, let arrow = scan.partial.lastIndex(of: ">") {
        let head = String(scan.partial[...arrow])
        return .words(context.ids(.step).map { head + $0 })
      }
      return .words(context.ids(kind))
    }
  }

  /// The verb's bare arguments: the first id of `confirm`, the path of `load`, …
  func positionalOffer(verb: String, index: Int) -> Offer {
    switch (verb, index) {
    case ("confirm", 0), ("rule-out", 0), ("root", 0), ("unroot", 0): .words(context.ids(.why, .cause))
    case ("amend", 0): .words(context.ids(.why, .cause, .finding, .action))
    case ("action", 0): .words(context.ids(.finding))
    case ("done", 0), ("effective", 0), ("not-effective", 0): .words(context.ids(.action))
    case ("why", 0): .words(context.ids(.why))
    case ("cause", 0): .words(context.categories + context.ids(.cause))
    case ("cite", 0): .words(context.ids(.why, .cause, .finding))
    case ("cite", _): .words(context.evidence)
    case ("load", 0), ("run", 0), ("save", 0), ("export", 1): .paths
    case ("load", 1): .words(["as"])
    case ("export", 0): .words(ExportFormat.names)
    case ("width", 0): .words(DisplayWidth.words)
    case ("help", 0): .words(CommandCatalog.verbNames.sorted())
    case ("metric", 0): .words(Self.metrics)
    // The query verbs (`pareto NAME …`) go on as their stage once NAME is typed.
    case ("show", 0), ("grep", 0), ("pareto", 0), ("histogram", 0), ("timeline", 0), ("spc", 0), ("compare", 0),
      ("capability", 0):
      .words(context.evidence)
    default: .nothing
    }
  }
}
