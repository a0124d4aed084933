import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Issue 22 items 3–7 (shares): one decision per 2 × 2 table whatever its form, an exact test on
/// sparse tables, driving cells adjusted for their number, Newcombe's interval and shares at the
/// precision they carry — each against scipy, statsmodels or a python enumeration run at test time.
@Suite(
  .enabled(
    if: ExternalProgram.runs(needing: SciPy.available),
    "needs python3 with scipy and numpy (python3 -m pip install scipy numpy)"))
struct SharesAndTablesTests {
  /// `ok` by `grp` as rows of a file: group a has 0 of 3 ok, group b 4 of 4 (the issue's [[0,3],[4,0]]).
  static func table(_ counts: [(String, Int, Int)]) throws -> EvidenceTable {
    var text = "grp,ok\n"
    for (group, yes, no) in counts {
      text += String(repeating: "\(group),yes\n", count: yes) + String(repeating: "\(group),no\n", count: no)
    }
    return try loadText(text).table
  }

  static func comparison(_ result: QueryResult) -> GroupComparison? {
    if case .comparison(let c) = result { return c }
    return nil
  }

  // MARK: item 3 — one 2 × 2 table, one verdict

  @Test func everyFormOfATwoByTwoTableDecidesOnTheSameTestInTheSameWords() throws {
    let fisher = try SciPy.run("out = {'p': stats.fisher_exact([[0, 3], [4, 0]])[1]}", input: [String: Int]())
      .number("p")
    let rows = try Self.table([("a", 0, 3), ("b", 4, 0)])
    let byColumn = try #require(Self.comparison(try query(rows, "x | compare ok by grp")))
    let byCondition = try #require(Self.comparison(try query(rows, "x | compare ok = yes by grp")))
    guard case .compareShares(let shares) = try Parser.parse("compare 0/3 4/4") else {
      Issue.record("not typed shares")
      return
    }
    let typed = try #require(Self.comparison(try EvidenceWorkspace.compare(shares)))
    for c in [byColumn, byCondition, typed] {
      #expect(abs(c.verdict.pValue - fisher) < 1e-12, "\(c.title): \(c.verdict.pValue) against scipy \(fisher)")
      #expect(
        c.verdict.sentence
          == "by Fisher's exact test, a difference this large arises by chance 3 times in 100: a real difference")
      #expect(c.method == "Fisher's exact test")
      // The output prints no p-value but the one the verdict reads.
      let text = EvidenceTextRenderer().render(.comparison(c))
      let ps = text.components(separatedBy: " p = ").count - 1
      #expect(ps == 1, "\(text)")
    }
  }

  /// With every expected count at least 5 the three forms read Pearson's χ² without Yates'
  /// correction, which is the pooled z test squared.
  @Test func largeTwoByTwoTablesReadChiSquareWithoutYates() throws {
    let counts = [[98, 486], [16, 120]]
    let scipy = try SciPy.run(
      "r = stats.chi2_contingency(data, correction=False); out = {'x2': r[0], 'p': r[1]}", input: counts)
    let cross = try CrossTabTest(counts)
    let shares = try TwoProportionTest(98, of: 584, 16, of: 136)
    #expect(abs(cross.chiSquare - scipy.number("x2")) < 1e-10)
    #expect(abs(shares.chiSquare - scipy.number("x2")) < 1e-10)
    #expect(abs(cross.pValue - scipy.number("p")) < 1e-12)
    #expect(abs(shares.pValue - scipy.number("p")) < 1e-12)
    #expect(cross.decision == .chiSquare && !shares.usesFisher)
    #expect(cross.verdict.sentence == shares.verdict.sentence)
    #expect(
      shares.verdict.sentence
        == "by Pearson's chi-square test, a difference this large arises by chance 15 times in 100: not evidence on its own"
    )
  }

  // MARK: item 4 — sparse r × c tables decide on the Freeman–Halton exact test

  /// The oracle: every table with the observed margins, enumerated in python with exact fractions.
  static let freemanHaltonOracle = """
    from fractions import Fraction
    from math import factorial, prod
    def tables(rows, cols):
        # every table with these margins, filled row by row
        if len(rows) == 1:
            yield [list(cols)]
            return
        def fill(j, left, cols_left, row):
            if j == len(cols) - 1:
                if left <= cols_left[j]:
                    yield row + [left]
                return
            for x in range(0, min(left, cols_left[j]) + 1):
                yield from fill(j + 1, left - x, cols_left, row + [x])
        for row in fill(0, rows[0], cols, []):
            rest = [c - x for c, x in zip(cols, row)]
            for t in tables(rows[1:], rest):
                yield [row] + t
    def prob(t, rows, cols, n):
        return Fraction(prod(factorial(r) for r in rows) * prod(factorial(c) for c in cols),
                        factorial(n) * prod(factorial(x) for r in t for x in r))
    out = {}
    for i, t in enumerate(data):
        rows = [sum(r) for r in t]; cols = [sum(c) for c in zip(*t)]; n = sum(rows)
        p0 = prob(t, rows, cols, n)
        limit = p0 * (1 + Fraction(1, 10**7))
        p = sum((q for q in (prob(u, rows, cols, n) for u in tables(rows, cols)) if q <= limit), Fraction(0))
        chi = stats.chi2_contingency(t, correction=False)
        out[str(i)] = [float(p), chi[0], chi[1]]
    """

  static let sparseTables: [[[Int]]] = [
    [[0, 6, 0], [0, 9, 1], [1, 0, 0]],  // the issue's
    [[2, 8, 1], [6, 1, 4]],
    [[3, 1, 0, 2], [0, 4, 1, 0], [1, 0, 5, 1]],
    [[1, 2], [3, 0], [0, 4]],
    [[5, 0, 0], [0, 5, 0], [0, 0, 5]],
  ]

  @Test func sparseTablesDecideOnTheFreemanHaltonExactTest() throws {
    let expected = try SciPy.run(Self.freemanHaltonOracle, input: Self.sparseTables)
    for (i, counts) in Self.sparseTables.enumerated() {
      let test = try CrossTabTest(counts)
      let e = expected.numbers(String(i))
      #expect(abs(test.chiSquare - e[1]) < 1e-10 * e[1], "χ² #\(i)")
      #expect(abs(test.pValue - e[2]) < 1e-10, "χ² p #\(i)")
      guard case .freemanHalton(let exact) = test.decision, case .everyTable = exact.method else {
        Issue.record("table #\(i) did not decide on the enumerated exact test: \(test.decision)")
        continue
      }
      #expect(abs(exact.pValue - e[0]) <= 1e-10 * e[0], "exact p #\(i): \(exact.pValue) against \(e[0])")
      #expect(test.verdict.pValue == exact.pValue)
      #expect(test.verdict.sentence.hasPrefix("by the Freeman–Halton exact test, "))
      #expect(test.warnings.map(\.code) == [.approximateTest])
    }
    let issue = try CrossTabTest(Self.sparseTables[0])
    #expect(NumberFormat.decimal(issue.verdict.pValue, places: 3) == "0.118")
    #expect(!issue.verdict.isSignificant && issue.drivingCells.isEmpty)
    #expect(!issue.verdict.sentence.contains("a real association"))
  }

  /// Forced past the enumeration limit, the Monte Carlo p lands within 4 simulation standard
  /// errors of the exact one, and is the same on every run (fixed seed).
  @Test func monteCarloAgreesWithTheEnumerationAndIsReproducible() throws {
    let counts = [[3, 1, 0, 2], [0, 4, 1, 0], [1, 0, 5, 1]]
    let exact = try SciPy.run(Self.freemanHaltonOracle, input: [counts]).numbers("0")[0]
    let simulated = FreemanHaltonTest(counts, enumeratingAtMost: 0)
    guard case .monteCarlo(let tables, let se) = simulated.method else {
      Issue.record("not Monte Carlo")
      return
    }
    #expect(tables == 100_000)
    #expect(abs(simulated.pValue - exact) < 4 * se, "\(simulated.pValue) ± \(se) against exact \(exact)")
    #expect(FreemanHaltonTest(counts, enumeratingAtMost: 0) == simulated)
    #expect(simulated.name.contains("Monte Carlo, 100,000 tables, ± 0.00"))
  }

  /// A table of a million rows with a rare column fails Cochran's rule; the answer comes from
  /// Monte Carlo and says so.
  @Test func aMillionRowTableSaysItUsedMonteCarlo() throws {
    let counts = [[300_000, 150_000, 50_000, 2], [200_000, 180_000, 70_000, 0], [20_000, 20_000, 9_998, 0]]
    let clock = ContinuousClock()
    var test: CrossTabTest?
    let elapsed = try clock.measure { test = try CrossTabTest(counts) }
    let t = try #require(test)
    guard case .freemanHalton(let f) = t.decision, case .monteCarlo = f.method else {
      Issue.record("not decided by Monte Carlo: \(t.decision)")
      return
    }
    #expect(t.verdict.sentence.contains("Monte Carlo, 10,000 tables, ±"), "\(t.verdict.sentence)")
    print("Freeman–Halton Monte Carlo on 1,000,000 rows (debug build): \(elapsed): \(t.verdict.sentence)")
  }

  /// The sampler draws from the hypergeometric distribution: its mean and variance match scipy's.
  @Test func hypergeometricDrawsHaveTheDistributionsMoments() throws {
    let cases = [(1_000_000, 333_000, 450_000), (50, 7, 12), (20, 19, 3)]
    let moments = try SciPy.run(
      "out = {str(i): list(stats.hypergeom(M, n, N).stats(moments='mv')) for i, (M, n, N) in enumerate(data)}",
      input: cases.map { [$0.0, $0.1, $0.2] })
    var generator = SeededGenerator(seed: 7)
    for (i, c) in cases.enumerated() {
      let h = Hypergeometric(population: c.0, successes: c.1, draws: c.2)
      let draws = (0..<40_000).map { _ in Double(h.sample(using: &generator)) }
      #expect(draws.allSatisfy { h.support.contains(Int($0)) })
      let mean = draws.reduce(0, +) / Double(draws.count)
      let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)
      let m = moments.numbers(String(i))
      #expect(abs(mean - m[0]) < 5 * (m[1] / Double(draws.count)).squareRoot(), "mean #\(i): \(mean) against \(m[0])")
      #expect(abs(variance / m[1] - 1) < 0.05, "variance #\(i): \(variance) against \(m[1])")
    }
  }

  // MARK: item 5 — driving cells only in a significant table, Bonferroni over the cells

  @Test func drivingCellsPassTheBonferroniValueAndHoldEnoughCounts() throws {
    let counts = [[50, 10, 0], [10, 50, 0], [0, 0, 1]]
    let test = try CrossTabTest(counts)
    let critical = try SciPy.run("out = {'z': stats.norm.isf(0.05 / (2 * 9))}", input: [String: Int]()).number("z")
    #expect(abs(test.criticalResidual - critical) < 1e-9)
    #expect(test.verdict.isSignificant)
    let named = Set(test.drivingCells.map { [$0.row, $0.column] })
    #expect(named == [[0, 0], [0, 1], [1, 0], [1, 1]], "\(test.drivingCells)")
    // The lone observation in the corner has the largest residual but is not a finding.
    #expect(abs(test.adjustedResiduals[2][2]) > critical && !named.contains([2, 2]))
  }

  /// Independent 20 × 4 tables: at most 5 % show any driving cell (the old ±2 rule, no gate,
  /// flags most of them).
  @Test func independentTablesRarelyShowADriver() throws {
    var generator = SeededGenerator(seed: 22)
    let trials = 400
    var withDriver = 0, withOldMark = 0
    for _ in 0..<trials {
      var counts = [[Int]](repeating: [Int](repeating: 0, count: 4), count: 20)
      for _ in 0..<1_600 {
        counts[Int(generator.uniform() * 20)][Int(generator.uniform() * 4)] += 1
      }
      let test = try CrossTabTest(counts)
      if !test.drivingCells.isEmpty { withDriver += 1 }
      if test.adjustedResiduals.joined().contains(where: { abs($0) > 2 }) { withOldMark += 1 }
    }
    print(
      "independent 20 × 4 tables (N = 1,600): \(withDriver) of \(trials) show a driving cell; ±2 marks \(withOldMark)")
    #expect(Double(withDriver) <= 0.05 * Double(trials))
    #expect(withOldMark > trials / 2)
  }

  // MARK: item 6 — Newcombe's hybrid score interval

  static let shares: [(Int, Int, Int, Int)] = [
    (3, 4, 1, 4), (0, 3, 4, 4), (20, 20, 20, 20), (98, 584, 16, 136), (40, 1_000_000, 10, 1_000_000), (0, 10, 0, 10),
    (1, 1, 0, 1),
  ]

  @Test func differenceIntervalIsNewcombesAndAlwaysSane() throws {
    let expected = try SciPy.run(
      """
      from statsmodels.stats.proportion import confint_proportions_2indep
      out = {str(i): list(confint_proportions_2indep(a, n, b, m, method='newcomb', compare='diff'))
             for i, (a, n, b, m) in enumerate(data)}
      """, input: Self.shares.map { [$0.0, $0.1, $0.2, $0.3] })
    for (i, c) in Self.shares.enumerated() {
      let t = try TwoProportionTest(c.0, of: c.1, c.2, of: c.3)
      let e = expected.numbers(String(i))
      #expect(abs(t.differenceInterval.lowerBound - e[0]) < 1e-9, "low \(c): \(t.differenceInterval) against \(e)")
      #expect(abs(t.differenceInterval.upperBound - e[1]) < 1e-9, "high \(c): \(t.differenceInterval) against \(e)")
      #expect(t.differenceInterval.lowerBound >= -1 && t.differenceInterval.upperBound <= 1)
      #expect(t.differenceInterval.upperBound > t.differenceInterval.lowerBound)
      #expect(t.differenceInterval.contains(t.difference))
    }
  }

  // MARK: item 7 — shares at the precision they carry

  @Test func smallSharesAndTheirDifferenceShowTheirDigits() throws {
    guard case .compareShares(let s) = try Parser.parse("compare 40/1000000 10/1000000") else {
      Issue.record("not typed shares")
      return
    }
    let c = try #require(Self.comparison(try EvidenceWorkspace.compare(s)))
    guard case .proportions(let t) = c.test else { return }
    let text = EvidenceTextRenderer().render(.comparison(c))
    #expect(text.contains("40.0 ppm") && text.contains("10.0 ppm"), "\(text)")
    #expect(!text.contains("0.0 %"), "\(text)")
    // The interval's ends as python prints them in ppm to the places gemba chose.
    let ends = try SciPy.run(
      """
      from statsmodels.stats.proportion import confint_proportions_2indep
      lo, hi = confint_proportions_2indep(40, 10**6, 10, 10**6, method='newcomb', compare='diff')
      out = {'lo': lo * 1e6, 'hi': hi * 1e6}
      """, input: [String: Int]())
    let places = NumberFormat.places(distinguishing: [t.difference * 1e6, ends.number("lo"), ends.number("hi")])
    let lo = String(format: "%.\(places)f", ends.number("lo")), hi = String(format: "%.\(places)f", ends.number("hi"))
    #expect(text.contains("difference 30.0 ppm"), "\(text)")
    #expect(text.contains("CI \(lo) to \(hi) ppm"), "\(text): expected \(lo) to \(hi)")
    #expect(c.verdict.sentence.hasPrefix("by Pearson's chi-square test, "))
  }

  @Test(arguments: [("compare 3/4 1/4", "50.0"), ("compare 0/3 4/4", "-100.0"), ("compare 20/20 20/20", "0.0 points")])
  func typedSharesPrintSaneIntervals(_ line: String, _ difference: String) throws {
    guard case .compareShares(let s) = try Parser.parse(line) else {
      Issue.record("not typed shares")
      return
    }
    let c = try #require(Self.comparison(try EvidenceWorkspace.compare(s)))
    let text = EvidenceTextRenderer().render(.comparison(c))
    #expect(text.contains("difference \(difference)"), "\(text)")
    #expect(text.contains("Newcombe's score interval"), "\(text)")
    #expect(!text.contains("110.0") && !text.contains("to -100.0 points") && !text.contains("0.0 to 0.0 "), "\(text)")
  }
}
