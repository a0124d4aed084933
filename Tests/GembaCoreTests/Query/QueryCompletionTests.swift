import Testing
@testable import GembaCore

@Suite struct QueryCompletionTests {
  static let columns = ["team", "channel", "reopened", "opened_at", "Affects Version/s"]

  /// Completes the last word of `line` (the text of one stage, cursor at the end).
  static func complete(_ line: String) -> [String] {
    let endsWithSpace = line.hasSuffix(" ")
    var tokens = stages("x | " + line).first ?? []
    let prefix = endsWithSpace || tokens.isEmpty ? "" : tokens.removeLast().text
    let typedPrefix = line.split(separator: " ").last.map(String.init).flatMap { endsWithSpace ? nil : $0 } ?? prefix
    return QueryCompletion.candidates(after: tokens, prefix: typedPrefix, columns: columns)
  }

  @Test(arguments: [
    ("wh", ["where"]),
    ("", QueryPipeline.verbs.sorted()),
    ("where ", ["\"Affects Version/s\"", "channel", "opened_at", "reopened", "team"]),
    ("where re", ["reopened"]),
    ("where reopened ", ["!=", "!~", "<", "<=", "=", ">", ">=", "~"]),
    ("where reopened = ", []),
    ("where reopened = yes ", ["and", "or"]),
    ("where reopened = yes and t", ["team"]),
    ("count ", ["by"]),
    ("count by te", ["team"]),
    ("count by \"Aff", ["\"Affects Version/s\""]),
    ("sort team ", ["asc", "desc"]),
    ("pareto by ", ["\"Affects Version/s\"", "channel", "opened_at", "reopened", "team"]),
    ("timeline opened_at --", ["--every", "--span"]),
    ("timeline opened_at --span ", ["evidence", "rows"]),
    ("timeline opened_at --every w", ["week"]),
    ("spc x --rules ", ["nelson", "we"]),
  ])
  func completes(_ line: String, _ expected: [String]) {
    #expect(Self.complete(line) == expected)
  }
}
