/// Finds the points of a control chart that break the Western Electric or Nelson rules.
///
/// Each point carries its own centre, σ (of the plotted statistic) and limits, so charts whose
/// limits vary with the sample size are judged in σ units point by point. Each signal is reported
/// once per rule at the point that completes the run; a long run keeps signalling at every
/// further point, as the rules are usually read.
///
/// All the tests are checked in one pass over the points, each with a run length or a count over
/// its window (a chart may have a million points): no column is copied and no per-test flags are
/// kept, and the signals come out in order, point by point and by test within a point.
struct ControlRuleCheck: Sendable {
  /// Where the limits come from: constants (the XmR chart) or a column per point.
  private enum Limits {
    case constant(center: Double, sigma: Double, upper: Double, lower: Double)
    case perPoint(centers: PointColumn, sigmas: PointColumn, uppers: PointColumn, lowers: PointColumn)
  }

  let values: [Double]
  /// The points checked (the runs do not reach outside them).
  let points: Range<Int>
  private let limits: Limits

  /// A chart with one centre line and constant limits (the XmR chart).
  init(values: [Double], mean: Double, sigma: Double, upper: Double, lower: Double) {
    self.values = values
    points = values.indices
    limits = .constant(center: mean, sigma: sigma, upper: upper, lower: lower)
  }

  /// Limits per point; `points` (default all) picks the points checked, e.g. one stage's.
  init(
    values: [Double], centers: [Double], sigmas: [Double], uppers: [Double], lowers: [Double], points: Range<Int>? = nil
  ) {
    self.init(
      values: values, centers: PointColumn(centers), sigmas: PointColumn(sigmas), uppers: PointColumn(uppers),
      lowers: PointColumn(lowers), points: points)
  }

  /// Limits per point, as a chart keeps them (a value per run of equal points).
  init(
    values: [Double], centers: PointColumn, sigmas: PointColumn, uppers: PointColumn, lowers: PointColumn,
    points: Range<Int>? = nil
  ) {
    self.values = values
    self.points = points ?? values.indices
    limits = .perPoint(centers: centers, sigmas: sigmas, uppers: uppers, lowers: lowers)
  }

  func signals(_ rules: ControlRules) -> [ControlChart.Signal] {
    signals(rules == ControlRules.westernElectric ? SpecialCauseRules.westernElectric : .nelson)
  }

  /// The signals, point by point and by test within a point; `point` is an index into `values`.
  ///
  /// A long chart is checked in two halves on two cores. The second half's scan starts
  /// `warmUp` points early and reports nothing from them: by its first point its windows hold the
  /// same last 5 points, and each run is either the same length or, when it spans the whole
  /// warm-up, longer than any test's (15), which is all a test reads of it. The signals are the
  /// ones a single pass finds, in the same order.
  func signals(_ rules: SpecialCauseRules) -> [ControlChart.Signal] {
    guard points.count >= Self.parallelThreshold else { return signals(rules, reporting: points) }
    let middle = points.lowerBound + points.count / 2
    let halves = [points.lowerBound..<middle, middle..<points.upperBound]
    let found = halves.map { _ in ResultBox<[ControlChart.Signal]>([]) }
    Parallel.run(
      halves.indices.map { k in { @Sendable in found[k].value = self.signals(rules, reporting: halves[k]) } })
    return found[0].value + found[1].value
  }

  /// From this many points, the check runs in two halves.
  static let parallelThreshold = 100_000
  /// Points a part's scan reads before its own, to know the runs and windows it starts in.
  static let warmUp = 32

  /// The signals at the points in `reported` (a part of `points`).
  func signals(_ rules: SpecialCauseRules, reporting reported: Range<Int>) -> [ControlChart.Signal] {
    let start = max(points.lowerBound, reported.lowerBound - Self.warmUp)
    switch limits {
    case .constant(let center, let sigma, let upper, let lower):
      return scan(rules, from: start, reporting: reported) { _ in (center, sigma, upper, lower) }
    case .perPoint(let centers, let sigmas, let uppers, let lowers):
      // Points are read in ascending order: each column's cursor looks a run up once per run.
      var c = centers.cursor(), s = sigmas.cursor(), u = uppers.cursor(), l = lowers.cursor()
      return scan(rules, from: start, reporting: reported) { i in (c.at(i), s.at(i), u.at(i), l.at(i)) }
    }
  }

  /// The tests in `rules` as one pass. For each point: whether it is beyond a limit; its z
  /// (σ units from the centre, none where σ is 0) and the counts of the last 3 and 5 points
  /// beyond ±2σ and ±1σ (a window with a point without σ breaks nothing); the runs above and
  /// below the centre, of steps up and down, of alternating steps, within and beyond 1σ.
  /// The scan reads the points from `start` and reports those in `reported`.
  @inline(__always)
  private func scan(
    _ rules: SpecialCauseRules, from start: Int, reporting reported: Range<Int>,
    _ at: (Int) -> (center: Double, sigma: Double, upper: Double, lower: Double)
  ) -> [ControlChart.Signal] {
    // Each test's bit in a point's hits (bit r − 1 for rule r; 0 when the test is not applied),
    // and its run length where the family sets one.
    var beyondBit: UInt32 = 0, twoBit: UInt32 = 0, fourBit: UInt32 = 0, sideBit: UInt32 = 0
    var trendBit: UInt32 = 0, alternatingBit: UInt32 = 0, withinBit: UInt32 = 0, mixtureBit: UInt32 = 0
    var sideRun = 8
    for rule in rules.tests {
      let bit: UInt32 = 1 << UInt32(rule - 1)
      switch (rules.family, rule) {
      case (_, 1): beyondBit = bit
      case (.westernElectric, 2), (.nelson, 5): twoBit = bit
      case (.westernElectric, 3), (.nelson, 6): fourBit = bit
      case (.westernElectric, 4): sideBit = bit
      case (.nelson, 2): sideBit = bit; sideRun = 9
      case (.nelson, 3): trendBit = bit
      case (.nelson, 4): alternatingBit = bit
      case (.nelson, 7): withinBit = bit
      default: mixtureBit = bit
      }
    }
    let descriptions = (0..<8).map { Self.description($0 + 1, rules.family) }
    // Test 1 alone (what a capability study asks of its own chart): only the limits are read.
    if rules.tests == [1] {
      return values.withUnsafeBufferPointer { v in
        var found: [ControlChart.Signal] = []
        for i in reported {
          let (_, _, upper, lower) = at(i)
          if v[i] > upper || v[i] < lower {
            found.append(ControlChart.Signal(point: i, rule: 1, description: descriptions[0]))
          }
        }
        return found
      }
    }
    let steps = trendBit | alternatingBit != 0
    var found: [ControlChart.Signal] = []
    // The last 5 points' flags, newest in the low bit: z > 2, z < −2, z > 1, z < −1, no σ.
    var above2: UInt32 = 0, below2: UInt32 = 0, above1: UInt32 = 0, below1: UInt32 = 0, missing: UInt32 = 0
    var above = 0, below = 0, up = 0, down = 0, alternating = 0, within = 0, beyond1 = 0
    // A run goes on (+1) or ends (0) without a branch: the data decide which, and they are noise.
    @inline(__always) func run(_ length: Int, _ goesOn: Bool) -> Int { (length &+ 1) &* (goesOn ? 1 : 0) }
    @inline(__always) func flag(_ b: Bool) -> UInt32 { b ? 1 : 0 }
    return values.withUnsafeBufferPointer { v in
      let first = points.lowerBound
      for i in start..<reported.upperBound {
        let (center, sigma, upper, lower) = at(i)
        let x = v[i]
        // z and the window flags.
        let hasSigma = sigma > 0
        let z = hasSigma ? (x - center) / sigma : 0
        // z is 0 without a σ, so it is beyond no zone; `missing` marks the point.
        above2 = above2 << 1 | flag(z > 2)
        below2 = below2 << 1 | flag(z < -2)
        above1 = above1 << 1 | flag(z > 1)
        below1 = below1 << 1 | flag(z < -1)
        missing = missing << 1 | flag(!hasSigma)
        // Only the runs a chosen test reads.
        if sideBit != 0 {
          above = run(above, x > center)
          below = run(below, x < center)
        }
        if withinBit | mixtureBit != 0 {
          within = run(within, hasSigma && abs(z) < 1)
          beyond1 = run(beyond1, abs(z) > 1)
        }

        var hits: UInt32 = 0
        if x > upper || x < lower { hits |= beyondBit }
        // k of the last n beyond a limit on the current point's side, every one of them with a σ.
        let seen = i - first + 1
        if twoBit != 0, seen >= 3, missing & 0b111 == 0 {
          let high = flag(z > 2) & flag((above2 & 0b111).nonzeroBitCount >= 2)
          let low = flag(z < -2) & flag((below2 & 0b111).nonzeroBitCount >= 2)
          hits |= twoBit &* (high | low)
        }
        if fourBit != 0, seen >= 5, missing & 0b11111 == 0 {
          let high = flag(z > 1) & flag((above1 & 0b11111).nonzeroBitCount >= 4)
          let low = flag(z < -1) & flag((below1 & 0b11111).nonzeroBitCount >= 4)
          hits |= fourBit &* (high | low)
        }
        hits |= sideBit &* flag(above >= sideRun || below >= sideRun)
        hits |= withinBit &* flag(within >= 15)
        hits |= mixtureBit &* flag(beyond1 >= 8)
        if steps {
          let step = i > first ? x - v[i - 1] : 0
          up = run(up, step > 0)
          down = run(down, step < 0)
          if i == first || step == 0 {
            alternating = 0
          } else if alternating > 0, i >= first + 2, (step > 0) != (v[i - 1] - v[i - 2] > 0) {
            alternating += 1
          } else {
            alternating = 1
          }
          hits |= trendBit &* flag(up >= 5 || down >= 5)
          hits |= alternatingBit &* flag(alternating >= 13)
        }
        // Rarely any: then each test broken, in the order of its number.
        if i < reported.lowerBound { hits = 0 }  // the warm-up reports nothing
        while hits != 0 {
          let r = hits.trailingZeroBitCount
          found.append(ControlChart.Signal(point: i, rule: r + 1, description: descriptions[r]))
          hits &= hits - 1
        }
      }
      return found
    }
  }

  static func description(_ rule: Int, _ family: ControlRules) -> String {
    switch (family, rule) {
    case (_, 1): return "beyond a control limit"
    case (.westernElectric, 2), (.nelson, 5): return "2 of 3 points beyond 2σ on one side"
    case (.westernElectric, 3), (.nelson, 6): return "4 of 5 points beyond 1σ on one side"
    case (.westernElectric, 4): return "8 points in a row on one side of the centre"
    case (.nelson, 2): return "9 points in a row on one side of the centre"
    case (.nelson, 3): return "6 points in a row steadily rising or falling"
    case (.nelson, 4): return "14 points in a row alternating up and down"
    case (.nelson, 7): return "15 points in a row within 1σ of the centre"
    default: return "8 points in a row beyond 1σ, on either side"
    }
  }
}
