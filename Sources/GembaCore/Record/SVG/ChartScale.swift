/// A vertical value axis: maps values to SVG y (larger values higher) and picks round tick
/// values (1, 2, 2.5 or 5 × 10ⁿ), so gridlines land on numbers a reader can say aloud.
struct ChartScale: Sendable, Equatable {
  /// The values at the bottom and top of the plot.
  var low: Double
  var high: Double
  /// The SVG y of the plot's top and bottom edges.
  var top: Double
  var bottom: Double
  var ticks: [Double]

  /// An axis from `low` to `high` exactly (a Pareto's 0…total), ticks at round values inside it.
  init(exactly low: Double, _ high: Double, top: Double, bottom: Double, maxTicks: Int = 6) {
    let span = high > low ? high - low : 1
    let step = Self.niceStep(span / Double(max(maxTicks - 1, 1)))
    self.low = low
    self.high = low + span
    self.top = top
    self.bottom = bottom
    let first = (low / step).rounded(.up)
    ticks = (0...maxTicks * 2).map { (first + Double($0)) * step }.filter { $0 <= low + span + step * 1e-9 }
  }

  /// An axis covering `low…high`, widened outwards to round ticks; a flat range is opened up
  /// around its value so a chart of identical points still has a scale. With `room`, a value
  /// that lands on the first or last tick gets half a step more, so a limit line drawn there
  /// is not lost in the axis.
  init(covering low: Double, _ high: Double, top: Double, bottom: Double, maxTicks: Int = 6, room: Bool = false) {
    var (lo, hi) = (min(low, high), max(low, high))
    if hi - lo < 1e-12 {
      let pad = lo == 0 ? 1 : abs(lo) * 0.1
      (lo, hi) = (lo - pad, hi + pad)
    }
    let step = Self.niceStep((hi - lo) / Double(max(maxTicks - 1, 1)))
    let first = (lo / step).rounded(.down), last = (hi / step).rounded(.up)
    self.low = first * step - (room && lo - first * step < step * 0.1 ? step / 2 : 0)
    self.high = last * step + (room && last * step - hi < step * 0.1 ? step / 2 : 0)
    self.top = top
    self.bottom = bottom
    ticks = stride(from: first, through: last, by: 1).map { $0 * step }
  }

  func y(_ value: Double) -> Double {
    bottom - (value - low) / (high - low) * (bottom - top)
  }

  /// The smallest of 1, 2, 2.5, 5, 10 × 10ⁿ at least `raw`.
  static func niceStep(_ raw: Double) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    var power = 1.0
    while power * 10 <= raw { power *= 10 }
    while power > raw { power /= 10 }
    for m in [1.0, 2, 2.5, 5, 10] where m * power >= raw * (1 - 1e-9) { return m * power }
    return 10 * power
  }
}
