import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Every workbook of calamine's test suite (`../shared/conformance/calamine-xlsx/`), read by gemba
/// and by python-calamine at test time, compared cell by cell; a file calamine refuses, gemba refuses.
///
/// How values are compared (gemba keeps text; the reference reads typed values):
/// - rows: gemba drops rows with no value (as it drops blank CSV lines), so calamine's all-empty
///   rows are dropped too; every other row must be there, at the same sheet row (gemba's line number
///   is the sheet row), with the same number of columns (both start at the first used column).
/// - numbers: equal to Excel's 15 significant digits (`%.15g` of both).
/// - dates: calamine's date / datetime / time / timedelta against gemba's ISO-8601 text
///   (`2021-01-01`, `2021-01-01T10:30:00`, `10:30:00`) or duration (`255:10:10`), to the millisecond.
/// - booleans: `TRUE` / `FALSE`; strings: byte for byte; empty: empty.
/// - error cells: python-calamine reads them as empty strings; gemba keeps the error's text
///   (`#DIV/0!`), so those cells are compared with openpyxl's reading instead (the `e` cells below).
///
/// Where gemba deliberately differs, see `deliberate`.
@Suite(
  .enabled(
    if: ExternalProgram.runs(needing: sharedExists),
    "needs ../shared/conformance/calamine-xlsx (absent here)"),
  .enabled(if: ExternalProgram.runs(needing: pythonWorkbookTools == nil), "\(pythonWorkbookTools ?? "")"))
struct CalamineConformanceTests {
  static let folder = sharedPath("conformance/calamine-xlsx")

  /// Where gemba's answer differs from python-calamine's on purpose, and why (checked below):
  /// - error cells (errors.xlsx, picture_richdata.xlsx, pictures_in_cell_and_over_cell.xlsx):
  ///   python-calamine reads them as empty strings; gemba keeps `#DIV/0!`, `#VALUE!`… as text and
  ///   lists each, since an empty cell would be counted as "no value". Compared with openpyxl.
  /// - sheets with no value (23 in this suite: empty_sheet.xlsx, errors.xlsx Feuil2/Feuil3,
  ///   issue127.xlsx's eight, the chart sheets of any_sheets.xlsx and issue438.xlsx, …): calamine
  ///   returns an empty range; gemba refuses to load an empty table, naming the other sheets.
  /// - rows with no value inside a sheet: calamine keeps them as empty rows; gemba drops them as it
  ///   drops blank CSV lines (row numbers still show the sheet row).
  static let deliberate = ["error cells kept as text", "empty sheets refused", "empty rows dropped"]

  struct Sheet: Decodable { var name: String; var refused: String?; var start: [Int]?; var rows: [[Cell]]? }
  struct Cell: Decodable {
    var t: String
    var v: Value?
    enum Value: Decodable {
      case string(String), number(Double), bool(Bool)
      init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) {
          self = .bool(b)
        } else if let d = try? c.decode(Double.self) {
          self = .number(d)
        } else {
          self = .string(try c.decode(String.self))
        }
      }
    }
  }
  struct Book: Decodable { var refused: String?; var sheets: [Sheet]? }

  /// python-calamine's reading of every file, computed once per run.
  static let reference: [String: Book] = {
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xlsx") }
      .sorted()
    let run = runPython(referenceScript, arguments: files.map { folder + "/" + $0 })
    return (try? JSONDecoder().decode([String: Book].self, from: run.stdout)) ?? [:]
  }()

  static var files: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".xlsx") }.sorted()
  }

  @Test func theReferenceReadEveryFile() {
    #expect(
      Self.reference.count == Self.files.count && !Self.files.isEmpty,
      "python-calamine read \(Self.reference.count) of \(Self.files.count) files")
  }

  @Test(arguments: files)
  func eachSheetEqualsCalamine(file: String) throws {
    let path = Self.folder + "/" + file
    let book = try #require(Self.reference[file], "no reference reading of \(file)")
    if let refusal = book.refused {
      do {
        _ = try loadWorkbook(path, headerRows: 0)
        Issue.record("calamine refuses \(file) (\(refusal)); gemba loaded it")
      } catch {
        #expect(error.problem.file == path && error.problem.action == .refused)
        #expect(!error.hint.isEmpty, "a refusal says what to do")
      }
      return
    }
    for (index, sheet) in (book.sheets ?? []).enumerated() {
      let rows = (sheet.rows ?? []).enumerated().filter { !$0.element.allSatisfy(Self.isEmpty) }
      let loaded: LoadResult
      do {
        loaded = try loadWorkbook(path, sheet: "\(index + 1)", headerRows: 0)
      } catch {
        let calamineEmpty = rows.isEmpty
        #expect(
          calamineEmpty, "\(file) sheet \(sheet.name): gemba refused (\(error)) but calamine read \(rows.count) rows")
        continue
      }
      let table = loaded.table
      #expect(
        table.rowCount == rows.count, "\(file) sheet \(sheet.name): \(table.rowCount) rows, calamine \(rows.count)")
      guard table.rowCount == rows.count, let start = sheet.start else { continue }
      for (k, (i, row)) in rows.enumerated() {
        #expect(
          table.lineNumber(ofRow: k) == start[0] + i + 1,
          "\(file) sheet \(sheet.name): row \(k + 1) is sheet row \(table.lineNumber(ofRow: k)), calamine \(start[0] + i + 1)"
        )
        #expect(
          table.columnCount == row.count,
          "\(file) sheet \(sheet.name): \(table.columnCount) columns, calamine \(row.count)")
        for (j, cell) in row.enumerated() where j < table.columnCount {
          let text = table.cell(row: k, column: j)
          #expect(
            Self.same(text, cell),
            "\(file) sheet \(sheet.name) row \(start[0] + i + 1) column \(start[1] + j + 1): gemba `\(text)`, calamine \(cell.t) \(String(describing: cell.v))"
          )
        }
      }
    }
  }

  static func isEmpty(_ c: Cell) -> Bool {
    if c.t == "n" { return true }
    if c.t == "s", case .string(let s)? = c.v { return s.isEmpty }
    return false
  }

  static func same(_ text: String, _ cell: Cell) -> Bool {
    switch (cell.t, cell.v) {
    case ("n", _): return text.isEmpty
    case ("s", .string(let s)?), ("e", .string(let s)?): return text == s
    case ("b", .bool(let b)?): return text == (b ? "TRUE" : "FALSE")
    case ("f", .number(let d)?): return Double(text).map { g15($0) == g15(d) } ?? false
    case ("d", .string(let s)?), ("dt", .string(let s)?), ("time", .string(let s)?):
      guard let a = instant(text), let b = instant(s) else { return false }
      return abs(a - b) <= 1
    case ("td", .number(let seconds)?):
      guard let ms = durationMs(text) else { return false }
      return abs(Double(ms) - seconds * 1000) <= 1
    default: return false
    }
  }

  static func g15(_ d: Double) -> String { String(format: "%.15g", d == 0 ? 0 : d) }

  /// Milliseconds since 1970 of `2021-01-01`, `2021-01-01T10:30:00.250`, or of a time alone on day 0.
  static func instant(_ s: String) -> Int? {
    var days = 0
    var rest = Substring(s)
    if s.count >= 10, s.dropFirst(4).first == "-" {
      let parts = s.prefix(10).split(separator: "-").compactMap { Int($0) }
      guard parts.count == 3 else { return nil }
      days = ValueParser.daysFromCivil(parts[0], parts[1], parts[2])
      rest = s.dropFirst(10)
      if rest.isEmpty { return days * 86_400_000 }
      guard rest.first == "T" || rest.first == " " else { return nil }
      rest = rest.dropFirst()
    }
    guard let ms = clockMs(rest) else { return nil }
    return days * 86_400_000 + ms
  }

  static func clockMs(_ s: Substring) -> Int? {
    let parts = s.split(separator: ":")
    guard parts.count == 3, let h = Int(parts[0]), let m = Int(parts[1]), let sec = Double(parts[2]) else { return nil }
    return (h * 3600 + m * 60) * 1000 + Int((sec * 1000).rounded())
  }

  static func durationMs(_ s: String) -> Int? {
    if s.hasPrefix("-") { return durationMs(String(s.dropFirst())).map { -$0 } }
    return clockMs(Substring(s))
  }

  static let referenceScript = #"""
    import json, sys, os, datetime, math
    import python_calamine as pc
    try:
        import openpyxl
    except ImportError:
        openpyxl = None
    ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA", "#SPILL!", "#CALC!"}
    def enc(v):
        if v is None: return {"t": "n"}
        if isinstance(v, bool): return {"t": "b", "v": v}
        if isinstance(v, int): return {"t": "f", "v": float(v)}
        if isinstance(v, float): return {"t": "f", "v": v}
        if isinstance(v, datetime.datetime): return {"t": "dt", "v": v.isoformat()}
        if isinstance(v, datetime.date): return {"t": "d", "v": v.isoformat()}
        if isinstance(v, datetime.time): return {"t": "time", "v": v.isoformat()}
        if isinstance(v, datetime.timedelta): return {"t": "td", "v": v.total_seconds()}
        return {"t": "s", "v": str(v)}
    out = {}
    for path in sys.argv[1:]:
        name = os.path.basename(path)
        try:
            wb = pc.CalamineWorkbook.from_path(path)
        except Exception as e:
            out[name] = {"refused": f"{type(e).__name__}: {e}"}
            continue
        ox = None
        if openpyxl:
            try: ox = openpyxl.load_workbook(path, data_only=True, read_only=True)
            except Exception: ox = None
        sheets = []
        for sheet_name in wb.sheet_names:
            try:
                s = wb.get_sheet_by_name(sheet_name)
                rows = s.to_python()
                start = s.start
            except Exception as e:
                sheets.append({"name": sheet_name, "refused": f"{type(e).__name__}: {e}"})
                continue
            grid = [[enc(v) for v in r] for r in rows]
            # python-calamine reads error cells as ''; take their text from openpyxl.
            blank = any(c["t"] == "s" and c["v"] == "" for r in grid for c in r)
            if blank and ox is not None and start is not None and sheet_name in ox.sheetnames:
                try:
                    # Only calamine's range (a read-only sheet may claim a far larger dimension).
                    rows_o = ox[sheet_name].iter_rows(min_row=start[0] + 1, max_row=start[0] + len(grid),
                                                      min_col=start[1] + 1, max_col=start[1] + len(grid[0]), values_only=True)
                    for r, row in zip(grid, rows_o):
                        for j, v in enumerate(row):
                            if j < len(r) and isinstance(v, str) and v in ERRORS and r[j]["t"] == "s" and r[j]["v"] == "":
                                r[j] = {"t": "e", "v": v}
                except Exception:
                    pass
            sheets.append({"name": sheet_name, "start": list(start) if start else None, "rows": grid})
        out[name] = {"sheets": sheets}
    json.dump(out, sys.stdout)
    """#
}
