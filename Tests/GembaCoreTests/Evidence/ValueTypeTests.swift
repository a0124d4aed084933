import Testing
@testable import GembaCore

/// Dates, times and numbers as real exports write them; each column's reading decided from all
/// its values, and what did not read reported.
@Suite struct ValueTypeTests {
  static func profile(_ values: [String], header: String = "v", options: LoadOptions = LoadOptions()) throws
    -> ColumnProfile
  {
    let result = try loadText(([header] + values).joined(separator: "\n") + "\n", options: options)
    return result.table.columnProfile(0)
  }

  static func seconds(_ iso: String) -> Double { ValueParser.dateTime(iso)! }

  @Test(arguments: [
    ("12/31/2017 11:59:58 PM", "%m/%d/%Y %I:%M:%S %p", "2017-12-31T23:59:58"),
    ("1/5/2026 12:05:00 AM", "%m/%d/%Y %I:%M:%S %p", "2026-01-05T00:05:00"),
    ("31.12.2017 23:59", "%d.%m.%Y %H:%M", "2017-12-31T23:59"),
    ("31/12/2017", "%d/%m/%Y", "2017-12-31"),
    ("Jun 14 15:16:01", "%b %d %H:%M:%S", "2000-06-14T15:16:01"),
    ("Jun  4 05:06:07", "%b %d %H:%M:%S", "2000-06-04T05:06:07"),
    ("Sun Dec 04 04:47:44 2005", "%a %b %d %H:%M:%S %Y", "2005-12-04T04:47:44"),
    ("10/Oct/2000:13:55:36 -0700", "%d/%b/%Y:%H:%M:%S %z", "2000-10-10T20:55:36"),
  ])
  func datePatternsRead(_ text: String, _ layout: String, _ iso: String) throws {
    let pattern = try DatePattern(layout)
    #expect(pattern.parse(text) == Self.seconds(iso))
  }

  @Test func log4jCommaFractionReadsAsISO() {
    #expect(ValueParser.dateTime("2015-07-29 17:41:44,747") == Self.seconds("2015-07-29T17:41:44") + 0.747)
  }

  @Test func aUSDateTimeColumnIsTypedWithItsFormat() throws {
    let p = try Self.profile(["12/31/2017 11:59:58 PM", "12/01/2017 01:00:00 AM", "11/30/2017 10:00:00 AM"])
    #expect(p.type == .dateTime)
    #expect(p.format.description == "%m/%d/%Y %I:%M:%S %p")
    #expect(p.unparsed == 0)
  }

  @Test func aMostlyDateColumnKeepsItsTypeAndCountsWhatDidNotRead() throws {
    let values = (1...28).map { "02/\($0 < 10 ? "0" : "")\($0)/2026" } + ["N/A", "soon"]
    let result = try loadText((["d"] + values).joined(separator: "\n") + "\n")
    let p = result.table.columnProfile(0)
    #expect(p.type == .dateTime && p.unparsed == 2)
    let problem = try #require(result.problems.first { $0.kind == .unreadValues })
    #expect(problem.row == 29 && problem.column == 1 && problem.line == 30)
    #expect(problem.message.contains("2 of 30 values did not read") && problem.message.contains("`N/A`"))
    // The unread cells are missing: never less or greater than a date.
    guard case .count(let n) = try query(result.table, "x | where d < 2026-03-01 | count") else {
      Issue.record("count"); return
    }
    #expect(n == 28)
  }

  @Test func anAmbiguousColumnIsReportedWithTheReadingChosen() throws {
    let result = try loadText("d\n01/02/2026\n03/04/2026\n12/11/2026\n")
    let p = result.table.columnProfile(0)
    #expect(p.type == .dateTime && p.format.description == "%m/%d/%Y")
    let note = try #require(result.problems.first { $0.kind == .ambiguousValues })
    #expect(note.message.contains("month first") && note.message.contains("d=%d/%m/%Y"))
    guard case .count(let n) = try query(result.table, "x | where d = 2026-01-02 | count") else {
      Issue.record("count"); return
    }
    #expect(n == 1)
  }

  @Test func dayFirstWhenAValueSaysSo() throws {
    let p = try Self.profile(["01/02/2026", "25/12/2026", "03/04/2026"])
    #expect(p.format.description == "%d/%m/%Y" && p.unparsed == 0)
  }

  /// Bad input: a column mixing 13/01/2026 and 01/13/2026 names the file, row and column.
  @Test func aColumnMixingDayFirstAndMonthFirstIsReported() throws {
    let result = try loadText("id,d\n1,13/01/2026\n2,01/13/2026\n3,02/03/2026\n", path: "mixed.csv")
    let problem = try #require(result.problems.first { $0.message.contains("mixes day-first and month-first") })
    #expect(problem.file == "mixed.csv" && problem.column == 2)
    #expect(problem.message.contains("row 2") || problem.message.contains("row 1"))
    #expect(problem.description.hasPrefix("mixed.csv"))
  }

  @Test func dateFormatOverridesTheReading() throws {
    let options = LoadOptions(dateFormats: ["d": "%d/%m/%Y"])
    let result = try loadText("d\n01/02/2026\n03/04/2026\n", options: options)
    let p = result.table.columnProfile(0)
    #expect(p.given && p.format.description == "%d/%m/%Y")
    guard case .count(let n) = try query(result.table, "x | where d = 2026-02-01 | count") else {
      Issue.record("count"); return
    }
    #expect(n == 1)
  }

  /// Bad input: a --date-format that matches no value is refused, naming file, row and column.
  @Test func aDateFormatThatDoesNotMatchIsRefused() throws {
    let options = LoadOptions(dateFormats: ["when": "%d.%m.%Y"])
    #expect {
      try loadText("id,when\n1,12/31/2017 11:59:58 PM\n", path: "la.csv", options: options)
    } throws: { error in
      guard let e = error as? EvidenceError else { return false }
      return e.problem.file == "la.csv" && e.problem.row == 1 && e.problem.column == 2 && e.problem.line == 2
        && e.description.contains("no value of `when` reads as --date-format %d.%m.%Y")
    }
    #expect(throws: EvidenceError.self) { try loadText("a\n1\n", options: LoadOptions(dateFormats: ["nope": "%Y"])) }
    #expect(throws: EvidenceError.self) { try loadText("a\n1\n", options: LoadOptions(dateFormats: ["a": "%Q"])) }
  }

  @Test func epochOnlyForColumnsNamedLikeATime() throws {
    let result = try loadText("created_at,count\n1513728000,1513728000\n1513814400,1513814400\n")
    #expect(result.table.columnProfile(0).type == .dateTime && result.table.columnProfile(0).format == .epochSeconds)
    #expect(result.table.columnProfile(1).type == .integer)
    let ms = try Self.profile(["1513728000000", "1513814400123"], header: "timestamp")
    #expect(ms.format == .epochMilliseconds)
    guard case .count(let n) = try query(result.table, "x | where created_at >= 2017-12-21 | count") else {
      Issue.record("count"); return
    }
    #expect(n == 1)
  }

  @Test func excelSerialsOnlyWhenGiven() throws {
    #expect(try Self.profile(["43100", "43101"], header: "day").type == .integer)
    let given = try Self.profile(
      ["43100", "43101.5"], header: "day", options: LoadOptions(dateFormats: ["day": "excel"]))
    #expect(given.type == .dateTime)
    let table = try loadText("day\n43100\n", options: LoadOptions(dateFormats: ["day": "excel"])).table
    #expect(table.reader(0).instant("43100") == Self.seconds("2017-12-31"))
  }

  @Test(arguments: [
    (["1,234", "12", "1,000,000"], ColumnType.integer, "1,234.56", 1234.0),
    (["1.234,56", "12,5", "-3"], .decimal, "1.234,56", 1234.56),
    (["$1,234.50", "$12.00", "($5.25)"], .decimal, "1,234.56", 1234.5),
    (["12,5 %", "100 %", "0,5 %"], .decimal, "1.234,56", 12.5),
    (["1.234,56 €", "12 €"], .decimal, "1.234,56", 1234.56),
  ])
  func numbersWithSeparatorsCurrencyAndPercent(
    _ values: [String], _ type: ColumnType, _ layout: String, _ first: Double
  ) throws {
    let csv = "v\n" + values.map { "\"\($0)\"" }.joined(separator: "\n") + "\n"
    let table = try loadText(csv, options: LoadOptions(delimiter: UInt8(ascii: ","))).table
    let p = table.columnProfile(0)
    #expect(p.type == type && p.format.description == layout && p.unparsed == 0)
    #expect(table.reader(0).number(values[0]) == first)
  }

  @Test func comparisonsAndSortUseTheParsedInstant() throws {
    let table = try loadText("d\n12/31/2017 11:59:58 PM\n01/02/2018 08:00:00 AM\n12/31/2017 09:00:00 AM\n").table
    guard case .rows(let sorted) = try query(table, "x | sort d") else { Issue.record("rows"); return }
    #expect(sorted.rowNumbers == [3, 1, 2])  // text order would put 01/02/2018 first
    guard case .count(let n) = try query(table, "x | where d >= 2018-01-01 | count") else {
      Issue.record("count"); return
    }
    #expect(n == 1)
    guard case .count(let m) = try query(table, "x | where d = 2017-12-31 | count") else {
      Issue.record("count"); return
    }
    #expect(m == 2)
  }
}

extension ValueReader {
  func number(_ s: String) -> Double? {
    var copy = s
    return copy.withUTF8 { b in b.baseAddress.flatMap { number($0, b.count) } }
  }
}
