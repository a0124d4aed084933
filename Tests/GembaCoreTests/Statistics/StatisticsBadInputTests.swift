import Foundation
import Testing
@testable import GembaCore

/// Bad input is refused with a message that says what is wrong (and the warnings that are not errors).
@Suite struct StatisticsBadInputTests {
  static func message(_ body: () throws -> Void) -> String? {
    do { try body() } catch let error as Diagnostic { return error.message } catch { return "not a Diagnostic: \(error)" }
    return nil
  }

  struct Bad: Sendable, CustomTestStringConvertible {
    var name: String
    var expected: String
    var run: @Sendable () throws -> Void
    var testDescription: String { name }
  }

  static let cases: [Bad] = [
    Bad(name: "defectives above the sample size", expected: "sample 2 has 60 defectives out of 50 items: more defectives than items inspected") {
      _ = try ControlCharts.p(defectives: [3, 60, 4], sizes: [50, 50, 50])
    },
    Bad(name: "negative count", expected: "a count cannot be negative (-2 in sample 3)") {
      _ = try ControlCharts.c(defects: [3, 4, -2, 5])
    },
    Bad(name: "zero sample size", expected: "sample 1 has size 0: a sample size must be a positive number") {
      _ = try ControlCharts.u(defects: [3, 4], sizes: [0, 2])
    },
    Bad(name: "single subgroup", expected: "control limits need at least 2 subgroups; there is 1") {
      _ = try ControlCharts.xbarR([[1, 2, 3, 4, 5]])
    },
    Bad(name: "all values equal", expected: "all values are equal (σ = 0): control limits would be a single line") {
      _ = try ControlCharts.individuals([5, 5, 5, 5, 5])
    },
    Bad(name: "no defectives at all", expected: "every sample has 0 defectives: the limits collapse to 0") {
      _ = try ControlCharts.p(defectives: [0, 0, 0], sizes: [10, 10, 10])
    },
    Bad(name: "spec limits reversed", expected: "the lower specification limit (74.05) must be below the upper (73.95)") {
      _ = try CapabilityStudy(individuals: [74.0, 74.01, 73.99], lowerSpec: 74.05, upperSpec: 73.95)
    },
    Bad(name: "no spec limit", expected: "capability needs a specification limit: --lsl, --usl or both") {
      _ = try CapabilityStudy(individuals: [74.0, 74.01, 73.99], lowerSpec: nil, upperSpec: nil)
    },
    Bad(name: "non-finite value", expected: "the measure has a value that is not a finite number (nan at position 2)") {
      _ = try ControlCharts.individuals([1, .nan, 3])
    },
    Bad(name: "non-finite in a group", expected: "the second group has a value that is not a finite number (inf at position 1)") {
      _ = try WelchTest([1, 2, 3], [.infinity, 2])
    },
    Bad(name: "successes above the total", expected: "17 of 16 is more than all of them: the count meeting the condition must be at most the group's size") {
      _ = try TwoProportionTest(3, of: 10, 17, of: 16)
    },
    Bad(name: "empty group", expected: "a group has no rows (0/0): a share needs at least one") {
      _ = try TwoProportionTest(0, of: 0, 1, of: 5)
    },
    Bad(name: "cross-tab of one column", expected: "a cross-tab needs at least 2 rows and 2 columns (this one is 2 × 1)") {
      _ = try CrossTabTest([[3], [4]])
    },
    Bad(name: "one group", expected: "comparing groups needs at least 2 groups (there is 1)") {
      _ = try OneWayANOVA([[1, 2, 3]])
    },
    Bad(name: "constant groups", expected: "every value in both groups is the same within its group: there is no variation to test against") {
      _ = try WelchTest([2, 2, 2], [3, 3])
    },
    Bad(name: "huge range subgroup", expected: "a subgroup of 30 is too large for ranges (up to 25 values)") {
      _ = try ControlCharts.xbarR([Array(repeating: 1, count: 29) + [2], Array(repeating: 1, count: 29) + [3]])
    },
    Bad(name: "rule outside the family", expected: "Nelson tests are numbered 1–8, not 9") {
      _ = try SpecialCauseRules(.nelson, tests: [1, 9])
    },
    Bad(name: "baseline outside the data", expected: "the baseline must be at least 2 of the 5 points (points 4–9 asked)") {
      _ = try ControlCharts.individuals([1, 2, 3, 4, 5], phases: ChartPhases(baseline: 3..<9))
    },
  ]

  @Test(arguments: cases)
  func refused(_ bad: Bad) {
    #expect(Self.message(bad.run) == bad.expected)
  }

  @Test func fewPointsWarnButDraw() throws {
    let chart = try ControlCharts.c(defects: [3, 5, 2, 6, 4])
    #expect(chart.warnings.map(\.severity) == [.warning])
    #expect(chart.warnings[0].message == "limits come from 5 samples, fewer than 20: treat them as provisional")
    let study = try CapabilityStudy(individuals: [74.0, 74.01, 73.99, 74.02, 74.0], lowerSpec: 73.9, upperSpec: 74.1)
    #expect(study.warnings.contains { $0.message.contains("fewer than 20") })
  }

  @Test func smallExpectedCountsPointToFisher() throws {
    let test = try TwoProportionTest(1, of: 8, 6, of: 9)
    #expect(test.warnings.count == 1)
    #expect(test.warnings[0].message.hasPrefix("an expected count is below 5: the z test's normal approximation is rough"))
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
    #expect(Verdict(pValue: 0.0002, subject: "a difference this large", significant: "a real difference").sentence
      == "a difference this large arises by chance fewer than 1 time in 1,000: a real difference")
    #expect(Verdict(pValue: 0.03, alpha: 0.01, subject: "a difference this large", significant: "a real difference").sentence
      == "a difference this large arises by chance 3 times in 100: not evidence on its own")
  }
}
