import Foundation

/// Builds the chart results of pipelines from a relation's column values.
enum ChartBuilder {
  static func pareto(_ relation: Relation, by column: Int, name: String, sum: Int?, sumName: String?) -> ParetoChart {
    var interner = ValueInterner()
    var totals: [Double] = []
    var skipped = 0
    var ids: [Int32] = []
    relation.forEachValue(column: column) { _, p, n in
      let id = interner.id(p, n)
      if id == totals.count { totals.append(0) }
      ids.append(Int32(id))
    }
    if let sum {
      relation.forEachValue(column: sum) { row, p, n in
        if let v = ValueParser.decimal(p, n) { totals[Int(ids[row])] += v } else { skipped += 1 }
      }
    } else {
      for id in ids { totals[Int(id)] += 1 }
    }
    let groups = (0..<interner.count).map { (label(interner.string($0)), totals[$0]) }
    return ParetoChart(column: name, sumColumn: sumName, groups: groups, skipped: skipped)
  }

  static func label(_ value: String) -> String { value.isEmpty ? "(empty)" : value }

  static func histogram(_ relation: Relation, column: Int, name: String, bins requested: Int?) -> Histogram {
    var values: [Double] = []
    var skipped = 0
    relation.forEachValue(column: column) { _, p, n in
      if let v = ValueParser.decimal(p, n) { values.append(v) } else { skipped += 1 }
    }
    guard let lo = values.min(), let hi = values.max() else {
      return Histogram(column: name, bins: [], count: 0, minimum: 0, maximum: 0, mean: 0, skipped: skipped)
    }
    let sturges = Int((log2(Double(values.count))).rounded(.up)) + 1
    let target = requested ?? min(max(sturges, 5), 20)
    let integral = values.allSatisfy { $0 == $0.rounded() }
    var width = niceWidth((hi - lo) / Double(target))
    if integral { width = max(1, width.rounded(.up)) }
    if hi == lo { width = integral ? 1 : max(abs(lo) * 0.1, 1) }
    let start = (lo / width).rounded(.down) * width
    let count = max(1, Int(((hi - start) / width).rounded(.down)) + 1)
    var bins = (0..<count).map { Histogram.Bin(lower: start + Double($0) * width, upper: start + Double($0 + 1) * width, count: 0) }
    for v in values { bins[min(count - 1, max(0, Int(((v - start) / width).rounded(.down))))].count += 1 }
    let mean = values.reduce(0, +) / Double(values.count)
    return Histogram(column: name, bins: bins, count: values.count, minimum: lo, maximum: hi, mean: mean, skipped: skipped)
  }

  /// A bin width of 1, 2, 2.5 or 5 × 10^k close to `raw`.
  static func niceWidth(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let magnitude = pow10(Int(log10(raw).rounded(.down)))
    for step in [1.0, 2, 2.5, 5, 10] where raw <= step * magnitude { return step * magnitude }
    return 10 * magnitude
  }

  static func pow10(_ k: Int) -> Double {
    var r = 1.0
    for _ in 0..<abs(k) { r *= 10 }
    return k < 0 ? 1 / r : r
  }
}
