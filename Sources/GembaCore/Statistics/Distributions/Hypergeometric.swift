import Foundation

/// The hypergeometric distribution: k successes in `draws` taken without replacement from a
/// population of `population` items of which `successes` are successes. Used by Fisher's test.
public struct Hypergeometric: Hashable, Sendable {
  public var population: Int
  public var successes: Int
  public var draws: Int

  public init(population: Int, successes: Int, draws: Int) {
    self.population = population
    self.successes = successes
    self.draws = draws
  }

  /// The smallest and largest k the margins allow.
  public var support: ClosedRange<Int> {
    max(0, draws + successes - population)...min(successes, draws)
  }

  /// P(K = k) = C(K, k) C(N − K, n − k) / C(N, n).
  public func pmf(_ k: Int) -> Double {
    guard support.contains(k) else { return 0 }
    return exp(logPMF(k))
  }

  public func logPMF(_ k: Int) -> Double {
    SpecialFunctions.logChoose(successes, k) + SpecialFunctions.logChoose(population - successes, draws - k)
      - SpecialFunctions.logChoose(population, draws)
  }
}

extension Hypergeometric {
  /// The most likely k: ⌊(n + 1)(K + 1) / (N + 2)⌋, clamped to the support.
  var mode: Int {
    let m = Int((Double(draws + 1) * Double(successes + 1) / Double(population + 2)).rounded(.down))
    return min(max(m, support.lowerBound), support.upperBound)
  }

  /// One draw, exact: inversion that starts at the mode and takes the next more probable of the
  /// two neighbours each step (the pmf is unimodal), so it costs about one standard deviation of
  /// steps however large the population — what a Monte Carlo table of a million rows needs.
  ///
  /// - Parameter logFactorial: ln k!, a table lookup when the caller draws many times.
  func sample(
    using generator: inout SeededGenerator,
    logFactorial lf: (Int) -> Double = { SpecialFunctions.logGamma(Double($0) + 1) }
  ) -> Int {
    let range = support
    if range.lowerBound == range.upperBound { return range.lowerBound }
    let big = Double(population), hits = Double(successes), n = Double(draws)
    let m = mode
    var u = generator.uniform()
    let rest = population - successes
    let pm = exp(
      lf(successes) - lf(m) - lf(successes - m) + lf(rest) - lf(draws - m) - lf(rest - draws + m)
        - lf(population) + lf(draws) + lf(population - draws))
    u -= pm
    if u <= 0 { return m }
    var low = m, high = m
    var pLow = pm, pHigh = pm
    // Probabilities of the next table down and up, by the pmf's ratio of neighbours.
    func down(_ k: Int, _ p: Double) -> Double {
      let k = Double(k)
      return p * k * (big - hits - n + k) / ((hits - k + 1) * (n - k + 1))
    }
    func up(_ k: Int, _ p: Double) -> Double {
      let k = Double(k)
      return p * (hits - k) * (n - k) / ((k + 1) * (big - hits - n + k + 1))
    }
    var nextLow = low > range.lowerBound ? down(low, pLow) : 0
    var nextHigh = high < range.upperBound ? up(high, pHigh) : 0
    while nextLow > 0 || nextHigh > 0 {
      if nextHigh >= nextLow {
        high += 1
        pHigh = nextHigh
        u -= pHigh
        if u <= 0 { return high }
        nextHigh = high < range.upperBound ? up(high, pHigh) : 0
      } else {
        low -= 1
        pLow = nextLow
        u -= pLow
        if u <= 0 { return low }
        nextLow = low > range.lowerBound ? down(low, pLow) : 0
      }
    }
    // The probabilities' rounding left u a hair above 0: the mode is the likeliest answer.
    return m
  }
}
