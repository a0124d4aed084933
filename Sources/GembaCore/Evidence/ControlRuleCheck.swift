/// Finds the points of a control chart that break the Western Electric or Nelson rules.
///
/// Each point carries its own centre, σ (of the plotted statistic) and limits, so charts whose
/// limits vary with the sample size are judged in σ units point by point. Each signal is reported
/// once per rule at the point that completes the run; a long run keeps signalling at every
/// further point, as the rules are usually read.
struct ControlRuleCheck {
  let values: [Double]
  let centers: [Double]
  let sigmas: [Double]
  let uppers: [Double]
  let lowers: [Double]

  /// A chart with one centre line and constant limits (the XmR chart).
  init(values: [Double], mean: Double, sigma: Double, upper: Double, lower: Double) {
    self.values = values
    centers = Array(repeating: mean, count: values.count)
    sigmas = Array(repeating: sigma, count: values.count)
    uppers = Array(repeating: upper, count: values.count)
    lowers = Array(repeating: lower, count: values.count)
  }

  init(values: [Double], centers: [Double], sigmas: [Double], uppers: [Double], lowers: [Double]) {
    self.values = values
    self.centers = centers
    self.sigmas = sigmas
    self.uppers = uppers
    self.lowers = lowers
  }

  func signals(_ rules: ControlRules) -> [ControlChart.Signal] {
    signals(rules == .we ? .westernElectric : .nelson)
  }

  func signals(_ rules: SpecialCauseRules) -> [ControlChart.Signal] {
    let n = values.count
    // σ units from the centre; nil where σ is 0 (the zone tests do not apply there).
    let z: [Double?] = (0..<n).map { sigmas[$0] > 0 ? (values[$0] - centers[$0]) / sigmas[$0] : nil }
    var found: [ControlChart.Signal] = []
    for rule in rules.tests {
      let text = Self.description(rule, rules.family)
      let hits: [Bool]
      switch (rules.family, rule) {
      case (_, 1): hits = (0..<n).map { values[$0] > uppers[$0] || values[$0] < lowers[$0] }
      case (.we, 2), (.nelson, 5): hits = Self.k(2, of: 3, beyond: 2, z)
      case (.we, 3), (.nelson, 6): hits = Self.k(4, of: 5, beyond: 1, z)
      case (.we, 4): hits = sameSide(8)
      case (.nelson, 2): hits = sameSide(9)
      case (.nelson, 3): hits = trend(6)
      case (.nelson, 4): hits = alternating(14)
      case (.nelson, 7): hits = Self.atLeast(15, Self.runs(z.map { $0.map { abs($0) < 1 } ?? false }))
      default: hits = Self.atLeast(8, Self.runs(z.map { $0.map { abs($0) > 1 } ?? false }))
      }
      for i in 0..<n where hits[i] { found.append(ControlChart.Signal(point: i, rule: rule, description: text)) }
    }
    // Point by point, and by test within a point.
    found.sort { ($0.point, $0.rule) < ($1.point, $1.rule) }
    return found
  }

  static func description(_ rule: Int, _ family: ControlRules) -> String {
    switch (family, rule) {
    case (_, 1): return "beyond a control limit"
    case (.we, 2), (.nelson, 5): return "2 of 3 points beyond 2σ on one side"
    case (.we, 3), (.nelson, 6): return "4 of 5 points beyond 1σ on one side"
    case (.we, 4): return "8 points in a row on one side of the centre"
    case (.nelson, 2): return "9 points in a row on one side of the centre"
    case (.nelson, 3): return "6 points in a row steadily rising or falling"
    case (.nelson, 4): return "14 points in a row alternating up and down"
    case (.nelson, 7): return "15 points in a row within 1σ of the centre"
    default: return "8 points in a row beyond 1σ, on either side"
    }
  }

  // Each test is one pass over the points, with run lengths or window counts: a chart may have
  // a million points.

  /// The length of the run of true flags ending at each point.
  static func runs(_ flags: [Bool]) -> [Int] {
    var out = [Int](repeating: 0, count: flags.count)
    var current = 0
    for (i, f) in flags.enumerated() {
      current = f ? current + 1 : 0
      out[i] = current
    }
    return out
  }

  static func atLeast(_ n: Int, _ runs: [Int]) -> [Bool] { runs.map { $0 >= n } }

  /// `k` of the last `n` points (ending at i, the current one among them) beyond `limit`σ on the
  /// current point's side, every point of the window having a σ.
  static func k(_ k: Int, of n: Int, beyond limit: Double, _ z: [Double?]) -> [Bool] {
    var high = [Int](repeating: 0, count: z.count + 1), low = high, missing = high
    for (i, zi) in z.enumerated() {
      high[i + 1] = high[i] + ((zi ?? 0) > limit ? 1 : 0)
      low[i + 1] = low[i] + ((zi ?? 0) < -limit ? 1 : 0)
      missing[i + 1] = missing[i] + (zi == nil ? 1 : 0)
    }
    return z.indices.map { i in
      guard i >= n - 1, let zi = z[i], missing[i + 1] == missing[i + 1 - n] else { return false }
      if zi > limit { return high[i + 1] - high[i + 1 - n] >= k }
      if zi < -limit { return low[i + 1] - low[i + 1 - n] >= k }
      return false
    }
  }

  private func sameSide(_ n: Int) -> [Bool] {
    let above = Self.runs(values.indices.map { values[$0] > centers[$0] })
    let below = Self.runs(values.indices.map { values[$0] < centers[$0] })
    return values.indices.map { above[$0] >= n || below[$0] >= n }
  }

  /// `n` points steadily rising or falling: `n − 1` steps the same way.
  private func trend(_ n: Int) -> [Bool] {
    let up = Self.runs(values.indices.map { $0 > 0 && values[$0] > values[$0 - 1] })
    let down = Self.runs(values.indices.map { $0 > 0 && values[$0] < values[$0 - 1] })
    return values.indices.map { up[$0] >= n - 1 || down[$0] >= n - 1 }
  }

  /// `n` points alternating: `n − 1` non-zero steps, each the other way from the one before.
  private func alternating(_ n: Int) -> [Bool] {
    var out = [Bool](repeating: false, count: values.count)
    var run = 0
    for i in values.indices.dropFirst() {
      let step = values[i] - values[i - 1]
      if step == 0 {
        run = 0
      } else if run > 0, i >= 2, (step > 0) != (values[i - 1] - values[i - 2] > 0) {
        run += 1
      } else {
        run = 1
      }
      out[i] = run >= n - 1
    }
    return out
  }
}
