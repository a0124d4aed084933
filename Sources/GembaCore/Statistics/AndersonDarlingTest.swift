import Foundation

/// The Anderson–Darling test of normality (mean and σ estimated from the data), as Minitab
/// reports it: A², the small-sample adjusted A²* = A²(1 + 0.75/n + 2.25/n²), and the p-value of
/// D'Agostino & Stephens (1986), Table 4.9, from A²*.
public struct AndersonDarlingTest: Hashable, Sendable {
  public var count: Int
  public var mean: Double
  public var standardDeviation: Double
  /// A² = −n − (1/n) Σ (2i − 1) [ln Φ(zᵢ) + ln(1 − Φ(z₍ₙ₊₁₋ᵢ₎))], z from the sorted data.
  public var aSquared: Double
  public var adjusted: Double
  public var pValue: Double
  /// p < α: the data are not plausibly normal.
  public var verdict: Verdict

  public init(_ values: [Double], alpha: Double = 0.05) throws(Diagnostic) {
    let sample = try Sample(values)
    guard values.count >= 3 else { throw Diagnostic.error("a normality test needs at least 3 values (there are \(values.count))") }
    guard sample.variance > 0 else { throw Diagnostic.error("all values are equal (σ = 0): normality cannot be judged") }
    count = values.count
    mean = sample.mean
    standardDeviation = sample.standardDeviation
    let n = Double(values.count)
    let z = RadixSort.sorted(values).map { ($0 - sample.mean) / sample.standardDeviation }
    var sum = 0.0
    for i in z.indices {
      let lower = log(NormalDistribution.cdf(z[i]))
      let upper = log(NormalDistribution.survival(z[z.count - 1 - i]))
      sum += Double(2 * i + 1) * (lower + upper)
    }
    aSquared = -n - sum / n
    adjusted = aSquared * (1 + 0.75 / n + 2.25 / (n * n))
    pValue = Self.pValue(adjusted)
    verdict = Verdict(pValue: pValue, alpha: alpha, subject: "a departure from the normal curve this large",
                      significant: "the data are not normal", notSignificant: "no evidence against normality")
  }

  /// D'Agostino & Stephens (1986), Table 4.9: p from A²* in four pieces.
  static func pValue(_ a: Double) -> Double {
    let p: Double
    if a >= 0.6 {
      p = exp(1.2937 - 5.709 * a + 0.0186 * a * a)
    } else if a >= 0.34 {
      p = exp(0.9177 - 4.279 * a - 1.38 * a * a)
    } else if a >= 0.2 {
      p = 1 - exp(-8.318 + 42.796 * a - 59.938 * a * a)
    } else {
      p = 1 - exp(-13.436 + 101.14 * a - 223.73 * a * a)
    }
    return min(1, max(0, p))
  }
}
