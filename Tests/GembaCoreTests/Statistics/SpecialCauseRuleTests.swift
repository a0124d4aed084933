import Foundation
import Testing
@testable import GembaCore

/// The one-pass rule checks against the rules as written, point by point over each window.
@Suite struct SpecialCauseRuleTests {
  /// The rules read literally: does the window of `n` points ending at `i` show the pattern?
  struct Literal {
    var v: [Double], c: [Double], s: [Double], lo: [Double], hi: [Double]

    func window(_ n: Int, _ i: Int) -> [Int]? { i >= n - 1 ? Array((i - n + 1)...i) : nil }
    func z(_ j: Int) -> Double? { s[j] > 0 ? (v[j] - c[j]) / s[j] : nil }

    func breaks(_ family: ControlRules, _ rule: Int, _ i: Int) -> Bool {
      switch (family, rule) {
      case (_, 1): return v[i] > hi[i] || v[i] < lo[i]
      case (.westernElectric, 2), (.nelson, 5): return kOfN(2, 3, 2, i)
      case (.westernElectric, 3), (.nelson, 6): return kOfN(4, 5, 1, i)
      case (.westernElectric, 4): return side(8, i)
      case (.nelson, 2): return side(9, i)
      case (.nelson, 3):
        guard let w = window(6, i) else { return false }
        let steps = w.dropFirst().map { v[$0] - v[$0 - 1] }
        return steps.allSatisfy { $0 > 0 } || steps.allSatisfy { $0 < 0 }
      case (.nelson, 4):
        guard let w = window(14, i) else { return false }
        let steps = w.dropFirst().map { v[$0] - v[$0 - 1] }
        return steps.allSatisfy { $0 != 0 } && zip(steps.dropFirst(), steps).allSatisfy { ($0 > 0) != ($1 > 0) }
      case (.nelson, 7): return window(15, i)?.allSatisfy { z($0).map { abs($0) < 1 } ?? false } ?? false
      default: return window(8, i)?.allSatisfy { z($0).map { abs($0) > 1 } ?? false } ?? false
      }
    }

    func kOfN(_ k: Int, _ n: Int, _ limit: Double, _ i: Int) -> Bool {
      guard let w = window(n, i), let zi = z(i), w.allSatisfy({ z($0) != nil }) else { return false }
      let zs = w.map { z($0)! }
      return (zi > limit && zs.filter { $0 > limit }.count >= k)
        || (zi < -limit && zs.filter { $0 < -limit }.count >= k)
    }

    func side(_ n: Int, _ i: Int) -> Bool {
      guard let w = window(n, i) else { return false }
      return w.allSatisfy { v[$0] > c[$0] } || w.allSatisfy { v[$0] < c[$0] }
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5])
  func onePassChecksMatchTheLiteralRules(_ seed: Int) throws {
    var r = TestSamples(seed: UInt64(seed))
    // Rounded values (ties, flat steps), drifts and shifts, and limits that vary per point.
    let n = 400
    var v: [Double] = []
    for i in 0..<n {
      let shift: Double = i / 60 % 2 == 0 ? 0 : 1.5
      let drift = Double(i % 40) / 30
      let x: Double = (r.normal() + shift + drift) * 2
      v.append(x.rounded() / 2)
    }
    var s: [Double] = []
    for i in 0..<n { s.append(i % 37 == 0 ? 0 : 1 + Double(i % 5) / 10) }
    let c = [Double](repeating: 0.5, count: n)
    var lo: [Double] = [], hi: [Double] = []
    for i in 0..<n {
      lo.append(max(-2, c[i] - 3 * s[i]))
      hi.append(c[i] + 3 * s[i])
    }
    let literal = Literal(v: v, c: c, s: s, lo: lo, hi: hi)
    let check = ControlRuleCheck(values: v, centers: c, sigmas: s, uppers: literal.hi, lowers: literal.lo)
    // Test 1 alone takes its own path (a capability study asks only that of its chart).
    for (family, tests) in [
      (ControlRules.westernElectric, Array(1...4)), (.nelson, Array(1...8)), (.westernElectric, [1]), (.nelson, [1]),
    ] {
      let found = check.signals(try SpecialCauseRules(family, tests: tests))
      var expected: [ControlChart.Signal] = []
      for i in 0..<n {
        for rule in tests where literal.breaks(family, rule, i) {
          expected.append(
            ControlChart.Signal(point: i, rule: rule, description: ControlRuleCheck.description(rule, family)))
        }
      }
      #expect(found == expected)
      #expect(!found.isEmpty)
    }
  }

  /// A long chart is checked in two halves on two cores, the second scan starting a few points
  /// early: its signals are exactly those of one pass, even with runs across the middle (a run of
  /// 40 equal-side points, a long alternation and a flat stretch straddle it here).
  @Test(arguments: [1, 2])
  func halvesOnTwoCoresFindWhatOnePassFinds(_ seed: Int) throws {
    var r = TestSamples(seed: UInt64(seed))
    let n = ControlRuleCheck.parallelThreshold + 1_001
    let middle = n / 2
    var v: [Double] = []
    v.reserveCapacity(n)
    for i in 0..<n {
      let x: Double
      switch i - middle {
      case -20..<20: x = 2.5 + r.normal() / 10  // one side of the centre, beyond 1σ
      case 20..<50: x = i % 2 == 0 ? 1 : -1  // alternating
      case 50..<70: x = 0.1  // flat, within 1σ
      default: x = (r.normal() * 2).rounded() / 2 + Double(i / 5_000 % 3) * 0.4
      }
      v.append(x)
    }
    let s = (0..<n).map { $0 % 997 == 0 ? 0.0 : 1 }
    let c = [Double](repeating: 0, count: n)
    for check in [
      ControlRuleCheck(values: v, mean: 0, sigma: 1, upper: 3, lower: -3),
      ControlRuleCheck(values: v, centers: c, sigmas: s, uppers: s.map { 3 * $0 }, lowers: s.map { -3 * $0 }),
    ] {
      for rules in [SpecialCauseRules.westernElectric, .nelson] {
        let onePass = check.signals(rules, reporting: check.points)
        let halves = check.signals(rules)
        #expect(halves == onePass)
        #expect(onePass.contains { abs($0.point - middle) < 40 && $0.rule != 1 })
      }
    }
  }
}
