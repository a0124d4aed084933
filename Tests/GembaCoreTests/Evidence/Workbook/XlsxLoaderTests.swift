import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Workbooks made at test time with xlsxwriter: values, dates, options, refusals.
@Suite(.enabled(if: ExternalProgram.runs(needing: pythonWorkbookTools == nil), "\(pythonWorkbookTools ?? "")"))
struct XlsxLoaderTests {
  /// Runs an xlsxwriter script (`book` and `sheet` are open; `path` is the output) and returns the path.
  static func makeBook(_ body: String, options: String = "{}", sourceLocation: SourceLocation = #_sourceLocation) throws
    -> String
  {
    let folder = try workbookScratch("book\(abs(body.hashValue))")
    let path = folder.appendingPathComponent("book.xlsx").path
    let script =
      "import sys, datetime, xlsxwriter\npath = sys.argv[1]\nbook = xlsxwriter.Workbook(path, \(options))\nsheet = book.add_worksheet('Data')\n"
      + body + "\nbook.close()"
    let run = runPython(script, arguments: [path])
    #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
    return path
  }

  @Test func valuesOfEveryKindLoadAsText() throws {
    let path = try Self.makeBook(
      """
      date = book.add_format({'num_format': 'yyyy-mm-dd'})
      stamp = book.add_format({'num_format': 'dd/mm/yyyy hh:mm'})
      sheet.write_row(0, 0, ['name', 'n', 'when', 'at', 'ok', 'ratio', 'note'])
      sheet.write_row(1, 0, ['Café & <co>', 42, None, None, True, 0.1 + 0.2, 'line1\\nline2'])
      sheet.write_datetime(1, 2, datetime.date(2024, 3, 5), date)
      sheet.write_datetime(1, 3, datetime.datetime(2024, 3, 5, 10, 30), stamp)
      sheet.write_formula(2, 1, '=1/0', None, '#DIV/0!')
      sheet.write_formula(2, 0, '="x"&"y"', None, 'xy')
      sheet.write_boolean(2, 4, False)
      """)
    let result = try loadWorkbook(path)
    let t = result.table
    #expect(t.columns == ["name", "n", "when", "at", "ok", "ratio", "note"])
    #expect(cells(t)[0] == ["Café & <co>", "42", "2024-03-05", "2024-03-05T10:30:00", "TRUE", "0.3", "line1\nline2"])
    #expect(cells(t)[1] == ["xy", "#DIV/0!", "", "", "FALSE", "", ""])
    #expect(t.columnType(2) == .dateTime && t.columnType(3) == .dateTime && t.columnType(4) == .boolean)
    #expect(
      result.problems.contains {
        $0.kind == .errorCell && $0.row == 2 && $0.column == 2 && $0.message.contains("#DIV/0!")
      })
    #expect(t.lineNumber(ofRow: 1) == 3, "a row's line is its sheet row")
    #expect(t.sheet == "Data")
  }

  @Test(arguments: [
    (1.0, false, "1900-01-01"), (59.0, false, "1900-02-28"), (60.0, false, "1900-02-29"), (61.0, false, "1900-03-01"),
    (45356.0, false, "2024-03-05"), (45356.4375, false, "2024-03-05T10:30:00"), (0.75, false, "18:00:00"),
    (45356.0000058, false, "2024-03-05T00:00:00.501"),
    (0.0, true, "1904-01-01"), (43894.0, true, "2024-03-05"), (1.5, true, "1904-01-02T12:00:00"),
  ])
  func dateSerials(serial: Double, date1904: Bool, iso: String) {
    #expect(ExcelValue.isoDate(serial: serial, date1904: date1904) == iso)
  }

  @Test func durationsShowHoursPastADay() {
    #expect(ExcelValue.duration(serial: 10.632060185185185) == "255:10:10")
    #expect(ExcelValue.duration(serial: -0.5) == "-12:00:00")
  }

  @Test(arguments: [
    ("yyyy-mm-dd", CellStyles.Kind.dateTime), ("d/m/yyyy;@", .dateTime), ("[$-409]h:mm AM/PM", .dateTime),
    ("[h]:mm:ss", .duration), ("[mm]:ss", .duration), ("0.00", .number), ("General", .number),
    ("\"days\" 0", .number), ("[Red]0.00", .number), ("#,##0;[Red]-#,##0", .number), ("0.0\\h", .number),
    ("_(* #,##0_)", .number), ("mmm-yy", .dateTime),
  ])
  func customFormatsThatAreDates(code: String, kind: CellStyles.Kind) {
    #expect(CellStyles.kind(ofFormat: code) == kind)
  }

  @Test func builtInDateFormats() {
    #expect((14...22).allSatisfy { CellStyles.builtinKind($0) == .dateTime })
    #expect(CellStyles.builtinKind(45) == .dateTime && CellStyles.builtinKind(47) == .dateTime)
    #expect(CellStyles.builtinKind(46) == .duration && CellStyles.builtinKind(2) == .number)
  }

  @Test func the1904SystemIsReadFromTheWorkbook() throws {
    let path = try Self.makeBook(
      """
      date = book.add_format({'num_format': 'yyyy-mm-dd'})
      sheet.write_row(0, 0, ['day'])
      sheet.write_datetime(1, 0, datetime.date(2024, 3, 5), date)
      sheet.write_number(2, 0, 0, date)
      """, options: "{'date_1904': True}")
    #expect(cells(try loadWorkbook(path).table) == [["2024-03-05"], ["1904-01-01"]])
  }

  @Test func aMergedTitleRowIsSkippedAndTwoHeaderRowsCombine() throws {
    let path = try Self.makeBook(
      """
      sheet.merge_range('A1:C1', 'Line 4 rejects, week 12', book.add_format({'bold': True}))
      sheet.write_row(1, 0, ['Shift', None, 'Defect'])
      sheet.write_row(2, 0, ['name', 'lead', 'code'])
      sheet.write_row(3, 0, ['early', 'Ana', 'D7'])
      sheet.write_row(5, 0, ['late', 'Bo', 'D9'])
      """)
    let unskipped = try loadWorkbook(path, skip: 1)
    #expect(!unskipped.problems.contains { $0.kind == .titleRow })
    let titled = try Self.makeBook(
      """
      sheet.merge_range('A1:C1', 'Line 4 rejects, week 12')
      sheet.write_row(1, 0, ['name', 'lead', 'code'])
      sheet.write_row(2, 0, ['early', 'Ana', 'D7'])
      """)
    let hinted = try loadWorkbook(titled)
    #expect(hinted.problems.contains { $0.kind == .titleRow && $0.message.contains("--skip 1") })
    #expect(try loadWorkbook(titled, skip: 1).table.columns == ["name", "lead", "code"])
    let skipped = try loadWorkbook(path, skip: 2)
    #expect(skipped.table.columns == ["name", "lead", "code"])
    #expect(cells(skipped.table) == [["early", "Ana", "D7"], ["late", "Bo", "D9"]], "the blank row 5 is dropped")
    #expect(skipped.table.lineNumber(ofRow: 1) == 6)
    let combined = try loadWorkbook(path, headerRows: 2, skip: 1)
    #expect(combined.table.columns == ["Shift.name", "Shift.lead", "Defect.code"])
  }

  @Test func sheetsAreChosenByNameOrPositionAndListed() throws {
    let path = try Self.makeBook(
      """
      sheet.write_row(0, 0, ['a'])
      sheet.write_row(1, 0, [1])
      other = book.add_worksheet('Rejects 2026')
      other.write_row(0, 0, ['code', 'count'])
      other.write_row(1, 0, ['D7', 3])
      book.add_worksheet('Empty')
      """)
    let file = try MappedFile(path: path)
    #expect(try EvidenceLoader.sheetNames(bytes: ByteSource(file), path: path) == ["Data", "Rejects 2026", "Empty"])
    #expect(try loadWorkbook(path, sheet: "Rejects 2026").table.columns == ["code", "count"])
    #expect(try loadWorkbook(path, sheet: "rejects 2026").table.columns == ["code", "count"])
    #expect(try loadWorkbook(path, sheet: "2").table.columns == ["code", "count"])
    #expect(try loadWorkbook(path).table.columns == ["a"])
    let missing = try #require(throws: EvidenceError.self) { try loadWorkbook(path, sheet: "Nope") }
    #expect(
      missing.problem.message.contains("no sheet named `Nope`")
        && missing.hint.contains("1 Data, 2 Rejects 2026, 3 Empty"))
    let tooFar = try #require(throws: EvidenceError.self) { try loadWorkbook(path, sheet: "4") }
    #expect(tooFar.problem.message.contains("has 3 sheets, not 4"))
    let empty = try #require(throws: EvidenceError.self) { try loadWorkbook(path, sheet: "Empty") }
    #expect(empty.problem.message.contains("sheet `Empty` is empty"))
  }

  @Test func aSheetOf16384ColumnsLoads() throws {
    let path = try Self.makeBook(
      """
      sheet.write_row(0, 0, [f'c{i}' for i in range(16384)])
      sheet.write_row(1, 0, list(range(16384)))
      sheet.write_string(2, 16383, 'last')
      """)
    let t = try loadWorkbook(path).table
    #expect(t.columnCount == 16_384 && t.rowCount == 2)
    #expect(
      t.columns.last == "c16383" && t.cell(row: 1, column: 16_383) == "last" && t.cell(row: 0, column: 9_999) == "9999")
  }

  @Test func queriesRunOnAWorkbookAsOnAnyTable() throws {
    let path = try Self.makeBook(
      """
      sheet.write_row(0, 0, ['team', 'minutes'])
      for i, team in enumerate(['Billing', 'Refunds', 'Billing', 'Support', 'Billing']):
          sheet.write_row(i + 1, 0, [team, 10 * (i + 1)])
      """)
    let t = try loadWorkbook(path).table
    #expect(counts(try query(t, "t | count by team")) == ["Billing": 3, "Refunds": 1, "Support": 1])
    guard case .count(let n) = try query(t, "t | where minutes >= 30 | count") else {
      Issue.record("expected a count"); return
    }
    #expect(n == 3)
    #expect(t.rawText(ofRow: 0) == "Billing\t10")
  }

  // MARK: refusals

  @Test func aLegacyXlsIsRefused() throws {
    let bytes: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 1024)
    let error = try #require(throws: EvidenceError.self) { try loadBytes(bytes, format: .xlsx, path: "old.xlsx") }
    #expect(error.problem.message.contains("legacy Excel 97–2003 workbook (.xls)"))
    #expect(error.hint.contains("save it as .xlsx or CSV from Excel"))
  }

  @Test func aPasswordProtectedWorkbookIsRefused() throws {
    let name = Array("EncryptedPackage".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let bytes: [UInt8] =
      [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 600) + name + [0, 0]
    let error = try #require(throws: EvidenceError.self) { try loadBytes(bytes, format: .xlsx, path: "locked.xlsx") }
    #expect(error.problem.message.contains("password-protected"))
    #expect(error.hint == "remove the password in Excel (File › Info › Protect Workbook) and save again")
  }

  @Test func calaminesPasswordProtectedFileIsRefused() throws {
    let path = sharedPath("conformance/calamine-xlsx/pass_protected.xlsx")
    try #require(FileManager.default.fileExists(atPath: path), "needs ../shared/conformance/calamine-xlsx")
    let error = try #require(throws: EvidenceError.self) { try loadWorkbook(path) }
    #expect(error.hint.contains("remove the password in Excel"))
  }

  @Test func aCSVNamedXlsxSaysSo() throws {
    let error = try #require(throws: EvidenceError.self) {
      try loadBytes(Array("a,b\n1,2\n".utf8), format: .xlsx, path: "export.xlsx")
    }
    #expect(error.problem.message.contains("is text, not an Excel workbook"))
    #expect(error.hint == "load it as text: load export.xlsx --format csv (or tsv)")
  }

  @Test func anXlsxNamedCsvSaysSo() throws {
    let path = try Self.makeBook("sheet.write_row(0, 0, ['a'])")
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let error = try #require(throws: EvidenceError.self) { try loadBytes(bytes, format: .csv, path: "export.csv") }
    #expect(error.problem.message.contains("is an Excel workbook (.xlsx)"))
    #expect(error.hint.contains("--format xlsx"))
  }

  @Test func aZipThatIsNoWorkbookIsRefused() throws {
    let zip = try ZipArchiveTests.makeZip("z.writestr('notes.txt', 'hello')")
    let error = try #require(throws: EvidenceError.self) { try loadBytes(zip, format: .xlsx, path: "a.xlsx") }
    #expect(error.problem.message.contains("not an Excel workbook (it has no xl/workbook.xml)"))
  }

  /// A sheet that inflates past the part limit is refused with the limit stated; memory is bounded
  /// by the piece size, not the sheet.
  @Test func aWorkbookZipBombIsRefused() throws {
    let path = try Self.makeBook(
      """
      sheet.write_row(0, 0, ['a'])
      for r in range(1, 200000): sheet.write_string(r, 0, 'same text in every row')
      """)
    let file = try MappedFile(path: path)
    let error = try #require(throws: EvidenceError.self) {
      try XlsxLoader.load(
        name: "b", path: path, bytes: ByteSource(file), options: LoadOptions(), progress: nil, partLimit: 1 << 20)
    }
    #expect(error.problem.message.contains("inflates past 1,048,576 bytes"))
    #expect(error.hint.contains("zip bomb"))
  }
}
