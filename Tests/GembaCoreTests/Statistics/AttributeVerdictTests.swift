import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// The whole-process verdict of p, np, c and u charts counts points beyond the limits against each
/// point's own chance under the chart's binomial or Poisson model, not the normal p₀ = 0.0027: with
/// small samples (n·p̄ under about 5) a single count lands beyond the UCL far more often, and the
/// p₀ verdict called a quarter of stable p charts at p̄ = 1 %, n = 20 "NOT in statistical control".
/// Figures in docs/statistics.md ("Attribute charts: each point's own chance").
@Suite struct AttributeVerdictTests {
  // MARK: The figures, against scipy

  /// Each point's chance (binomial tails at the limits' counts), their sum and the
  /// Poisson-binomial tail (numpy convolution), recomputed in python from the limits' formula.
  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func pChartChancesAndTailMatchScipy() throws {
    var random = SplitMix64(seed: 2_408)
    let sizes = (0..<120).map { _ in Int.random(in: 5...60, using: &random) }
    var defectives = sizes.map { n in (0..<n).filter { _ in Double.random(in: 0..<1, using: &random) < 0.03 }.count }
    defectives[40] = 9
    defectives[77] = 7
    let chart = try ControlCharts.p(defectives: defectives, sizes: sizes)
    guard let v = chart.verdict, let chances = chart.beyondChances else {
      Issue.record("no verdict or chances")
      return
    }
    let expected = try SciPy.run(
      """
      d, n = np.array(data['d'], float), np.array(data['n'], float)
      p = d.sum() / n.sum()
      s = np.sqrt(p * (1 - p) / n)
      ucl, lcl = np.minimum(1, p + 3 * s), np.maximum(0, p - 3 * s)
      x = d / n
      k = int(np.sum((x > ucl) | (x < lcl)))
      ch = []
      for ni, u, l in zip(n, ucl, lcl):
          counts = np.arange(0, ni + 1)
          v = counts / ni
          pm = stats.binom.pmf(counts, ni, p)
          ch.append(pm[(v > u) | (v < l)].sum())
      dist = np.array([1.0])
      for c in ch:
          dist = np.convolve(dist, [1 - c, c])
      out = {'k': k, 'chances': ch, 'expected': sum(ch), 'tail': dist[k:].sum()}
      """, input: ["d": defectives, "n": sizes])
    #expect(Double(v.beyond) == expected.number("k"))
    let oracle = expected.numbers("chances")
    #expect(oracle.count == chances.count)
    for (mine, theirs) in zip(chances, oracle) { #expect(abs(mine - theirs) <= 1e-12 + 1e-9 * theirs) }
    #expect(abs(v.expectedBeyond - expected.number("expected")) < 1e-9)
    #expect(abs(v.beyondP - expected.number("tail")) < 1e-9)
  }

  /// The u chart's counts are Poisson(ū·n) with fractional sizes (hours); the c chart's Poisson(c̄).
  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func uAndCChartChancesMatchScipy() throws {
    var random = SplitMix64(seed: 2_409)
    let sizes = (0..<80).map { _ in Double(Int.random(in: 5...40, using: &random)) / 4 }
    let defects = sizes.map { Self.poisson(0.4 * $0, &random) }
    let u = try ControlCharts.u(defects: defects, sizes: sizes)
    let c = try ControlCharts.c(defects: defects)
    let expected = try SciPy.run(
      """
      d, n = np.array(data['d'], float), np.array(data['n'], float)
      def chances(rate, sizes):
          out = []
          for ni in sizes:
              s = math.sqrt(rate / ni)
              u, l = rate + 3 * s, max(0, rate - 3 * s)
              counts = np.arange(0, int(u * ni) + 3)
              v = counts / ni
              out.append(stats.poisson.sf(int(u * ni + 2), rate * ni)
                         + stats.poisson.pmf(counts, rate * ni)[(v > u) | (v < l)].sum())
          return out
      out = {'u': chances(d.sum() / n.sum(), n), 'c': chances(d.mean(), np.ones(len(d)))}
      """, input: ["d": defects, "n": sizes])
    for (chart, key) in [(u, "u"), (c, "c")] {
      let oracle = expected.numbers(key)
      #expect(chart.beyondChances?.count == oracle.count)
      for (mine, theirs) in zip(chart.beyondChances ?? [], oracle) {
        #expect(abs(mine - theirs) <= 1e-12 + 1e-9 * theirs, "\(key) chart")
      }
    }
  }

  /// Laney's charts widen the limits by σ_z on the normal scale: their verdict keeps p₀.
  @Test func laneyChartsKeepTheNormalChance() throws {
    let chart = try ControlCharts.laneyP(defectives: [3, 5, 2, 8, 4, 6, 1, 7], sizes: Array(repeating: 100, count: 8))
    #expect(chart.beyondChances == nil)
    #expect(abs((chart.verdict?.expectedBeyond ?? 0) - 8 * ProcessVerdict.beyondChance) < 1e-15)
  }

  // MARK: False alarms, by simulation

  static func binomial(_ n: Int, _ p: Double, _ random: inout SplitMix64) -> Int {
    (0..<n).reduce(0) { count, _ in count + (Double.random(in: 0..<1, using: &random) < p ? 1 : 0) }
  }

  /// Knuth's product of uniforms (λ is small here).
  static func poisson(_ lambda: Double, _ random: inout SplitMix64) -> Int {
    let limit = exp(-lambda)
    var k = 0, product = Double.random(in: 0..<1, using: &random)
    while product > limit {
      k += 1
      product *= Double.random(in: 0..<1, using: &random)
    }
    return k
  }

  /// The share of stable charts the verdict calls not in control, and the share of them listing
  /// a point for a side-of-centre test (Nelson 2) and carrying the small-samples warning.
  static func rates(
    replicates: Int, seed: UInt64, shiftFrom: Int? = nil, factor: Double = 1,
    _ make: (inout SplitMix64, Double) throws -> ShewhartChart
  ) rethrows -> (alarms: Double, sideSignals: Double, warned: Double) {
    var random = SplitMix64(seed: seed)
    var alarms = 0, side = 0, warned = 0
    for _ in 0..<replicates {
      let chart = try make(&random, factor)
      if chart.verdict?.inControl == false { alarms += 1 }
      if chart.signals.contains(where: { $0.rule == 2 }) { side += 1 }
      if chart.warnings.contains(where: { $0.code == .skewedRunTests }) { warned += 1 }
    }
    let r = Double(replicates)
    return (Double(alarms) / r, Double(side) / r, Double(warned) / r)
  }

  /// Stable p, np, c and u charts with small n·p̄ are called not in control about 5 % of the time
  /// or less (the p₀ count called 25 % of p charts at p̄ = 1 %, n = 20, and nearly all at 1,000
  /// points).
  @Test func stableAttributeChartsWithSmallSamplesAreRarelyCalledUnstable() throws {
    let cases: [(name: String, points: Int, replicates: Int, make: (inout SplitMix64) throws -> ShewhartChart)] = [
      (
        "p, p̄ = 1 %, n = 20", 100, 2000,
        { r in
          let n = Array(repeating: 20, count: 100)
          return try ControlCharts.p(defectives: n.map { Self.binomial($0, 0.01, &r) }, sizes: n)
        }
      ),
      (
        "p, p̄ = 1 %, n = 20, 1,000 points", 1000, 300,
        { r in
          let n = Array(repeating: 20, count: 1000)
          return try ControlCharts.p(defectives: n.map { Self.binomial($0, 0.01, &r) }, sizes: n)
        }
      ),
      (
        "p, p̄ = 5 %, n = 5…60", 100, 2000,
        { r in
          let n = (0..<100).map { _ in Int.random(in: 5...60, using: &r) }
          return try ControlCharts.p(defectives: n.map { Self.binomial($0, 0.05, &r) }, sizes: n)
        }
      ),
      (
        "np, p̄ = 2 %, n = 50", 100, 2000,
        { r in
          let n = Array(repeating: 50, count: 100)
          return try ControlCharts.np(defectives: n.map { Self.binomial($0, 0.02, &r) }, sizes: n)
        }
      ),
      (
        "c, c̄ = 0.5", 100, 2000,
        { r in try ControlCharts.c(defects: (0..<100).map { _ in Self.poisson(0.5, &r) }) }
      ),
      (
        "u, ū = 0.3 per hour, 1–8 hours", 100, 2000,
        { r in
          let n = (0..<100).map { _ in Double(Int.random(in: 1...8, using: &r)) }
          return try ControlCharts.u(defects: n.map { Self.poisson(0.3 * $0, &r) }, sizes: n)
        }
      ),
    ]
    for (k, c) in cases.enumerated() {
      let (alarms, _, _) = try Self.rates(replicates: c.replicates, seed: 24_080 + UInt64(k)) { r, _ in
        try c.make(&r)
      }
      print("false alarms, \(c.name): \(alarms) of \(c.replicates) replicates")
      #expect(alarms <= 0.07, "\(c.name): \(alarms)")
    }
  }

  /// The exact chances do not blunt the chart: a rate tripled in the last quarter of 100 samples
  /// is caught as often as samples of that size allow (the figures are printed and in the docs).
  @Test func aTripledRateInTheLastQuarterIsCaught() throws {
    for (k, (n, p, floor)) in [(20, 0.01, 0.1), (50, 0.02, 0.6), (100, 0.02, 0.9)].enumerated() {
      let (alarms, _, _) = try Self.rates(replicates: 1000, seed: 24_100 + UInt64(k)) { r, _ in
        let sizes = Array(repeating: n, count: 100)
        let d = sizes.indices.map { i in Self.binomial(n, i >= 75 ? 3 * p : p, &r) }
        return try ControlCharts.p(defectives: d, sizes: sizes)
      }
      print("power, p̄ = \(p) → \(3 * p) in the last quarter, n = \(n): \(alarms)")
      #expect(alarms >= floor, "n = \(n): \(alarms)")
    }
  }

  /// The small-samples warning comes with the side-of-centre signals it explains: one ticket an
  /// hour at p̄ = 0.27 lists test 2 on most stable charts, and the warning is on every one; at
  /// n·p̄ = 10 it is rare, and on a near-normal chart absent.
  @Test func theSmallSamplesWarningFiresWhenTestTwoFiresByChance() throws {
    let hourly = try Self.rates(replicates: 1000, seed: 24_200) { r, _ in
      let n = (0..<384).map { _ in [1, 1, 1, 1, 2, 3].randomElement(using: &r)! }
      return try ControlCharts.p(defectives: n.map { Self.binomial($0, 0.27, &r) }, sizes: n)
    }
    print(
      "hourly, p̄ = 0.27, n = 1–3: test 2 listed on \(hourly.sideSignals), warned on \(hourly.warned), "
        + "verdict alarms \(hourly.alarms)")
    #expect(hourly.sideSignals >= 0.9)
    #expect(hourly.warned == 1)
    #expect(hourly.alarms <= 0.07)
    for (k, (n, p)) in [(50, 0.1), (50, 0.2)].enumerated() {
      let large = try Self.rates(replicates: 1000, seed: 24_201 + UInt64(k)) { r, _ in
        let sizes = Array(repeating: n, count: 100)
        return try ControlCharts.p(defectives: sizes.map { Self.binomial($0, p, &r) }, sizes: sizes)
      }
      print("n = \(n), p̄ = \(p): test 2 listed on \(large.sideSignals), warned on \(large.warned)")
      // At n·p̄ = 10 it fires only when p̄ sits just above a whole count (ties fall below).
      if p >= 0.2 { #expect(large.warned <= 0.05) }
    }
    // The same chart of a symmetric stable process, for the rate test 2 has by design.
    let normal = try Self.rates(replicates: 1000, seed: 24_203) { r, _ in
      let sizes = Array(repeating: 10_000, count: 100)
      return try ControlCharts.p(defectives: sizes.map { _ in Self.poisson(500, &r) }, sizes: sizes)
    }
    print("n = 10,000, p̄ = 0.05 (near normal): test 2 listed on \(normal.sideSignals), warned on \(normal.warned)")
    #expect(normal.warned == 0)
  }

  // MARK: The Poisson-binomial tail

  /// Exact below the step budget; above it the refined normal approximation, which agrees with
  /// the exact tail to 0.005 on 20,000 points whose chances sum to about 100.
  @Test func poissonBinomialTailIsExactThenApproximatedClosely() {
    var random = SplitMix64(seed: 2_410)
    let chances = (0..<20_000).map { _ in Double.random(in: 0.0001..<0.01, using: &random) }
    let mean = Int(chances.reduce(0, +))
    for k in [mean - 15, mean - 5, mean, mean + 5, mean + 15, mean + 30] {
      let exact = PoissonBinomial.upperTail(atLeast: k, chances: chances, exactSteps: .max)
      let approximate = PoissonBinomial.upperTail(atLeast: k, chances: chances, exactSteps: 0)
      #expect(abs(exact - approximate) < 0.005, "k = \(k): exact \(exact), approximate \(approximate)")
    }
    #expect(PoissonBinomial.upperTail(atLeast: 0, chances: chances) == 1)
    #expect(PoissonBinomial.upperTail(atLeast: 20_001, chances: chances) == 0)
  }
}
