import Foundation

/// The special functions the distributions are built on: log-gamma, and the regularized
/// incomplete gamma and beta functions.
///
/// The incomplete functions use a power series where it converges fast and a continued
/// fraction (evaluated by the modified Lentz method) elsewhere, the classic split described
/// by Press et al., Numerical Recipes §6.2 and §6.4; relative accuracy is about 1e-14.
public enum SpecialFunctions {
  /// ln Γ(x) for x > 0 (the C library's `lgamma`, accurate to a few ulp).
  public static func logGamma(_ x: Double) -> Double { Foundation.lgamma(x) }

  /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).
  public static func logBeta(_ a: Double, _ b: Double) -> Double {
    logGamma(a) + logGamma(b) - logGamma(a + b)
  }

  /// ln C(n, k), the log of a binomial coefficient.
  public static func logChoose(_ n: Int, _ k: Int) -> Double {
    guard k >= 0, k <= n else { return -.infinity }
    return logGamma(Double(n) + 1) - logGamma(Double(k) + 1) - logGamma(Double(n - k) + 1)
  }

  /// P(a, x) = γ(a, x) / Γ(a), the regularized lower incomplete gamma function.
  public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
    guard x > 0 else { return 0 }
    guard x.isFinite else { return 1 }
    return x < a + 1 ? gammaSeries(a, x) : 1 - gammaFraction(a, x)
  }

  /// Q(a, x) = 1 − P(a, x), computed directly so small upper tails keep their precision.
  public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
    guard x > 0 else { return 1 }
    guard x.isFinite else { return 0 }
    return x < a + 1 ? 1 - gammaSeries(a, x) : gammaFraction(a, x)
  }

  /// I_x(a, b), the regularized incomplete beta function.
  public static func regularizedBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
    guard x > 0 else { return 0 }
    guard x < 1 else { return 1 }
    let front = exp(a * log(x) + b * log1p(-x) - logBeta(a, b))
    // The fraction converges quickly for x below the mean a / (a + b); use symmetry above it.
    if x < (a + 1) / (a + b + 2) { return front * betaFraction(x, a, b) / a }
    return 1 - front * betaFraction(1 - x, b, a) / b
  }

  private static let epsilon = 1e-15
  private static let tiny = 1e-300

  /// γ(a, x) / Γ(a) by its series Σ xⁿ / (a (a+1) … (a+n)).
  private static func gammaSeries(_ a: Double, _ x: Double) -> Double {
    var term = 1 / a
    var sum = term
    var ap = a
    for _ in 0..<10_000 {
      ap += 1
      term *= x / ap
      sum += term
      if abs(term) < abs(sum) * epsilon { break }
    }
    return sum * exp(-x + a * log(x) - logGamma(a))
  }

  /// Γ(a, x) / Γ(a) by its continued fraction, evaluated with Lentz's method.
  private static func gammaFraction(_ a: Double, _ x: Double) -> Double {
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1..<10_000 {
      let an = -Double(i) * (Double(i) - a)
      b += 2
      d = an * d + b
      if abs(d) < tiny { d = tiny }
      c = b + an / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let step = d * c
      h *= step
      if abs(step - 1) < epsilon { break }
    }
    return exp(-x + a * log(x) - logGamma(a)) * h
  }

  /// The continued fraction of I_x(a, b) (without its front factor), by Lentz's method.
  private static func betaFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1..<10_000 {
      let m = Double(m)
      let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
      d = 1 + even * d
      if abs(d) < tiny { d = tiny }
      c = 1 + even / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
      d = 1 + odd * d
      if abs(d) < tiny { d = tiny }
      c = 1 + odd / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let step = d * c
      h *= step
      if abs(step - 1) < epsilon { break }
    }
    return h
  }
}
