import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Every statistic and p-value of the tests against scipy.stats, run at test time.
@Suite(
  .enabled(
    if: ExternalProgram.runs(needing: SciPy.available),
    "needs python3 with scipy and numpy (python3 -m pip install scipy numpy)"))
struct HypothesisTestTests {
  /// The issue's example first: app requests cancelled 98 of 584 against 16 of 136.
  static let proportions = [
    (98, 584, 16, 136), (3, 10, 9, 12), (0, 20, 5, 25), (450, 1000, 420, 1000), (1, 2, 1, 2), (7, 7, 2, 9),
  ]

  @Test func twoProportions() throws {
    let expected = try SciPy.run(
      """
      out = {}
      for i, (s1, n1, s2, n2) in enumerate(data):
          p1, p2 = s1 / n1, s2 / n2
          p = (s1 + s2) / (n1 + n2)
          z = (p1 - p2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
          odds, fisher = stats.fisher_exact([[s1, n1 - s1], [s2, n2 - s2]])
          chi = stats.chi2_contingency([[s1, n1 - s1], [s2, n2 - s2]], correction=False)
          out[str(i)] = [z, 2 * stats.norm.sf(abs(z)), chi[0], chi[1], fisher, odds]
      """, input: Self.proportions.map { [$0.0, $0.1, $0.2, $0.3] })
    var agreement = Agreement("two proportions")
    for (i, c) in Self.proportions.enumerated() {
      let test = try TwoProportionTest(c.0, of: c.1, c.2, of: c.3)
      let e = expected.numbers(String(i))
      agreement.check(test.z, e[0], "z \(c)", tolerance: 1e-12)
      agreement.check(test.pValue, e[1], "p \(c)", tolerance: 1e-11)
      // z² is Pearson's X² without Yates' correction, and its p the same (item 3 of issue 22).
      agreement.check(test.chiSquare, e[2], "X² \(c)", tolerance: 1e-12, floor: 1e-12)
      agreement.check(test.pValue, e[3], "X² p \(c)", tolerance: 1e-11)
      agreement.check(test.fisher.pValue, e[4], "Fisher p \(c)", tolerance: 1e-9)
      agreement.check(test.fisher.oddsRatio, e[5], "odds ratio \(c)", tolerance: 1e-12)
    }
    agreement.report()
    let issue = try TwoProportionTest(98, of: 584, 16, of: 136)
    #expect(
      issue.verdict.sentence
        == "by Pearson's chi-square test, a difference this large arises by chance 15 times in 100: not evidence on its own"
    )
    #expect(!issue.verdict.isSignificant && !issue.fisher.verdict().isSignificant)
  }

  static let tables: [[[Int]]] = [
    [[98, 486], [16, 120]],
    [[12, 5], [3, 9]],
    [[20, 15, 30, 8], [11, 25, 14, 19], [7, 9, 3, 22]],
    [[2, 8, 1], [6, 1, 4]],
    [[400, 380], [390, 410]],
  ]

  @Test func crossTabs() throws {
    let expected = try SciPy.run(
      """
      out = {}
      for i, t in enumerate(data):
          t = np.array(t, dtype=float)
          res = stats.chi2_contingency(t, correction=False)
          n = t.sum(); r = t.sum(axis=1, keepdims=True) / n; c = t.sum(axis=0, keepdims=True) / n
          e = res.expected_freq
          adj = (t - e) / np.sqrt(e * (1 - r) * (1 - c))
          out[str(i)] = [res.statistic, res.pvalue, res.dof] + e.ravel().tolist() + adj.ravel().tolist()
      """, input: Self.tables)
    var agreement = Agreement("cross-tab χ²")
    for (i, table) in Self.tables.enumerated() {
      let test = try CrossTabTest(table)
      let e = expected.numbers(String(i))
      agreement.check(test.chiSquare, e[0], "χ² #\(i)", tolerance: 1e-12)
      agreement.check(test.pValue, e[1], "p #\(i)", tolerance: 1e-10)
      #expect(Double(test.degreesOfFreedom) == e[2])
      let cells = table.joined().count
      for (k, x) in test.expected.joined().enumerated() {
        agreement.check(x, e[3 + k], "expected #\(i)[\(k)]", tolerance: 1e-13)
      }
      for (k, x) in test.adjustedResiduals.joined().enumerated() {
        agreement.check(x, e[3 + cells + k], "adjusted residual #\(i)[\(k)]", tolerance: 1e-12, floor: 1e-12)
      }
      #expect(test.rowShares.allSatisfy { abs($0.reduce(0, +) - 1) < 1e-12 })
    }
    agreement.report()
    #expect(try CrossTabTest(Self.tables[3]).warnings.count == 1)
    #expect(try CrossTabTest(Self.tables[2]).warnings.isEmpty)
  }

  /// (first, second) groups: normal samples of assorted sizes, some rounded to create ties.
  static func pairs() -> [([Double], [Double])] {
    var r = TestSamples(seed: 12)
    return [
      (r.sample(14, mean: 10, sd: 2), r.sample(21, mean: 11.5, sd: 3.5)),
      (r.sample(5, mean: 0, sd: 1), r.sample(7, mean: 1, sd: 1)),  // exact U
      (r.sample(8, mean: 3, sd: 1), r.sample(30, mean: 3.2, sd: 1)),  // exact U, one group of 8
      (r.sample(40, mean: 50, sd: 4, places: 0), r.sample(35, mean: 52, sd: 4, places: 0)),  // ties
      (r.sample(6, mean: 5, sd: 1, places: 0), r.sample(6, mean: 6, sd: 1, places: 0)),  // small with ties
      (r.sample(300, mean: 100, sd: 15), r.sample(250, mean: 101, sd: 15)),
      ([1, 2, 3], [4, 5, 6, 7]),
    ]
  }

  @Test func twoGroupsOfAMeasure() throws {
    let pairs = Self.pairs()
    let expected = try SciPy.run(
      """
      out = {}
      for i, (x, y) in enumerate(data):
          x, y = np.array(x), np.array(y)
          w = stats.ttest_ind(x, y, equal_var=False)
          ci = w.confidence_interval(0.95)
          nx, ny = len(x), len(y)
          sp = math.sqrt(((nx - 1) * x.var(ddof=1) + (ny - 1) * y.var(ddof=1)) / (nx + ny - 2))
          d = (x.mean() - y.mean()) / sp
          m = nx + ny - 2
          g = d * math.exp(special.gammaln(m / 2) - special.gammaln((m - 1) / 2)) / math.sqrt(m / 2)
          u = stats.mannwhitneyu(x, y)
          out[str(i)] = [w.statistic, w.df, w.pvalue, ci.low, ci.high, d, g, u.statistic, u.pvalue]
      """, input: pairs.map { [$0.0, $0.1] })
    var agreement = Agreement("Welch and Mann–Whitney")
    for (i, (x, y)) in pairs.enumerated() {
      let e = expected.numbers(String(i))
      let welch = try WelchTest(x, y)
      agreement.check(welch.t, e[0], "t #\(i)", tolerance: 1e-12)
      agreement.check(welch.degreesOfFreedom, e[1], "df #\(i)", tolerance: 1e-12)
      agreement.check(welch.pValue, e[2], "Welch p #\(i)", tolerance: 1e-10)
      agreement.check(welch.differenceInterval.lowerBound, e[3], "CI low #\(i)", tolerance: 1e-10, floor: 1e-9)
      agreement.check(welch.differenceInterval.upperBound, e[4], "CI high #\(i)", tolerance: 1e-10, floor: 1e-9)
      agreement.check(welch.cohensD, e[5], "Cohen's d #\(i)", tolerance: 1e-12)
      agreement.check(welch.hedgesG, e[6], "Hedges' g #\(i)", tolerance: 1e-12)
      let mw = try MannWhitneyTest(x, y)
      agreement.check(mw.u, e[7], "U #\(i)", tolerance: 0)
      agreement.check(mw.pValue, e[8], "Mann–Whitney p #\(i)", tolerance: 1e-10)
    }
    agreement.report()
    #expect(try MannWhitneyTest(pairs[1].0, pairs[1].1).exact)
    #expect(try !MannWhitneyTest(pairs[3].0, pairs[3].1).exact)
    #expect(try !MannWhitneyTest(pairs[4].0, pairs[4].1).exact)  // ties: asymptotic, as scipy
  }

  static func groupSets() -> [[[Double]]] {
    var r = TestSamples(seed: 99)
    return [
      [r.sample(10, mean: 5, sd: 1), r.sample(12, mean: 5.5, sd: 1), r.sample(9, mean: 6.2, sd: 1.3)],
      [
        r.sample(25, mean: 20, sd: 3, places: 0), r.sample(30, mean: 20, sd: 3, places: 0),
        r.sample(28, mean: 21, sd: 3, places: 0),
        r.sample(22, mean: 19, sd: 3, places: 0),
      ],
      [[1, 2, 3], [2, 3, 4], [3, 4, 5, 6]],
      [r.sample(200, mean: 0, sd: 1), r.sample(180, mean: 0.05, sd: 1)],
    ]
  }

  @Test func kGroups() throws {
    let sets = Self.groupSets()
    let expected = try SciPy.run(
      """
      out = {}
      for i, groups in enumerate(data):
          a = stats.f_oneway(*groups); k = stats.kruskal(*groups)
          out[str(i)] = [a.statistic, a.pvalue, k.statistic, k.pvalue]
      """, input: sets)
    var agreement = Agreement("ANOVA and Kruskal–Wallis")
    for (i, groups) in sets.enumerated() {
      let e = expected.numbers(String(i))
      let anova = try OneWayANOVA(groups)
      agreement.check(anova.f, e[0], "F #\(i)", tolerance: 1e-11)
      agreement.check(anova.pValue, e[1], "ANOVA p #\(i)", tolerance: 1e-10)
      let kw = try KruskalWallisTest(groups)
      agreement.check(kw.h, e[2], "H #\(i)", tolerance: 1e-12)
      agreement.check(kw.pValue, e[3], "Kruskal–Wallis p #\(i)", tolerance: 1e-10)
    }
    agreement.report()
  }

  @Test func andersonDarling() throws {
    var r = TestSamples(seed: 7)
    var skewed = TestSamples(seed: 8)
    let samples = [
      r.sample(25, mean: 74, sd: 0.01, places: 3), r.sample(100, mean: 0, sd: 1), r.sample(8, mean: 3, sd: 2),
      (0..<60).map { _ in exp(skewed.normal()) },  // log-normal: not normal
      (0..<40).map { _ in skewed.uniform() },
      // Grossly non-normal: A²* past 10, past the curve's turn at 153 and past 307, where it
      // would give p above 1.
      (0..<2_000).map { _ in skewed.uniform() },
      (0..<20_000).map { _ in -log(1 - skewed.uniform()) },
    ]
    // A² from scipy.stats.anderson; the p-value from D'Agostino & Stephens (1986), Table 4.9, typed
    // independently here, and scipy's interpolated p-value (its own tables) as a loose check.
    let expected = try SciPy.run(
      """
      import warnings
      warnings.simplefilter('ignore')
      def ds(a):
          if a >= 10: return 3.7e-24  # R nortest::ad.test: the curve is not used past 10
          if a >= 0.6: return math.exp(1.2937 - 5.709 * a + 0.0186 * a * a)
          if a >= 0.34: return math.exp(0.9177 - 4.279 * a - 1.38 * a * a)
          if a >= 0.2: return 1 - math.exp(-8.318 + 42.796 * a - 59.938 * a * a)
          return 1 - math.exp(-13.436 + 101.14 * a - 223.73 * a * a)
      out = {}
      for i, x in enumerate(data):
          a2 = stats.anderson(np.array(x), dist='norm').statistic
          n = len(x)
          star = a2 * (1 + 0.75 / n + 2.25 / n / n)
          out[str(i)] = [a2, star, ds(star), stats.anderson(np.array(x), dist='norm', method='interpolate').pvalue]
      """, input: samples)
    var agreement = Agreement("Anderson–Darling")
    for (i, x) in samples.enumerated() {
      let e = expected.numbers(String(i))
      let test = try AndersonDarlingTest(x)
      agreement.check(test.aSquared, e[0], "A² #\(i)", tolerance: 1e-11)
      agreement.check(test.adjusted, e[1], "A²* #\(i)", tolerance: 1e-11)
      agreement.check(test.pValue, e[2], "p #\(i)", tolerance: 1e-11)
      // scipy's tables stop at 0.15 (it reports 0.15 for anything larger).
      #expect(
        e[3] >= 0.15 ? test.pValue >= 0.1 : abs(test.pValue - e[3]) < 0.05,
        "D'Agostino–Stephens p \(test.pValue) far from scipy's interpolated \(e[3])")
    }
    agreement.report()
    #expect(try AndersonDarlingTest(samples[3]).verdict.isSignificant)
    for i in [5, 6] {
      let test = try AndersonDarlingTest(samples[i])
      #expect(test.verdict.isSignificant && test.pValue < 1e-20, "A²* \(test.adjusted): p \(test.pValue)")
    }
    #expect(try AndersonDarlingTest(samples[6]).adjusted > 307)
  }

  /// Tied values share their logarithms (computed once per run): each term is still its own expression, to the bit.
  @Test func andersonDarlingTermsOfTiedValuesAreEachTermsExpression() {
    var r = TestSamples(seed: 5)
    let x = r.sample(AndersonDarlingTest.parallelThreshold + 999, mean: 74, sd: 0.01, places: 3).sorted()
    let mean = x.reduce(0, +) / Double(x.count)
    let z = x.map { ($0 - mean) / 0.01 }
    let last = z.count - 1
    let direct = z.indices.map { i in
      Double(2 * i + 1) * (log(NormalDistribution.cdf(z[i])) + log(NormalDistribution.survival(z[last - i])))
    }
    #expect(Set(z).count < z.count / 10)  // mostly ties
    #expect(AndersonDarlingTest.terms(z).map(\.bitPattern) == direct.map(\.bitPattern))
    #expect(AndersonDarlingTest.terms(z, parallel: false).map(\.bitPattern) == direct.map(\.bitPattern))
  }

  /// A long sample's terms are computed on two cores: each the same as on one, and A² still scipy's.
  @Test func andersonDarlingOnALongSample() throws {
    var r = TestSamples(seed: 11)
    let n = AndersonDarlingTest.parallelThreshold + 20_001
    // Rounded to the data's precision (ties), and a skewed one.
    let samples = [r.sample(n, mean: 74, sd: 0.01, places: 3), (0..<n).map { _ in exp(r.normal()) }]
    let expected = try SciPy.run(
      """
      out = {str(i): [stats.anderson(np.array(x), dist='norm').statistic] for i, x in enumerate(data)}
      """, input: samples)
    var agreement = Agreement("Anderson–Darling, long samples")
    for (i, x) in samples.enumerated() {
      let sample = try Sample(x)
      let z = x.sorted().map { ($0 - sample.mean) / sample.standardDeviation }
      let (parallel, serial) = (AndersonDarlingTest.terms(z), AndersonDarlingTest.terms(z, parallel: false))
      #expect(
        parallel.map(\.bitPattern) == serial.map(\.bitPattern), "sample \(i): the two halves differ from one pass")
      agreement.check(try AndersonDarlingTest(x).aSquared, expected.numbers(String(i))[0], "A² #\(i)", tolerance: 1e-7)
    }
    agreement.report()
  }
}
