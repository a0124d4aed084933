/// Before and after: limits per stage (`--stages COL`, `--split DATE…`), or from a baseline
/// period applied to everything that follows (`--baseline FROM..TO`, phase I / phase II).
public struct ChartPhases: Hashable, Sendable {
  /// A stage label per point; each run of equal labels is a stage with its own limits.
  public var stages: [String]?
  /// The points (0-based, half-open) the limits are computed from. With stages, each stage uses
  /// its points inside the baseline, or all its points when none are.
  public var baseline: Range<Int>?

  public init(stages: [String]? = nil, baseline: Range<Int>? = nil) {
    self.stages = stages
    self.baseline = baseline
  }

  public static let none = ChartPhases()

  struct Segment {
    var label: String?
    var points: Range<Int>
    /// The points whose statistics set the limits: the stage's part of the baseline, or the stage.
    var estimate: Range<Int>
  }

  func segments(count: Int) throws(Diagnostic) -> [Segment] {
    if let stages, stages.count != count {
      throw Diagnostic.error(.mismatchedLengths, "the stage column has \(stages.count) labels for \(count) points")
    }
    if let baseline {
      guard baseline.lowerBound >= 0, baseline.upperBound <= count, baseline.count >= 2 else {
        throw Diagnostic.error(
          .invalidBaseline,
          "the baseline must be at least 2 of the \(count) points (points \(baseline.lowerBound + 1)–\(baseline.upperBound) asked)"
        )
      }
    }
    var runs: [(String?, Range<Int>)] = []
    if let stages {
      var start = 0
      for i in 1...count where i == count || stages[i] != stages[start] {
        runs.append((stages[start], start..<i))
        start = i
      }
    } else {
      runs = [(nil, 0..<count)]
    }
    return runs.map { label, range in
      let inBaseline = baseline.map { range.clamped(to: $0) } ?? range
      return Segment(label: label, points: range, estimate: inBaseline.isEmpty ? range : inBaseline)
    }
  }
}
