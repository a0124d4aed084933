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
    try self.init(values, sample: try Sample(values), alpha: alpha)
  }

  /// The test of values whose `Sample` the caller has already computed (a capability study has).
  init(_ values: [Double], sample: Sample, alpha: Double = 0.05) throws(Diagnostic) {
    guard values.count >= 3 else {
      throw Diagnostic.error(.tooFewValues, "a normality test needs at least 3 values (there are \(values.count))")
    }
    guard sample.variance > 0 else {
      throw Diagnostic.error(.noVariation, "all values are equal (σ = 0): normality cannot be judged")
    }
    count = values.count
    mean = sample.mean
    standardDeviation = sample.standardDeviation
    let n = Double(values.count)
    // Standardized in the sorted array's own memory (a million values are not copied again).
    var z = RadixSort.sorted(values)
    z.withUnsafeMutableBufferPointer { z in
      for i in z.indices { z[i] = (z[i] - sample.mean) / sample.standardDeviation }
    }
    let terms = Self.terms(z)
    var sum = 0.0
    for t in terms { sum += t }  // in order, so the figure does not depend on how the terms were computed
    aSquared = -n - sum / n
    adjusted = aSquared * (1 + 0.75 / n + 2.25 / (n * n))
    pValue = Self.pValue(adjusted)
    verdict = Verdict(
      pValue: pValue, alpha: alpha, subject: "a departure from the normal curve this large",
      significant: "the data are not normal", notSignificant: "no evidence against normality",
      test: "the Anderson–Darling test")
  }

  /// Each term (2i − 1)[ln Φ(zᵢ) + ln(1 − Φ(z₍ₙ₊₁₋ᵢ₎))] of the sum, z sorted. Two normal tails and
  /// two logarithms a value are most of the test's time, so a long sample's terms are computed in
  /// two halves on two cores; each term is the same expression either way.
  static func terms(_ z: [Double], parallel: Bool = true) -> [Double] {
    let n = z.count
    return [Double](unsafeUninitializedCapacity: n) { out, count in
      let work = TermsJob(z: z, out: out)
      if parallel && n >= Self.parallelThreshold {
        let half = n / 2
        Parallel.run([{ work.fill(0..<half) }, { work.fill(half..<n) }])
      } else {
        work.fill(0..<n)
      }
      count = n
    }
  }

  /// Below this many values the terms are computed on one core (a second thread costs more).
  static let parallelThreshold = 50_000

  /// Writes the terms of a range of i into the shared buffer; the two ranges do not overlap.
  private struct TermsJob: @unchecked Sendable {
    let z: [Double]
    let out: UnsafeMutableBufferPointer<Double>

    func fill(_ range: Range<Int>) {
      z.withUnsafeBufferPointer { z in
        let last = z.count - 1
        // z is sorted, so equal values sit together: a measure read to a gauge's resolution has
        // few distinct values, and each tail's logarithm is computed once per run of them.
        var lowerZ = Double.nan, lower = 0.0, upperZ = Double.nan, upper = 0.0
        for i in range {
          if z[i] != lowerZ { lowerZ = z[i]; lower = log(NormalDistribution.cdf(lowerZ)) }
          if z[last - i] != upperZ { upperZ = z[last - i]; upper = log(NormalDistribution.survival(upperZ)) }
          out[i] = Double(2 * i + 1) * (lower + upper)
        }
      }
    }
  }

  /// D'Agostino & Stephens (1986), Table 4.9: p from A²* in four pieces. The last piece is a
  /// fitted curve whose quadratic term turns it upward past A²* ≈ 153 (and past 1 beyond ≈ 307, so
  /// a grossly non-normal sample would read as perfectly normal); from A²* = 10 on, far beyond
  /// the tables it was fitted to, p is held at the curve's value there, 3.7 × 10⁻²⁴, as R's
  /// `nortest::ad.test` does.
  static func pValue(_ a: Double) -> Double {
    let p: Double
    if a >= 10 {
      p = 3.7e-24
    } else if a >= 0.6 {
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
