import GembaCore

/// Dates as whole day numbers (the Julian Day Number of the UTC date), computed when a
/// notebook is indexed, so the questions compare and subtract integers on every engine.
enum Days {
  /// 2026-11-20 → 2461365.
  static func number(_ date: CalendarDate) -> Int { date.dayNumber + julianDayOfTheEpoch }

  /// The Julian Day Number of 1970-01-01.
  static let julianDayOfTheEpoch = 2_440_588

  /// The day of an ISO-8601 time or date (`2026-11-20T10:04:11Z`, `2026-11-20`).
  static func number(_ time: String) -> Int? {
    CalendarDate(String(time.prefix(10))).map(number)
  }

  /// The date one cadence after `date` (the rule `check` uses for a missed review).
  static func adding(_ cadence: ReviewCadence, to date: CalendarDate) -> CalendarDate { date.nextReview(cadence) }
}
