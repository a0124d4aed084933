import Foundation
import Testing

@testable import GembaCore

/// Issue 22's item 16, outside the charts: each one reproduced.
@Suite struct SmallFixesTests {
  /// A Pareto where every category is needed to reach 80 % says there is no vital few.
  @Test func paretoWithNoVitalFew() {
    let p = ParetoChart(column: "kind", sumColumn: nil, groups: [("a", 4), ("b", 3), ("c", 3)], skipped: 0)
    let allVital = p.bars.allSatisfy { $0.vital }
    #expect(allVital)
    let text = EvidenceTextRenderer().pareto(p)
    #expect(!text.contains("vital few: 3 of 3"), "\(text)")
    #expect(text.contains("no vital few: all 3 categories are needed to reach 80 % of the count"), "\(text)")
    let some = ParetoChart(column: "kind", sumColumn: nil, groups: [("a", 8), ("b", 1), ("c", 1)], skipped: 0)
    #expect(EvidenceTextRenderer().pareto(some).contains("vital few: 1 of 3 categories"))
  }

  /// A run chart of 2 values: the message names what a run chart needs (3), not 2.
  @Test func runChartNeedsThreeValues() {
    #expect {
      _ = try RunChart([1, 2])
    } throws: { error in
      let d = error as? Diagnostic
      return d?.code == .tooFewValues && d?.message == "a run chart needs at least 3 values; there are 2"
    }
  }

  /// A metric's counting query is read on its own; its errors point into the command.
  @Test func metricQueryErrorsPointIntoTheCommand() {
    // `metric dpmo --defects "x | where nope = 1 | count"` on line 3, the value's quote at column 23.
    let option = Located(
      "x | where nope = 1 | count",
      at: SourceSpan(
        start: SourcePosition(line: 3, column: 23), end: SourcePosition(line: 3, column: 23 + 28)))
    let inner = Diagnostic.error(
      .unknownColumn, "no column `nope`",
      at: SourceSpan(
        start: SourcePosition(line: 1, column: 11), end: SourcePosition(line: 1, column: 15)))
    let placed = EvidenceWorkspace.placed(inner, inside: option)
    #expect(placed.span?.start == SourcePosition(line: 3, column: 34))
    #expect(placed.span?.end == SourcePosition(line: 3, column: 38))
  }
}
