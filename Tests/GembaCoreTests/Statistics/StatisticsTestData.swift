import Foundation

/// Reproducible samples for the statistics tests: a SplitMix64 stream turned into normal
/// deviates (Box–Muller), rounded to `places` decimals so some samples have ties.
struct TestSamples {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func uniform() -> Double {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return (Double(z >> 11) + 0.5) / 9_007_199_254_740_992
  }

  mutating func normal(mean: Double = 0, sd: Double = 1) -> Double {
    let u = uniform(), v = uniform()
    return mean + sd * (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }

  mutating func sample(_ n: Int, mean: Double, sd: Double, places: Int? = nil) -> [Double] {
    (0..<n).map { _ in
      let x = normal(mean: mean, sd: sd)
      guard let places else { return x }
      let scale = pow(10, Double(places))
      return (x * scale).rounded() / scale
    }
  }
}
