import Foundation

/// A running sum that carries the low-order bits each addition drops (Neumaier's improvement of
/// Kahan–Babuška summation): the result is as if summed in twice the precision, then rounded once.
///
/// Plain summation loses what falls below the running total's last bit: 18,009 values near 1e12
/// summed one by one drift by about 1e-3, which moves a mean in its 4th decimal and an ANOVA's F
/// in its first digit. Every mean, variance and sum of squares gemba prints goes through this.
public struct CompensatedSum: Hashable, Sendable {
  private var total = 0.0
  private var compensation = 0.0

  public init() {}

  @inline(__always) public mutating func add(_ x: Double) {
    let t = total + x
    // Whichever operand is larger in magnitude is exact in `t`; the other one's lost bits are kept.
    if abs(total) >= abs(x) { compensation += (total - t) + x } else { compensation += (x - t) + total }
    total = t
  }

  /// The sum, rounded once.
  public var value: Double { total + compensation }
}

extension Sequence<Double> {
  /// The compensated sum of the values (see `CompensatedSum`).
  public func compensatedSum() -> Double {
    var s = CompensatedSum()
    for x in self { s.add(x) }
    return s.value
  }
}

/// The mean and the sum of squared deviations from it, by the corrected two-pass algorithm
/// (Chan, Golub & LeVeque 1983, eq. 1.7): the mean from a compensated sum, then Σ(x − x̄)² less
/// (Σ(x − x̄))²/n, which removes what error the mean still has. Stable for data far from 0,
/// where the one-pass Σx² − (Σx)²/n loses every digit.
public struct Moments: Hashable, Sendable {
  public var count: Int
  public var mean: Double
  /// Σ (x − x̄)².
  public var squares: Double
  /// The sum of the values (compensated).
  public var sum: Double

  public init(_ values: some Collection<Double>) {
    count = values.count
    sum = values.compensatedSum()
    mean = count == 0 ? .nan : sum / Double(count)
    var deviations = CompensatedSum(), squared = CompensatedSum()
    let m = mean
    for x in values {
      let d = x - m
      deviations.add(d)
      squared.add(d * d)
    }
    let correction = count == 0 ? 0 : deviations.value * deviations.value / Double(count)
    squares = count == 0 ? 0 : max(0, squared.value - correction)
  }

  /// Σ (x − x̄)² / (n − 1), 0 for fewer than 2 values.
  public var variance: Double { count > 1 ? squares / Double(count - 1) : 0 }
}
