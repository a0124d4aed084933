extension Completer {
  /// After `|`: a stage word, then what that stage's `StageSpec` says each position takes.
  /// - Parameter evidence: the evidence the pipeline starts from (whose columns are offered).
  func stageOffer(_ stage: [CompletionScan.Word], evidence: String?, scan: CompletionScan) -> Offer {
    guard let first = stage.first else { return .words(Self.stageWords) }
    guard let spec = StageCatalog.spec(first.text.lowercased()) else { return .nothing }
    let arguments = Array(stage.dropFirst())
    let used = Set(arguments.filter { $0.kind == .option }.map(\.text))
    let options = spec.options
    return argumentOffer(options: options, arguments: arguments, scan: scan, evidence: evidence) { _, positionals in
      // `team, channel`, `team,channel` and `team , channel` are the same list.
      let words = positionals.flatMap { $0.split(separator: ",").map(String.init) }
      let walk = StageWalk(spec.arguments, words: words)
      if walk.next.isEmpty {
        return walk.mayEnd ? .words(spec.options.filter { !used.contains($0.name) }.map { "--" + $0.name }) : .nothing
      }
      let offered = walk.next.flatMap { stageWords(for: $0, evidence: evidence) }
      // Inside `days(Clo` or `team,cha`, complete the part after the last separator.
      let separators = walk.next.reduce(into: Set<Character>()) { $0.formUnion(Self.separators(before: $1.argument)) }
      if !scan.isQuoted, let cut = scan.partial.lastIndex(where: { separators.contains($0) }) {
        return .wordsAfter(String(scan.partial[...cut]), offered)
      }
      return .words(offered)
    }
  }

  /// What may stand glued before a word of this kind: a comma in a column list, a bracket or
  /// an operator in an expression.
  static func separators(before argument: StageArgument) -> Set<Character> {
    switch argument {
    case .column, .columns: [","]
    case .expression: ["(", ")", ",", "+", "-", "*", "/", "=", "<", ">", "!"]
    case .joinedColumn, .keyword, .choice, .evidence, .comparison, .value, .free, .optional, .repeated, .either: []
    }
  }

  /// The words one stage argument offers.
  func stageWords(for next: StageWalk.Next, evidence: String?) -> [String] {
    switch next.argument {
    case .column, .columns: context.columns(of: evidence)
    case .joinedColumn: context.columns(of: next.reading.other)
    case .keyword(let keyword): [keyword]
    case .choice(let choices): choices
    case .evidence: context.evidence
    case .comparison: ComparisonOperator.allCases.map(\.rawValue)
    case .value:
      // `where Status = ‸`: the column's values as the file writes them (`Cancelled`, not `cancelled`).
      if let evidence, let column = next.reading.column, let values = context.values {
        values(evidence, column)
      } else {
        []
      }
    case .expression: context.columns(of: evidence) + DeriveFunction.arity.keys.sorted().map { $0 + "(" }
    case .free, .optional, .repeated, .either: []
    }
  }

  // MARK: - From an offer to candidates

  /// Keeps what starts with the typed text, quotes what needs it, lists files.
  func resolve(_ offer: Offer, _ scan: CompletionScan) -> Completion {
    var seen: Set<String> = []
    let matches: [String]
    switch offer {
    case .words(let words):
      let typed = scan.partial.lowercased()
      matches = words.filter { $0.lowercased().hasPrefix(typed) && seen.insert($0).inserted }
    case .wordsAfter(let head, let words):
      var rest = scan
      rest.partial = String(scan.partial.dropFirst(head.count))
      rest.replaceFrom += head.utf8.count
      return resolve(.words(words), rest)
    case .paths:
      matches = paths(matching: scan.partial).filter { seen.insert($0).inserted }
    }
    let quoted = matches.map { word in
      scan.isQuoted || word.hasPrefix("--") ? word : Parser.quote(word)
    }
    let continues = matches.count == 1 && matches[0].hasSuffix("/")
    if continues && !scan.isQuoted && quoted[0] != matches[0] {
      // `"my folder/"` would close the string: leave it open so Tab can go on inside.
      return Completion(replaceFrom: scan.replaceFrom, candidates: [String(quoted[0].dropLast())], continues: true)
    }
    return Completion(replaceFrom: scan.replaceFrom, candidates: quoted, continues: continues)
  }

  /// Entries of the typed folder that start with the typed name; hidden ones only when asked for.
  func paths(matching typed: String) -> [String] {
    let folder = typed.lastIndex(of: "/").map { String(typed[...$0]) } ?? ""
    let name = String(typed.dropFirst(folder.count))
    return listDirectory(folder)
      .filter { $0.hasPrefix(name) && (name.hasPrefix(".") || !$0.hasPrefix(".")) }
      .sorted()
      .map { folder + $0 }
  }
}
