import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Figures computed at test time by an independent program (pandas, numpy) on the same files.
enum Independent {
  static let hasPandas = ExternalTools.hasPythonModule("pandas")
  static let hasNumpy = ExternalTools.hasPythonModule("numpy")

  /// Runs a Python script and parses the JSON it prints.
  static func json(_ script: String, _ arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation)
    throws -> Any
  {
    let result = try ExternalTools.run(["python3", "-c", script] + arguments)
    guard result.status == 0 else {
      Issue.record("python3 failed: \(result.stderr)", sourceLocation: sourceLocation)
      return [:] as [String: Any]
    }
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
  }
}

/// The LA 311 export (US 12-hour date-times) against pandas with the format given.
@Suite(
  .enabled(if: ExternalProgram.runs(needing: sharedExists), "../shared/realdata is not on this machine"),
  .enabled(
    if: ExternalProgram.runs(needing: Independent.hasPandas),
    "needs pandas (python3 -m pip install pandas)"))
struct LA311Tests {
  static let path = sharedPath("realdata/la311/MyLA311_Service_Request_Data_2017_Subset.csv")
  static let format = "%m/%d/%Y %I:%M:%S %p"
  static let prelude = """
    import json, sys, pandas as pd
    df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
    def d(c): return pd.to_datetime(df[c].where(df[c] != ''), format='\(format)')
    """

  @Test func dateColumnsAreTypedWithTheirFormat() throws {
    let result = try loadFile(Self.path)
    for name in ["CreatedDate", "UpdatedDate", "ServiceDate", "ClosedDate"] {
      let p = result.table.columnProfile(result.table.columnIndex(named: name)!)
      #expect(p.type == .dateTime && p.format.description == Self.format && p.unparsed == 0, "\(name)")
    }
    #expect(
      EvidenceTextRenderer().loaded(result).contains(
        "date/time (%m/%d/%Y %I:%M:%S %p): CreatedDate, UpdatedDate, ServiceDate, ClosedDate"))
  }

  @Test(arguments: [
    "CreatedDate >= 2017-12-15", "CreatedDate >= 2017-12-28", "ClosedDate < 2018-01-01", "ServiceDate = 2018-01-03",
  ])
  func dateFiltersCountAsPandas(_ condition: String) throws {
    let parts = condition.split(separator: " ").map(String.init)
    let op = parts[1] == "=" ? "==" : parts[1]
    let expected =
      try Independent.json(
        Self.prelude + """

          v = d('\(parts[0])')
          day = pd.Timestamp('\(parts[2])')
          m = (v.dt.floor('D') == day) if '\(op)' == '==' else eval('v \(op) day')
          print(int(m.sum()))
          """, [Self.path]) as? Int
    for options in [LoadOptions(), LoadOptions(dateFormats: [parts[0]: Self.format])] {
      let table = try loadFile(Self.path, options: options).table
      guard case .count(let n) = try query(table, "x | where \(condition) | count") else {
        Issue.record("count"); return
      }
      #expect(n == expected, "\(condition)")
    }
  }

  @Test func sortByADateEqualsPandas() throws {
    let expected =
      try Independent.json(
        Self.prelude + """

          df['_c'] = d('ClosedDate')
          print(json.dumps(list(df.sort_values('_c', kind='stable', na_position='last')['SRNumber'])))
          """, [Self.path]) as? [String]
    let table = try loadFile(Self.path).table
    guard case .rows(let rows) = try query(table, "x | sort ClosedDate | select SRNumber", rowLimit: 20_000) else {
      Issue.record("rows"); return
    }
    #expect(rows.rows.map { $0[0] } == expected)
  }

  @Test func countsPerDayEqualPandas() throws {
    let expected =
      try Independent.json(
        Self.prelude + """

          c = d('CreatedDate').dt.floor('D').value_counts()
          print(json.dumps({k.strftime('%Y-%m-%d'): int(v) for k, v in c.items()}))
          """, [Self.path]) as? [String: Int]
    let table = try loadFile(Self.path).table
    guard case .timeline(let t) = try query(table, "x | timeline CreatedDate --every day") else {
      Issue.record("timeline"); return
    }
    let nonZero = Dictionary(uniqueKeysWithValues: t.points.filter { $0.count > 0 }.map { ($0.label, $0.count) })
    #expect(nonZero == expected)
    #expect(t.empty == t.points.count - nonZero.count)
  }
}

/// qcc's piston rings: the histogram equals numpy.histogram over the same edges.
@Suite(
  .enabled(if: ExternalProgram.runs(needing: sharedExists), "../shared/conformance is not on this machine"),
  .enabled(if: ExternalProgram.runs(needing: Independent.hasNumpy), "needs numpy (python3 -m pip install numpy)"))
struct PistonRingTests {
  static let path = sharedPath("conformance/qcc-data/pistonrings.txt")

  /// The whitespace-separated file as CSV (diameter only).
  static func table() throws -> EvidenceTable {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let values = text.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first }
    return try loadText("diameter\n" + values.joined(separator: "\n") + "\n", path: "pistonrings.csv").table
  }

  @Test func histogramEqualsNumpy() throws {
    guard case .histogram(let h) = try query(try Self.table(), "x | histogram diameter") else {
      Issue.record("histogram"); return
    }
    let edges = h.bins.map(\.lower) + [h.bins.last!.upper]
    let expected =
      try Independent.json(
        """
        import json, sys, numpy as np
        x = np.loadtxt(sys.argv[1], skiprows=1, usecols=0)
        edges = np.array(json.loads(sys.argv[2]))
        print(json.dumps([int(c) for c in np.histogram(x, bins=edges)[0]]))
        """, [Self.path, "[" + edges.map { String($0) }.joined(separator: ",") + "]"]) as? [Int]
    #expect(h.bins.map(\.count) == expected)
    #expect(h.decimals == 3)
    let text = EvidenceTextRenderer(options: .init(unicode: false)).render(.histogram(h))
    #expect(text.contains("[73.980, 73.990)") && text.contains("min 73.967") && text.contains("max 74.036"))
  }

  @Test func aValueOnAnEdgeFallsInTheBinThatStartsThere() throws {
    let table = try loadText("x\n0.1\n0.2\n0.3\n0.4\n0.5\n0.6\n0.7\n").table
    guard case .histogram(let h) = try query(table, "x | histogram x --bins 6") else {
      Issue.record("histogram"); return
    }
    #expect(h.bins.map(\.count) == [1, 1, 1, 1, 1, 2])
    #expect(h.lastClosed)
  }
}
