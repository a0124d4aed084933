import Foundation
import Testing

@testable import GembaCore

/// Compensated sums, the corrected two-pass variance and the decimal grid against exact
/// arithmetic: Python's `math.fsum` (correctly rounded) and `fractions.Fraction`.
@Suite struct CompensatedSumTests {
  /// Plain summation loses the 1 entirely; the compensated sum keeps it.
  @Test func keepsWhatPlainSummationDrops() {
    #expect([1e16, 1, -1e16].compensatedSum() == 1)
    #expect([1e100, 1, -1e100, 1e-100].compensatedSum() == 1)
    #expect([Double]().compensatedSum() == 0)
  }

  /// Ill-conditioned sums (large values that cancel, small ones between): within an ulp of the
  /// correctly rounded sum.
  @Test func agreesWithFsum() throws {
    guard SciPy.available else {
      print("skipped: python3 with scipy/numpy is absent")
      return
    }
    var r = TestSamples(seed: 22)
    let sets: [[Double]] = (0..<6).map { k in
      (0..<2_000).map { i in
        let big = r.normal(mean: 0, sd: pow(10, Double(4 + 2 * k)))
        return i % 2 == 0 ? big : r.normal(mean: 0.5, sd: 1)
      } + [1e12, -1e12]
    }
    let expected = try SciPy.run("out = {'s': [math.fsum(v) for v in data]}", input: sets)
    for (i, values) in sets.enumerated() {
      let exact = expected.numbers("s")[i]
      let sum = values.compensatedSum()
      #expect(abs(sum - exact) <= 2 * exact.ulp, "set \(i): \(sum), fsum \(exact)")
    }
  }

  /// Values near 1e9 with a spread of 1: the mean and variance to within a few ulps of exact
  /// rational arithmetic on the same Doubles (the one-pass formula loses every digit here).
  @Test func momentsFarFromZero() throws {
    guard SciPy.available else {
      print("skipped: python3 with scipy/numpy is absent")
      return
    }
    var r = TestSamples(seed: 5)
    let sets = [1e3, 1e6, 1e9, 1e12].map { offset in r.sample(501, mean: offset, sd: 1) }
    let expected = try SciPy.run(
      """
      from fractions import Fraction
      out = {}
      for i, v in enumerate(data):
          f = [Fraction(x) for x in v]
          m = sum(f) / len(f)
          out[str(i)] = [float(m), float(sum((x - m) ** 2 for x in f) / (len(f) - 1))]
      """, input: sets)
    for (i, values) in sets.enumerated() {
      let e = expected.numbers(String(i))
      let m = Moments(values)
      // The sum rounded once, then divided: within 2 ulps of the exact mean.
      #expect(abs(m.mean - e[0]) <= 2 * e[0].ulp, "set \(i): mean \(m.mean), exact \(e[0])")
      #expect(abs(m.variance - e[1]) / e[1] < 1e-14, "set \(i): variance \(m.variance), exact \(e[1])")
      let sample = try Sample(values)
      #expect(sample.mean == m.mean && sample.variance == m.variance)
    }
  }

  /// Snapping recovers the written decimals; values not on the grid (or too large for exact
  /// steps) leave no grid at all, so nothing is ever moved.
  @Test func decimalGrid() throws {
    let values = [1000000000000.4, 1000000000000.3, 1000000000000.5]
    let grid = try #require(DecimalGrid(decimals: 1, values: [values]))
    #expect(values.map(grid.offset) == [0, -1, 1])
    #expect(grid.value(offset: 0) == 1000000000000.4)
    #expect(DecimalGrid(decimals: 1, values: [[0.25]]) == nil)  // written with 2 decimals
    #expect(DecimalGrid(decimals: 2, values: [[100_000.25, 1.5]]) != nil)
    #expect(DecimalGrid(decimals: 2, values: [[0.25, 1.5]]) == nil)  // 150 steps: centring suffices
    #expect(DecimalGrid(decimals: 3, values: [[1e13]]) == nil)  // 1e16 steps: not exact
    #expect(DecimalGrid(decimals: 1, values: [[.nan]]) == nil)
  }
}
