import Testing
@testable import GembaCore

@Suite struct RendererTests {
  static let tickets = QueryEngineTests.tickets
  static let ascii = EvidenceTextRenderer(options: .init(unicode: false, color: false))
  static let unicode = EvidenceTextRenderer(options: .init(unicode: true, color: false))

  @Test(arguments: [(0, "0"), (7, "7"), (1204, "1,204"), (-1234567, "-1,234,567"), (1000000, "1,000,000")])
  func thousandsSeparators(_ n: Int, _ text: String) {
    #expect(NumberFormat.integer(n) == text)
  }

  @Test(arguments: [
    (0.125, 2, "0.13"), (-0.125, 2, "-0.13"), (1234.5, 1, "1,234.5"), (2.0 / 3, 3, "0.667"), (-0.0001, 2, "0.00"),
  ])
  func decimals(_ x: Double, _ places: Int, _ text: String) {
    #expect(NumberFormat.decimal(x, places: places) == text)
  }

  /// Ungrouped, for values programs read back (the register's reports); expected from Python's `format(x, ".Nf")`.
  @Test(arguments: [
    (1234.5, 1, "1234.5"), (1234567.891, 2, "1234567.89"), (-98765.4321, 3, "-98765.432"), (12.0, 0, "12"),
  ])
  func ungroupedDecimals(_ x: Double, _ places: Int, _ text: String) {
    #expect(NumberFormat.decimal(x, places: places, grouped: false) == text)
  }

  @Test func countByAsASCIITable() throws {
    let text = Self.ascii.render(try query(Self.tickets, "x | count by team"))
    #expect(
      text == """
        +-----------+-------+
        | team      | count |
        +-----------+-------+
        | Billing   |     2 |
        | Refunds   |     2 |
        | Warehouse |     1 |
        +-----------+-------+
        3 rows

        """)
  }

  @Test func rowsShowEvidenceRowNumbers() throws {
    let text = Self.unicode.render(try query(Self.tickets, "x | where reopened = yes | select id, handle_minutes"))
    #expect(text.contains("│ 3 │ T3 │             45 │"))
    #expect(text.hasSuffix("3 rows\n"))
  }

  @Test func paretoMarksTheCut() throws {
    let text = Self.unicode.render(try query(Self.tickets, "x | pareto by reason"))
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines[0] == "pareto of reason by count: 3 categories, total 5")
    #expect(lines[1] == "reason          count   share     cum.")
    #expect(lines[2] == "wrong macro         3  60.0 %   60.0 %  ██████████████████████████████")
    #expect(lines[3] == "packing, error      1  20.0 %   80.0 %  ██████████")
    #expect(lines[4].contains("80 % cut"))
    #expect(lines.last == "vital few: 2 of 3 categories make 80.0 % of the count")
  }

  @Test func asciiBarsAndControlChartHaveNoUnicode() throws {
    for q in [
      "x | pareto by reason", "x | histogram handle_minutes", "x | timeline opened_at", "x | spc handle_minutes",
      "x | count by team, channel",
    ] {
      let text = Self.ascii.render(try query(Self.tickets, q))
      #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(q)")
    }
  }

  @Test func controlChartLists() throws {
    let text = Self.unicode.render(
      try query(try ChartTests.series([10, 11, 10, 11, 10, 11, 10, 30, 10, 11]), "x | spc v"))
    #expect(text.hasPrefix("XmR chart of v (one point per row): 10 points\n"))
    #expect(text.contains("rule 1, beyond a control limit: #8 (30)"))
  }

  @Test func colorOnlyWhenAsked() throws {
    let colored = EvidenceTextRenderer(options: .init(color: true)).render(try query(Self.tickets, "x | count by team"))
    #expect(colored.contains("\u{1B}[1m"))
    #expect(!Self.unicode.render(try query(Self.tickets, "x | count by team")).contains("\u{1B}"))
  }

  @Test func jsonEscapes() {
    #expect(EvidenceTextRenderer.jsonString("a\"b\\c\nd\u{1}é") == "\"a\\\"b\\\\c\\nd\\u0001é\"")
    #expect(
      EvidenceTextRenderer.json(columns: ["a", "b"], rows: [["1", "x,y"]]) == "[\n  {\"a\": \"1\", \"b\": \"x,y\"}\n]\n"
    )
    #expect(EvidenceTextRenderer.json(columns: ["a"], rows: []) == "[]\n")
  }

  @Test func csvPreviewRoundTrips() throws {
    let text = Self.unicode.preview(Self.tickets, limit: 10, format: .csv)
    let again = try loadText(text).table
    #expect(cells(again) == cells(Self.tickets))
  }

  @Test func previewTableShowsTypesAndCounts() {
    let text = Self.ascii.preview(Self.tickets, limit: 2)
    #expect(text.contains("| date/time"))
    #expect(text.hasSuffix("2 of 5 rows · 9 columns\n"))
  }

  @Test func loadSummaryAndListing() throws {
    let result = try loadText("a,b\n1,2\n3\n", name: "tickets", path: "tickets.csv")
    let text = Self.ascii.loaded(result)
    #expect(text.hasPrefix("loaded tickets: 2 rows × 2 columns · sha256 "))
    #expect(text.contains("  warning: tickets.csv:3 (row 2, column 2, byte 8): ragged row"))
    let t = result.table
    let listing = Self.ascii.listing([
      EvidenceRecord(
        name: t.name, path: t.path, format: t.format.rawValue, rows: t.rowCount,
        columns: t.columnCount, bytes: t.byteCount, sha256: t.sha256, cell: 1)
    ])
    #expect(listing.contains("| tickets | csv    |    2 |       2 |    10 |"))
  }

  @Test func sha256OfKnownText() throws {
    #expect(
      try loadText("abc", format: .text).table.sha256
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }

  @Test func cellsAreMadePrintable() {
    #expect(TextWidth.cell("a\r\nb\tc\u{0}", maxWidth: 40, unicode: true) == "a↵b c\\0")
    #expect(TextWidth.cell(String(repeating: "x", count: 50), maxWidth: 10, unicode: true) == "xxxxxxxxx…")
    #expect(TextWidth.cell("日本語テキスト", maxWidth: 6, unicode: false) == "日...")
    #expect(TextWidth.of("日本") == 4 && TextWidth.of("e\u{301}") == 1 && TextWidth.of("😄") == 2)
  }
}

@Suite struct RendererWidthTests {
  @Test func wideTablesKeepTheColumnsThatFit() throws {
    let renderer = EvidenceTextRenderer(options: .init(unicode: false, maxTableWidth: 40))
    let text = renderer.preview(QueryEngineTests.tickets, limit: 2)
    let lines = text.split(separator: "\n")
    #expect(lines.dropLast(2).allSatisfy { $0.count <= 40 })
    #expect(text.contains("more columns not shown (team, channel, reopened, …); `select` chooses columns"))
  }
}
