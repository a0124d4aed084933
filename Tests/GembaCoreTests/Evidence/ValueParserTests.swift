import Testing
@testable import GembaCore

@Suite struct ValueParserTests {
  /// Every Double's shortest text (what derive writes, what Python's repr writes) reads back as
  /// that same Double: 17 significant digits must not go through the inexact fast path.
  @Test func shortestTextReadsBackExactly() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
    var mismatches: [String] = []
    for i in 0..<20_000 {
      // Ordinary magnitudes (ratios of measurements) and the full range of bit patterns.
      let x = i % 2 == 0 ? Double(next() % 1_000_000) / Double(next() % 997 + 1) : Double(bitPattern: next() >> 2)
      guard x.isFinite else { continue }
      let text = x.description
      var copy = text
      let read = copy.withUTF8 { ValueParser.decimal($0.baseAddress!, $0.count) }
      if read != x && mismatches.count < 5 { mismatches.append("\(text) read as \(read.map { "\($0)" } ?? "nil")") }
    }
    #expect(mismatches.isEmpty)
  }

  @Test(arguments: [
    ("0.46666666666666673", 0.46666666666666673), ("12345678901234567890", 12345678901234567890.0),
    ("1e-30", 1e-30), ("-2.5E+3", -2500), (".5", 0.5), ("7.", 7),
  ])
  func reads(_ text: String, _ value: Double) {
    var copy = text
    #expect(copy.withUTF8 { ValueParser.decimal($0.baseAddress!, $0.count) } == value)
  }

  /// Log times with a fraction take a fast path; it must read the same Double as the general
  /// way (forced here by an explicit `+00:00` offset, which only the general way reads).
  @Test func fractionalSecondsReadTheSameOnBothPaths() {
    func read(_ text: String) -> Double? {
      var copy = text
      return copy.withUTF8 { ValueParser.dateTime($0.baseAddress!, $0.count) }
    }
    var mismatches: [String] = []
    for i in 0..<2_000 {
      let fraction = String(i * 7919 % 1_000_000_000).padding(toLength: 1 + i % 9, withPad: "0", startingAt: 0)
      let base = "2026-03-\(10 + i % 18)T\(10 + i % 14):\(10 + i % 50):\(10 + i % 49).\(fraction)"
      let fast = read(base + "Z"), general = read(base + "+00:00")
      if fast == nil || fast != general || read(base) != general { mismatches.append(base) }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    #expect(read("2026-03-01T00:00:00.5Z") == 1_772_323_200.5)
  }

  /// apt's history log writes two spaces between date and time; Python's datetime (UTC) gives
  /// 2024-01-02 10:00:01 as 1704189601 seconds after the epoch.
  @Test func spacesBetweenDateAndTimeRead() {
    for text in ["2024-01-02 10:00:01", "2024-01-02  10:00:01", "2024-01-02   10:00:01"] {
      var copy = text
      #expect(copy.withUTF8 { ValueParser.dateTime($0.baseAddress!, $0.count) } == 1_704_189_601, "\(text)")
    }
  }
}
