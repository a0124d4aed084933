import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// loghub's 2,000-line samples: time and level per line equal loghub's structured parse (read
/// at test time with Python's csv module) for the layouts gemba recognises.
@Suite(
  .enabled(if: ExternalProgram.runs(needing: sharedExists), "../shared/conformance is not on this machine"),
  .enabled(
    if: ExternalProgram.runs(needing: ExternalTools.path(of: "python3") != nil),
    "needs python3 to read the ground truth"))
struct LoghubTests {
  static let root = sharedPath("conformance/loghub-2k")
  /// For each log: the ground-truth fields that make the time (joined by a space), and the
  /// field holding the level where the format has one (Linux's "Level" is the host name).
  static let layouts: [String: (time: [String], level: String?)] = [
    "Android": (["Date", "Time"], "Level"), "Apache": (["Time"], "Level"), "BGL": (["Time"], "Level"),
    "HDFS": (["Date", "Time"], "Level"), "HPC": (["Time"], nil), "Hadoop": (["Date", "Time"], "Level"),
    "HealthApp": (["Time"], nil), "Linux": (["Month", "Date", "Time"], nil), "Mac": (["Month", "Date", "Time"], nil),
    "OpenSSH": (["Date", "Day", "Time"], nil), "OpenStack": (["Date", "Time"], "Level"), "Proxifier": (["Time"], nil),
    "Spark": (["Date", "Time"], "Level"), "Thunderbird": (["Month", "Day", "Time"], nil),
    "Windows": (["Date", "Time"], "Level"), "Zookeeper": (["Date", "Time"], "Level"),
  ]

  /// Runs of spaces as one (syslog pads `Jul  1`; the ground truth splits it into fields).
  static func squeezed(_ s: String) -> String {
    s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
  }

  static func truth(_ name: String) throws -> [[String: String]] {
    let file = "\(root)/\(name)/\(name)_2k.log_structured.csv"
    let rows = try Independent.json(
      """
      import csv, json, sys
      print(json.dumps(list(csv.DictReader(open(sys.argv[1], encoding='utf-8', newline='')))))
      """, [file])
    return rows as? [[String: String]] ?? []
  }

  @Test(arguments: layouts.keys.sorted())
  func timeAndLevelEqualTheGroundTruth(_ name: String) throws {
    let table = try loadFile("\(Self.root)/\(name)/\(name)_2k.log").table
    let truth = try Self.truth(name)
    #expect(table.rowCount == truth.count && truth.count == 2000)
    let (timeFields, levelField) = Self.layouts[name]!
    let time = try #require(table.columnIndex(named: "time"), "\(name): no time column")
    let level = levelField.flatMap { _ in table.columnIndex(named: "level") }
    if levelField != nil { #expect(level != nil, "\(name): no level column") }
    var mismatches: [String] = []
    for (row, expected) in truth.enumerated() where row < table.rowCount {
      let t = timeFields.compactMap { expected[$0] }.joined(separator: " ")
      let gotTime = Self.squeezed(table.cell(row: row, column: time))
      let gotLevel = level.map { table.cell(row: row, column: $0) }
      if gotTime != Self.squeezed(t) || (levelField != nil && gotLevel != expected[levelField!]) {
        mismatches.append(
          "line \(row + 1): \(gotTime) \(gotLevel ?? "") ≠ \(t) \(levelField.flatMap { expected[$0] } ?? "")")
      }
    }
    #expect(mismatches.isEmpty, "\(name): \(mismatches.count) lines differ: \(mismatches.prefix(3))")
    #expect(table.columnType(time) == .dateTime && table.columnProfile(time).unparsed == 0, "\(name)")
    if let levelField, let level {
      var byLevel: [String: Int] = [:]
      for row in truth { byLevel[row[levelField] ?? "", default: 0] += 1 }
      let got = counts(try query(table, "x | count by \(table.columns[level])"))
      #expect(got == byLevel, "\(name)")
    }
  }

  @Test func zookeeperCountsByLevel() throws {
    let table = try loadFile("\(Self.root)/Zookeeper/Zookeeper_2k.log").table
    #expect(counts(try query(table, "x | count by level")) == ["WARN": 1318, "INFO": 669, "ERROR": 13])
  }

  @Test func aCustomPatternMakesColumns() throws {
    let options = LoadOptions(
      pattern: #"^(?<time>\d\d/\d\d/\d\d \d\d:\d\d:\d\d) (?<level>[A-Z]+) (?<component>[^:]+): (?<message>.*)$"#)
    let result = try loadFile("\(Self.root)/Spark/Spark_2k.log", options: options)
    #expect(result.table.columns == ["time", "level", "component", "message"])
    let truth = try Self.truth("Spark")
    for row in [0, 1, 999, 1999] {
      #expect(result.table.cell(row: row, column: 0) == "\(truth[row]["Date"]!) \(truth[row]["Time"]!)")
      #expect(result.table.cell(row: row, column: 1) == truth[row]["Level"])
    }
  }

  /// Bad input: patterns that backtrack catastrophically in a backtracking engine run in time
  /// linear in the line here (a Pike VM), and give the right answer.
  @Test(arguments: [#"^(?<a>(a+)+)$"#, #"(?<a>(a|aa)*)b"#, #"^(?<a>(a*)*)c"#])
  func catastrophicPatternsAreLinear(_ pattern: String) throws {
    let line = String(repeating: "a", count: 20_000) + "!"
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
      let result = try loadText(
        line + "\naaab\n", format: .log, path: "evil.log", options: LoadOptions(pattern: pattern))
      #expect(result.table.cell(row: 0, column: 0) == "")  // no match on the long line
      #expect(result.problems.first?.row == 1)
    }
    #expect(elapsed < .seconds(20), "\(elapsed)")
  }

  @Test(arguments: [
    (#"^(?<k>\w+)=(?<v>[^;]*);"#, "key=value;rest", ["key", "value"]),
    (#"(?<n>\d{2,3})(?<rest>.*?)x"#, "ab1234x", ["123", "4"]),
    (#"(?<w>cat|category)s"#, "categorys", ["category"]),
    (#"(?P<a>a)(?:b|c)+(?<d>d)?"#, "xacbcb", ["a", ""]),
  ])
  func pikeMatchesLikeABacktracker(_ pattern: String, _ line: String, _ expected: [String]) throws {
    let table = try loadText(line + "\n", format: .log, path: "p.log", options: LoadOptions(pattern: pattern)).table
    #expect((0..<table.columnCount).map { table.cell(row: 0, column: $0) } == expected)
  }

  @Test(arguments: [#"(?<a>\w+)\1"#, #"(?<a>x)(?=y)"#, "no groups", #"(?<a>[a-"#])
  func patternsThatNeedBacktrackingOrAreBrokenAreRefused(_ pattern: String) {
    #expect(LogPattern.problem(in: pattern) != nil)
    #expect(throws: EvidenceError.self) {
      try loadText("x\n", format: .log, path: "a.log", options: LoadOptions(pattern: pattern))
    }
  }
}
