import Foundation
import Testing
@testable import GembaCore

/// Issue 22 items 12 and 13: a literal compared with a typed column reads as its type or is
/// refused, and `derive` conditions test empty cells and take `and`, `or`, `not`, `~`.
/// Expected rows come from pandas reading the same CSV at test time.
@Suite(.enabled(if: SciPy.available, "needs python3 with pandas"))
struct TypedLiteralTests {
  /// 60 inspections, every third day from 2020-01-01, dates written the US way; a latitude with
  /// a decimal point; a `robot` column empty on every fourth row.
  static let csv: String = {
    var text = "id,Inspection Date,Latitude,robot\n"
    for i in 0..<60 {
      let day = ValueParser.civilFromDays(ValueParser.daysFromCivil(2020, 1, 1) + 3 * i)
      let robot = i % 4 == 0 ? "" : "bot\(i % 3)"
      text += "R\(i),\(day.month)/\(day.day)/\(day.year),\(41.5 + Double(i % 9) / 10),\(robot)\n"
    }
    return text
  }()
  static let table: EvidenceTable = try! loadText(csv, name: "inspections", path: "inspections.csv").table

  /// The ids of the rows a query returns.
  static func ids(_ text: String, on table: EvidenceTable = table) throws -> [String] {
    guard case .rows(let t) = try query(table, "x | " + text + " | select id").unnoted else { return ["not rows"] }
    return t.rows.map { $0[0] }
  }

  /// pandas' ids for a mask over `df` (dates parsed with the file's layout, empty cells kept as "").
  static func pandas(_ mask: String, csv: String = csv, read: String = "sep=','") throws -> [String] {
    let out = try SciPy.run(
      """
      import io, pandas as pd
      df = pd.read_csv(io.StringIO(data['csv']), \(read), keep_default_na=False)
      df['Inspection Date'] = pd.to_datetime(df['Inspection Date'], format=data['layout'])
      out = {'ids': list(df[\(mask)]['id'])}
      """, input: ["csv": csv, "layout": csv.contains(";") ? "%d.%m.%Y" : "%m/%d/%Y"])
    return out["ids"] as? [String] ?? ["python gave no ids"]
  }

  @Test func aDateLiteralComparesAsADateWhateverItsForm() throws {
    let expected = try Self.pandas("df['Inspection Date'] >= pd.Timestamp('2020-2-1')")
    #expect(expected.count > 0 && expected.count < 60)
    for literal in ["2020-2-1", "2020-02-01", "\"02/01/2020\"", "2020/02/01"] {
      #expect(try Self.ids("where \"Inspection Date\" >= \(literal)") == expected, "\(literal)")
    }
    let day = try Self.pandas("df['Inspection Date'] == pd.Timestamp('2020-1-4')")
    #expect(try Self.ids("where \"Inspection Date\" = 2020-1-4") == day && day.count == 1)
  }

  @Test(arguments: [
    ("< 2020-02-30", "February 2020 has 29 days"), (">= 2020-13-01", "there is no month 13"),
    ("= 2021-02-29", "February 2021 has 28 days"),
  ])
  func anImpossibleDateIsRefusedByName(_ condition: String, _ why: String) {
    let text = "x | where \"Inspection Date\" \(condition)"
    do {
      _ = try query(Self.table, text)
      Issue.record("expected an error for \(condition)")
    } catch {
      #expect(error.code == .impossibleDate)
      #expect(error.message.contains(why), "\(error.message)")
      #expect(error.notes.contains { $0.contains("%m/%d/%Y") }, "\(error.notes)")
      let value = condition.split(separator: " ")[1]
      let column = text.range(of: String(value))!.lowerBound.utf16Offset(in: text) + 1
      #expect(error.span?.start.column == column)
    }
  }

  @Test(arguments: [
    "where \"Inspection Date\" > 2020", "where \"Inspection Date\" < soon", "where Latitude > 41,9",
    "where Latitude = 41,9", "where Latitude > 2020-01-01", "where Latitude < high",
  ])
  func aLiteralThatIsNotTheColumnsTypeIsRefused(_ condition: String) {
    do {
      _ = try query(Self.table, "x | " + condition)
      Issue.record("expected an error for \(condition)")
    } catch {
      #expect(error.code == .literalNotColumnType, "\(error.message)")
      #expect(error.span != nil)
    }
  }

  @Test func aDecimalCommaReadsOnlyWhereTheFileWritesThem() throws {
    #expect(try Self.ids("where Latitude > 41.9") == (try Self.pandas("df['Latitude'] > 41.9")))
    // The same rows written the European way: `;` between fields, decimal commas, day.month.year.
    let european =
      Self.csv.split(separator: "\n").enumerated().map { (i, line) -> String in
        var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if i > 0 {
          let d = f[1].split(separator: "/")
          f[1] = "\(d[1]).\(d[0]).\(d[2])"
          f[2] = f[2].replacingOccurrences(of: ".", with: ",")
        }
        return f.joined(separator: ";")
      }.joined(separator: "\n") + "\n"
    let table = try loadText(european, name: "eu", path: "eu.csv").table
    let expected = try Self.pandas("df['Latitude'] > 41.9", csv: european, read: "sep=';', decimal=','")
    #expect(expected.count > 0)
    #expect(try Self.ids("where Latitude > 41,9", on: table) == expected)
    #expect(try Self.ids("where Latitude > 41.9", on: table) == expected)
    #expect(
      try Self.ids("where \"Inspection Date\" >= 2020-2-1", on: table)
        == (try Self.pandas(
          "df['Inspection Date'] >= pd.Timestamp('2020-2-1')", csv: european, read: "sep=';', decimal=','")))
  }

  /// A word compared for equality finds cells written that way (`n/a` in a numeric column).
  @Test func aWordStillFindsCellsWrittenThatWay() throws {
    let table = try loadText("id,v\nA,1\nB,n/a\nC,3\nD,4\nE,5\n", name: "t", path: "t.csv").table
    #expect(try Self.ids("where v = n/a", on: table) == ["B"])
  }

  /// The derived column, row by row.
  static func derived(_ expression: String) throws -> [String] {
    guard case .rows(let t) = try query(Self.table, "x | derive k = \(expression) | select k", rowLimit: 100) else {
      return ["not rows"]
    }
    return t.rows.map { $0[0] }
  }

  static func pandasColumn(_ expression: String) throws -> [String] {
    let out = try SciPy.run(
      """
      import io, pandas as pd
      df = pd.read_csv(io.StringIO(data['csv']), keep_default_na=False)
      out = {'k': [str(v) for v in \(expression)]}
      """, input: ["csv": Self.csv])
    return out["k"] as? [String] ?? ["python gave nothing"]
  }

  @Test func ifSeesEmptyCells() throws {
    let expected = try Self.pandasColumn("np.where(df['robot'] == '', 'browser', 'robot')")
    #expect(expected.filter { $0 == "browser" }.count == 15)
    #expect(try Self.derived("if(robot = \"\", \"browser\", \"robot\")") == expected)
    #expect(try Self.derived("if(robot != \"\", \"robot\", \"browser\")") == expected)
  }

  @Test(arguments: [
    (
      "if(robot ~ \"bot[12]\" and not Latitude > 41.9, 1, 0)",
      "np.where(df['robot'].str.contains('bot[12]') & ~(df['Latitude'] > 41.9), '1', '0')"
    ),
    (
      "if(robot = \"\" or Latitude >= 42.2, \"x\", \"y\")",
      "np.where((df['robot'] == '') | (df['Latitude'] >= 42.2), 'x', 'y')"
    ),
    ("if(robot !~ \"^bot0$\", \"a\", \"b\")", "np.where(~df['robot'].str.contains('^bot0$'), 'a', 'b')"),
    (
      "if(not (robot = \"bot1\" or robot = \"bot2\") and Latitude < 41.8, 1, 0)",
      "np.where(~((df['robot'] == 'bot1') | (df['robot'] == 'bot2')) & (df['Latitude'] < 41.8), '1', '0')"
    ),
  ])
  func conditionsCombineAsPandasDoes(_ expression: String, _ oracle: String) throws {
    let expected = try Self.pandasColumn(oracle)
    #expect(Set(expected).count == 2, "a condition that splits the rows")
    #expect(try Self.derived(expression) == expected)
  }

  @Test func aBadPatternInDeriveIsRefusedWhenParsed() {
    do {
      _ = try query(Self.table, "x | derive k = if(robot ~ \"(\", 1, 0)")
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .invalidRegex)
    }
  }
}

/// A date written in a `derive` expression is a date, not `2020 - 2 - 1`.
@Suite struct DeriveDateLiteralTests {
  static let table: EvidenceTable = try! loadText(
    "id,d,n\nA,01/30/2020,1\nB,02/01/2020,2\nC,02/29/2020,3\nD,,4\n", name: "t", path: "t.csv"
  ).table

  @Test func aDateInAnExpressionComparesWithTheColumnsDates() throws {
    guard case .rows(let t) = try query(Self.table, "x | derive late = if(d >= 2020-2-1, 1, 0) | select late").unnoted
    else {
      Issue.record("rows"); return
    }
    // Exact: Jan 30 is before, Feb 1 and Feb 29 are on or after, the empty date is unknown.
    #expect(t.rows.map { $0[0] } == ["0", "1", "1", ""])
    guard case .rows(let u) = try query(Self.table, "x | derive age = days(2020-03-01 - d) | select age").unnoted else {
      Issue.record("rows"); return
    }
    #expect(u.rows.map { $0[0] } == ["31", "29", "1", ""])
    #expect(
      try counts(query(Self.table, "x | derive y = n - 2020-2 | count by y")) == [
        "-2021": 1, "-2020": 1, "-2019": 1, "-2018": 1,
      ])
  }

  @Test func anImpossibleDateInAnExpressionIsRefused() {
    do {
      _ = try query(Self.table, "x | derive late = if(d >= 2020-02-30, 1, 0)")
      Issue.record("expected an error")
    } catch {
      #expect(error.code == .impossibleDate)
      #expect(error.message.contains("February 2020 has 29 days"))
    }
  }
}
