import Testing
@testable import GembaCore

/// Completes `input` at the `‸` mark (at the end when there is none).
func complete(_ input: String, context: CompletionContext = .sample) -> Completion {
  let cursor = input.range(of: "‸").map { input[..<$0.lowerBound].utf8.count }
  let text = input.replacingOccurrences(of: "‸", with: "")
  return Completer(context: context, listDirectory: FakeFolders.list).complete(text, cursor: cursor)
}

extension CompletionContext {
  static let sample = CompletionContext(
    ids: ["S1", "S2", "S3", "W1", "W1.1", "W2", "C1", "C1.1", "C2", "F1", "A1", "A2"].map { ItemID($0)! },
    categories: ["Manpower", "Method", "Machine", "Material", "Measurement", "Physical evidence"],
    evidence: ["tickets", "applog"],
    columns: ["tickets": ["team", "reason", "reopened", "opened_at", "handle_minutes", "refund amount"]])
}

enum FakeFolders {
  static let tree: [String: [String]] = [
    "": ["notes.md", "evidence/", ".hidden", "my folder/"],
    "evidence/": ["tickets.csv", "app.log", "after.csv"],
    "my folder/": ["x.csv"],
  ]
  static func list(_ folder: String) -> [String] { tree[folder] ?? [] }
}

@Suite struct CompleterTests {
  static let causes = ["C1", "C1.1", "C2"]
  static let whysAndCauses = ["W1", "W1.1", "W2", "C1", "C1.1", "C2"]
  static let columns = ["team", "reason", "reopened", "opened_at", "handle_minutes", "\"refund amount\""]

  @Test(
    arguments: [
      ("pro", ["problem", "process"]),
      ("PRO", ["problem", "process"]),
      ("conf", ["confirm"]),
      ("ti", ["timeline", "title", "tickets"]),
      ("con‸ C1", ["confirm", "contain", "contained"]),
      ("nonsense ", []),
      ("help con", ["confirm", "contain", "contained"]),
      ("help ", CommandCatalog.verbNames.sorted()),
    ] as [(String, [String])])
  func verbs(_ input: String, expected: [String]) {
    #expect(complete(input).candidates == expected)
  }

  @Test(
    arguments: [
      ("confirm C", causes),
      ("confirm c1", ["C1", "C1.1"]),
      ("confirm C‸1", causes),
      ("confirm ", whysAndCauses),
      ("rule-out W", ["W1", "W1.1", "W2"]),
      ("root ", whysAndCauses),
      ("confirm C1 ", []),
      ("action ", ["F1"]),
      ("done A", ["A1", "A2"]),
      ("effective ", ["A1", "A2"]),
      ("not-effective A", ["A1", "A2"]),
      ("why ", ["W1", "W1.1", "W2"]),
      ("why W1 the ", []),
      ("cause M", ["Manpower", "Method", "Machine", "Material", "Measurement"]),
      ("cause Ph", ["\"Physical evidence\""]),
      ("cause \"Physical ev", ["Physical evidence"]),
      ("cause C1", ["C1", "C1.1"]),
      ("cite ", ["W1", "W1.1", "W2", "C1", "C1.1", "C2", "F1"]),
      ("cite C1 ", ["tickets", "applog"]),
      ("cite C1 tickets#3 a", ["applog"]),
    ] as [(String, [String])])
  func positionalIDs(_ input: String, expected: [String]) {
    #expect(complete(input).candidates == expected)
  }

  @Test(
    arguments: [
      ("problem x --", ["--expected", "--actual"]),
      ("problem x --expected y --", ["--actual"]),
      ("action F1 fix --r", ["--review", "--retrospective"]),
      ("action F1 fix --review ", ["weekly", "monthly", "quarterly"]),
      ("action F1 fix --review m", ["monthly"]),
      ("action F1 fix --review monthly ", []),
      ("action F1 fix --due ", []),
      ("action F1 fix --owner ", []),
      ("action F1 \\\n--re", ["--review", "--retrospective"]),
      ("finding x --cause ", causes),
      ("finding x --cause C1 C", causes),
      ("finding x --step ", ["S1", "S2", "S3"]),
      ("finding x --step S1>S", ["S1>S1", "S1>S2", "S1>S3"]),
      ("finding x --step S1 ", []),
      ("finding x --evidence t", ["tickets"]),
      ("step y --after ", ["S1", "S2", "S3"]),
      ("fishbone x --template ", ["6M", "8P", "4S", "none"]),
      ("export md out.md --", ["--sop", "--paper"]),
      ("metric ", ["dpmo", "fpy", "rty", "coq"]),
    ] as [(String, [String])])
  func options(_ input: String, expected: [String]) {
    #expect(complete(input).candidates == expected)
  }

  /// Every export format, from the enums that declare them: the record's formats, the reports, and the SOP update.
  @Test func exportOffersEveryFormat() {
    let formats = RecordFormat.allCases.map(\.rawValue) + ReportKind.allCases.map(\.rawValue) + ["sop"]
    #expect(complete("export ").candidates == formats)
    #expect(["8d", "a3"].allSatisfy(formats.contains))
    #expect(complete("export a").candidates == ["a3"])
    #expect(complete("export 8").candidates == ["8d"])
  }

  /// `where COL = <Tab>` offers the column's values as written, from the table in memory.
  @Test func whereValuesComeFromTheLoadedTable() throws {
    let files = MemoryFiles([
      "evidence/requests.csv": "id,Status\n1,Cancelled\n2,Open\n3,Cancelled\n4,\n5,In progress\n"
    ])
    let workspace = EvidenceWorkspace(files: files)
    let session = Session(workspace: workspace)
    session.expectCell("load evidence/requests.csv as requests")
    var context = CompletionContext.sample
    context.evidence = ["requests"]
    context.columns = ["requests": ["id", "Status"]]
    nonisolated(unsafe) let w = workspace
    let snapshot = session.investigation
    context.values = { evidence, column in w.values(of: evidence, column: column, in: snapshot) }
    #expect(
      complete("requests | where Status = ", context: context).candidates == ["Cancelled", "\"In progress\"", "Open"])
    #expect(complete("requests | where status = c", context: context).candidates == ["Cancelled"])
    #expect(complete("requests | where Status = Open and Status != ", context: context).candidates.count == 3)
    // A table not read yet offers nothing: Tab never reads a file.
    #expect(complete("tickets | where team = ", context: context).candidates == [])
  }

  @Test(
    arguments: [
      ("tickets | ", Completer.stageWords),
      ("tickets | w", ["where"]),
      ("tickets |w", ["where"]),
      ("tickets | where ", columns),
      ("tickets | where reopened = yes ", ["and", "or"]),
      ("tickets | where reopened = yes and t", ["team"]),
      ("tickets | count ", ["by"]),
      ("tickets | count by t", ["team"]),
      ("tickets | sort team ", ["desc", "asc"]),
      ("tickets | select team r", ["reason", "reopened", "\"refund amount\""]),
      ("tickets | where team = a | pareto by ", columns),
      ("tickets | pareto by reason --", ["--sum"]),
      ("tickets | pareto by reason --sum h", ["handle_minutes"]),
      ("tickets | histogram --bins 5 o", ["opened_at"]),
      ("tickets | top ", []),
      ("cite C1 tickets | where ", columns),
      ("applog | where ", []),
      ("show ", ["tickets", "applog"]),
      ("pareto tickets ", ["by"]),
      ("pareto tickets by r", ["reason", "reopened", "\"refund amount\""]),
      ("pareto tickets by reason --sum ", columns),
      ("histogram tickets h", ["handle_minutes"]),
      ("spc tickets ", columns),
    ] as [(String, [String])])
  func queries(_ input: String, expected: [String]) {
    #expect(complete(input).candidates == expected)
  }

  @Test(
    arguments: [
      ("load ", ["evidence/", "\"my folder/\"", "notes.md"], false),
      ("load ev", ["evidence/"], true),
      ("load evidence/", ["evidence/after.csv", "evidence/app.log", "evidence/tickets.csv"], false),
      ("load evidence/a", ["evidence/after.csv", "evidence/app.log"], false),
      ("load .", [".hidden"], false),
      ("load my", ["\"my folder/"], true),
      ("load \"my folder/", ["my folder/x.csv"], false),
      ("load evidence/tickets.csv ", ["as"], false),
      ("load nowhere/", [], false),
      ("run n", ["notes.md"], false),
      ("save n", ["notes.md"], false),
      ("export md n", ["notes.md"], false),
      ("export md out.md --sop n", ["notes.md"], false),
    ] as [(String, [String], Bool)])
  func paths(_ input: String, expected: [String], continues: Bool) {
    let completion = complete(input)
    #expect(completion.candidates == expected)
    #expect(completion.continues == continues)
  }

  @Test(arguments: [
    "note # a comment",
    "note \"done\"",
    "problem \"\"\"\nmulti",
    "problem \"\"\"a\"\"\"",
  ])
  func nothingInsideTextOrComments(_ input: String) {
    #expect(complete(input).candidates.isEmpty)
  }

  @Test(
    arguments: [
      ("pro", 0),
      ("confirm C", 8),
      ("cause \"Physical ev", 7),
      ("cite C1 \"ü\" t", 13),
      ("tickets |w", 9),
      ("confirm C‸1", 8),
      ("note # x", 8),
    ] as [(String, Int)])
  func replacedTextStartsAtTheWord(_ input: String, offset: Int) {
    #expect(complete(input).replaceFrom == offset)
  }

  @Test func emptyLineOffersVerbsThenEvidence() {
    let candidates = complete("").candidates
    #expect(candidates == CommandCatalog.verbNames.sorted() + ["tickets", "applog"])
  }
}
