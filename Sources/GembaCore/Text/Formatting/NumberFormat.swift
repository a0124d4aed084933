/// Locale-free number formatting: `1,204`, `58.3`, `-0.25`. Same output on every machine.
public enum NumberFormat {
  /// An integer with thousands separators: `1204` → `1,204`.
  public static func integer(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return n < 0 ? "-" + out : out
  }

  /// A number rounded half away from zero to `places` decimals, with thousands separators unless
  /// `grouped` is false (a value meant to be read back by a program: `1234.5`).
  public static func decimal(_ x: Double, places: Int, grouped: Bool = true) -> String {
    guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "-∞") }
    // 10^19 and more is past Int (`Int(scale)` below would trap): such places only a subnormal
    // asks for, and its shortest text says it best.
    let places = max(0, places)
    guard places <= 18 else { return String(x) }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = (abs(x) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e18 else { return String(x) }
    let units = Int(scaled)
    let whole = units / Int(scale)
    let fraction = units % Int(scale)
    var text = grouped ? integer(whole) : String(whole)
    if places > 0 {
      var f = String(fraction)
      while f.count < places { f = "0" + f }
      text += "." + f
    }
    return (x < 0 && units != 0 ? "-" : "") + text
  }

  /// A value as short as it can be written exactly to `maxPlaces` decimals: `12`, `12.5`, `0.125`.
  public static func compact(_ x: Double, maxPlaces: Int = 4) -> String {
    if x == x.rounded() && abs(x) < 9e15 { return integer(Int(x)) }
    var text = decimal(x, places: maxPlaces)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// A share as a percentage with one decimal: 0.583 → `58.3 %`.
  public static func percent(_ share: Double, places: Int = 1) -> String {
    decimal(share * 100, places: places) + " %"
  }
}
