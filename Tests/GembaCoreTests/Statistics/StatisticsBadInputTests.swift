import Foundation
import Testing
@testable import GembaCore

/// Bad input is refused with the code of what is wrong (and the warnings that are not errors).
@Suite struct StatisticsBadInputTests {
  static func code(_ body: () throws -> Void) -> DiagnosticCode? {
    do { try body() } catch let error as Diagnostic { return error.code } catch { return nil }
    return nil
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var name: String
    var expected: DiagnosticCode
    var run: @Sendable () throws -> Void
    var testDescription: String { name }
  }

  static let cases: [Bad] = [
    Bad(name: "defectives above the sample size", expected: .invalidCounts) {
      _ = try ControlCharts.p(defectives: [3, 60, 4], sizes: [50, 50, 50])
    },
    Bad(name: "negative count", expected: .invalidCounts) {
      _ = try ControlCharts.c(defects: [3, 4, -2, 5])
    },
    Bad(name: "zero sample size", expected: .invalidCounts) {
      _ = try ControlCharts.u(defects: [3, 4], sizes: [0, 2])
    },
    Bad(name: "single subgroup", expected: .tooFewValues) {
      _ = try ControlCharts.xbarR([[1, 2, 3, 4, 5]])
    },
    Bad(name: "all values equal", expected: .noVariation) {
      _ = try ControlCharts.individuals([5, 5, 5, 5, 5])
    },
    Bad(name: "no defectives at all", expected: .limitsCollapse) {
      _ = try ControlCharts.p(defectives: [0, 0, 0], sizes: [10, 10, 10])
    },
    Bad(name: "spec limits reversed", expected: .invalidSpecLimits) {
      _ = try CapabilityStudy(individuals: [74.0, 74.01, 73.99], lowerSpec: 74.05, upperSpec: 73.95)
    },
    Bad(name: "no spec limit", expected: .invalidSpecLimits) {
      _ = try CapabilityStudy(individuals: [74.0, 74.01, 73.99], lowerSpec: nil, upperSpec: nil)
    },
    Bad(name: "non-finite value", expected: .invalidCounts) {
      _ = try ControlCharts.individuals([1, .nan, 3])
    },
    Bad(name: "non-finite in a group", expected: .invalidCounts) {
      _ = try WelchTest([1, 2, 3], [.infinity, 2])
    },
    Bad(name: "successes above the total", expected: .invalidCounts) {
      _ = try TwoProportionTest(3, of: 10, 17, of: 16)
    },
    Bad(name: "empty group", expected: .invalidCounts) {
      _ = try TwoProportionTest(0, of: 0, 1, of: 5)
    },
    Bad(name: "cross-tab of one column", expected: .invalidCrossTab) {
      _ = try CrossTabTest([[3], [4]])
    },
    Bad(name: "one group", expected: .tooFewGroups) {
      _ = try OneWayANOVA([[1, 2, 3]])
    },
    Bad(name: "constant groups", expected: .noVariation) {
      _ = try WelchTest([2, 2, 2], [3, 3])
    },
    Bad(name: "huge range subgroup", expected: .chartNeedsInput) {
      _ = try ControlCharts.xbarR([Array(repeating: 1, count: 29) + [2], Array(repeating: 1, count: 29) + [3]])
    },
    Bad(name: "rule outside the family", expected: .invalidRules) {
      _ = try SpecialCauseRules(.nelson, tests: [1, 9])
    },
    Bad(name: "baseline outside the data", expected: .invalidBaseline) {
      _ = try ControlCharts.individuals([1, 2, 3, 4, 5], phases: ChartPhases(baseline: 3..<9))
    },
  ]

  @Test(arguments: cases)
  func refused(_ bad: Bad) {
    #expect(Self.code(bad.run) == bad.expected)
  }

  @Test func fewPointsWarnButDraw() throws {
    let chart = try ControlCharts.c(defects: [3, 5, 2, 6, 4])
    #expect(chart.warnings.map(\.severity) == [.warning])
    #expect(chart.warnings.map(\.code) == [.provisionalLimits])
    let study = try CapabilityStudy(individuals: [74.0, 74.01, 73.99, 74.02, 74.0], lowerSpec: 73.9, upperSpec: 74.1)
    #expect(study.warnings.contains { $0.code == .roughIndices })
  }

  @Test func smallExpectedCountsPointToFisher() throws {
    let test = try TwoProportionTest(1, of: 8, 6, of: 9)
    #expect(test.warnings.count == 1)
    #expect(test.warnings.map(\.code) == [.approximateTest])
    #expect(test.usesFisher && test.verdict.pValue == test.fisher.pValue)
    #expect(try !TwoProportionTest(98, of: 584, 16, of: 136).usesFisher)
  }

  @Test(arguments: [
    (0.149, "15 times in 100"), (0.0004, "fewer than 1 time in 1,000"), (0.0042, "4 times in 1,000"),
    (0.048, "4.8 times in 100"), (0.051, "5.1 times in 100"), (0.01, "1 time in 100"), (0.9991, "almost always"),
  ])
  func verdictFrequencies(_ p: Double, _ text: String) {
    #expect(Verdict.frequency(p) == text)
  }

  @Test func verdictSentences() {
    #expect(
      Verdict(pValue: 0.0002, subject: "a difference this large", significant: "a real difference").sentence
        == "a difference this large arises by chance fewer than 1 time in 1,000: a real difference")
    #expect(
      Verdict(pValue: 0.03, alpha: 0.01, subject: "a difference this large", significant: "a real difference").sentence
        == "a difference this large arises by chance 3 times in 100: not evidence on its own")
  }
}
