import Foundation

/// The number of successes among independent trials that each have their own chance: how many
/// points of an attribute chart fall beyond their limits, when each point's chance comes from its
/// own sample size.
enum PoissonBinomial {
  /// Recursion steps (trials × k) up to which the tail is computed exactly.
  static let exactSteps = 20_000_000

  /// P(K ≥ k) for K = Σ Bernoulli(pᵢ).
  ///
  /// Exact by the recursion over trials on P(K = 0…k − 1) while trials × k stays under
  /// `exactSteps`; beyond that the refined normal approximation (Volkova 1996: the normal
  /// distribution with a skewness term and a continuity correction), whose error falls as
  /// 1/σ² — by then σ² = Σpᵢ(1 − pᵢ) is large, or k is far above the mean.
  static func upperTail(atLeast k: Int, chances: [Double], exactSteps: Int = exactSteps) -> Double {
    guard k > 0 else { return 1 }
    guard k <= chances.count else { return 0 }
    let steps = chances.count.multipliedReportingOverflow(by: k)
    if !steps.overflow, steps.partialValue <= exactSteps {
      // below[j] = P(K = j) over the trials so far, for j < k; what is missing reaches k.
      var below = [Double](repeating: 0, count: k)
      below[0] = 1
      var top = 0
      for p in chances {
        if top < k - 1 { top += 1 }
        var j = top
        while j > 0 {
          below[j] = below[j] * (1 - p) + below[j - 1] * p
          j -= 1
        }
        below[0] *= 1 - p
      }
      var sum = 0.0
      for b in below { sum += b }
      return min(1, max(0, 1 - sum))
    }
    var mean = 0.0, variance = 0.0, third = 0.0
    for p in chances {
      mean += p
      variance += p * (1 - p)
      third += p * (1 - p) * (1 - 2 * p)
    }
    guard variance > 0 else { return Double(k) <= mean ? 1 : 0 }
    let sd = variance.squareRoot(), skew = third / (sd * sd * sd)
    let x = (Double(k) - 0.5 - mean) / sd
    let density = exp(-x * x / 2) / (2 * Double.pi).squareRoot()
    let below = NormalDistribution.cdf(x) + skew * (1 - x * x) * density / 6
    return min(1, max(0, 1 - below))
  }
}
