import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Cycle times, percentiles and cross-tab shares on the LA 311 export, against pandas run now.
@Suite(
  .enabled(if: ExternalProgram.runs(needing: sharedExists), "../shared/realdata is not on this machine"),
  .enabled(
    if: ExternalProgram.runs(needing: Independent.hasPandas),
    "needs pandas (python3 -m pip install pandas)"))
struct LA311StageTests {
  static let prelude =
    LA311Tests.prelude + """

      df['_cycle'] = (d('ClosedDate') - d('CreatedDate')).dt.total_seconds() / 86400
      """

  /// gemba's `FN cycle_days by RequestType` as group → value (groups with no value left out).
  static func gemba(_ function: String) throws -> [String: Double] {
    let table = try loadFile(LA311Tests.path).table
    let t = resultRows(
      try query(table, "x | derive cycle_days = days(ClosedDate - CreatedDate) | \(function) cycle_days by RequestType")
    )
    #expect(t.columns.prefix(3) == ["RequestType", "n", "\(function) cycle_days"])
    return Dictionary(uniqueKeysWithValues: t.rows.compactMap { row in Double(row[2]).map { (row[0], $0) } })
  }

  @Test(arguments: [("median", "0.5"), ("p90", "0.9")])
  func cycleTimePercentilesEqualPandas(_ function: String, _ q: String) throws {
    let expected =
      try Independent.json(
        Self.prelude + """

          s = df.groupby('RequestType')['_cycle'].quantile(\(q)).dropna()
          print(json.dumps({k: float(v) for k, v in s.items()}))
          """, [LA311Tests.path]) as? [String: Double] ?? [:]
    let figures = try Self.gemba(function)
    #expect(Set(figures.keys) == Set(expected.keys))
    #expect(expected.count >= 10)
    for (group, value) in expected {
      #expect(
        abs((figures[group] ?? .nan) - value) < 1e-6, "\(group): gemba \(figures[group] ?? .nan), pandas \(value)")
    }
  }

  @Test func meanAndSumEqualPandas() throws {
    let expected =
      try Independent.json(
        Self.prelude + """

          g = df.groupby('RequestType')['_cycle']
          print(json.dumps({'avg': {k: float(v) for k, v in g.mean().dropna().items()}, 'sum': {k: float(v) for k, v in g.sum().items()}}))
          """, [LA311Tests.path]) as? [String: [String: Double]] ?? [:]
    for function in ["avg", "sum"] {
      let figures = try Self.gemba(function)
      for (group, value) in expected[function] ?? [:] where function == "avg" || value != 0 {
        #expect(abs((figures[group] ?? .nan) - value) < 1e-6 * max(1, abs(value)), "\(function) \(group)")
      }
    }
  }

  @Test(arguments: ["row", "col"])
  func crossTabPercentagesEqualPandas(_ basis: String) throws {
    let expected =
      try Independent.json(
        LA311Tests.prelude + """

          x = pd.crosstab(df['RequestType'], df['RequestSource'], normalize='\(basis == "row" ? "index" : "columns")') * 100
          print(json.dumps({r: {c: float(x.loc[r, c]) for c in x.columns} for r in x.index}))
          """, [LA311Tests.path]) as? [String: [String: Double]] ?? [:]
    let table = try loadFile(LA311Tests.path).table
    let t = resultRows(try query(table, "x | count by RequestType, RequestSource --percent \(basis)"))
    var seen = 0
    for row in t.rows where row[0] != "n" {
      for (c, source) in t.columns.enumerated().dropFirst() where source != "n" {
        let want = expected[row[0]]?[source] ?? .nan
        #expect(
          abs((Double(row[c]) ?? .nan) - want) <= 0.05 + 1e-9, "\(row[0]) × \(source): gemba \(row[c]), pandas \(want)")
        seen += 1
      }
    }
    #expect(seen == expected.values.map(\.count).reduce(0, +))
  }
}

/// `join` on two small files against DuckDB's joins of the same files.
@Suite(
  .enabled(
    if: ExternalProgram.runs(needing: ExternalTools.hasPythonModule("duckdb")),
    "needs duckdb (python3 -m pip install duckdb)"))
struct JoinAgainstDuckDBTests {
  static let orders = """
    order,customer,amount
    o1,c1,10
    o2,c2,20
    o3,c1,5
    o4,c9,7
    o5,,3
    o6,c3,8

    """
  static let customers = """
    customer,region
    c1,north
    c2,south
    c3,east
    c3,east-annex
    c4,west

    """

  @Test(arguments: [false, true])
  func joinEqualsDuckDB(left: Bool) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-join-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let a = folder.appendingPathComponent("orders.csv").path, b = folder.appendingPathComponent("customers.csv").path
    try Self.orders.write(toFile: a, atomically: true, encoding: .utf8)
    try Self.customers.write(toFile: b, atomically: true, encoding: .utf8)
    let expected =
      try Independent.json(
        """
        import json, sys, duckdb
        rows = duckdb.sql(f"select o.order, o.customer, o.amount, c.region from read_csv('{sys.argv[1]}', all_varchar=true) o \(left ? "left" : "inner") join read_csv('{sys.argv[2]}', all_varchar=true) c on o.customer = c.customer order by o.order, c.region").fetchall()
        print(json.dumps([[v if v is not None else '' for v in r] for r in rows]))
        """, [a, b]) as? [[String]] ?? []
    let orders = try loadFile(a).table, customers = try loadFile(b).table
    let result = try query(
      orders, "x | join customers on customer\(left ? " --left" : "") | sort region | sort order",
      joining: ["customers": customers])
    #expect(resultRows(result).rows == expected)
    #expect(expected.count == (left ? 7 : 5))  // c3 is in customers twice
  }
}
