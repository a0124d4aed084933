/// A calendar date, `YYYY-MM-DD`, validated (no 2026-02-30).
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
  public var year: Int, month: Int, day: Int

  /// The years an investigation's dates may fall in: anything else is a typing slip.
  public static let years = 1900...2999

  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy(\.isASCIIDigits), let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      CalendarDate.years.contains(y), (1...12).contains(m), d >= 1, d <= CalendarDate.days(inMonth: m, year: y)
    else { return nil }
    year = y
    month = m
    day = d
  }

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Why `text` is not a date (nil when it is one).
  public static func problem(with text: String) -> String? {
    guard CalendarDate(text) == nil else { return nil }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy(\.isASCIIDigits),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { return "`\(text)` is not a date: write YYYY-MM-DD, e.g. 2026-12-15" }
    if !years.contains(y) {
      return "`\(text)` is not a date gemba accepts: the year must be from \(years.lowerBound) to \(years.upperBound)"
    }
    if !(1...12).contains(m) { return "`\(text)` is not a date: there is no month \(m)" }
    return "`\(text)` is not a date: month \(m) of \(y) has \(days(inMonth: m, year: y)) days, not \(d)"
  }

  static func days(inMonth m: Int, year y: Int) -> Int {
    switch m {
    case 2: (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  public var description: String {
    func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
  }
  public static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let date = CalendarDate(text) else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
    }
    self = date
  }
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
