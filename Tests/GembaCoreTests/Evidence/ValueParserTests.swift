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

  @Test(arguments: [("0.46666666666666673", 0.46666666666666673), ("12345678901234567890", 12345678901234567890.0),
    ("1e-30", 1e-30), ("-2.5E+3", -2500), (".5", 0.5), ("7.", 7)])
  func reads(_ text: String, _ value: Double) {
    var copy = text
    #expect(copy.withUTF8 { ValueParser.decimal($0.baseAddress!, $0.count) } == value)
  }
}
