/// Where a value falls on a line of text `width` columns wide that runs from `lo` to `hi` (the
/// dot of a control chart's point), without trapping at the edge of Double: `1e308` and
/// `-1e308` are 2e308 apart, which overflows to infinity, and `Int(inf)` or `Int(nan)` traps.
public enum PlotScale {
  /// The column of `x` (0 ..< width), the middle when `hi == lo`; a value outside is put at
  /// the nearer end, and a NaN or infinite one at an end rather than trapping.
  public static func column(_ x: Double, lo: Double, hi: Double, width: Int) -> Int {
    guard hi != lo, width > 1 else { return width / 2 }
    let span = hi - lo
    // Halving both ends keeps their distance finite (and is exact for all but subnormals).
    let f = span.isFinite ? (x - lo) / span : (x / 2 - lo / 2) / (hi / 2 - lo / 2)
    guard !f.isNaN else { return 0 }
    return Int(min(Double(width - 1), max(0, (f * Double(width - 1)).rounded())))
  }
}
