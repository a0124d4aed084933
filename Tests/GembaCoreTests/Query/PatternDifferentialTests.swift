import Foundation
import Testing

@testable import GembaCore

/// The fast path for "does this line match" (required literals found with SIMD, then a VM without
/// captures) against the Pike VM with captures, and against Python's `re`, on thousands of
/// generated patterns and lines: no difference in what matches (issue 26).
@Suite struct PatternDifferentialTests {
  /// A small seeded generator (SplitMix64), so a failure names its seed and replays.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
  }

  /// Syntax gemba and Python read alike: literals (some whole words, so that the prefilter has
  /// literals to find), classes, `.`, `\d \w`, groups, alternation, greedy and lazy repetition,
  /// anchors.
  static func pattern(_ g: inout Generator, depth: Int = 0) -> String {
    var branches: [String] = []
    for _ in 0...g.below(depth == 0 ? 3 : 2) {
      var concat = ""
      for _ in 0...g.below(3) {
        var atom: String
        switch g.below(depth < 2 ? 10 : 8) {
        case 0, 1, 2: atom = g.pick(["a", "b", "c", "x", "0", "1", "-", "="])
        case 3: atom = g.pick(["req=", "0000", "timeout", "ab", "abc", "x0"])
        case 4: atom = g.pick([".", "[ab]", "[^a]", "[a-c]", "[0-9a-f]"])
        case 5: atom = g.pick(["\\d", "\\w", "\\.", "\\-"])
        case 6, 7: atom = g.pick(["a", "b", "0"])
        case 8: atom = "(" + pattern(&g, depth: depth + 1) + ")"
        default: atom = "(?:" + pattern(&g, depth: depth + 1) + ")"
        }
        atom += g.pick(["", "", "", "", "*", "+", "?", "{1,3}", "{2}", "*?", "+?", "{0,2}"])
        concat += atom
      }
      branches.append(concat)
    }
    var whole = branches.joined(separator: "|")
    if depth == 0 {
      if g.below(8) == 0 { whole = "^(?:" + whole + ")" }
      if g.below(8) == 0 { whole = "(?:" + whole + ")$" }
    }
    return whole
  }

  static func line(_ g: inout Generator) -> String {
    var line = ""
    for _ in 0..<g.below(40) {
      line +=
        g.below(6) == 0
        ? g.pick(["req=", "0000", "timeout", "abc"]) : g.pick(["a", "b", "c", "x", "0", "1", "-", "=", " ", "f"])
    }
    return line
  }

  static func fast(_ regex: PikeRegex, _ line: String) -> (matches: Bool, isMatch: Bool, reference: Bool) {
    var copy = line
    return copy.withUTF8 { b in
      let p = b.baseAddress ?? EmptyBytes.pointer
      return (regex.matches(p, b.count), regex.isMatch(p, b.count), regex.firstMatch(p, b.count) != nil)
    }
  }

  static let seed: UInt64 = ProcessInfo.processInfo.environment["GEMBA_TEST_SEED"].flatMap(UInt64.init) ?? 2026_12_08

  static func cases() -> (patterns: [String], lines: [String]) {
    var g = Generator(state: seed)
    let patterns = (0..<600).map { _ in pattern(&g) }
    let lines = (0..<80).map { _ in line(&g) }
    return (patterns, lines)
  }

  @Test func theFastPathAgreesWithThePikeVM() throws {
    let (patterns, lines) = Self.cases()
    var differences: [String] = []
    var prefiltered = 0
    for pattern in patterns {
      let regex = try PikeRegex(pattern)
      if regex.prefilter != nil { prefiltered += 1 }
      for line in lines {
        let r = Self.fast(regex, line)
        if r.matches != r.reference || r.isMatch != r.reference {
          differences.append(
            "`\(pattern)` on \"\(line)\": fast \(r.matches), no captures \(r.isMatch), Pike VM \(r.reference)")
        }
      }
      // The whole-file search jumps between lines holding a required literal.
      let text = lines.joined(separator: "\n") + "\n"
      let expected = lines.filter { Self.fast(regex, $0).reference }.count
      let counted = try EvidenceGrep(pattern: pattern).countMatchingLines(in: ByteSource(text: text), parallel: false)
      if counted != expected {
        differences.append("`\(pattern)`: grep counted \(counted) lines, the Pike VM \(expected)")
      }
    }
    #expect(differences.isEmpty, "seed \(Self.seed): \(differences.prefix(10))")
    // The prefilter is exercised, not bypassed: most generated patterns have a literal to find.
    #expect(prefiltered > patterns.count / 5, "only \(prefiltered) of \(patterns.count) patterns had required literals")
  }

  @Test(.enabled(if: SciPy.available, "needs python3 (with numpy and scipy, for the shared oracle helper)"))
  func theFastPathAgreesWithPythonsRe() throws {
    // Python's `re` backtracks: a repeated group (`(a*)*b`) or many repetitions in a row can take
    // exponential or high polynomial time on a 40-byte line. Those patterns are compared with the
    // Pike VM above; here only the ones Python answers quickly.
    let patterns = Self.cases().patterns.filter(Self.backtracksQuickly)
    let lines = Self.cases().lines
    #expect(patterns.count > 150)
    let out = try SciPy.run(
      """
      import re
      out = {'m': [[1 if re.search(p, l) else 0 for l in data['lines']] for p in data['patterns']]}
      """, input: ["patterns": patterns, "lines": lines])
    let table = try #require(out["m"] as? [[Any]])
    var differences: [String] = []
    for (i, pattern) in patterns.enumerated() {
      let regex = try PikeRegex(pattern)
      for (j, line) in lines.enumerated() {
        let python = ((table[i][j] as? NSNumber)?.doubleValue ?? -1) == 1
        if Self.fast(regex, line).matches != python {
          differences.append("`\(pattern)` on \"\(line)\": gemba \(!python), Python re \(python)")
        }
      }
    }
    #expect(differences.isEmpty, "seed \(Self.seed): \(differences.prefix(10))")
  }

  /// No repeated group, and at most three repetitions in all.
  static func backtracksQuickly(_ pattern: String) -> Bool {
    let chars = Array(pattern)
    var repetitions = 0
    for (i, c) in chars.enumerated() where "*+?{".contains(c) {
      if c == "?" && i > 0 && chars[i - 1] == "(" { continue }  // `(?:`, not a repetition
      if i > 0 && chars[i - 1] == ")" { return false }
      if c != "?" || (i > 0 && !"*+?}".contains(chars[i - 1])) { repetitions += 1 }
    }
    return repetitions <= 3
  }

  @Test func requiredLiteralsAreWhatEveryMatchHolds() throws {
    func required(_ pattern: String) throws -> [String] {
      try PikeRegex(pattern).prefilter.map { $0.searches.map { String(decoding: $0.needle, as: UTF8.self) } } ?? []
    }
    #expect(try required("(timeout|refused|denied)") == ["denied", "refused", "timeout"])
    #expect(try required("req=[0-9a-f]{4}0000") == ["0000"] || required("req=[0-9a-f]{4}0000") == ["req="])
    #expect(
      try required("(Googlebot|bingbot|Baiduspider|YandexBot)") == ["Baiduspider", "Googlebot", "YandexBot", "bingbot"])
    #expect(try required("[Bb]ot") == ["Bot", "bot"])
    #expect(try required(".*") == [])
    #expect(try required("a?b?") == [])
    #expect(try required("(foo|.*)") == [])
    #expect(try PikeRegex("timeout", ignoreCase: true).prefilter == nil)
  }
}
