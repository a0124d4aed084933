import Testing
@testable import GembaCore

/// Subgroups held flat (one array of values, where each subgroup starts) read as the nested
/// groups they replace: the expected groups are written out by hand.
@Suite struct SubgroupsTests {
  /// The subgroups as nested arrays, to compare with groups written by hand.
  static func nested(_ subgroups: Subgroups) -> [[Double]] { subgroups.map(Array.init) }

  @Test func groupingLeavesOutMissingValuesAndTheGroupsTheyEmpty() {
    // Group 1 ("y") has only a missing value: it is dropped with its name.
    let subgroups = Subgroups.grouping([4, .nan, 6, 7, .nan, 9], ids: [0, 1, 2, 0, 2, 2], names: ["x", "y", "z"])
    #expect(Self.nested(subgroups) == [[4, 7], [6, 9]])
    #expect(Array(subgroups.labels) == ["x", "z"])
  }

  @Test(arguments: [
    (values: [1.0, 2, 3, 4, 5], size: 2, groups: [[1.0, 2], [3, 4], [5]]),  // a shorter last group
    (values: [1.0, 2, 3, 4], size: 2, groups: [[1.0, 2], [3, 4]]),
    (values: [1.0, 2, 3], size: 5, groups: [[1.0, 2, 3]]),  // one group
    (values: [], size: 3, groups: []),
  ])
  func consecutiveRunsOfASize(values: [Double], size: Int, groups: [[Double]]) throws {
    let subgroups = try Subgroups.consecutive(values, size: size)
    #expect(Self.nested(subgroups) == groups)
    #expect(Array(subgroups.labels) == groups.indices.map { String($0 + 1) })
    #expect(subgroups.values == values)  // consecutive runs are the values as given
  }

  @Test func emptyInputHasNoSubgroups() throws {
    #expect(Subgroups([]).isEmpty)
    #expect(Subgroups.grouping([], ids: [], names: []).isEmpty)
  }

  @Test func nestedGroupsReadBackAsGiven() {
    let groups: [[Double]] = [[5.1, 4.9, 5.3], [], [5.0]]
    let subgroups = Subgroups(groups, labels: ["first", "empty", "last"])
    #expect(Self.nested(subgroups) == groups)
    #expect(subgroups[2] == [5.0])
    #expect(Array(subgroups.labels) == ["first", "empty", "last"])
  }

  /// The diagnostic `body` throws (these functions throw untyped), or nil.
  static func thrown(_ body: () throws -> Void) -> Diagnostic? {
    do { try body() } catch { return error as? Diagnostic }
    return nil
  }

  @Test func aSubgroupSizeMustBePositive() {
    #expect(Self.thrown { _ = try Subgroups.consecutive([1, 2], size: 0) }?.code == .invalidCounts)
  }

  @Test func badValuesAndEmptySubgroupsAreNamedByTheirSubgroup() {
    let groups: [[Double]] = [[1, 2], [3, .infinity], [4, 5]]
    // The subgroup's name is what this test is about, so it reads the message's start too.
    let bad = Self.thrown { _ = try ControlCharts.xbarR(groups) }
    #expect(bad?.code == .invalidCounts)
    #expect(bad?.message.hasPrefix("subgroup 2 ") == true)
    let empty = Self.thrown { _ = try ControlCharts.xbarR([[1, 2], [], [4, 5]]) }
    #expect(empty?.code == .tooFewValues)
    #expect(empty?.message.hasPrefix("subgroup 2 ") == true)
  }
}
