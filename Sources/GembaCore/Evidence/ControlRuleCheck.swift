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
    var found: [ControlChart.Signal] = []
    let checks: [(Int, String, (Int) -> Bool)]
    switch rules.family {
    case .we:
      checks = [
        (1, "beyond a control limit", beyondLimit),
        (2, "2 of 3 points beyond 2σ on one side", { self.k(2, of: 3, beyond: 2, at: $0) }),
        (3, "4 of 5 points beyond 1σ on one side", { self.k(4, of: 5, beyond: 1, at: $0) }),
        (4, "8 points in a row on one side of the centre", { self.sameSide(8, at: $0) }),
      ]
    case .nelson:
      checks = [
        (1, "beyond a control limit", beyondLimit),
        (2, "9 points in a row on one side of the centre", { self.sameSide(9, at: $0) }),
        (3, "6 points in a row steadily rising or falling", { self.trend(6, at: $0) }),
        (4, "14 points in a row alternating up and down", { self.alternating(14, at: $0) }),
        (5, "2 of 3 points beyond 2σ on one side", { self.k(2, of: 3, beyond: 2, at: $0) }),
        (6, "4 of 5 points beyond 1σ on one side", { self.k(4, of: 5, beyond: 1, at: $0) }),
        (7, "15 points in a row within 1σ of the centre", { self.within(15, at: $0) }),
        (8, "8 points in a row beyond 1σ, on either side", { self.outside(8, at: $0) }),
      ]
    }
    let active = checks.filter { rules.tests.contains($0.0) }
    for i in values.indices {
      for (rule, text, check) in active where check(i) {
        found.append(ControlChart.Signal(point: i, rule: rule, description: text))
      }
    }
    return found
  }

  // The checks below loop over their window without allocating: a chart may have a million points.

  /// The distance from the centre in σ units (nil where σ is 0: the zone tests do not apply).
  private func z(_ i: Int) -> Double? { sigmas[i] > 0 ? (values[i] - centers[i]) / sigmas[i] : nil }

  private func beyondLimit(_ i: Int) -> Bool { values[i] > uppers[i] || values[i] < lowers[i] }

  /// `k` of the last `n` points (ending at i, the current one among them) beyond `limit`σ on one side.
  private func k(_ k: Int, of n: Int, beyond limit: Double, at i: Int) -> Bool {
    guard i >= n - 1, let zi = z(i), abs(zi) > limit else { return false }
    var count = 0
    for j in (i - n + 1)...i {
      guard let zj = z(j) else { return false }
      if zi > 0 ? zj > limit : zj < -limit { count += 1 }
    }
    return count >= k
  }

  private func sameSide(_ n: Int, at i: Int) -> Bool {
    guard i >= n - 1 else { return false }
    let above = values[i] > centers[i]
    for j in (i - n + 1)...i {
      if above ? !(values[j] > centers[j]) : !(values[j] < centers[j]) { return false }
    }
    return true
  }

  private func trend(_ n: Int, at i: Int) -> Bool {
    guard i >= n - 1 else { return false }
    let rising = values[i] > values[i - 1]
    for j in (i - n + 2)...i {
      if rising ? !(values[j] > values[j - 1]) : !(values[j] < values[j - 1]) { return false }
    }
    return true
  }

  private func alternating(_ n: Int, at i: Int) -> Bool {
    guard i >= n - 1 else { return false }
    for j in (i - n + 2)...i {
      let step = values[j] - values[j - 1]
      if step == 0 { return false }
      if j > i - n + 2, (step > 0) == (values[j - 1] - values[j - 2] > 0) { return false }
    }
    return true
  }

  private func within(_ n: Int, at i: Int) -> Bool {
    guard i >= n - 1 else { return false }
    for j in (i - n + 1)...i {
      guard let zj = z(j), abs(zj) < 1 else { return false }
    }
    return true
  }

  private func outside(_ n: Int, at i: Int) -> Bool {
    guard i >= n - 1 else { return false }
    for j in (i - n + 1)...i {
      guard let zj = z(j), abs(zj) > 1 else { return false }
    }
    return true
  }
}
