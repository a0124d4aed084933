#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The time written into cells: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds' convention), otherwise now, as ISO-8601 UTC to the second.
enum Clock {
  static func now(environment: [String: String]) -> String {
    var seconds = time(nil)
    if let fixed = environment["SOURCE_DATE_EPOCH"], let value = Int(fixed) {
      seconds = time_t(value)
    }
    var parts = tm()
    gmtime_r(&seconds, &parts)
    func pad(_ n: Int32, _ width: Int = 2) -> String {
      let s = String(n)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
      + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
  }
}
