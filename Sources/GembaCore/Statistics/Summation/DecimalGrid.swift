import Foundation

/// Values written with at most `decimals` places, counted in whole steps of 10^−decimals from a
/// reference near them: exact integers, so their deviations carry no representation error.
///
/// A Double cannot hold 1000000000000.4 (its nearest is …0.4000244, the spacing there is 1.2e-4):
/// deviations of 0.1 computed from such values are off in the 4th digit before any arithmetic.
/// The file wrote the value as text with 1 decimal, so x·10 rounded to an integer (10000000000004,
/// exact below 2^53) recovers the written number exactly, and so does every deviation from a
/// reference taken the same way. Statistics computed on the steps are then converted back once.
public struct DecimalGrid: Hashable, Sendable {
  public let decimals: Int
  /// 10^decimals (exact).
  public let scale: Double
  /// The reference, in steps (a whole number); subtracted from every value's steps.
  public let reference: Double
  /// Whether values are snapped to the grid (false: values are only shifted by `reference`).
  public let snaps: Bool

  /// Values shifted by `reference` only, with no grid: deviations of nearby values are exact
  /// (Sterbenz), others rounded once.
  public static func shifted(by reference: Double) -> DecimalGrid {
    DecimalGrid(decimals: 0, scale: 1, reference: reference.isFinite ? reference : 0, snaps: false)
  }

  private init(decimals: Int, scale: Double, reference: Double, snaps: Bool) {
    self.decimals = decimals
    self.scale = scale
    self.reference = reference
    self.snaps = snaps
  }

  /// The grid of `decimals` places under `groups`, or nil when a value is not the Double nearest
  /// to a number written with that many decimals, or the steps would not be exact (|x|·10^d ≥ 2^50,
  /// leaving margin for the product's rounding), or not needed (every |x|·10^d below 10^7).
  public init?(decimals: Int, values groups: [[Double]]) {
    guard (0...15).contains(decimals) else { return nil }
    let scale = pow(10, Double(decimals))
    // Only where it matters: below 10^7 steps a Double is within 1e-9 of a step of the written
    // number, far below 6 digits of any statistic, and centring alone is exact enough (a pass
    // saved on every ordinary column).
    var largest = 0.0
    for values in groups { for x in values { largest = max(largest, abs(x)) } }
    guard largest * scale >= 1e7 else { return nil }
    var low = Double.infinity, high = -Double.infinity
    for values in groups {
      for x in values {
        guard x.isFinite, abs(x) * scale < 0x1p50 else { return nil }
        // Snapping must not move a value: the text the parser read is the integer over 10^d.
        let steps = (x * scale).rounded()
        guard steps / scale == x else { return nil }
        low = min(low, steps)
        high = max(high, steps)
      }
    }
    guard low <= high else { return nil }
    self.init(decimals: decimals, scale: scale, reference: ((low + high) / 2).rounded(), snaps: true)
  }

  /// `x` in steps from the reference: exact on a grid.
  @inline(__always) public func offset(_ x: Double) -> Double {
    snaps ? (x * scale).rounded() - reference : x - reference
  }

  /// The value `offset` steps from the reference, rounded once.
  public func value(offset: Double) -> Double { snaps ? (reference + offset) / scale : reference + offset }

  /// A difference of `steps` in the values' own unit.
  public func difference(_ steps: Double) -> Double { steps / scale }
}
