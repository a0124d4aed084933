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
      let reader = relation.reader(sum)
      relation.forEachValue(column: sum) { row, p, n in
        if let v = reader.number(p, n) { totals[Int(ids[row])] += v } else { skipped += 1 }
      }
    } else {
      for id in ids { totals[Int(id)] += 1 }
    }
    let groups = (0..<interner.count).map { (label(interner.string($0)), totals[$0]) }
    var chart = ParetoChart(column: name, sumColumn: sumName, groups: groups, skipped: skipped)
    if let sum { chart.decimals = precision(relation, column: sum) }
    return chart
  }

  /// Charts, studies and tests add the values and square their deviations: past about 1e154 apart
  /// (or a sum past 1.8e308) that is infinite and every figure after it NaN. Refused, with a code,
  /// before any arithmetic; a histogram, which needs neither, draws such values.
  static func withinDoubleRange(_ values: [Double], count: Int, name: String, span: SourceSpan) throws(Diagnostic) {
    var lo = Double.infinity, hi = -Double.infinity
    for v in values where !v.isNaN {
      if v < lo { lo = v }
      if v > hi { hi = v }
    }
    let n = Double(max(count, 1))
    let spread = hi - lo, largest = max(abs(lo), abs(hi))
    guard spread.isFinite, (spread * spread * n).isFinite, (largest * n).isFinite else {
      // A point that is already infinite (a mean per day whose sum overflowed) has no range to show.
      let range =
        lo.isFinite && hi.isFinite ? "from \(NumberFormat.significant(lo)) to \(NumberFormat.significant(hi)), " : ""
      throw Diagnostic.error(
        .beyondDoubleRange,
        "`\(name)` holds numbers too large to chart or study: \(range)"
          + "their sum or the squares of their spread pass the largest number a Double holds (about 1.8e308)",
        at: span,
        notes: ["scale the column first (a `derive` dividing it by a power of ten), or look at it with `histogram`"])
    }
  }

  static func label(_ value: String) -> String { value.isEmpty ? "(empty)" : value }

  /// Equal-width bins `[a, b)`, computed in whole units of the data's precision (0.001 mm data:
  /// thousandths) so a value on an edge always falls in the bin that starts there. The last bin
  /// is closed `[a, b]` when the maximum lies exactly on its upper edge, as numpy's is (in either
  /// path: a bin that counts b says so).
  static func histogram(_ relation: Relation, column: Int, name: String, bins requested: Int?) -> Histogram {
    var values: [Double] = []
    var skipped = 0
    var decimals = 0
    var exact = true
    let reader = relation.reader(column)
    let mark: UInt8 = {
      if case .number(let p) = reader.format { return p.decimalMark }; return 46
    }()
    relation.forEachValue(column: column) { _, p, n in
      guard let v = reader.number(p, n) else { skipped += 1; return }
      values.append(v)
      if let d = WrittenDecimals.written(p, n, mark: mark) { decimals = max(decimals, d) } else { exact = false }
    }
    return histogram(values, name: name, bins: requested, decimals: decimals, exact: exact, skipped: skipped)
  }

  /// The histogram of numbers already read: `decimals`, the most any was written with; `exact`,
  /// false when one was written with an exponent.
  static func histogram(
    _ values: [Double], name: String, bins requested: Int?, decimals: Int, exact: Bool,
    skipped: Int
  ) -> Histogram {
    var decimals = decimals, exact = exact
    guard !values.isEmpty else {
      return Histogram(column: name, bins: [], count: 0, minimum: 0, maximum: 0, mean: 0, skipped: skipped)
    }
    // One pass: the least and greatest (the first of each, as `min()` and `max()` give them),
    // the sum in order (as `reduce` adds), and whether every value is whole (a value is whole
    // exactly when cutting off its fraction leaves it as it is).
    var lo = Double.infinity, hi = -Double.infinity, sum = CompensatedSum(), integral = true
    for v in values {
      if v < lo { lo = v }
      if v > hi { hi = v }
      sum.add(v)
      integral = integral && v == v.rounded(.towardZero)
    }
    if !exact || decimals > 9 { decimals = min(decimals, 9); exact = false }
    let sturges = Int((log2(Double(values.count))).rounded(.up)) + 1
    let target = requested ?? min(max(sturges, 5), 20)
    // `1e308 - -1e308` overflows: then each end is divided first (the usual case keeps its
    // exact quotient, which decides between nice widths).
    let range = hi - lo
    var width = niceWidth(range.isFinite ? range / Double(target) : hi / Double(target) - lo / Double(target))
    if integral { width = max(1, width.rounded(.up)) }
    if hi == lo { width = integral ? 1 : max(abs(lo) * 0.1, 1) }
    let scale = pow10(decimals)
    // Whole units of the data's precision; a width finer than the data is one unit.
    var unitWidth = max(1, (width * scale).rounded())
    if exact && abs(unitWidth - width * scale) > 1e-9 * unitWidth { unitWidth = niceWidth(unitWidth).rounded(.up) }
    let plainMean = sum.value / Double(values.count)
    // A sum past Double's range (1e308 + 1e308): the mean of the values scaled down instead.
    let mean = plainMean.isFinite ? plainMean : AggregateStage.mean(values)
    guard exact, abs(hi * scale) < 9e15, abs(lo * scale) < 9e15 else {
      return floatHistogram(
        values, name: name, lo: lo, hi: hi, width: width, mean: mean, skipped: skipped, decimals: decimals)
    }
    let w = Int(unitWidth)
    let loU = Int((lo * scale).rounded()), hiU = Int((hi * scale).rounded())
    let startU = Int((Double(loU) / Double(w)).rounded(.down)) * w
    var count = (hiU - startU) / w + 1
    var lastClosed = false
    if !integral && count > 1 && (hiU - startU) % w == 0 { count -= 1; lastClosed = true }
    var counts = [Int](repeating: 0, count: count)
    counts.withUnsafeMutableBufferPointer { counts in
      if integral && scale == 1 {
        for v in values { counts[min(count - 1, (Int(v) - startU) / w)] += 1 }
      } else {
        for v in values {
          // The nearest unit, halves away from zero (`rounded()`), without a library call: the
          // machine's nearest-even rounding agrees except at exact halves.
          let x = v * scale
          var r = x.rounded(.toNearestOrEven)
          if abs(x - r) == 0.5 { r = x.rounded() }
          counts[min(count - 1, (Int(r) - startU) / w)] += 1
        }
      }
    }
    let bins = (0..<count).map { i in
      Histogram.Bin(
        lower: Double(startU + i * w) / scale, upper: Double(startU + (i + 1) * w) / scale, count: counts[i])
    }
    return Histogram(
      column: name, bins: bins, count: values.count, minimum: lo, maximum: hi, mean: mean, skipped: skipped,
      decimals: decimals, lastClosed: lastClosed)
  }

  private static func floatHistogram(
    _ values: [Double], name: String, lo: Double, hi: Double, width: Double, mean: Double,
    skipped: Int, decimals: Int
  ) -> Histogram {
    // At the edge of Double (±1e308) a nice edge below the least value may not exist: start
    // at the value itself; an upper edge past the greatest Double is that Double.
    var start = (lo / width).rounded(.down) * width
    if !start.isFinite { start = lo }
    func steps(_ v: Double) -> Double {
      let gap = v - start
      return gap.isFinite ? gap / width : v / width - start / width
    }
    func edge(_ k: Int) -> Double {
      let e = start + Double(k) * width
      return e.isFinite ? e : (e > 0 ? Double.greatestFiniteMagnitude : -Double.greatestFiniteMagnitude)
    }
    // A count past any screen cannot come from a nice width; the check keeps `Int(_:)` from trapping.
    var count = max(1, Int(min(steps(hi).rounded(.down), 1e6)) + 1)
    // Bins that would start at the greatest Double are empty copies of it: the last real bin
    // is closed instead, and holds the maximum.
    while count > 1, edge(count - 1) == Double.greatestFiniteMagnitude { count -= 1 }
    var bins = (0..<count).map { Histogram.Bin(lower: edge($0), upper: edge($0 + 1), count: 0) }
    for v in values {
      let k = steps(v).rounded(.down)
      var i = k.isNaN ? 0 : Int(min(Double(count - 1), max(0, k)))
      while i > 0 && v < bins[i].lower { i -= 1 }
      while i < count - 1 && v >= bins[i].upper { i += 1 }
      bins[i].count += 1
    }
    // A maximum on the last upper edge is counted in the last bin: that bin is closed `[a, b]`.
    return Histogram(
      column: name, bins: bins, count: values.count, minimum: lo, maximum: hi, mean: mean, skipped: skipped,
      decimals: decimals, lastClosed: hi >= bins[count - 1].upper)
  }

  /// The largest number of decimals written in a column's numbers (at most 6), for showing
  /// figures computed from them at the data's own precision.
  static func precision(_ relation: Relation, column: Int) -> Int {
    var decimals = 0
    let reader = relation.reader(column)
    let mark: UInt8 = {
      if case .number(let p) = reader.format { return p.decimalMark }; return 46
    }()
    relation.forEachValue(column: column) { _, p, n in
      if n > 0, let d = WrittenDecimals.written(p, n, mark: mark) { decimals = max(decimals, d) }
    }
    return min(decimals, 6)
  }

  /// A bin width of 1, 2, 2.5 or 5 × 10^k close to `raw`.
  static func niceWidth(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let magnitude = pow10(Int(log10(raw).rounded(.down)))
    // Below 1e-308 the power of ten is subnormal or nothing at all: the width is the raw one.
    guard magnitude.isNormal else { return raw }
    for step in [1.0, 2, 2.5, 5, 10] where raw <= step * magnitude { return step * magnitude }
    return 10 * magnitude
  }

  static func pow10(_ k: Int) -> Double {
    // Past 10^22 a product of tens is no longer exact (10^307 came out a little off, and a bin
    // edge at -1e308 with it): the nearest Double to the power itself.
    if abs(k) > 22, let exact = Double("1e\(k)") { return exact }
    var r = 1.0
    for _ in 0..<abs(k) { r *= 10 }
    return k < 0 ? 1 / r : r
  }
}
