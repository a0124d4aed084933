import Foundation

/// SplitMix64: a small deterministic generator, so a randomised test can be replayed from its seed.
public struct SplitMix64: RandomNumberGenerator {
  public let seed: UInt64
  private var state: UInt64

  public init(seed: UInt64) {
    self.seed = seed
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A generator for one test: seeded from `GEMBA_TEST_SEED` when set (to replay a failure), else
  /// afresh, so each run tries new cases. The seed is printed either way; put `seed` in the
  /// test's failure messages too.
  public static func forTest(_ name: String = #function) -> SplitMix64 {
    let given = ProcessInfo.processInfo.environment["GEMBA_TEST_SEED"].flatMap { UInt64($0) }
    let seed = given ?? UInt64.random(in: 0...UInt64.max)
    print("\(name): random seed \(seed) (GEMBA_TEST_SEED=\(seed) replays it)")
    return SplitMix64(seed: seed)
  }
}
