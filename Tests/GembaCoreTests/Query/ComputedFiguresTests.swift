import Foundation
import GembaTestSupport
import Testing

@testable import GembaCore

/// Issue 22's small ones outside the charts, and aggregates at any magnitude: each reproduced,
/// with the expected figure from Python (exact fractions, `%.15g`) or exact arithmetic.
@Suite struct ComputedFiguresTests {
  static func table(_ csv: String) throws -> EvidenceTable {
    try loadText(csv, name: "x", path: "x.csv").table
  }

  /// The issue's `derive` printing 0.30000000000000004: a derived number is shown as its value
  /// rounded to 15 significant digits, in the shortest text that reads back as that.
  @Test func deriveShowsFifteenSignificantDigits() throws {
    let t = resultRows(
      try query(
        try Self.table("a,b\n0.1,0.2\n1,3\n"), "x | derive s = a + b | derive r = a / b | select s, r", joining: [:]))
    #expect(t.rows.map { $0[0] } == ["0.3", "4"])
    #expect(t.rows.map { $0[1] } == ["0.5", "0.333333333333333"])
  }

  /// `NumberFormat.computed` against Python's `repr(float('%.15g' % x))` on results of arithmetic
  /// on decimals (the sums, products and quotients a `derive` makes).
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: SciPy.available),
      "needs python3 with scipy and numpy (python3 -m pip install scipy numpy)"))
  func computedMatchesPython() throws {
    var random = SplitMix64.forTest()
    var values: [Double] = [0.1 + 0.2, 1.1 * 3, 2.675 * 100, 1 / 3, 8.1e-10 + 1e-11, 1e14 / 7, -0.7 - 0.1]
    while values.count < 300 {
      let a =
        (Double(Int.random(in: -99_999...99_999, using: &random))
          / pow(10, Double(Int.random(in: 0...6, using: &random))))
      let b =
        (Double(Int.random(in: 1...9_999, using: &random)) / pow(10, Double(Int.random(in: 0...4, using: &random))))
      values.append([a + b, a - b, a * b, a / b][values.count % 4])
    }
    let out = try SciPy.run(
      """
      def shown(x):
          r = float('%.15g' % x)
          return str(int(r)) if r == int(r) and abs(r) < 1e15 else repr(r)
      out = {'s': [shown(x) for x in data]}
      """, input: values)
    let expected = out["s"] as? [String] ?? []
    #expect(expected.count == values.count)
    for (x, python) in zip(values, expected) {
      #expect(NumberFormat.computed(x) == python, "x = \(x)")
    }
  }

  /// `sum` and `avg` of 2,000 values near 1e9 written with 3 decimals: the figures shown are the
  /// exact sum and mean (Python's fractions) rounded as gemba shows them; plain summation drifts.
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: SciPy.available),
      "needs python3 with scipy and numpy (python3 -m pip install scipy numpy)"))
  func sumAndAverageFarFromZero() throws {
    var random = SplitMix64.forTest()
    var csv = "g,v\n"
    var texts: [String] = []
    for i in 0..<2_000 {
      let text =
        "\(1_000_000_000 + Int.random(in: 0...999, using: &random)).\(String(format: "%03d", Int.random(in: 0...999, using: &random)))"
      texts.append(text)
      csv += "\(i % 2 == 0 ? "a" : "b"),\(text)\n"
    }
    let table = try Self.table(csv)
    let out = try SciPy.run(
      """
      from fractions import Fraction
      v = [Fraction(t) for t in data]
      out = {'sum': float(sum(v)), 'avg': float(sum(v) / len(v))}
      """, input: texts)
    let sum = try #require(Double(resultRows(try query(table, "x | sum v", joining: [:])).rows[0].last!))
    let avg = try #require(Double(resultRows(try query(table, "x | avg v", joining: [:])).rows[0].last!))
    let exactSum = out.number("sum"), exactMean = out.number("avg")
    // The sum is the Double nearest the exact one.
    #expect(abs(sum - exactSum) <= exactSum.ulp, "sum \(sum), exact \(exactSum)")
    // The mean to its six decimals shown: half a unit of the 6th decimal, plus the Doubles' own
    // spacing three times — the computed mean (1.5 ulp), the printed decimal read back (1 ulp) and the
    // exact mean converted to a Double (0.5 ulp). A mean that falls exactly on a half of the 6th
    // decimal (seed 3337986500640940091: …492.9242255) uses all of it.
    #expect(abs(avg - exactMean) <= 5e-7 + 3 * exactMean.ulp, "avg \(avg), exact \(exactMean)")
  }

  /// Means of values near 8e-10 are not 0: six significant digits where six decimals show none.
  @Test func tinyAverages() throws {
    let table = try Self.table("v\n8.1e-10\n8.3e-10\n8.2e-10\n")
    let avg = resultRows(try query(table, "x | avg v", joining: [:])).rows[0].last!
    #expect(avg == "8.2e-10")
    let plain = resultRows(try query(try Self.table("v\n1.5\n2.25\n"), "x | avg v", joining: [:])).rows[0].last!
    #expect(plain == "1.875")
  }

  /// A histogram of values near 8e-10 shows its edges apart, not `[0.000000, 0.000000)`.
  @Test func tinyHistogramEdges() throws {
    let values = (0..<40).map { 8e-10 + Double($0) * 1e-12 }
    let h = ChartBuilder.histogram(values, name: "v", bins: 4, decimals: 0, exact: false, skipped: 0)
    let text = EvidenceTextRenderer().histogram(h)
    #expect(!text.contains("0.000000"), "\(text)")
    let labels = text.split(separator: "\n").dropFirst(2).prefix(h.bins.count).map {
      $0.split(separator: " ").first ?? ""
    }
    #expect(Set(labels).count == h.bins.count, "\(text)")
    #expect(text.contains("min 8.00e-10"), "\(text)")
  }

  /// The last bin counts its upper edge: it is labelled `[a, b]` whenever it does.
  @Test func lastBinThatCountsItsUpperEdgeIsClosed() throws {
    // Written with exponents: the floating path, where the maximum can land on the last edge.
    let values = (0...10).map { Double($0) * 0.1 }
    let h = ChartBuilder.histogram(values, name: "v", bins: 5, decimals: 1, exact: false, skipped: 0)
    let last = try #require(h.bins.last)
    let countsUpper = values.contains { $0 >= last.upper }
    #expect(h.lastClosed == countsUpper)
    let text = EvidenceTextRenderer().histogram(h)
    if countsUpper { #expect(text.contains("]"), "\(text)") }
    let exact = ChartBuilder.histogram(values, name: "v", bins: 5, decimals: 1, exact: true, skipped: 0)
    #expect(exact.bins.reduce(0) { $0 + $1.count } == 11)
    if let b = exact.bins.last, values.contains(where: { $0 >= b.upper }) { #expect(exact.lastClosed) }
  }

  @Test func oneValueIsOneValue() {
    let h = ChartBuilder.histogram([3], name: "v", bins: nil, decimals: 0, exact: true, skipped: 0)
    #expect(EvidenceTextRenderer().histogram(h).hasPrefix("histogram of v: 1 value, "))
  }
}
