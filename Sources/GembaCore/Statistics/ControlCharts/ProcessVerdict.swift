import Foundation

/// Whether the whole process is in statistical control, decided so that a stable process is
/// called unstable about 5 % of the time however many points it has.
///
/// Each point of a stable normal process falls beyond its 3σ limits with probability
/// p₀ = 2Φ(−3) ≈ 0.0027, so 200 points show 0.54 such points by chance and a million show 2,700:
/// "any point beyond the limits" calls almost every long stable process unstable. The verdict
/// instead asks two questions of the location chart (the I, X̄ or attribute chart; never the
/// moving-range chart, whose ranges echo the I chart's points), at levels that add up to
/// α = 5 % (Bonferroni, weighted: 1 % and 4 %):
/// - are there more points beyond the limits than chance gives? The binomial upper tail
///   P(X ≥ k), X ~ Binomial(n, p₀); on a p, np, c or u chart each point's own chance under the
///   chart's binomial or Poisson model instead (small samples put a point beyond 3σ far more
///   often than p₀: one defective in 20 at p̄ = 1 %), and the Poisson-binomial tail;
/// - are there fewer runs about the centre line than chance gives (points clustered on one side:
///   a shift)? The Wald–Wolfowitz runs test, one-sided, normal approximation with continuity
///   correction (points on the centre line are left out).
///
/// The point signals (Shewhart, Western Electric, Nelson) stay as they are defined; this is only
/// the sentence about the whole process.
public struct ProcessVerdict: Hashable, Sendable {
  /// The chance a point of a stable normal process falls beyond 3σ limits: 2Φ(−3).
  public static let beyondChance = 2 * NormalDistribution.survival(3)
  /// The family-wise false-alarm rate, split between the two tests (Bonferroni). The runs test
  /// gets the larger share: a sustained shift, the special cause that moves capability, shows
  /// in the runs, while a lone wild point is still flagged on its own by test 1. With 2.5 % each,
  /// a 1.5σ shift in the last quarter of 200 points is caught 81 % of the time; with 1 % and 4 %,
  /// 84 %, at the same overall 5 %.
  public static let alpha = 0.05
  /// The level of the binomial test on the count beyond the limits.
  public static let alphaBeyond = 0.01
  /// The level of the runs test.
  public static let alphaRuns = 0.04

  /// Points judged.
  public var tested: Int
  /// Points beyond their limits.
  public var beyond: Int
  /// Points chance alone puts beyond the limits: tested × p₀, or the sum of each point's chance
  /// under an attribute chart's model.
  public var expectedBeyond: Double
  /// P(X ≥ beyond) for X ~ Binomial(tested, p₀), or the Poisson-binomial tail over each point's
  /// chance.
  public var beyondP: Double
  /// Runs about the centre line (points on it left out).
  public var runs: Int
  /// Their expected number, 2n₁n₂/(n₁ + n₂) + 1.
  public var expectedRuns: Double
  /// P(so few runs or fewer) by the normal approximation (1 when every point is on one side or
  /// the centre: the test has nothing to count).
  public var runsP: Double

  /// Neither test rejects at its level.
  public var inControl: Bool { !tooManyBeyond && !tooFewRuns }
  /// More points beyond the limits than chance explains.
  public var tooManyBeyond: Bool { beyondP < Self.alphaBeyond }
  /// Fewer runs about the centre than chance explains.
  public var tooFewRuns: Bool { runsP < Self.alphaRuns }

  /// "3 of 200 points beyond the limits; 0.540 expected by chance (p = 0.095)".
  public var beyondSentence: String {
    let points = tested == 1 ? "point" : "points"
    return "\(NumberFormat.integer(beyond)) of \(NumberFormat.integer(tested)) \(points) beyond the limits; "
      + "\(NumberFormat.significant(expectedBeyond)) expected by chance (p\(Self.p(beyondP)))"
  }

  /// "97 runs about the centre line; 101 expected (p = 0.33)".
  public var runsSentence: String {
    "\(NumberFormat.integer(runs)) \(runs == 1 ? "run" : "runs") about the centre line; "
      + "\(NumberFormat.significant(expectedRuns)) expected (p\(Self.p(runsP)))"
  }

  /// What made the verdict "not in control" (both sentences when both tests reject; the beyond
  /// sentence when neither does).
  public var reason: String {
    switch (tooManyBeyond, tooFewRuns) {
    case (true, true): return beyondSentence + "; " + runsSentence
    case (false, true): return runsSentence + ": the points cluster on one side (a shift)"
    case (true, false), (false, false): return beyondSentence
    }
  }

  /// The whole sentence: both tests and what they decide.
  public var summary: String { summary(unicode: true) }

  /// The sentence, its two tests joined by `·`, or by `;` for a terminal without Unicode.
  public func summary(unicode: Bool) -> String {
    "\(beyondSentence)\(unicode ? " ·" : ";") \(runsSentence): "
      + (inControl
        ? "in statistical control"
        : "NOT in statistical control")
      + " (tests at \(NumberFormat.compact(Self.alphaBeyond * 100)) % and \(NumberFormat.compact(Self.alphaRuns * 100)) %)"
  }

  /// " = 0.095", " < 0.001".
  static func p(_ p: Double) -> String { p < 0.001 ? " < 0.001" : " = " + NumberFormat.significant(p, digits: 2) }

  /// The verdict on `values`, each with its own centre and limits (read by index).
  /// - Parameter beyondChances: each point's chance of falling beyond its limits when the
  ///   process is stable (attribute charts); nil for p₀ at every point.
  init(
    count: Int, value: (Int) -> Double,
    beyondChances: [Double]? = nil,
    limits: (Int) -> (center: Double, lower: Double, upper: Double)
  ) {
    var beyond = 0, above = 0, below = 0, runs = 0
    var last = 0  // the side of the last point off the centre: 1 above, −1 below
    for i in 0..<count {
      let x = value(i)
      let (center, lower, upper) = limits(i)
      if x > upper || x < lower { beyond += 1 }
      let side = x > center ? 1 : x < center ? -1 : 0
      if side == 0 { continue }
      if side > 0 { above += 1 } else { below += 1 }
      if side != last { runs += 1 }
      last = side
    }
    tested = count
    self.beyond = beyond
    self.runs = runs
    if let beyondChances {
      expectedBeyond = beyondChances.reduce(0, +)
      beyondP = PoissonBinomial.upperTail(atLeast: beyond, chances: beyondChances)
    } else {
      expectedBeyond = Double(count) * Self.beyondChance
      beyondP =
        beyond == 0
        ? 1 : SpecialFunctions.regularizedBeta(Self.beyondChance, Double(beyond), Double(count - beyond + 1))
    }
    let n1 = Double(above), n2 = Double(below), n = n1 + n2
    expectedRuns = n > 0 ? 2 * n1 * n2 / n + 1 : 0
    let variance = n > 1 ? 2 * n1 * n2 * (2 * n1 * n2 - n) / (n * n * (n - 1)) : 0
    runsP =
      variance > 0
      ? NormalDistribution.cdf((Double(runs) - expectedRuns + 0.5) / variance.squareRoot()) : 1
  }

  /// The verdict on a chart's points.
  init(_ chart: ShewhartChart) {
    var c = chart.centers.cursor(), l = chart.lowers.cursor(), u = chart.uppers.cursor()
    let values = chart.values
    self.init(count: values.count, value: { values[$0] }, beyondChances: chart.beyondChances) { i in
      (c.at(i), l.at(i), u.at(i))
    }
  }
}
