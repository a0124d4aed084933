extension Completer {
  /// After `|`: a stage word, then what that stage takes — mostly the columns of
  /// the evidence the pipeline starts from.
  func stageOffer(_ stage: [CompletionScan.Word], evidence: String?, scan: CompletionScan) -> Offer {
    guard let first = stage.first else { return .words(Self.stageWords) }
    let stageWord = first.text.lowercased()
    let columns = context.columns(of: evidence)
    let arguments = Array(stage.dropFirst())
    // Chart stages share their options with the chart verbs (`pareto … --sum COL`).
    if let spec = CommandCatalog.spec(stageWord), !spec.options.isEmpty {
      if scan.partial.hasPrefix("-") || arguments.contains(where: { $0.kind == .option }) {
        return argumentOffer(spec: spec, arguments: arguments, scan: scan, evidence: evidence) { index, _ in
          chartStageOffer(stageWord, index: index, columns: columns)
        }
      }
    }
    let texts = arguments.map { $0.text.lowercased() }
    switch stageWord {
    case "where":
      // where COL OP VALUE [and|or COL OP VALUE]…
      let clause = texts.lastIndex { $0 == "and" || $0 == "or" }.map { texts.count - $0 - 1 } ?? texts.count
      if clause == 0 { return .words(columns) }
      if clause == 2, let evidence, let values = context.values {
        // where COL = <Tab>: the column's values as the file writes them (`Cancelled`, not `cancelled`).
        return .words(values(evidence, arguments[arguments.count - 2].text))
      }
      return clause >= 3 ? .words(["and", "or"]) : .nothing
    case "count":
      if texts.isEmpty { return .words(["by"]) }
      return texts.contains("by") ? .words(columns) : .nothing
    case "sort":
      switch texts.count {
      case 0: return .words(columns)
      case 1: return .words(["desc"])
      default: return .nothing
      }
    case "select":
      return .words(columns)
    default:
      return chartStageOffer(stageWord, index: texts.count, columns: columns)
    }
  }

  /// `pareto by COL`, `histogram COL`, `timeline COL`, `spc COL`.
  func chartStageOffer(_ stageWord: String, index: Int, columns: [String]) -> Offer {
    switch (stageWord, index) {
    case ("pareto", 0): .words(["by"])
    case ("pareto", 1), ("histogram", 0), ("timeline", 0), ("spc", 0), ("capability", 0), ("compare", 0): .words(columns)
    default: .nothing
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
