import Foundation

/// A run chart: the values in order around their median, with the two tests for randomness
/// Minitab's run chart reports (its "Methods and formulas" for Run Chart).
///
/// Runs about the median: a point above the median is "above", a point on or below it "below"
/// (Minitab's convention). With m above, n on or below, N = m + n and R runs:
/// E(R) = 2mn/N + 1, Var(R) = 2mn(2mn − N) / (N²(N − 1)); clustering p = Φ((R − E + 0.5)/s),
/// mixtures p = 1 − Φ((R − E − 0.5)/s). Runs up or down (V): E(V) = (2N − 1)/3,
/// Var(V) = (16N − 29)/90; trends p = Φ((V − E + 0.5)/s), oscillation p = 1 − Φ((V − E − 0.5)/s).
/// A step of 0 (a value equal to the one before) is neither up nor down: it is dropped and N
/// counts the values left, one more than the non-zero steps (Bradley, Distribution-Free
/// Statistical Tests, 1968, ch. 12; NCSS, Analysis of Runs, ch. 256). Counting a tie as part of
/// the run it is in would make a flat stretch a long "trend".
public struct RunChart: Hashable, Sendable {
  public var values: [Double]
  /// Each point's label (made when read).
  public var labels: ChartLabels
  public var median: Double
  public var runsAboutMedian: Int
  public var expectedRunsAboutMedian: Double
  public var longestRunAboutMedian: Int
  public var clusteringP: Double
  public var mixturesP: Double
  public var runsUpOrDown: Int
  public var expectedRunsUpOrDown: Double
  public var longestRunUpOrDown: Int
  public var trendsP: Double
  public var oscillationP: Double
  public var warnings: [Diagnostic]

  /// The patterns the tests find at `alpha` ("clustering", "mixtures", "trends", "oscillation").
  public func patterns(alpha: Double = 0.05) -> [String] {
    [("clustering", clusteringP), ("mixtures", mixturesP), ("trends", trendsP), ("oscillation", oscillationP)]
      .filter { $0.1 < alpha }.map(\.0)
  }

  public init(_ values: [Double], labels: [String]? = nil) throws(Diagnostic) {
    try self.init(values, labels: labels.map(ChartLabels.init))
  }

  init(_ values: [Double], labels: ChartLabels?) throws(Diagnostic) {
    try Sample.requireFinite(values, name: "the measure")
    guard values.count >= 3 else {
      // A median and a run need 3 values (the control-limit message said "at least 2 … there are 2").
      throw Diagnostic.error(
        .tooFewValues,
        "a run chart needs at least 3 values; there \(values.count == 1 ? "is 1" : "are \(values.count)")",
        notes: ["runs about the median say nothing with fewer"])
    }
    if let none = NoVariation.among(values) {
      throw Diagnostic.error(.noVariation, none.sentence(), notes: ["a run chart has nothing to test in one value"])
    }
    self.values = values
    self.labels = try ControlCharts.checkedLabels(labels, count: values.count)
    let sorted = RadixSort.sorted(values)
    let n = sorted.count
    let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    self.median = median
    let above = values.map { $0 > median }
    let m = Double(above.filter { $0 }.count), rest = Double(n) - m, total = Double(n)
    (runsAboutMedian, longestRunAboutMedian) = Self.runs(above)
    expectedRunsAboutMedian = 2 * m * rest / total + 1
    let spread = (2 * m * rest * (2 * m * rest - total) / (total * total * (total - 1))).squareRoot()
    let r = Double(runsAboutMedian)
    clusteringP = spread > 0 ? NormalDistribution.cdf((r - expectedRunsAboutMedian + 0.5) / spread) : 1
    mixturesP = spread > 0 ? NormalDistribution.survival((r - expectedRunsAboutMedian - 0.5) / spread) : 1
    // Direction of each step that moves; ties are dropped (see above).
    var directions: [Bool] = []
    for i in 1..<n where values[i] != values[i - 1] { directions.append(values[i] > values[i - 1]) }
    (runsUpOrDown, longestRunUpOrDown) = Self.runs(directions)
    let moving = Double(directions.count + 1)
    expectedRunsUpOrDown = (2 * moving - 1) / 3
    let s = ((16 * moving - 29) / 90).squareRoot()
    let v = Double(runsUpOrDown)
    // Fewer than 3 values that move leave nothing to test (the variance is not positive).
    trendsP = s > 0 && s.isFinite ? NormalDistribution.cdf((v - expectedRunsUpOrDown + 0.5) / s) : 1
    oscillationP = s > 0 && s.isFinite ? NormalDistribution.survival((v - expectedRunsUpOrDown - 0.5) / s) : 1
    warnings =
      n < 20
      ? [
        Diagnostic(
          .approximateTest,
          "the runs tests use a normal approximation that needs about 20 points or more (there are \(n))")
      ] : []
  }

  /// The number of runs of equal flags, and the longest.
  static func runs(_ flags: [Bool]) -> (count: Int, longest: Int) {
    guard var current = flags.first else { return (0, 0) }
    var count = 1, length = 0, longest = 0
    for f in flags {
      if f == current {
        length += 1
      } else {
        count += 1
        current = f
        length = 1
      }
      longest = max(longest, length)
    }
    return (count, longest)
  }
}
