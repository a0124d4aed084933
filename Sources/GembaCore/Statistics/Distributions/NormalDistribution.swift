import Foundation

/// The standard normal distribution: Φ, its upper tail and quantile.
public enum NormalDistribution {
  /// Φ(z) = P(Z ≤ z), from the complementary error function so both tails keep full precision.
  public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

  /// 1 − Φ(z) = P(Z > z), the survival function.
  public static func survival(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

  /// Φ⁻¹(p): the z with Φ(z) = p.
  ///
  /// Acklam's rational approximation (relative error 1.2e-9) refined by one step of Halley's
  /// method against `cdf`, which brings it to full double precision.
  public static func quantile(_ p: Double) -> Double {
    guard p > 0 else { return -.infinity }
    guard p < 1 else { return .infinity }
    if p > 0.5 { return upperQuantile(1 - p) }
    return refined(Metric.inverseNormal(p), lowerTail: p)
  }

  /// The z with P(Z > z) = q; exact for tiny q where `quantile(1 − q)` would lose digits.
  public static func upperQuantile(_ q: Double) -> Double {
    guard q > 0 else { return .infinity }
    guard q < 1 else { return -.infinity }
    if q > 0.5 { return quantile(1 - q) }
    return -refined(Metric.inverseNormal(q), lowerTail: q)
  }

  /// One Halley step on Φ(x) = p for x ≤ 0 (the lower tail, where Φ is computed accurately).
  private static func refined(_ x: Double, lowerTail p: Double) -> Double {
    let e = cdf(x) - p
    let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
    return x - u / (1 + x * u / 2)
  }
}
