/// Finds the points of an XmR chart that break the Western Electric or Nelson rules.
///
/// Each signal is reported once per rule at the point that completes the run; a long run keeps
/// signalling at every further point, as the rules are usually read.
struct ControlRuleCheck {
  let values: [Double]
  let mean: Double
  let sigma: Double
  let upper: Double
  let lower: Double

  func signals(_ rules: ControlRules) -> [ControlChart.Signal] {
    var found: [ControlChart.Signal] = []
    let checks: [(Int, String, (Int) -> Bool)]
    switch rules {
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
    for i in values.indices {
      for (rule, text, check) in checks where check(i) {
        found.append(ControlChart.Signal(point: i, rule: rule, description: text))
      }
    }
    return found
  }

  private func beyondLimit(_ i: Int) -> Bool { values[i] > upper || values[i] < lower }

  /// `k` of the last `n` points (ending at i, the current one among them) beyond `z`σ on one side.
  private func k(_ k: Int, of n: Int, beyond z: Double, at i: Int) -> Bool {
    guard i >= n - 1, sigma > 0 else { return false }
    let window = values[(i - n + 1)...i]
    let high = window.filter { $0 > mean + z * sigma }.count
    let low = window.filter { $0 < mean - z * sigma }.count
    return (high >= k && values[i] > mean + z * sigma) || (low >= k && values[i] < mean - z * sigma)
  }

  private func sameSide(_ n: Int, at i: Int) -> Bool {
    guard i >= n - 1 else { return false }
    let window = values[(i - n + 1)...i]
    return window.allSatisfy { $0 > mean } || window.allSatisfy { $0 < mean }
  }

  private func trend(_ n: Int, at i: Int) -> Bool {
    guard i >= n - 1 else { return false }
    let w = Array(values[(i - n + 1)...i])
    let rising = zip(w.dropFirst(), w).allSatisfy { $0 > $1 }
    let falling = zip(w.dropFirst(), w).allSatisfy { $0 < $1 }
    return rising || falling
  }

  private func alternating(_ n: Int, at i: Int) -> Bool {
    guard i >= n - 1 else { return false }
    let w = Array(values[(i - n + 1)...i])
    let steps = zip(w.dropFirst(), w).map { $0 - $1 }
    guard steps.allSatisfy({ $0 != 0 }) else { return false }
    return zip(steps.dropFirst(), steps).allSatisfy { ($0 > 0) != ($1 > 0) }
  }

  private func within(_ n: Int, at i: Int) -> Bool {
    guard i >= n - 1, sigma > 0 else { return false }
    return values[(i - n + 1)...i].allSatisfy { abs($0 - mean) < sigma }
  }

  private func outside(_ n: Int, at i: Int) -> Bool {
    guard i >= n - 1, sigma > 0 else { return false }
    return values[(i - n + 1)...i].allSatisfy { abs($0 - mean) > sigma }
  }
}
