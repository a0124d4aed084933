import Foundation

/// Numbers shown to the precision they carry: the one place that decides how many digits a
/// statistic (a share, a limit, a centre line, σ, an interval end, a bin edge) is printed with.
///
/// Fixed places hide small magnitudes (a share of 4e-5 printed as `0.0 %`, limits of 0.0210 and
/// 0.0246 both printed as `0.02`); these functions show at least three significant digits, more
/// when the values compared side by side would otherwise print alike.
extension NumberFormat {
  /// Below this magnitude (or at and above `scientificAbove`) a value is written `6.00e-05`.
  static let scientificBelow = 1e-4
  static let scientificAbove = 1e15

  /// Places after the decimal point that give `x` at least `digits` significant digits
  /// (0 for values whose integer part already carries them: 15,501 stays 15,501).
  public static func places(forSignificant digits: Int, of x: Double) -> Int {
    guard x.isFinite, x != 0 else { return max(0, digits - 1) }
    let magnitude = Int(floor(log10(abs(x))))
    return max(0, digits - 1 - magnitude)
  }

  /// `x` with at least `digits` significant digits: `0.0210`, `3.20`, `15,501`, `6.00e-05`.
  public static func significant(_ x: Double, digits: Int = 3, grouped: Bool = true) -> String {
    guard x.isFinite else { return decimal(x, places: 0) }
    if x != 0 && (abs(x) < scientificBelow || abs(x) >= scientificAbove) {
      return scientific(x, digits: digits)
    }
    var places = places(forSignificant: digits, of: x)
    // 0.009996 rounds up to 0.0100: the carry adds a digit, so one place fewer keeps `digits`.
    if places > 0, let rounded = Double(decimal(x, places: places, grouped: false)),
      rounded != 0, floor(log10(abs(rounded))) > floor(log10(abs(x)))
    {
      places -= 1
    }
    return decimal(x, places: places, grouped: grouped)
  }

  /// `x` as `m.mme±kk` with `digits` significant digits in the mantissa, the exponent written as C's
  /// printf and Python write it: `6.00e-05`, `1.23e+16`.
  public static func scientific(_ x: Double, digits: Int = 3) -> String {
    guard x.isFinite, x != 0 else { return decimal(x, places: max(0, digits - 1)) }
    var exponent = Int(floor(log10(abs(x))))
    // 10^-324 is 0 in a Double: a subnormal is scaled up first, in two exact-enough steps.
    var mantissa = exponent < -300 ? x * 1e300 / pow(10, Double(exponent + 300)) : x / pow(10, Double(exponent))
    let places = max(0, digits - 1)
    // 9.996e-5 rounds to 10.0: move the carry into the exponent.
    if abs(Double(decimal(abs(mantissa), places: places, grouped: false)) ?? 0) >= 10 {
      exponent += 1
      mantissa /= 10
    }
    let sign = exponent < 0 ? "-" : "+"
    let power = String(abs(exponent))
    return decimal(mantissa, places: places, grouped: false) + "e" + sign + (power.count < 2 ? "0" : "") + power
  }

  /// The places after the point at which every value in `values` shows at least `minDigits`
  /// significant digits and values that differ print differently (up to `maxPlaces`). Used for
  /// figures read together: a chart's centre and limits, an interval's two ends, a row of bin edges.
  public static func places(distinguishing values: [Double], minDigits: Int = 3, maxPlaces: Int = 12) -> Int {
    let finite = values.filter { $0.isFinite }
    let nonzero = finite.filter { $0 != 0 }
    // The smallest magnitude decides: a limit of 0.0174 beside a centre of 0.021 needs 4 places.
    var places = nonzero.map { self.places(forSignificant: minDigits, of: $0) }.max() ?? max(0, minDigits - 1)
    places = min(places, maxPlaces)
    while places < maxPlaces {
      var seen: [String: Double] = [:]
      var clash = false
      for v in finite {
        let text = decimal(v, places: places, grouped: false)
        if let other = seen[text], other != v {
          clash = true
          break
        }
        seen[text] = v
      }
      if !clash { break }
      places += 1
    }
    return places
  }

  /// Each of `values` at the shared places that tell them apart (see `places(distinguishing:)`);
  /// values too small or too large for fixed places are written in scientific form instead.
  public static func distinguished(_ values: [Double], minDigits: Int = 3, grouped: Bool = true) -> [String] {
    let finite = values.filter { $0.isFinite && $0 != 0 }
    let tiny = finite.contains { abs($0) < scientificBelow }
    let huge = finite.contains { abs($0) >= scientificAbove }
    if tiny || huge {
      let digits = scientificDigits(distinguishing: values, minDigits: minDigits)
      return values.map { $0 == 0 ? "0" : scientific($0, digits: digits) }
    }
    let places = places(distinguishing: values, minDigits: minDigits)
    return values.map { decimal($0, places: places, grouped: grouped) }
  }

  /// A share as a percentage with at least three significant digits (`58.3 %`, `0.0400 %`), or in
  /// parts per million when it is under 0.1 % and not zero (`40.0 ppm`), which reads better there.
  public static func share(_ p: Double, digits: Int = 3) -> String {
    guard p.isFinite else { return decimal(p, places: 0) }
    if p != 0 && abs(p) < 0.001 { return significant(p * 1e6, digits: digits) + " ppm" }
    let percent = p * 100
    // A share is never shown with fewer than one place: 58.3 %, 100.0 %, 0.0 %.
    let places = max(1, percent == 0 ? 1 : places(forSignificant: digits, of: percent))
    return decimal(percent, places: places) + " %"
  }

  private static func scientificDigits(distinguishing values: [Double], minDigits: Int) -> Int {
    var digits = minDigits
    let finite = values.filter { $0.isFinite }
    while digits < 17 {
      let texts = finite.map { $0 == 0 ? "0" : scientific($0, digits: digits) }
      var seen: [String: Double] = [:]
      var clash = false
      for (text, v) in zip(texts, finite) {
        if let other = seen[text], other != v { clash = true }
        seen[text] = v
      }
      if !clash { return digits }
      digits += 1
    }
    return digits
  }

  /// A computed number (a `derive`d value, an aggregate) as pandas and spreadsheets show it: the
  /// value rounded to 15 significant digits, in the shortest text that reads back as that rounding
  /// (`0.1 + 0.2` → `0.3`, not `0.30000000000000004`; `8.1e-10`); whole numbers without `.0`.
  /// The 16th and 17th digits of a Double are the arithmetic's noise, never the data's.
  public static func computed(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    var text = "\(x)"
    // Swift's description is already the shortest round trip: only 16 or 17 digits need rounding.
    if text.utf8.lazy.filter({ $0 >= 48 && $0 <= 57 }).count > 15,
      let rounded = Double(String(format: "%.15g", x)), rounded.isFinite
    {
      if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
      text = "\(rounded)"
    }
    return text
  }
}
