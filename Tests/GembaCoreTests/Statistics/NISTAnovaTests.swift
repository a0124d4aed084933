import Foundation
import Testing

@testable import GembaCore

/// NIST StRD's one-way ANOVA sets SmLs01–09 (Tests/Fixtures/nist-strd, public domain): F and the
/// residual standard deviation against the certified values, parsed from the files at test time.
@Suite struct NISTAnovaTests {
  /// One StRD file: its groups (as Doubles and as the text written), and its certified values.
  struct StRD {
    var name: String
    var groups: [[Double]]
    var texts: [[String]]
    /// The most decimals any response was written with.
    var decimals: Int
    var certifiedF: Double
    var certifiedResidualSD: Double
    var certifiedBetween: Double
    var certifiedWithin: Double

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/nist-strd")

    static func load(_ name: String) throws -> StRD {
      let text = try String(contentsOf: folder.appendingPathComponent(name + ".dat"), encoding: .utf8)
      let lines = text.split(whereSeparator: \.isNewline).map(String.init)
      func numbers(after prefix: String) -> [Double] {
        guard let line = lines.first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }) else {
          return []
        }
        return line.dropFirst(line.range(of: prefix)!.upperBound.utf16Offset(in: line)).split(separator: " ").compactMap
        { Double($0) }
      }
      let between = numbers(after: "Between Treatment")  // df, SS, MS, F
      let within = numbers(after: "Within Treatment")  // df, SS, MS
      let sd = numbers(after: "Standard Deviation")
      guard let start = lines.firstIndex(where: { $0.hasPrefix("Data:") && $0.contains("Response") }) else {
        throw Failure(description: "\(name): no data header")
      }
      var groups: [Int: [Double]] = [:], texts: [Int: [String]] = [:]
      var decimals = 0
      for line in lines[(start + 1)...] {
        let parts = line.split(separator: " ")
        guard parts.count == 2, let g = Int(parts[0]), let v = Double(parts[1]) else { continue }
        groups[g, default: []].append(v)
        texts[g, default: []].append(String(parts[1]))
        if let point = parts[1].firstIndex(of: ".") {
          decimals = max(decimals, parts[1].distance(from: point, to: parts[1].endIndex) - 1)
        }
      }
      let keys = groups.keys.sorted()
      return StRD(
        name: name, groups: keys.map { groups[$0]! }, texts: keys.map { texts[$0]! }, decimals: decimals,
        certifiedF: between[3], certifiedResidualSD: sd[0], certifiedBetween: between[1], certifiedWithin: within[1])
    }
  }

  struct Failure: Error, CustomStringConvertible { var description: String }

  static let sets = (1...9).map { "SmLs0\($0)" }

  /// Correct significant digits, as NIST's own accuracy reports count them: −log10 |x − c| / |c|.
  static func digits(_ x: Double, _ certified: Double) -> Double {
    x == certified ? 15 : -log10(abs(x - certified) / abs(certified))
  }

  @Test(arguments: sets) func certifiedFAndResidualSD(_ name: String) throws {
    let set = try StRD.load(name)
    #expect(set.groups.count == 9)
    let anova = try OneWayANOVA(set.groups, decimals: set.decimals)
    let fDigits = Self.digits(anova.f, set.certifiedF)
    let sdDigits = Self.digits(anova.residualStandardDeviation, set.certifiedResidualSD)
    print(
      "\(name): F \(anova.f) (certified \(set.certifiedF), \(String(format: "%.1f", fDigits)) digits), residual SD \(anova.residualStandardDeviation) (\(String(format: "%.1f", sdDigits)) digits)"
    )
    #expect(fDigits >= 6, "\(name): F \(anova.f), certified \(set.certifiedF)")
    #expect(
      sdDigits >= 6, "\(name): residual SD \(anova.residualStandardDeviation), certified \(set.certifiedResidualSD)")
    #expect(Self.digits(anova.betweenSquares, set.certifiedBetween) >= 6)
    #expect(Self.digits(anova.withinSquares, set.certifiedWithin) >= 6)
  }

  /// Each group's mean is the exact mean of the decimals written (summed as integers here), to
  /// the Double nearest it: SmLs09's first group averages exactly 1000000000000.4.
  @Test(arguments: sets) func groupMeansAreTheWrittenDecimals(_ name: String) throws {
    let set = try StRD.load(name)
    let anova = try OneWayANOVA(set.groups, decimals: set.decimals)
    for (g, texts) in set.texts.enumerated() {
      // Σ of the written numbers in units of 10^-d, exact in Int64 (at most 2,001 × 1e13).
      var steps: Int64 = 0
      for t in texts {
        let whole = t.replacingOccurrences(of: ".", with: "")
        let written = t.firstIndex(of: ".").map { t.distance(from: $0, to: t.endIndex) - 1 } ?? 0
        steps += Int64(whole)! * Int64(pow(10, Double(set.decimals - written)))
      }
      let n = Int64(texts.count)
      // The exact mean, steps / n / 10^d, as the Double nearest it (quotient and remainder kept apart).
      let exact = (Double(steps / n) + Double(steps % n) / Double(n)) / pow(10, Double(set.decimals))
      let mean = anova.groups[g].mean
      #expect(abs(mean - exact) <= exact.ulp, "\(name) group \(g + 1): mean \(mean), exact \(exact)")
    }
  }

  /// Without the grid (values as Doubles only), the centred compensated sums still reach 6 digits
  /// where the data's representation allows: SmLs01–06. SmLs07–09's values are 1.2e-4 apart in
  /// binary64, which alone moves F in the 4th digit: only the grid recovers them.
  @Test(arguments: sets.prefix(6)) func withoutTheGrid(_ name: String) throws {
    let set = try StRD.load(name)
    let anova = try OneWayANOVA(set.groups)
    #expect(Self.digits(anova.f, set.certifiedF) >= 6, "\(name): F \(anova.f), certified \(set.certifiedF)")
    #expect(Self.digits(anova.residualStandardDeviation, set.certifiedResidualSD) >= 6)
  }

  /// Welch's difference of means on SmLs09's first two groups: the written decimals give exactly
  /// 1000000000000.4 − 1000000000000.3 = 0.1 (to the Double nearest).
  @Test func welchDifferenceOnTheGrid() throws {
    let set = try StRD.load("SmLs09")
    let welch = try WelchTest(set.groups[0], set.groups[1], decimals: set.decimals)
    #expect(abs(welch.difference - 0.1) <= 0.1.ulp, "\(welch.difference)")
  }
}
