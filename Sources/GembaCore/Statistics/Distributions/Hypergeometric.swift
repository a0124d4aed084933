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
