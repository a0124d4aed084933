import Testing
@testable import GembaCore

/// Tab inside a query stage: every stage of `StageCatalog` completes from its declaration.
@Suite struct StageCompletionTests {
  static let columns = CompleterTests.columns
  static let operators = ["=", "!=", "<", "<=", ">", ">=", "~", "!~"]
  /// The sample context with a second table to join.
  static let context: CompletionContext = {
    var context = CompletionContext.sample
    context.evidence.append("agents")
    context.columns["agents"] = ["agent", "site"]
    return context
  }()

  /// At least one row per stage (`everyStageHasARow` checks it): what Tab offers at the end of the line.
  static let rows: [(String, [String])] = [
    ("tickets | where ", columns),
    ("tickets | where reopened ", operators),
    ("tickets | where reopened = yes ", ["and", "or"]),
    ("tickets | where reopened = yes or t", ["team"]),
    ("tickets | where team = a --", ["--ignore-case"]),
    ("tickets | count ", ["by"]),
    ("tickets | count by ", columns),
    ("tickets | count by team, ", columns),
    ("tickets | count by \"ref", ["refund amount"]),
    ("tickets | count by team, reason --", ["--percent"]),
    ("tickets | count by team, reason --percent ", ["row", "col"]),
    ("tickets | sort ", columns),
    ("tickets | sort team ", ["desc", "asc"]),
    ("tickets | sort team desc ", []),
    ("tickets | top ", []),
    ("tickets | select team, r", ["reason", "reopened", "\"refund amount\""]),
    ("tickets | grep --", ["--ignore-case"]),
    ("tickets | grep timeout ", ["--ignore-case"]),
    ("tickets | limit ", []),
    ("tickets | pareto ", ["by"]),
    ("tickets | pareto by ", columns),
    ("tickets | pareto by reason ", ["--sum"]),
    ("tickets | pareto by reason --sum h", ["handle_minutes"]),
    ("tickets | histogram ", columns),
    ("tickets | histogram handle_minutes ", ["--bins"]),
    ("tickets | histogram handle_minutes --bins ", []),
    ("tickets | timeline opened_at ", ["--every", "--span"]),
    ("tickets | timeline opened_at --every ", ["hour", "day", "week", "month"]),
    ("tickets | timeline opened_at --every w", ["week"]),
    ("tickets | timeline opened_at --span ", ["rows", "evidence"]),
    ("tickets | spc ", columns),
    ("tickets | spc handle_minutes --chart ", ChartKind.allCases.map(\.rawValue)),
    ("tickets | spc handle_minutes --chart p --n ", columns),
    ("tickets | spc handle_minutes --subgroup ", columns),
    ("tickets | spc handle_minutes --by ", ["hour", "day", "week", "month"]),
    ("tickets | spc handle_minutes --rules ", ["we", "nelson"]),
    ("tickets | spc handle_minutes --split 2026-10-01 ", []),
    ("tickets | compare ", columns),
    ("tickets | compare reopened ", ["by"] + operators),
    ("tickets | compare reopened = yes ", ["and", "or", "by"]),
    ("tickets | compare reopened = yes by ", columns),
    ("tickets | compare handle_minutes by t", ["team"]),
    ("tickets | capability ", columns),
    ("tickets | capability handle_minutes --", ["--lsl", "--usl", "--target", "--subgroup", "--size"]),
    ("tickets | capability handle_minutes --lsl 1 --subgroup ", columns),
    ("tickets | derive ", []),
    ("tickets | derive wait ", ["="]),
    ("tickets | derive wait = da", ["days("]),
    ("tickets | derive wait = days(op", ["opened_at"]),
    ("tickets | derive wait = hours(opened_at - h", ["handle_minutes", "hour(", "hours("]),
    ("tickets | extract ", columns),
    ("tickets | extract reason ", []),
    ("tickets | extract reason \"(x+)\" ", ["as"]),
    ("tickets | extract reason \"(x+)\" as ", []),
    ("tickets | join ", ["tickets", "applog", "agents"]),
    ("tickets | join agents ", ["on"]),
    ("tickets | join agents on ", columns),
    ("tickets | join agents on team ", ["="]),
    ("tickets | join agents on team = ", ["agent", "site"]),
    ("tickets | join agents on team = agent ", ["--left"]),
    ("tickets | join agents on team --", ["--left"]),
    ("tickets | distinct ", columns),
    ("tickets | distinct team ", columns),
    ("tickets | distinct team,r", ["reason", "reopened", "\"refund amount\""]),
    ("tickets | sum ", columns),
    ("tickets | sum handle_minutes ", ["by"]),
    ("tickets | avg handle_minutes by ", columns),
    ("tickets | median handle_minutes ", ["by"]),
    ("tickets | p90 handle_minutes by team, ", columns),
    ("tickets | p90 handle_minutes by team x ", columns),
  ]

  @Test(arguments: rows)
  func offers(_ input: String, expected: [String]) {
    #expect(complete(input, context: Self.context).candidates == expected)
  }

  /// A stage added to the catalog without a row here fails: its completion is then untested.
  @Test func everyStageHasARow() {
    let covered = Set(
      Self.rows.map { row in
        row.0.split(separator: "|").last!.split(separator: " ").first.map(String.init) ?? ""
      })
    #expect(Set(StageCatalog.names).subtracting(covered).isEmpty, "stages with no completion row")
  }

  /// The part after a comma or a bracket is what Tab replaces.
  @Test(
    arguments: [
      ("tickets | count by team,re", 24),
      ("tickets | derive wait = days(op", 29),
      ("tickets | derive wait = hours(opened_at - h", 42),
    ] as [(String, Int)])
  func replacesThePartAfterTheSeparator(_ input: String, offset: Int) {
    #expect(complete(input, context: Self.context).replaceFrom == offset)
  }

  /// `pareto NAME …` is the stage `NAME | pareto …`, and completes alike.
  @Test(
    arguments: [
      ("grep ", ["tickets", "applog", "agents"]),
      ("grep tickets --", ["--ignore-case"]),
      ("compare tickets reopened = yes ", ["and", "or", "by"]),
      ("capability tickets handle_minutes --s", ["--subgroup", "--size"]),
      ("timeline tickets opened_at --span ", ["rows", "evidence"]),
      ("spc tickets handle_minutes --chart x", ["xbar-r", "xbar-s"]),
    ] as [(String, [String])])
  func queryVerbsCompleteAsTheirStage(_ input: String, expected: [String]) {
    #expect(complete(input, context: Self.context).candidates == expected)
  }

  /// Every stage's example, typed word by word: each word is one Tab offers at its place, or
  /// the stage declares something there Tab cannot guess (a number, a pattern, a new name).
  /// A stage whose declaration does not read its own example fails here.
  @Test(arguments: StageCatalog.stages.map(\.name))
  func theExampleIsReadByTheDeclaration(_ name: String) throws {
    let spec = try #require(StageCatalog.spec(name))
    let all = try #require(CompletionScan(Substring(spec.example + " "))).words
    let lastPipe = try #require(all.lastIndex { $0.kind == .pipe })
    // Every word of the example is evidence, a column and a value here, so an offer that fits
    // the example's word contains it.
    let names = all.filter { $0.kind == .word || $0.kind == .string }
      .flatMap { $0.text.split(separator: ",").map(String.init) }
    let context = CompletionContext(
      evidence: names, columns: Dictionary(names.map { ($0, names) }, uniquingKeysWith: { a, _ in a }),
      values: { _, _ in names })
    var positionals: [String] = []
    var open: OptionSpec?
    for k in (lastPipe + 2)..<all.count {
      let word = all[k]
      let typed = all[..<k].map(Self.source).joined(separator: " ") + " "
      let offered = complete(typed, context: context).candidates
      if word.kind == .option {
        let options = complete(typed + "--", context: context).candidates
        #expect(options.contains("--" + word.text), "`--\(word.text)` in `\(spec.example)`")
        open = spec.options.first { $0.name == word.text }
        #expect(open != nil, "`\(name)` does not declare `--\(word.text)`")
        if case .flag = open?.arity { open = nil }
        continue
      }
      if let option = open {
        switch option.value {
        case .choice, .column: #expect(offered.contains(word.text), "`\(word.text)` after `--\(option.name)`")
        case .free, .date, .path, .evidence, .id: break
        }
        open = nil
        continue
      }
      let walk = StageWalk(spec.arguments, words: positionals)
      #expect(!walk.next.isEmpty, "`\(name)` declares nothing for `\(word.text)` in `\(spec.example)`")
      let pieces = word.text.split(separator: ",").map(String.init)
      if walk.next.allSatisfy({ Self.isOffered($0.argument) }), let piece = pieces.first {
        #expect(offered.contains(Parser.quote(piece)), "`\(piece)` not offered after `\(typed)`: \(offered)")
      }
      positionals += pieces
    }
    #expect(StageWalk(spec.arguments, words: positionals).mayEnd, "`\(spec.example)` cannot end where it ends")
  }

  /// Every option a stage's usage or help names is declared, and every declared one is named.
  @Test(arguments: StageCatalog.stages.map(\.name))
  func theOptionsAreTheOnesTheHelpNames(_ name: String) throws {
    let spec = try #require(StageCatalog.spec(name))
    let text = spec.usage + " " + spec.summary
    var named: Set<String> = []
    var rest = text[...]
    while let dashes = rest.range(of: "--") {
      let option = rest[dashes.upperBound...].prefix { $0.isLetter || $0 == "-" }
      if !option.isEmpty { named.insert(String(option)) }
      rest = rest[dashes.upperBound...]
    }
    #expect(named == Set(spec.options.map(\.name)))
  }

  /// Positions whose words come from a list Tab shows.
  static func isOffered(_ argument: StageArgument) -> Bool {
    switch argument {
    case .column, .columns, .joinedColumn, .keyword, .choice, .evidence, .comparison, .value: true
    case .free, .expression, .optional, .repeated, .either: false
    }
  }

  /// A scanned word as it is typed.
  static func source(_ word: CompletionScan.Word) -> String {
    switch word.kind {
    case .option: "--" + word.text
    case .string: Parser.quote(word.text).hasPrefix("\"") ? Parser.quote(word.text) : "\"\(word.text)\""
    case .word, .pipe: word.text
    }
  }
}
