import GembaCore

/// Dates as whole day numbers (the Julian Day Number of the UTC date), computed when a
/// notebook is indexed, so the questions compare and subtract integers on every engine.
enum Days {
  /// 2026-11-20 → 2461365.
  static func number(_ date: CalendarDate) -> Int {
    // Days from civil (H. Hinnant), shifted from 1970-01-01 to the Julian Day Number.
    let y = date.month <= 2 ? date.year - 1 : date.year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (date.month + 9) % 12
    let doy = (153 * mp + 2) / 5 + date.day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468 + 2_440_588
  }

  /// The day of an ISO-8601 time or date (`2026-11-20T10:04:11Z`, `2026-11-20`).
  static func number(_ time: String) -> Int? {
    CalendarDate(String(time.prefix(10))).map(number)
  }

  /// The date one cadence after `date`: 7 days, or the same day 1 or 3 months on (the month's
  /// last day when it has fewer days: 31 January + 1 month = 28 or 29 February).
  static func adding(_ cadence: ReviewCadence, to date: CalendarDate) -> CalendarDate {
    switch cadence {
    case .weekly: return calendarDate(number(date) + 7)
    case .monthly: return addingMonths(1, to: date)
    case .quarterly: return addingMonths(3, to: date)
    }
  }

  static func addingMonths(_ months: Int, to date: CalendarDate) -> CalendarDate {
    let total = date.year * 12 + (date.month - 1) + months
    let year = total / 12, month = total % 12 + 1
    var day = date.day
    while CalendarDate(CalendarDate(year: year, month: month, day: day).description) == nil { day -= 1 }
    return CalendarDate(year: year, month: month, day: day)
  }

  /// The calendar date of a day number.
  static func calendarDate(_ number: Int) -> CalendarDate {
    // Civil from days (H. Hinnant).
    let z = number - 2_440_588 + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return CalendarDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
  }
}
