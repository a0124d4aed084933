import Foundation

/// Summary figures of one sample of a measure, and the checks every test makes on its input.
public struct Sample: Hashable, Sendable {
  public var count: Int
  public var mean: Double
  /// The sample variance, with n − 1 in the denominator (0 for a single value).
  public var variance: Double
  public var standardDeviation: Double { variance.squareRoot() }

  /// - Throws: a `Diagnostic` when a value is not a finite number.
  public init(_ values: [Double], name: String = "the measure") throws(Diagnostic) {
    try Sample.requireFinite(values, name: name)
    count = values.count
    mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    // Two passes: the mean first, then the squared deviations (stable for data far from 0).
    let m = mean
    let squares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
    variance = values.count > 1 ? squares / Double(values.count - 1) : 0
  }

  /// - Parameter name: made only when a value is bad (a check per subgroup names 200,000 subgroups otherwise).
  static func requireFinite(_ values: some Collection<Double>, name: @autoclosure () -> String) throws(Diagnostic) {
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      let position = values.distance(from: values.startIndex, to: bad) + 1
      throw Diagnostic.error("\(name()) has a value that is not a finite number (\(values[bad]) at position \(position))",
                             notes: ["leave out or correct the value; statistics are not computed from nonsense"])
    }
  }
}

/// Ranks of pooled values, ties given the mean of the ranks they span (midranks).
struct Ranking {
  /// The rank of each value, in the order given (1-based).
  var ranks: [Double]
  /// The size of each group of tied values (only groups of 2 or more).
  var ties: [Int]

  init(_ values: [Double]) {
    // A radix sort of the values with their positions (linear time: a million values in a few passes).
    let (sorted, positions) = RadixSort.sortedWithPositions(values)
    ranks = Array(repeating: 0, count: values.count)
    ties = []
    var i = 0
    while i < sorted.count {
      var j = i
      while j + 1 < sorted.count && sorted[j + 1] == sorted[i] { j += 1 }
      let rank = Double(i + j + 2) / 2
      for k in i...j { ranks[Int(positions[k])] = rank }
      if j > i { ties.append(j - i + 1) }
      i = j + 1
    }
  }

  /// Σ (t³ − t) over the tie groups.
  var tieTerm: Double { ties.reduce(0) { let t = Double($1); return $0 + t * t * t - t } }
}
