/// A date typed in a query (`where "Inspection Date" >= 2020-2-1`): ISO year-month-day with one
/// or two digits for the month and the day, as pandas reads `2020-2-1`, optionally followed by a
/// time. A value shaped like a date but not one (`2020-02-30`, `2020-13-01`) is told apart from
/// text that is no date at all, so a query can refuse it by name instead of comparing it as text.
enum DateLiteral {
  enum Reading: Equatable {
    case instant(Double)
    /// Written as a date, but no such day or time: the reason (`February 2020 has 29 days`).
    case impossible(String)
    case notADate
  }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
  ]

  static func read(_ text: String) -> Reading {
    let chars = Array(text.utf8)
    var i = 0
    func digits(_ most: Int) -> Int? {
      var v = 0, k = 0
      while k < most, i < chars.count, chars[i] &- 48 < 10 { v = v * 10 + Int(chars[i] &- 48); i += 1; k += 1 }
      return k > 0 ? v : nil
    }
    let yearStart = i
    guard let year = digits(4), i - yearStart == 4, i < chars.count, chars[i] == 45 || chars[i] == 47 else {
      return .notADate
    }
    let separator = chars[i]
    i += 1
    guard let month = digits(2), i < chars.count, chars[i] == separator else { return .notADate }
    i += 1
    guard let day = digits(2) else { return .notADate }
    let dateEnd = i
    // Anything after the day must be a time (`T10:04`, ` 10:04:11Z`).
    guard i == chars.count || chars[i] == 84 || chars[i] == 32 else { return .notADate }
    guard month >= 1, month <= 12 else { return .impossible("there is no month \(month)") }
    let days = ValueParser.daysIn(month, year)
    guard day >= 1, day <= days else {
      return .impossible("\(monthNames[month - 1]) \(year) has \(days) days")
    }
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let iso = "\(year)-\(two(month))-\(two(day))" + String(decoding: chars[dateEnd...], as: UTF8.self)
    if let t = ValueParser.dateTime(iso) { return .instant(t) }
    return .impossible("`\(String(decoding: chars[(dateEnd + 1)...], as: UTF8.self))` is not a time of day")
  }
}
