import Foundation

/// What a stable process gives one point of an attribute chart, from the chart's own model: the
/// count in a sample of size n is Binomial(n, p̄) (p, np) or Poisson(ū·n) (c, u). The normal
/// approximation behind 3σ limits fails when n·p̄ is small: at p̄ = 1 % and n = 20 a single
/// defective lies beyond the UCL, which a stable process does 1.7 % of the time, six times p₀.
struct AttributeChances {
  /// The count's distribution.
  enum Model { case binomial, poisson }

  var model: Model
  /// p̄ or ū of the point's stage.
  var rate: Double
  /// The sample's size (1 for a c chart).
  var size: Double
  /// What the chart plots per unit of count: 1/n (p, u), 1 (np, c).
  var scale: Double

  /// The plotted value of a count, computed as the chart computes it (count / size × scale),
  /// so that a count is beyond a limit here exactly when its point is on the chart.
  func value(_ count: Double) -> Double { count / size * scale }

  /// P(count ≥ k).
  func atLeast(_ k: Double) -> Double {
    guard k > 0 else { return 1 }
    switch model {
    case .binomial: return k > size ? 0 : SpecialFunctions.regularizedBeta(rate, k, size - k + 1)
    case .poisson: return SpecialFunctions.regularizedGammaP(k, rate * size)
    }
  }

  /// P(count ≤ k), from the lower tail directly so that small chances keep their digits.
  func atMost(_ k: Double) -> Double {
    guard k >= 0 else { return 0 }
    switch model {
    case .binomial: return k >= size ? 1 : SpecialFunctions.regularizedBeta(1 - rate, size - k, k + 1)
    case .poisson: return SpecialFunctions.regularizedGammaQ(k + 1, rate * size)
    }
  }

  /// The smallest count whose value is above `limit` (nil when none can be: the count is
  /// unbounded only for Poisson, and a limit past 10¹⁵ counts is never reached).
  func firstAbove(_ limit: Double) -> Double? {
    let guess = (limit * size / scale).rounded(.down)
    guard guess.isFinite, guess < 1e15 else { return nil }
    var k = max(0, guess - 1)
    while value(k) <= limit { k += 1 }
    return k
  }

  /// The largest count whose value is below `limit` (nil when even 0 is not).
  func lastBelow(_ limit: Double) -> Double? {
    let guess = (limit * size / scale).rounded(.up)
    guard guess.isFinite, guess < 1e15 else { return nil }
    var k = guess + 1
    while k >= 0, value(k) >= limit { k -= 1 }
    return k >= 0 ? k : nil
  }

  /// The chance the point falls beyond its limits (strictly, as test 1 counts it).
  func beyond(lower: Double, upper: Double) -> Double {
    let above = firstAbove(upper).map(atLeast) ?? 0
    let below = lastBelow(lower).map(atMost) ?? 0
    return min(1, above + below)
  }

  /// The chance that `length` points in a row like this one all fall on one side of the centre
  /// line: bᴸ + aᴸ for the chances below and above it; 2 × ½ᴸ for a symmetric distribution,
  /// 30 times that at n·p̄ = 0.3, where a point is a zero, below the centre, 74 % of the time.
  func sideRun(center: Double, length: Int) -> Double {
    let below = lastBelow(center).map(atMost) ?? 0
    let above = firstAbove(center).map(atLeast) ?? 0
    return pow(below, Double(length)) + pow(above, Double(length))
  }
}

/// The caveat an attribute chart of small samples carries: the side-of-centre test (Western
/// Electric 4, Nelson 2: 8 or 9 points in a row on one side) assumes a point falls on either side
/// with chance ½, and a count with n·p̄ well under 1 is zero — below the centre — most of the time.
/// At one ticket an hour and p̄ = 0.27, nine zeros in a row come 20 times as often as the test
/// allows, so a stable chart lists dozens of "shifts". The warning says so, and by how much.
struct SkewedRunTests {
  /// The side test's number in the chart's family.
  var test: Int
  /// The mean over points of the chance of a side run as long as the test's, against ½ᴸ × 2.
  var excess: Double
  var rules: SpecialCauseRules

  /// Warned from this many times the chance the test assumes.
  static let threshold = 2.0

  /// The side test's number and run length in a family.
  static func sideTest(_ rules: SpecialCauseRules) -> (test: Int, length: Int)? {
    let (test, length) =
      switch rules.family {
      case .westernElectric: (4, 8)
      case .nelson: (2, 9)
      }
    return rules.tests.contains(test) ? (test, length) : nil
  }

  /// nil unless the side test is applied and runs on one side come at least twice as often as it
  /// assumes.
  /// - Parameter sideRuns: Σ over points of `AttributeChances.sideRun` at the test's length.
  init?(sideRuns: Double, points: Int, rules: SpecialCauseRules) {
    guard let (test, length) = Self.sideTest(rules), points > 0 else { return nil }
    excess = sideRuns / Double(points) / (2 * pow(0.5, Double(length)))
    guard excess >= Self.threshold else { return nil }
    self.test = test
    self.rules = rules
  }

  var warning: Diagnostic {
    let name = rules.family == .westernElectric ? "rule" : "test"
    return Diagnostic(
      .skewedRunTests,
      "samples too small for \(name) \(test): most counts fall on one side of the centre line, so runs on one side "
        + "come \(NumberFormat.significant(excess, digits: 2)) times as often as the \(name) assumes on a stable process",
      notes: [
        "judge by points beyond the limits and the whole-process line, which allow for this, "
          + "or chart longer periods (a longer --by) so that each sample holds more items"
      ])
  }
}
