import Foundation

/// Summary figures of one sample of a measure, and the checks every test makes on its input.
public struct Sample: Hashable, Sendable {
  public var count: Int
  public var mean: Double
  /// The sample variance, with n − 1 in the denominator (0 for a single value).
  public var variance: Double
  public var standardDeviation: Double { variance.squareRoot() }
  /// The mean in `grid`'s steps from its reference: differences of means are taken here, where
  /// they are exact for values on the grid (a mean near 1e12 has no room for its last decimals).
  var centredMean: Double
  /// Where `centredMean` is measured from; every sample compared with this one shares it.
  var grid: DecimalGrid

  /// - Parameter grid: the steps the values are counted in (see `DecimalGrid`); a plain sample
  ///   is counted from 0. The mean and variance come from compensated sums (`Moments`).
  /// - Throws: a `Diagnostic` when a value is not a finite number.
  public init(_ values: [Double], name: String = "the measure", grid: DecimalGrid = .shifted(by: 0))
    throws(Diagnostic)
  {
    count = values.count
    let moments = Moments(values.lazy.map { grid.offset($0) })
    // A value that is not finite leaves the sum not finite: only then are the values searched.
    if !moments.sum.isFinite { try Sample.requireFinite(values, name: name) }
    self.grid = grid
    centredMean = moments.mean
    mean = values.isEmpty ? .nan : grid.value(offset: moments.mean)
    variance = moments.variance / (grid.scale * grid.scale)
  }

  /// x̄ − other.x̄, from the centred means (both samples on one grid).
  func meanDifference(from other: Sample) -> Double {
    grid.difference(centredMean - other.centredMean)
  }

  /// - Parameter name: made only when a value is bad (a check per subgroup names 200,000 subgroups otherwise).
  static func requireFinite(_ values: some Collection<Double>, name: @autoclosure () -> String) throws(Diagnostic) {
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      let position = values.distance(from: values.startIndex, to: bad) + 1
      throw Diagnostic.error(
        .invalidCounts, "\(name()) has a value that is not a finite number (\(values[bad]) at position \(position))",
        notes: ["leave out or correct the value; statistics are not computed from nonsense"])
    }
  }
}

/// Ranks of pooled groups' values, ties given the mean of the ranks they span (midranks): each
/// group's rank sum and the tie groups, which is all the rank tests read.
struct Ranking {
  /// The sum of the ranks of each group's values (1-based ranks). Midranks are halves, so the
  /// sums are exact in any order.
  var rankSums: [Double]
  /// The size of each group of tied values (only groups of 2 or more).
  var ties: [Int]
  /// Each group's median, read off the pooled order (nan for an empty group).
  var medians: [Double]

  init(_ groups: [[Double]]) {
    var pooled: [Double] = [], ids: [Int32] = []
    let total = groups.reduce(0) { $0 + $1.count }
    pooled.reserveCapacity(total)
    ids.reserveCapacity(total)
    for (g, values) in groups.enumerated() {
      pooled.append(contentsOf: values)
      ids.append(contentsOf: repeatElement(Int32(g), count: values.count))
    }
    // A radix sort carrying each value's group (linear time: a million values in a few passes);
    // the ranks are summed per group in sorted order, with no rank per value kept.
    let (sorted, groupOf) = RadixSort.sorted(pooled, carrying: ids)
    rankSums = Array(repeating: 0, count: groups.count)
    ties = []
    // A group's values come in its own sorted order: its middle one (or two) is its median.
    var seen = [Int](repeating: 0, count: groups.count)
    var middle = [(Double, Double)](repeating: (.nan, .nan), count: groups.count)
    var i = 0
    while i < sorted.count {
      var j = i
      while j + 1 < sorted.count && sorted[j + 1] == sorted[i] { j += 1 }
      let rank = Double(i + j + 2) / 2
      for k in i...j {
        let g = Int(groupOf[k])
        rankSums[g] += rank
        let n = groups[g].count
        if seen[g] == (n - 1) / 2 { middle[g].0 = sorted[k] }
        if seen[g] == n / 2 { middle[g].1 = sorted[k] }
        seen[g] += 1
      }
      if j > i { ties.append(j - i + 1) }
      i = j + 1
    }
    medians = groups.indices.map { g in groups[g].count % 2 == 1 ? middle[g].1 : (middle[g].0 + middle[g].1) / 2 }
  }

  /// Σ (t³ − t) over the tie groups.
  var tieTerm: Double {
    ties.reduce(0) {
      let t = Double($1); return $0 + t * t * t - t
    }
  }
}
