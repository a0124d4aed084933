import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// The whole-process verdict's false-alarm rate on stable normal data and its power against a
/// 1.5σ shift in the last quarter, measured by simulation with fixed seeds (the figures are in
/// docs/statistics.md, "Whole-process verdicts and their false-alarm rate"). Each replicate is
/// the XmR chart `spc` builds, judged by the verdict it prints.
@Suite struct ProcessVerdictSimulationTests {
  /// n standard normal values (Box–Muller), the last quarter shifted by `shift` σ.
  static func series(_ n: Int, shift: Double, _ random: inout SplitMix64) -> [Double] {
    var values: [Double] = []
    values.reserveCapacity(n)
    while values.count < n {
      let u1 = Double.random(in: Double.ulpOfOne..<1, using: &random), u2 = Double.random(in: 0..<1, using: &random)
      let r = (-2 * log(u1)).squareRoot()
      values.append(r * cos(2 * .pi * u2))
      if values.count < n { values.append(r * sin(2 * .pi * u2)) }
    }
    for i in (n - n / 4)..<n { values[i] += shift }
    return values
  }

  /// The share of `replicates` charts of n points the verdict calls not in control.
  static func alarmRate(n: Int, shift: Double, replicates: Int, seed: UInt64) -> Double {
    var random = SplitMix64(seed: seed)
    var alarms = 0
    for _ in 0..<replicates {
      let values = series(n, shift: shift, &random)
      let chart = ControlChart(
        column: "x", pointKind: "row", values: values, labels: ChartLabels(numbering: n), rules: .westernElectric,
        skipped: 0)
      if chart.verdict?.inControl == false { alarms += 1 }
    }
    return Double(alarms) / Double(replicates)
  }

  /// Replicates per length: ±2 % (95 %) or better up to 1,000 points; fewer at 100,000.
  static let design: [(n: Int, replicates: Int)] = [(50, 2000), (200, 2000), (1000, 1000), (100_000, 60)]

  @Test func falseAlarmRateStaysNearFivePercentAtAnyLength() {
    for (k, (n, replicates)) in Self.design.enumerated() {
      let rate = Self.alarmRate(n: n, shift: 0, replicates: replicates, seed: 22_000 + UInt64(k))
      print("false alarms at n = \(n): \(rate) of \(replicates) replicates")
      #expect(rate <= 0.07, "false-alarm rate \(rate) at n = \(n)")
    }
  }

  @Test func aShiftOfOneAndAHalfSigmaInTheLastQuarterIsCaught() {
    for (k, (n, replicates)) in Self.design.enumerated() {
      let rate = Self.alarmRate(n: n, shift: 1.5, replicates: replicates / 2, seed: 23_000 + UInt64(k))
      print("power at n = \(n): \(rate) of \(replicates / 2) replicates")
      if n >= 200 { #expect(rate >= 0.8, "power \(rate) at n = \(n)") }
    }
  }
}
