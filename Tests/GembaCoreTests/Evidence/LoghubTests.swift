import Foundation
import Testing
@testable import GembaCore

/// loghub's 2,000-line samples: time and level per line equal loghub's structured parse (read
/// at test time with Python's csv module) for the layouts gemba recognises.
@Suite(.enabled(if: sharedExists, "../shared/conformance is not on this machine"),
       .enabled(if: ExternalTools.path(of: "python3") != nil, "needs python3 to read the ground truth"))
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
  static func squeezed(_ s: String) -> String { s.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }

  static func truth(_ name: String) throws -> [[String: String]] {
    let file = "\(root)/\(name)/\(name)_2k.log_structured.csv"
    let rows = try Independent.json("""
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
        mismatches.append("line \(row + 1): \(gotTime) \(gotLevel ?? "") ≠ \(t) \(levelField.flatMap { expected[$0] } ?? "")")
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
    let options = LoadOptions(pattern: #"^(?<time>\d\d/\d\d/\d\d \d\d:\d\d:\d\d) (?<level>[A-Z]+) (?<component>[^:]+): (?<message>.*)$"#)
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
      let result = try loadText(line + "\naaab\n", format: .log, path: "evil.log", options: LoadOptions(pattern: pattern))
      #expect(result.table.cell(row: 0, column: 0) == "")  // no match on the long line
      #expect(result.problems.first?.row == 1)
    }
    #expect(elapsed < .seconds(20), "\(elapsed)")
  }

  @Test(arguments: [(#"^(?<k>\w+)=(?<v>[^;]*);"#, "key=value;rest", ["key", "value"]),
                    (#"(?<n>\d{2,3})(?<rest>.*?)x"#, "ab1234x", ["123", "4"]),
                    (#"(?<w>cat|category)s"#, "categorys", ["category"]),
                    (#"(?P<a>a)(?:b|c)+(?<d>d)?"#, "xacbcb", ["a", ""])])
  func pikeMatchesLikeABacktracker(_ pattern: String, _ line: String, _ expected: [String]) throws {
    let table = try loadText(line + "\n", format: .log, path: "p.log", options: LoadOptions(pattern: pattern)).table
    #expect((0..<table.columnCount).map { table.cell(row: 0, column: $0) } == expected)
  }

  @Test(arguments: [#"(?<a>\w+)\1"#, #"(?<a>x)(?=y)"#, "no groups", #"(?<a>[a-"#])
  func patternsThatNeedBacktrackingOrAreBrokenAreRefused(_ pattern: String) {
    #expect(LogPattern.problem(in: pattern) != nil)
    #expect(throws: EvidenceError.self) { try loadText("x\n", format: .log, path: "a.log", options: LoadOptions(pattern: pattern)) }
  }
}

/// Dialects and encodings as exports arrive.
@Suite struct DialectTests {
  @Test func aSemicolonFileLoadsAsColumnsAndSaysSo() throws {
    let result = try loadText("name;amount;when\nAna;1.234,50;31.12.2025\nBo;12,00;01.01.2026\n", path: "eu.csv")
    #expect(result.table.columns == ["name", "amount", "when"])
    #expect(result.table.delimiterName == "semicolon")
    #expect(EvidenceTextRenderer().loaded(result).contains("· semicolon-separated"))
    #expect(result.table.columnProfile(1).format == .number(.comma))
    #expect(result.table.columnProfile(2).format.description == "%d.%m.%Y")
  }

  @Test(arguments: [("a|b\n1|2\n", "pipe"), ("a\tb\n1\t2\n", "tab"), ("a,b\n1,2\n", "comma")])
  func delimitersAreSniffed(_ text: String, _ name: String) throws {
    let table = try loadText(text).table
    #expect(table.delimiterName == name && table.columnCount == 2)
  }

  @Test func aGivenDelimiterWins() throws {
    let table = try loadText("a;b,c\n1;2,3\n", options: LoadOptions(delimiter: UInt8(ascii: ","))).table
    #expect(table.columns == ["a;b", "c"])
  }

  @Test func utf16WithABOMIsDecoded() throws {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in "name,city\nAna,São Paulo\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let result = try loadBytes(bytes)
    #expect(result.table.encodingName == "UTF-16LE")
    #expect(result.table.cell(row: 0, column: 1) == "São Paulo")
    #expect(result.table.sha256 == FileDigest.compute(UnsafeRawBufferPointer(start: bytes, count: bytes.count)).sha256)
  }

  @Test func windows1252IsDetected() throws {
    let result = try loadBytes(Array("name;city\nAna;S".utf8) + [0xE3] + Array("o Paulo ".utf8) + [0x80] + Array("5\n".utf8))
    #expect(result.table.encodingName == "Windows-1252")
    #expect(result.table.cell(row: 0, column: 1) == "São Paulo €5")
  }

  /// Bad input: a file mixing UTF-8 and Windows-1252 is read as UTF-8, says it mixes, and lists
  /// each bad byte at its row and column.
  @Test func aFileMixingEncodingsIsReported() throws {
    let bytes = Array("name,city\nJosé,Köln\nAna,S".utf8) + [0xE3, 0x6F] + Array(" Paulo\n".utf8)
    let result = try loadBytes(bytes, path: "mixed.csv")
    #expect(result.table.encodingName == "UTF-8")
    #expect(result.problems.contains { $0.message.contains("mixes UTF-8") })
    let bad = try #require(result.problems.first { $0.kind == .invalidUTF8 && $0.row != nil })
    #expect(bad.file == "mixed.csv" && bad.row == 2 && bad.column == 2)
  }
}

/// Access logs and JSON logs: their fields as columns, their times typed.
@Suite struct WebAndJSONLogTests {
  @Test func combinedLogFormat() throws {
    let log = """
      127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"
      10.0.0.2 - - [10/Oct/2000:14:01:02 -0700] "POST /login HTTP/1.1" 500 - "-" "curl/7.1"
      192.168.1.9 - - [11/Oct/2000:09:00:00 +0000] "GET /index.html HTTP/1.1" 404 153

      """
    let table = try loadText(log, format: .log, path: "access.log").table
    #expect(table.columns == ["client", "ident", "user", "time", "method", "path", "protocol", "status", "bytes", "referer", "agent"])
    #expect(table.cell(row: 0, column: 2) == "frank" && table.cell(row: 0, column: 5) == "/apache_pb.gif")
    #expect(table.cell(row: 1, column: 8) == "" && table.cell(row: 2, column: 10) == "")
    #expect(table.columnType(3) == .dateTime && table.columnType(7) == .integer)
    guard case .count(let n) = try query(table, "x | where time >= 2000-10-11 | count") else { Issue.record("count"); return }
    #expect(n == 1)  // 14:01 -0700 on the 10th is 21:01 UTC, still the 10th
  }

  @Test func aLogOfJSONObjectsLoadsAsItsKeys() throws {
    let log = "{\"ts\":\"2026-03-01T10:00:00Z\",\"level\":\"info\",\"msg\":\"started\"}\n{\"ts\":\"2026-03-01T10:00:05Z\",\"level\":\"error\",\"msg\":\"timeout\"}\n"
    let result = try loadText(log, format: .log, path: "app.log")
    #expect(result.table.columns == ["ts", "level", "msg"])
    #expect(result.table.cell(row: 1, column: 2) == "timeout")
    #expect(result.table.columnType(0) == .dateTime)
    #expect(EvidenceTextRenderer().loaded(result).contains("JSON layout"))
  }
}
