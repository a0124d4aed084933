/// A date-time layout in strftime notation (`%m/%d/%Y %I:%M:%S %p`), compiled to read bytes.
///
/// Numeric fields take one or two digits (`1/5/2026` and `01/05/2026` both read), a space in the
/// layout matches one or more spaces (syslog pads `Jun  4`), `%S` also takes a trailing `.123`
/// fraction, and a value may stop before its time (`12/31/2017` in a date-time column is midnight).
/// Times without a zone are read as UTC; a layout without a year reads in `defaultYear`.
public struct DatePattern: Hashable, Sendable, CustomStringConvertible {
  enum Field: Hashable, Sendable {
    case year4, year2, month, monthName, day, hour24, hour12, minute, second, fraction, ampm, weekdayName, zone
    case literal(UInt8)
    case spaces
  }

  /// The layout as given (strftime notation).
  public let layout: String
  let fields: [Field]
  /// The index of the first field of the time part; the value may end just before it.
  let timeStart: Int?
  let hasYear: Bool

  /// The year for layouts without one (syslog): 2000, a leap year, so `Feb 29` reads.
  public static let defaultYear = 2000

  public var description: String { layout }

  /// Compiles `layout`; nil with the reason when it uses a directive gemba does not read.
  public init(_ layout: String) throws(LayoutError) {
    self.layout = layout
    var fields: [Field] = []
    var bytes = Array(layout.utf8)[...]
    while let c = bytes.popFirst() {
      if c == 32 { if fields.last != .spaces { fields.append(.spaces) }; continue }
      guard c == 37 else { fields.append(.literal(c)); continue }
      guard let d = bytes.popFirst() else { throw LayoutError(layout: layout, reason: "it ends with a lone `%`") }
      switch d {
      case UInt8(ascii: "Y"): fields.append(.year4)
      case UInt8(ascii: "y"): fields.append(.year2)
      case UInt8(ascii: "m"): fields.append(.month)
      case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "h"): fields.append(.monthName)
      case UInt8(ascii: "d"), UInt8(ascii: "e"): fields.append(.day)
      case UInt8(ascii: "H"), UInt8(ascii: "k"): fields.append(.hour24)
      case UInt8(ascii: "I"), UInt8(ascii: "l"): fields.append(.hour12)
      case UInt8(ascii: "M"): fields.append(.minute)
      case UInt8(ascii: "S"): fields.append(.second)
      case UInt8(ascii: "f"): fields.append(.fraction)
      case UInt8(ascii: "p"), UInt8(ascii: "P"): fields.append(.ampm)
      case UInt8(ascii: "a"), UInt8(ascii: "A"): fields.append(.weekdayName)
      case UInt8(ascii: "z"), UInt8(ascii: "Z"): fields.append(.zone)
      case UInt8(ascii: "T"): fields += [.hour24, .literal(58), .minute, .literal(58), .second]
      case UInt8(ascii: "F"): fields += [.year4, .literal(45), .month, .literal(45), .day]
      case UInt8(ascii: "D"): fields += [.month, .literal(47), .day, .literal(47), .year2]
      case UInt8(ascii: "%"): fields.append(.literal(37))
      default:
        throw LayoutError(layout: layout, reason: "`%\(Character(Unicode.Scalar(d)))` is not a directive gemba reads")
      }
    }
    let hasDate = fields.contains(.day) && (fields.contains(.month) || fields.contains(.monthName))
    guard hasDate else {
      throw LayoutError(layout: layout, reason: "it needs a day (%d) and a month (%m or %b)")
    }
    self.fields = fields
    self.hasYear = fields.contains(.year4) || fields.contains(.year2)
    let firstTime = fields.firstIndex { $0 == .hour24 || $0 == .hour12 }
    if let firstTime, firstTime > 0, fields[firstTime - 1] == .spaces || fields[firstTime - 1] == .literal(84) {
      timeStart = firstTime - 1
    } else {
      timeStart = nil
    }
  }

  /// Seconds since 1970-01-01T00:00:00Z, or nil when the value does not follow the layout.
  func parse(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
    var i = 0
    var year = Self.defaultYear, month = 0, day = 0, hour = 0, minute = 0, second = 0
    var fraction = 0.0, pm: Bool? = nil, offset = 0
    @inline(__always) func digits(_ most: Int) -> Int? {
      var v = 0, k = 0
      while k < most, i < n, p[i] &- 48 < 10 { v = v * 10 + Int(p[i] &- 48); i += 1; k += 1 }
      return k > 0 ? v : nil
    }
    // A month or weekday name has at most 9 letters ("September"): a longer run is no date, found
    // without reading a 50 MB field of letters to its end (for each candidate pattern).
    @inline(__always) func letters() -> Int {
      let s = i
      while i < n, i - s < 10, (p[i] | 0x20) &- 97 < 26 { i += 1 }
      return i - s
    }
    for (index, field) in fields.enumerated() {
      if i == n, index == timeStart { break }
      switch field {
      case .year4:
        let s = i
        guard let y = digits(4), i - s == 4 else { return nil }
        year = y
      case .year2:
        let s = i
        guard let y = digits(2), i - s == 2 else { return nil }
        year = y < 69 ? 2000 + y : 1900 + y
      case .month: guard let m = digits(2) else { return nil }; month = m
      case .day:
        if i < n && p[i] == 32 { i += 1 }
        guard let d = digits(2) else { return nil }
        day = d
      case .hour24, .hour12: guard let h = digits(2) else { return nil }; hour = h
      case .minute: guard let m = digits(2) else { return nil }; minute = m
      case .second:
        guard let s = digits(2) else { return nil }
        second = s
        let nextIsDot = index + 1 < fields.count && fields[index + 1] == .literal(46)
        if !nextIsDot, i + 1 < n, p[i] == 46, p[i + 1] &- 48 < 10 { i += 1; fraction = readFraction(p, n, &i) }
      case .fraction:
        guard i < n, p[i] &- 48 < 10 else { return nil }
        fraction = readFraction(p, n, &i)
      case .ampm:
        guard i + 1 < n, (p[i + 1] | 0x20) == 109 else { return nil }
        switch p[i] | 0x20 {
        case 97: pm = false
        case 112: pm = true
        default: return nil
        }
        i += 2
      case .monthName:
        let s = i
        let k = letters()
        guard (3...9).contains(k), let m = ValueParser.monthNumber(p[s], p[s + 1], p[s + 2]) else { return nil }
        month = m
      case .weekdayName:
        guard (3...9).contains(letters()) else { return nil }
      case .zone:
        if i < n && p[i] == 90 { i += 1; break }
        guard i < n, p[i] == 43 || p[i] == 45 else { return nil }
        let sign = p[i] == 45 ? -1 : 1
        i += 1
        guard let hh = digits(2) else { return nil }
        if i < n && p[i] == 58 { i += 1 }
        let mm = digits(2) ?? 0
        offset = sign * (hh * 3600 + mm * 60)
      case .literal(let b):
        guard i < n, p[i] == b else { return nil }
        i += 1
      case .spaces:
        guard i < n, p[i] == 32 else { return nil }
        i += 1
        while i < n && p[i] == 32 { i += 1 }
      }
    }
    guard i == n else { return nil }
    if let pm {
      guard hour >= 1 && hour <= 12 else { return nil }
      hour = hour % 12 + (pm ? 12 : 0)
    }
    guard month >= 1, month <= 12, day >= 1, day <= ValueParser.daysIn(month, year),
      hour < 24, minute < 60, second <= 60
    else { return nil }
    let days = ValueParser.daysFromCivil(year, month, day)
    return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
  }

  private func readFraction(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: inout Int) -> Double {
    var scale = 0.1, v = 0.0
    while i < n, p[i] &- 48 < 10 { v += Double(p[i] &- 48) * scale; scale /= 10; i += 1 }
    return v
  }

  func parse(_ s: String) -> Double? {
    var copy = s
    return copy.withUTF8 { b in b.baseAddress.flatMap { parse($0, b.count) } }
  }
}
