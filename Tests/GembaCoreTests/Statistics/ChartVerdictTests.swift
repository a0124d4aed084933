import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// Issue 22's chart items: zero variation answered in a sentence, one set of individuals-chart
/// constants, provisional limits on every chart, the whole-process verdict with a known
/// false-alarm rate, Laney's dispersion line, the MR chart's stages and figures shown to the
/// precision they carry. Expected figures come from numpy/scipy run at test time.
@Suite struct ChartVerdictTests {
  static func table(_ header: String, _ rows: [String]) throws -> EvidenceTable {
    try loadText(header + "\n" + rows.joined(separator: "\n") + "\n").table
  }

  static func render(_ r: QueryResult) -> String { EvidenceTextRenderer().render(r) }

  /// n standard normal values from a fixed seed (Box–Muller).
  static func normal(_ n: Int, seed: UInt64) -> [Double] {
    var random = SplitMix64(seed: seed)
    return ProcessVerdictSimulationTests.series(n, shift: 0, &random)
  }

  // MARK: 1. Zero variation

  @Test func constantDataIsAnsweredWithASentenceOnEveryChart() throws {
    let rows = (0..<25).map { i in "3.2,0,100,\(i < 12 ? "a" : "b"),2026-09-\(String(format: "%02d", i + 1))" }
    let t = try Self.table("v,d,n,s,day", rows)
    guard case .spc(let xmr) = try query(t, "x | spc v") else { Issue.record("not an XmR chart"); return }
    #expect(xmr.noVariation && xmr.signals.isEmpty && xmr.verdict == nil)
    #expect(Self.render(.spc(xmr)).contains("all 25 values are 3.2: no variation to chart\n"))
    #expect(!Self.render(.spc(xmr)).contains("UCL"))
    for chart in [
      "spc v --chart imr", "spc v --chart xbar-r --size 5", "spc v --chart xbar-s --size 5", "spc v --chart run",
      "spc v --chart imr --stages s", "spc v --chart imr --split 2026-09-10",
    ] {
      let result = try query(t, "x | \(chart)")
      guard case .controlChart(let r) = result else { Issue.record("\(chart): not a chart"); continue }
      #expect(r.noVariation != nil && r.location == nil && r.run == nil, "\(chart)")
      #expect(Self.render(result).contains("all 25 values are 3.2: no variation to chart\n"), "\(chart)")
    }
    for chart in [
      "spc d --chart p --n n", "spc d --chart np --n n", "spc d --chart c", "spc d --chart u --n n",
      "spc d --chart laney-p --n n", "spc d --chart laney-u --n n",
    ] {
      let result = try query(t, "x | \(chart)")
      guard case .controlChart(let r) = result else { Issue.record("\(chart): not a chart"); continue }
      #expect(r.noVariation != nil && r.location == nil, "\(chart)")
      #expect(Self.render(result).contains("all 25 samples have 0 defect"), "\(chart)")
    }
    do {
      _ = try query(t, "x | capability v --lsl 3 --usl 3.4")
      Issue.record("capability of constant data answered with indices")
    } catch {
      #expect(error.code == .noVariation && error.message == "all 25 values are 3.2: no variation to study")
    }
  }

  /// Ties in the runs up or down are dropped, as Bradley (1968, ch. 12) does: the count and the
  /// trends p-value computed by numpy/scipy from the non-zero steps.
  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func runChartDropsTiesInRunsUpOrDown() throws {
    let values: [Double] = [5, 5, 5, 6, 6, 7, 7, 7, 8, 8, 9, 9, 9, 10, 10, 11, 11, 12, 12, 12, 13, 13, 14, 14, 14]
    let chart = try RunChart(values)
    let expected = try SciPy.run(
      """
      d = np.diff(np.array(data['v']))
      s = np.sign(d[d != 0])
      v = 1 + int(np.sum(s[1:] != s[:-1]))
      n = len(s) + 1
      e, sd = (2 * n - 1) / 3, math.sqrt((16 * n - 29) / 90)
      out = {'v': v, 'e': e, 'trends': stats.norm.cdf((v - e + 0.5) / sd)}
      """, input: ["v": values])
    #expect(Double(chart.runsUpOrDown) == expected.number("v"))
    #expect(abs(chart.expectedRunsUpOrDown - expected.number("e")) < 1e-12)
    #expect(abs(chart.trendsP - expected.number("trends")) < 1e-12)
  }

  // MARK: 2. One set of constants

  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func xmrAndIMRShareExactConstants() throws {
    let values = Self.normal(40, seed: 9).map { ((10 + $0) * 1000).rounded() / 1000 }
    let t = try Self.table("v", values.map { String(format: "%.3f", $0) })
    guard case .spc(let xmr) = try query(t, "x | spc v"),
      case .controlChart(let imr) = try query(t, "x | spc v --chart imr"),
      let i = imr.location, let mr = imr.spread
    else { Issue.record("charts not built"); return }
    let expected = try SciPy.run(
      """
      x = np.array(data['v'])
      mr = np.abs(np.diff(x)).mean()
      d2, d3 = 2 / math.sqrt(math.pi), math.sqrt(2 - 4 / math.pi)
      out = {'ucl': x.mean() + 3 * mr / d2, 'lcl': x.mean() - 3 * mr / d2, 'mrucl': (1 + 3 * d3 / d2) * mr}
      """, input: ["v": values])
    for (gemba, key) in [(xmr.upperLimit, "ucl"), (xmr.lowerLimit, "lcl"), (xmr.movingRangeUpper, "mrucl")] {
      #expect(abs(gemba - expected.number(key)) < 1e-12 * max(1, abs(gemba)), "\(key)")
    }
    #expect(xmr.upperLimit == i.uppers[0] && xmr.lowerLimit == i.lowers[0] && xmr.sigma == i.stages[0].sigma)
    #expect(abs(xmr.movingRangeUpper - mr.uppers[0]) < 1e-12)
    // The same figures printed by both.
    let a = Self.render(.spc(xmr)), b = Self.render(.controlChart(imr))
    let shown = EvidenceTextRenderer.figures([xmr.mean, xmr.upperLimit, xmr.lowerLimit], atLeast: max(xmr.decimals, 1))
    #expect(a.contains("UCL = \(shown[1])   LCL = \(shown[2])") && b.contains("LCL \(shown[2])   UCL \(shown[1])"))
  }

  // MARK: 3. Provisional limits

  @Test func everyChartUnderTwentyPointsWarnsItsLimitsAreProvisional() throws {
    let values = Self.normal(10, seed: 3).map { 50 + $0 }
    let t = try Self.table("v,d,n", values.enumerated().map { "\($1),\($0 % 3),20" })
    guard case .spc(let xmr) = try query(t, "x | spc v") else { Issue.record("no XmR chart"); return }
    #expect(xmr.warnings.map(\.code) == [.provisionalLimits])
    #expect(Self.render(.spc(xmr)).contains("limits come from 10 values, fewer than 20: treat them as provisional"))
    for chart in ["spc v --chart imr", "spc d --chart p --n n", "spc d --chart c", "spc d --chart u --n n"] {
      guard case .controlChart(let r) = try query(t, "x | \(chart)") else { Issue.record("\(chart)"); continue }
      #expect(r.warnings.contains { $0.code == .provisionalLimits }, "\(chart)")
    }
  }

  // MARK: 4. The whole-process verdict

  /// The verdict's figures recomputed by numpy/scipy: the limits, the count beyond them, the
  /// binomial tail, the runs about the centre and their one-sided normal p-value.
  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func verdictMatchesBinomialTailAndRunsTest() throws {
    var values = Self.normal(200, seed: 41)
    values[17] = 6
    values[90] = -5
    values[150] = 7
    let chart = ControlChart(
      column: "x", pointKind: "row", values: values, labels: ChartLabels(numbering: 200), rules: .westernElectric,
      skipped: 0)
    guard let v = chart.verdict else { Issue.record("no verdict"); return }
    let expected = try SciPy.run(
      """
      x = np.array(data['v'])
      m, s = x.mean(), np.abs(np.diff(x)).mean() / (2 / math.sqrt(math.pi))
      k = int(np.sum((x > m + 3 * s) | (x < m - 3 * s)))
      p0 = 2 * stats.norm.sf(3)
      side = np.sign(x - m)
      side = side[side != 0]
      n1, n2 = float(np.sum(side > 0)), float(np.sum(side < 0))
      n = n1 + n2
      r = 1 + int(np.sum(side[1:] != side[:-1]))
      e = 2 * n1 * n2 / n + 1
      var = 2 * n1 * n2 * (2 * n1 * n2 - n) / (n * n * (n - 1))
      out = {'k': k, 'expected': 200 * p0, 'pk': stats.binom.sf(k - 1, 200, p0), 'runs': r, 'e': e,
             'pr': stats.norm.cdf((r - e + 0.5) / math.sqrt(var))}
      """, input: ["v": values])
    #expect(Double(v.beyond) == expected.number("k"))
    #expect(abs(v.expectedBeyond - expected.number("expected")) < 1e-12)
    #expect(abs(v.beyondP - expected.number("pk")) < 1e-9)
    #expect(Double(v.runs) == expected.number("runs"))
    #expect(abs(v.expectedRuns - expected.number("e")) < 1e-9)
    #expect(abs(v.runsP - expected.number("pr")) < 1e-9)
    #expect(v.inControl == (expected.number("pk") >= 0.01 && expected.number("pr") >= 0.04))
    let text = Self.render(.spc(chart))
    #expect(text.contains("whole process: \(v.beyond) of 200 points beyond the limits; 0.540 expected by chance"))
  }

  /// The issue's capability example: 200 independent normal values, 20 seeded samples. Any point
  /// beyond the I or MR limits called 18 of them "NOT in statistical control"; the verdict calls
  /// about 5 % of stable samples unstable, so at most 4 of 20 (P ≥ 0.98 under a 5 % rate).
  @Test func capabilityDoesNotCallStableSamplesUnstable() throws {
    var unstable = 0
    for seed in 0..<20 {
      let study = try CapabilityStudy(
        individuals: Self.normal(200, seed: 500 + UInt64(seed)), lowerSpec: -4, upperSpec: 4)
      if !study.inControl { unstable += 1 }
      #expect(study.inControl == (study.stability.beyondP >= 0.01 && study.stability.runsP >= 0.04))
    }
    #expect(unstable <= 4, "\(unstable) of 20 stable samples called unstable")
    // A shift is still caught, and the warning says what chance gives.
    var shifted = Self.normal(200, seed: 77)
    for i in 150..<200 { shifted[i] += 3 }
    let study = try CapabilityStudy(individuals: shifted, lowerSpec: -6, upperSpec: 8)
    #expect(!study.inControl)
    let warning = study.warnings.first { $0.code == .notInControl }?.message ?? ""
    #expect(warning.contains("expected"), "\(warning)")
  }

  /// One outlier makes two wide moving ranges: the MR chart flags them (test 1 only, no zone
  /// tests), and the verdict, from the I chart, weighs one point beyond among 100 against the
  /// 0.27 chance gives: P(X ≥ 1) = 0.237 by scipy, in control.
  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func oneOutlierIsNotAVerdictAndMRChartRunsNoZoneTests() throws {
    var values = Self.normal(100, seed: 12).map { 20 + $0 }
    values[60] = 27
    let t = try Self.table("v", values.map { "\($0)" })
    guard case .controlChart(let r) = try query(t, "x | spc v --chart imr --rules nelson"),
      let i = r.location, let mr = r.spread, let v = i.verdict
    else { Issue.record("no I-MR chart"); return }
    #expect(mr.rules.tests == [1] && i.rules.tests == Array(1...8))
    #expect(mr.signals.allSatisfy { $0.rule == 1 } && mr.verdict == nil)
    let expected = try SciPy.run("out = {'p': stats.binom.sf(0, 100, 2 * stats.norm.sf(3))}", input: [String: Int]())
    #expect(v.beyond == 1 && abs(v.beyondP - expected.number("p")) < 1e-9)
    #expect(r.inControl)
  }

  // MARK: 6. Laney's dispersion line, the MR stage header

  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func dispersionLinePairsTheFigureWithItsOwnPValue() throws {
    let d = [12, 15, 8, 22, 30, 11, 9, 25, 14, 19, 7, 28, 16, 21, 10, 24, 13, 18, 26, 9]
    let n = [500, 520, 480, 510, 530, 490, 470, 505, 515, 495, 485, 525, 500, 510, 490, 520, 480, 500, 515, 495]
    let t = try Self.table("d,n", zip(d, n).map { "\($0),\($1)" })
    let result = try query(t, "x | spc d --chart laney-p --n n")
    guard case .controlChart(let r) = result, let disp = r.location?.dispersion else {
      Issue.record("no Laney chart"); return
    }
    let expected = try SciPy.run(
      """
      d, n = np.array(data['d'], float), np.array(data['n'], float)
      p = d.sum() / n.sum()
      z = (d / n - p) / np.sqrt(p * (1 - p) / n)
      chi = float(np.sum(z * z))
      out = {'ratio': chi / (len(d) - 1), 'p': stats.chi2.sf(chi, len(d) - 1)}
      """, input: ["d": d, "n": n])
    #expect(abs(disp.varianceRatio - expected.number("ratio")) < 1e-9)
    #expect(abs(disp.pValue - expected.number("p")) < 1e-9)
    #expect(disp.overdispersed == (expected.number("p") < 0.05))
    #expect(
      Self.render(result).contains(
        "dispersion: Σz²/df = \(NumberFormat.significant(expected.number("ratio"))) (1 under the binomial model), χ² p")
    )
  }

  @Test func movingRangeStageHeaderNumbersPointsAsTheChartDoes() throws {
    let values = Self.normal(20, seed: 5).map { 5 + $0 }
    let t = try Self.table("v,s", values.enumerated().map { "\($1),\($0 < 10 ? "a" : "b")" })
    let text = Self.render(try query(t, "x | spc v --chart imr --stages s"))
    #expect(text.contains("I: stage a (points 1–10)") && text.contains("I: stage b (points 11–20)"))
    #expect(text.contains("MR: stage a (points 2–10)") && text.contains("MR: stage b (points 12–20)"))
  }

  // MARK: 7. Figures at the precision they carry

  /// A p chart near 6e-5: centre and limits shown apart and to three significant digits, each
  /// within rounding of numpy's.
  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func pChartNearSixPerHundredThousandShowsItsFigures() throws {
    let d = [6, 4, 7, 5, 8, 6, 3, 7, 6, 5, 9, 4, 6, 7, 5, 6, 8, 5, 6, 7, 4, 6]
    let t = try Self.table("d,n", d.map { "\($0),100000" })
    let result = try query(t, "x | spc d --chart p --n n")
    let expected = try SciPy.run(
      """
      d = np.array(data['d'], float)
      p = d.sum() / (100000 * len(d))
      s = math.sqrt(p * (1 - p) / 100000)
      out = {'c': p, 'l': max(0.0, p - 3 * s), 'u': p + 3 * s}
      """, input: ["d": d])
    let line = Self.render(result).split(separator: "\n").first { $0.hasPrefix("  p: centre") }.map(String.init) ?? ""
    let figures = line.split(separator: " ").compactMap { Double($0) }
    #expect(figures.count == 3, "\(line)")
    guard figures.count == 3 else { return }
    for (shown, key) in zip(figures, ["c", "l", "u"]) {
      let want = expected.number(key)
      #expect(abs(shown - want) <= 0.005 * max(abs(want), 1e-12) + (want == 0 ? 1e-12 : 0), "\(key): \(line)")
    }
    #expect(Set(figures).count == 3)
  }

  /// Weekly shares of a 0/1 column near 0.021 (means per point, shown with one decimal): pandas
  /// gives the centre and limits; gemba shows each to within rounding and apart, σ not 0.00.
  @Test(.enabled(if: ExternalProgram.runs(needing: SciPy.available), "needs python3 with scipy"))
  func xmrOfSmallSharesShowsCentreAndLimitsApart() throws {
    let values = [0.0205, 0.0212, 0.0209, 0.0214, 0.0208, 0.0211, 0.0207, 0.0213, 0.0210, 0.0206, 0.0212, 0.0209]
    var chart = ControlChart(
      column: "share", pointKind: "week", meaning: .mean, values: values, labels: ChartLabels(numbering: 12),
      rules: .westernElectric, skipped: 0)
    chart.decimals = 1
    let expected = try SciPy.run(
      """
      import pandas as pd
      x = pd.Series(data['v'])
      mr = x.diff().abs().mean()
      s = mr / (2 / math.sqrt(math.pi))
      out = {'c': x.mean(), 'u': x.mean() + 3 * s, 'l': x.mean() - 3 * s, 's': s}
      """, input: ["v": values])
    let text = Self.render(.spc(chart))
    let line = text.split(separator: "\n")[1]
    let words = line.split(separator: " ")
    func after(_ word: String) -> Double? {
      words.firstIndex { $0 == word }.flatMap { i in i + 2 < words.count ? Double(words[i + 2]) : nil }
    }
    guard let c = after("X̄"), let u = after("UCL"), let l = after("LCL") else {
      Issue.record("figures not found: \(line)"); return
    }
    for (shown, key) in [(c, "c"), (u, "u"), (l, "l")] {
      #expect(abs(shown - expected.number(key)) <= 0.005 * expected.number(key), "\(key): \(line)")
    }
    #expect(Set([c, u, l]).count == 3)
    #expect(line.contains("σ ≈ \(NumberFormat.significant(expected.number("s")))"))
  }

  /// Capability of values near 8e-10: the limits and the mean are shown apart, not 0.000000.
  @Test func capabilityOfTinyValuesShowsItsLimits() throws {
    let values = Self.normal(50, seed: 2).map { 8e-10 + 1e-11 * $0 }
    let t = try Self.table("v", values.map { "\($0)" })
    let text = Self.render(try query(t, "x | capability v --lsl 0.00000000075 --usl 0.00000000085"))
    #expect(text.contains("LSL 7.50e-10") && text.contains("USL 8.50e-10"), "\(text)")
    #expect(!text.contains("0.000000 "))
  }
}
