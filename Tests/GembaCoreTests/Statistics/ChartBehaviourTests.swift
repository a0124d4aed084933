import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Rules, stages, varying sizes and the run chart on constructed data, and Laney's charts and the
/// runs tests against the published formulas computed independently in python at test time.
@Suite struct ChartBehaviourTests {
  @Test func eachFlaggedPointNamesItsTests() throws {
    // A stable series, then a shift of 2σ that the zone and run tests catch before test 1 does.
    var values = [
      10.0, 10.4, 9.7, 10.1, 9.9, 10.3, 9.6, 10.2, 10.0, 9.8, 10.1, 9.9, 10.2, 9.8, 10.0, 10.1, 9.9, 10.0, 10.2, 9.8,
    ]
    values += [10.6, 10.7, 10.5, 10.8, 10.6, 10.7, 10.9, 10.6, 10.7]
    let chart = try ControlCharts.individuals(values, phases: ChartPhases(baseline: 0..<20))
    let rules = Set(chart.location.signals.map(\.rule))
    #expect(rules.isSuperset(of: [2, 3, 4]))
    #expect(chart.location.flagged[28]!.contains(4))  // 9 points above the centre: WE 4 at the 8th and after
    let nelson = try ControlCharts.individuals(values, phases: ChartPhases(baseline: 0..<20), rules: .nelson)
    #expect(nelson.location.signals.contains { $0.rule == 2 && $0.point == 28 })  // 9 in a row on one side
    let chosen = try ControlCharts.individuals(
      values, phases: ChartPhases(baseline: 0..<20), rules: SpecialCauseRules(.nelson, tests: [1, 2]))
    #expect(Set(chosen.location.signals.map(\.rule)).isSubset(of: [1, 2]))
    #expect(chosen.location.rules.name == "Nelson tests 1, 2")
    #expect(SpecialCauseRules.westernElectric.name == "Western Electric rules 1–4")
    #expect(throws: Diagnostic.self) { try SpecialCauseRules(.westernElectric, tests: [5]) }
  }

  @Test func stagesHaveTheirOwnLimitsAndRunsDoNotCrossThem() throws {
    let before = [20.0, 22, 19, 21, 23, 20, 18, 21, 22, 20, 19, 21]
    let after = before.map { $0 - 6 }
    let stages = Array(repeating: "before", count: 12) + Array(repeating: "after", count: 12)
    let chart = try ControlCharts.individuals(before + after, phases: ChartPhases(stages: stages))
    #expect(chart.location.stages.count == 2)
    #expect(abs(chart.location.stages[0].center - chart.location.stages[1].center - 6) < 1e-9)
    #expect(chart.location.signals.isEmpty)  // each stage is stable about its own centre
    #expect(chart.spread.points.count == 22)  // no moving range across the stage boundary
    let pooled = try ControlCharts.individuals(before + after)
    #expect(!pooled.location.signals.isEmpty)  // one set of limits sees the shift
  }

  /// A stage whose samples are all defective (the fix worked: every answer now wrong, or all
  /// right, in a yes/no chart) is named: the other stages do vary.
  @Test func aStageWithoutVariationIsNamed() throws {
    let stages = Array(repeating: "before", count: 6) + Array(repeating: "after", count: 6)
    #expect(throws: Diagnostic.self) {
      try ControlCharts.p(
        defectives: [3, 5, 2, 4, 6, 3] + Array(repeating: 20, count: 6), sizes: Array(repeating: 20, count: 12),
        phases: ChartPhases(stages: stages))
    }
    do {
      _ = try ControlCharts.p(
        defectives: [3, 5, 2, 4, 6, 3] + Array(repeating: 20, count: 6), sizes: Array(repeating: 20, count: 12),
        phases: ChartPhases(stages: stages))
    } catch {
      #expect(error.code == .limitsCollapse)
    }
  }

  @Test func varyingSubgroupSizesGivePerPointLimits() throws {
    let groups: [[Double]] = [
      [5.1, 4.9, 5.3], [5.0, 5.2], [4.8, 5.1, 5.0, 5.2], [5.3, 5.0, 4.9], [5.1, 5.2], [4.9, 5.0, 5.1, 5.0],
    ]
    let chart = try ControlCharts.xbarR(groups)
    #expect(chart.location.limitsVary && chart.spread.limitsVary)
    let sigma = chart.location.stages[0].sigma!
    for (p, g) in zip(chart.location.points, groups) {
      #expect(abs((p.upper - p.center) - 3 * sigma / Double(g.count).squareRoot()) < 1e-12)
    }
    // The weighted estimate reduces to R̄/d₂ when sizes are equal.
    let equal = try ControlCharts.xbarR([[1, 2, 4], [2, 3, 3], [1, 1, 3]])
    #expect(abs(equal.location.stages[0].sigma! - 2.0 / ControlChartConstants.d2(3)) < 1e-12)
  }

  static let laneyDefectives = [
    210, 185, 240, 198, 260, 175, 230, 205, 190, 255, 220, 180, 245, 215, 200, 235, 195, 250, 225, 185,
  ]
  static let laneySizes = [
    2000, 1950, 2100, 1980, 2050, 1900, 2020, 2000, 1960, 2080, 2010, 1930, 2060, 1990, 2000, 2040, 1970, 2070, 2030,
    1940,
  ]

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: SciPy.available),
      "needs python3 with scipy and numpy (python3 -m pip install scipy numpy)"))
  func laneyChartsMatchTheirFormula() throws {
    let d = Self.laneyDefectives, n = Self.laneySizes
    // Laney (2002): zᵢ = (pᵢ − p̄)/σᵢ, σ_z = mean |zᵢ − zᵢ₋₁| / d₂(2), limits p̄ ± 3σᵢσ_z; d₂(2) = 2/√π
    // exactly, as every individuals chart in gemba (Laney prints the published 1.128).
    let expected = try SciPy.run(
      """
      d = np.array(data['d'], float); n = np.array(data['n'], float)
      out = {}
      for kind in ('p', 'u'):
          rate = d.sum() / n.sum()
          s = np.sqrt(rate * (1 - rate) / n) if kind == 'p' else np.sqrt(rate / n)
          z = (d / n - rate) / s
          sz = np.abs(np.diff(z)).mean() / (2 / math.sqrt(math.pi))
          out[kind] = [rate, sz] + np.maximum(0, rate - 3 * s * sz).tolist() + (rate + 3 * s * sz).tolist()
          out[kind + 'chi'] = [float((z ** 2).sum()), stats.chi2.sf((z ** 2).sum(), len(z) - 1)]
      """, input: ["d": d, "n": n])
    var agreement = Agreement("Laney")
    let laneyP = try ControlCharts.laneyP(defectives: d, sizes: n)
    let laneyU = try ControlCharts.laneyU(defects: d, sizes: n.map(Double.init))
    for (chart, key) in [(laneyP, "p"), (laneyU, "u")] {
      let e = expected.numbers(key)
      agreement.check(chart.points[0].center, e[0], "\(key) centre", tolerance: 1e-13)
      agreement.check(chart.stages[0].sigma!, e[1], "σ_z", tolerance: 1e-12)
      for i in d.indices {
        agreement.check(chart.points[i].lower, e[2 + i], "LCL \(i)", tolerance: 1e-9)
        agreement.check(chart.points[i].upper, e[2 + d.count + i], "UCL \(i)", tolerance: 1e-9)
      }
      let chi = expected.numbers(key + "chi")
      agreement.check(chart.dispersion!.chiSquare, chi[0], "Σz²", tolerance: 1e-12)
      agreement.check(chart.dispersion!.pValue, chi[1], "dispersion p", tolerance: 1e-10)
    }
    agreement.report()
    // These samples vary far more than binomial: the p chart says so and points to Laney.
    let p = try ControlCharts.p(defectives: d, sizes: n)
    #expect(p.dispersion!.overdispersed)
    #expect(p.warnings.contains { $0.code == .overdispersion })
    #expect(laneyP.points.allSatisfy { $0.upper - $0.center > 0 })
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: SciPy.available),
      "needs python3 with scipy and numpy (python3 -m pip install scipy numpy)"))
  func runChartMatchesMinitabsFormulas() throws {
    var r = TestSamples(seed: 5)
    let random: [Double] = r.sample(30, mean: 10, sd: 1, places: 1)
    let steps: [Double] = (0..<30).map { (i: Int) -> Double in Double(i / 6) + 0.1 * Double(i % 3) }
    let alternating: [Double] = (0..<24).map { (i: Int) -> Double in i % 2 == 0 ? 1 : 3 }
    let series: [[Double]] = [random, steps, alternating]
    // The Minitab run-chart formulas, typed independently: above = x > median, ties continue a run.
    let expected = try SciPy.run(
      """
      def runs(flags):
          return 1 + sum(1 for a, b in zip(flags, flags[1:]) if a != b) if flags else 0
      out = {}
      for i, x in enumerate(data):
          x = np.array(x); N = len(x); med = float(np.median(x))
          above = [bool(v > med) for v in x]
          m = sum(above); n = N - m
          R = runs(above); E = 2 * m * n / N + 1
          s = math.sqrt(2 * m * n * (2 * m * n - N) / (N * N * (N - 1)))
          dirs = []
          for a, b in zip(x, x[1:]):
              if a != b: dirs.append(bool(b > a))
              elif dirs: dirs.append(dirs[-1])
          V = runs(dirs); EV = (2 * N - 1) / 3; sv = math.sqrt((16 * N - 29) / 90)
          out[str(i)] = [med, R, E, stats.norm.cdf((R - E + 0.5) / s), stats.norm.sf((R - E - 0.5) / s),
                         V, EV, stats.norm.cdf((V - EV + 0.5) / sv), stats.norm.sf((V - EV - 0.5) / sv)]
      """, input: series)
    var agreement = Agreement("run chart")
    for (i, x) in series.enumerated() {
      let e = expected.numbers(String(i))
      let chart = try RunChart(x)
      agreement.check(chart.median, e[0], "median", tolerance: 0)
      #expect(Double(chart.runsAboutMedian) == e[1] && Double(chart.runsUpOrDown) == e[5])
      agreement.check(chart.expectedRunsAboutMedian, e[2], "E(R)", tolerance: 1e-14)
      agreement.check(chart.clusteringP, e[3], "clustering p", tolerance: 1e-12)
      agreement.check(chart.mixturesP, e[4], "mixtures p", tolerance: 1e-12)
      agreement.check(chart.expectedRunsUpOrDown, e[6], "E(V)", tolerance: 1e-14)
      agreement.check(chart.trendsP, e[7], "trends p", tolerance: 1e-12)
      agreement.check(chart.oscillationP, e[8], "oscillation p", tolerance: 1e-12)
    }
    agreement.report()
    #expect(try RunChart(series[1]).patterns().contains("clustering"))
    #expect(try RunChart(series[2]).patterns().contains("mixtures"))
  }
}
