import Foundation

/// Student's t, χ² and F distributions, through the incomplete beta and gamma functions.
public enum StudentT {
  /// P(T ≤ t) with `df` degrees of freedom (df may be fractional, as in Welch's test).
  public static func cdf(_ t: Double, df: Double) -> Double {
    guard t.isFinite else { return t > 0 ? 1 : 0 }
    let tail = 0.5 * SpecialFunctions.regularizedBeta(df / (df + t * t), df / 2, 0.5)
    return t > 0 ? 1 - tail : tail
  }

  /// P(T > t).
  public static func survival(_ t: Double, df: Double) -> Double { cdf(-t, df: df) }

  /// P(|T| ≥ |t|), the two-sided p-value.
  public static func twoSided(_ t: Double, df: Double) -> Double {
    guard t.isFinite else { return 0 }
    return SpecialFunctions.regularizedBeta(df / (df + t * t), df / 2, 0.5)
  }

  /// The t with P(T ≤ t) = p.
  public static func quantile(_ p: Double, df: Double) -> Double {
    guard p > 0 else { return -.infinity }
    guard p < 1 else { return .infinity }
    if p == 0.5 { return 0 }
    let z = NormalDistribution.quantile(p)
    // Bracket around the normal quantile (t has heavier tails), then solve.
    var lo = z, hi = z, width = max(1, abs(z))
    while cdf(lo, df: df) > p { lo -= width; width *= 2 }
    width = max(1, abs(z))
    while cdf(hi, df: df) < p { hi += width; width *= 2 }
    return RootFinder.solve(lo, hi) { cdf($0, df: df) - p }
  }
}

public enum ChiSquared {
  /// P(X ≤ x) with `df` degrees of freedom.
  public static func cdf(_ x: Double, df: Double) -> Double {
    x <= 0 ? 0 : SpecialFunctions.regularizedGammaP(df / 2, x / 2)
  }

  /// P(X > x): the p-value of a χ² statistic.
  public static func survival(_ x: Double, df: Double) -> Double {
    x <= 0 ? 1 : SpecialFunctions.regularizedGammaQ(df / 2, x / 2)
  }

  /// The x with P(X ≤ x) = p.
  public static func quantile(_ p: Double, df: Double) -> Double {
    guard p > 0 else { return 0 }
    guard p < 1 else { return .infinity }
    var hi = max(1, df)
    while cdf(hi, df: df) < p { hi *= 2 }
    return RootFinder.solve(0, hi) { cdf($0, df: df) - p }
  }
}

public enum FDistribution {
  /// P(F ≤ f) with `df1` (numerator) and `df2` (denominator) degrees of freedom.
  public static func cdf(_ f: Double, df1: Double, df2: Double) -> Double {
    f <= 0 ? 0 : SpecialFunctions.regularizedBeta(df1 * f / (df1 * f + df2), df1 / 2, df2 / 2)
  }

  /// P(F > f): the p-value of an F statistic, computed as its own tail.
  public static func survival(_ f: Double, df1: Double, df2: Double) -> Double {
    guard f > 0 else { return 1 }
    guard f.isFinite else { return 0 }
    return SpecialFunctions.regularizedBeta(df2 / (df2 + df1 * f), df2 / 2, df1 / 2)
  }
}

/// Solves f(x) = 0 on a bracket by Brent's method (bisection, secant and inverse quadratic steps).
enum RootFinder {
  static func solve(_ lower: Double, _ upper: Double, tolerance: Double = 1e-15, _ f: (Double) -> Double) -> Double {
    var a = lower, b = upper
    var fa = f(a), fb = f(b)
    if fa == 0 { return a }
    if fb == 0 { return b }
    var c = a, fc = fa
    var d = b - a, e = d
    for _ in 0..<200 {
      if (fb > 0) == (fc > 0) { c = a; fc = fa; d = b - a; e = d }
      if abs(fc) < abs(fb) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa }
      let tol = 2 * Double.ulpOfOne * abs(b) + tolerance / 2
      let m = (c - b) / 2
      if abs(m) <= tol || fb == 0 { return b }
      if abs(e) >= tol && abs(fa) > abs(fb) {
        let s = fb / fa
        var p: Double, q: Double
        if a == c {
          p = 2 * m * s
          q = 1 - s
        } else {
          let r = fb / fc, t = fa / fc
          p = s * (2 * m * t * (t - r) - (b - a) * (r - 1))
          q = (t - 1) * (r - 1) * (s - 1)
        }
        if p > 0 { q = -q } else { p = -p }
        if 2 * p < min(3 * m * q - abs(tol * q), abs(e * q)) {
          e = d
          d = p / q
        } else {
          d = m
          e = d
        }
      } else {
        d = m
        e = d
      }
      a = b
      fa = fb
      b += abs(d) > tol ? d : (m > 0 ? tol : -tol)
      fb = f(b)
    }
    return b
  }
}
