import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Issue 24, finding 14 (xlsx read leniently without a warning): a workbook made by xlsxwriter at
/// test time, its sheet XML then edited with python's zipfile. What openpyxl and python-calamine
/// read from the same edited file is the oracle: where both read it one way, gemba reads it that
/// way and says what was odd; where they fail or disagree, gemba refuses or keeps what is written,
/// naming the sheet and the cell.
@Suite(.enabled(if: ExternalProgram.runs(needing: pythonWorkbookTools == nil), "\(pythonWorkbookTools ?? "")"))
struct LenientWorkbookTests {
  /// Rows id/name/ok: (1, alpha, TRUE), (2, beta, FALSE), (3, gamma, TRUE); names are shared strings.
  /// `edit` is a python expression over `d`, the sheet XML's bytes, giving the new bytes.
  static func edited(_ edit: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let folder = try workbookScratch("lenient\(abs(edit.hashValue))")
    let path = folder.appendingPathComponent("book.xlsx").path
    let script = """
      import sys, re, zipfile, xlsxwriter
      path = sys.argv[1]
      b = xlsxwriter.Workbook(path + '.orig'); s = b.add_worksheet('Data')
      s.write_row(0, 0, ['id', 'name', 'ok'])
      for i, (n, ok) in enumerate([('alpha', True), ('beta', False), ('gamma', True)]): s.write_row(i + 1, 0, [i + 1, n, ok])
      b.close()
      zin = zipfile.ZipFile(path + '.orig'); zout = zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED)
      for item in zin.infolist():
          d = zin.read(item.filename)
          if item.filename == 'xl/worksheets/sheet1.xml':
              new = \(edit)
              assert new != d, 'the edit changed nothing'
              d = new
          zout.writestr(item, d)
      zout.close()
      """
    let run = runPython(script, arguments: [path])
    try #require(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
    return path
  }

  /// What openpyxl and calamine read from `path`: each reader's rows as text (booleans TRUE/FALSE,
  /// whole numbers without a decimal point), or `ERROR` when it fails.
  static func oracle(_ path: String) throws -> (openpyxl: [[String]]?, calamine: [[String]]?) {
    let script = """
      import sys, json, openpyxl, python_calamine
      def text(v):
          if v is None: return ''
          if isinstance(v, bool): return 'TRUE' if v else 'FALSE'
          if isinstance(v, float) and v.is_integer(): return str(int(v))
          return str(v)
      out = {}
      try:
          wb = openpyxl.load_workbook(sys.argv[1])
          out['openpyxl'] = [[text(v) for v in r] for r in wb['Data'].iter_rows(values_only=True)]
      except Exception as e: out['openpyxl'] = None
      try:
          rows = python_calamine.CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name('Data').to_python()
          out['calamine'] = [[text(v) for v in r] for r in rows]
      except Exception as e: out['calamine'] = None
      print(json.dumps(out))
      """
    let run = runPython(script, arguments: [path])
    try #require(run.status == 0, "\(run.stderr)")
    let object = try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any]
    return (object?["openpyxl"] as? [[String]], object?["calamine"] as? [[String]])
  }

  /// The header and rows gemba loaded, as text.
  static func rows(_ result: LoadResult) -> [[String]] {
    [result.table.columns] + cells(result.table)
  }

  @Test func rowsOutOfOrderAreReadInOrderWithAWarning() throws {
    let path = try Self.edited(#"re.sub(rb'(<row r="3".*?</row>)(<row r="4".*?</row>)', rb'\2\1', d)"#)
    let oracle = try Self.oracle(path)
    let expected = try #require(oracle.openpyxl)
    #expect(oracle.calamine == expected)
    let result = try loadWorkbook(path)
    #expect(Self.rows(result) == expected)
    #expect(result.table.lineNumber(ofRow: 1) == 3 && result.table.lineNumber(ofRow: 2) == 4, "lines are sheet rows")
    let warning = try #require(result.problems.first { $0.message.contains("writes row 3 after row 4") })
    #expect(warning.action == .loaded && warning.message.contains("sheet `Data`"))
  }

  @Test func aBooleanOtherThanZeroOrOneIsKeptAsWrittenWithAWarning() throws {
    let path = try Self.edited(#"d.replace(b'<c r="C2" t="b"><v>1</v>', b'<c r="C2" t="b"><v>2</v>')"#)
    let oracle = try Self.oracle(path)
    // The readers disagree (openpyxl: TRUE, calamine: an error), so neither reading is assumed.
    #expect(oracle.openpyxl?[1][2] == "TRUE")
    #expect(oracle.calamine == nil)
    let result = try loadWorkbook(path)
    #expect(Self.rows(result)[1] == ["1", "alpha", "2"])
    #expect(Self.rows(result)[2] == (oracle.openpyxl?[2] ?? []))
    let warning = try #require(result.problems.first { $0.message.contains("cell C2 is a boolean holding `2`") })
    #expect(warning.action == .loaded && warning.row == 1 && warning.column == 3)
  }

  @Test func aSharedStringOutOfRangeIsRefusedNamingTheCell() throws {
    let path = try Self.edited(#"d.replace(b'<c r="B3" t="s"><v>4</v>', b'<c r="B3" t="s"><v>99</v>')"#)
    let oracle = try Self.oracle(path)
    #expect(oracle.openpyxl == nil && oracle.calamine == nil, "both readers fail on it")
    let error = try #require(throws: EvidenceError.self) { try loadWorkbook(path) }
    #expect(error.problem.action == .refused && error.code == .evidenceRefused)
    #expect(
      error.problem.message.contains("sheet `Data` has cell B3 naming shared string 99, but the workbook has 6"),
      "\(error.problem.message)")
  }

  @Test func aRowNumberedZeroIsRefused() throws {
    let path = try Self.edited(
      #"re.sub(rb'r="([A-C])1"', rb'r="\g<1>0"', d.replace(b'<row r="1" ', b'<row r="0" '))"#)
    let oracle = try Self.oracle(path)
    // openpyxl drops the row (the header is lost); calamine fails: neither is a reading to follow.
    #expect(oracle.openpyxl?.first == ["", "", ""])
    #expect(oracle.calamine == nil)
    let error = try #require(throws: EvidenceError.self) { try loadWorkbook(path) }
    #expect(error.code == .evidenceRefused)
    #expect(
      error.problem.message.contains("sheet `Data` has a row numbered 0 (rows are numbered from 1)"),
      "\(error.problem.message)")
  }

  @Test func aCellWrittenTwiceKeepsTheSecondValueWithAWarning() throws {
    let path = try Self.edited(#"re.sub(rb'(<c r="A3"[^>]*>.*?</c>)', rb'\1<c r="A3"><v>7</v></c>', d, count=1)"#)
    let oracle = try Self.oracle(path)
    let expected = try #require(oracle.openpyxl)
    #expect(oracle.calamine == expected)
    let result = try loadWorkbook(path)
    #expect(Self.rows(result) == expected)
    let warning = try #require(result.problems.first { $0.message.contains("cell A3 is written twice") })
    #expect(warning.action == .loaded && warning.row == 2)
  }

  @Test func aRowWrittenTwiceIsRefused() throws {
    let path = try Self.edited(#"d.replace(b'<row r="4" ', b'<row r="3" ')"#)
    let error = try #require(throws: EvidenceError.self) { try loadWorkbook(path) }
    #expect(error.problem.message.contains("sheet `Data` has row 3 twice"), "\(error.problem.message)")
  }

  @Test(arguments: [true, false])
  func aUTF16SheetIsRefusedSayingWhetherItIsCutInACharacter(odd: Bool) throws {
    let tail = odd ? " + b'\\x00'" : ""
    let path = try Self.edited("d.decode('utf-8').encode('utf-16')\(tail)")
    let error = try #require(throws: EvidenceError.self) { try loadWorkbook(path) }
    #expect(error.code == .evidenceRefused)
    let message = error.problem.message
    #expect(message.contains("sheet `Data` (`xl/worksheets/sheet1.xml`) is XML in UTF-16"), "\(message)")
    #expect(message.contains("ends in half a character") == odd, "\(message)")
  }
}
