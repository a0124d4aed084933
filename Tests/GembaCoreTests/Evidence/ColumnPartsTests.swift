import Foundation
import Testing
@testable import GembaCore

/// A long column is interned and parsed in parts on all cores; the answer must be the one pass's.
/// The one pass here is the same relation read through a list of all its rows, which takes the
/// sequential path.
struct ColumnPartsTests {
  static let count = Relation.parallelThreshold + 5_003

  /// Groups that first appear late (in the last parts) and a value in every part.
  static func table() throws -> EvidenceTable {
    var text = "group,when,flag\n"
    for i in 0..<count {
      let group = i > count - 40 ? "late\(i % 7)" : "g\(i * 7 % 97)"
      let when = i % 11 == 0 ? "" : "2026-0\(1 + i % 9)-1\(i % 10)T0\(i % 10):00:00"
      let flag = ["yes", "no", "", "maybe"][i % 4]
      text += "\(group),\(when),\(flag)\n"
    }
    return try loadText(text).table
  }

  /// The ids a plain dictionary gives `rows`' cells of `column`, in order of first appearance.
  static func firstAppearance(_ table: EvidenceTable, column: Int, rows: [Int]) -> (ids: [Int32], values: [String]) {
    var seen: [String: Int32] = [:]
    var values: [String] = []
    let ids = rows.map { row -> Int32 in
      let text = table.cell(row: row, column: column)
      if let id = seen[text] { return id }
      seen[text] = Int32(values.count)
      values.append(text)
      return Int32(values.count - 1)
    }
    return (ids, values)
  }

  @Test func idsInPartsAreTheOnePassIdsInOrderOfFirstAppearance() throws {
    let table = try Self.table()
    let whole = Relation.view(table, rows: nil, columns: [0, 1, 2])
    let expected = Self.firstAppearance(table, column: 0, rows: Array(0..<Self.count))
    // Asked with a limit first: the table keeps that the column has too many, not a reading.
    #expect(whole.internValues(column: 0, atMost: 50) == nil)
    let (ids, values) = whole.internValues(column: 0)
    #expect(ids == expected.ids)
    #expect((0..<values.count).map { values.string($0) } == expected.values)
    #expect(values.count == 97 + 7)
    // Now answered from the table's reading.
    #expect(whole.internValues(column: 0, atMost: 50) == nil)
    #expect(whole.internValues(column: 0, atMost: 104) != nil)
    #expect(whole.internValues(column: 0, atMost: 103) == nil)
  }

  /// A subset of the rows takes the table's ids, renumbered in the subset's own order of first
  /// appearance, and only the values it holds; a few rows of a fresh table are read from text.
  @Test func aSubsetOfRowsHasItsOwnIdsInItsOwnOrder() throws {
    for fresh in [true, false] {
      let table = try Self.table()
      if !fresh { _ = Relation.view(table, rows: nil, columns: [0]).internValues(column: 0) }
      for rows in [Array(stride(from: Self.count - 1, through: 0, by: -3)), [Self.count - 2, 5, 97, Self.count - 30]] {
        let subset = Relation.view(table, rows: rows.map { Int32($0) }, columns: [0, 1, 2])
        let expected = Self.firstAppearance(table, column: 0, rows: rows)
        let (ids, values) = subset.internValues(column: 0)
        #expect(ids == expected.ids)
        #expect((0..<values.count).map { values.string($0) } == expected.values)
        #expect(subset.internValues(column: 0, atMost: expected.values.count - 1) == nil)
        #expect(subset.internValues(column: 0, atMost: expected.values.count) != nil)
      }
    }
  }

  /// Columns read ahead in the background (after a load) hold what their first use would read, and a
  /// chart asking meanwhile gets the same answer.
  @Test func columnsReadAheadAreWhatTheFirstUseReads() async throws {
    let table = try Self.table()
    table.readColumnsAhead()
    // Asked while the reading ahead runs: the same ids a plain dictionary gives.
    let expected = Self.firstAppearance(table, column: 0, rows: Array(0..<Self.count))
    let (ids, values) = Relation.view(table, rows: nil, columns: [0]).internValues(column: 0)
    #expect(ids == expected.ids)
    #expect((0..<values.count).map { values.string($0) } == expected.values)
    var waited = 0
    while !(table.hasInstantColumn(1) && table.hasInternedColumn(2)) && waited < 600 {
      try await Task.sleep(nanoseconds: 100_000_000)
      waited += 1
    }
    #expect(table.hasInstantColumn(1) && table.hasInternedColumn(2))
    let reader = table.reader(1)
    let instants = (0..<Self.count).map { reader.instant(table.cell(row: $0, column: 1)) ?? .nan }
    #expect(table.instantColumn(1).map(\.bitPattern) == instants.map(\.bitPattern))
    let flags = Self.firstAppearance(table, column: 2, rows: Array(0..<Self.count))
    #expect(Relation.view(table, rows: nil, columns: [2]).internValues(column: 2).ids == flags.ids)
  }

  /// A date column's instants, read once per table, are each cell's reading by the column's reader,
  /// for all rows and for a subset; a yes/no column's values are each cell's reading.
  @Test func instantsAndYesNoReadOnceAreEachCellsReading() throws {
    let table = try Self.table()
    let reader = table.reader(1)
    for rows in [nil, Array(stride(from: 3, to: Self.count, by: 2))] {
      let relation = Relation.view(table, rows: rows.map { $0.map { Int32($0) } }, columns: [0, 1, 2])
      let positions = rows ?? Array(0..<Self.count)
      let expected = positions.map { reader.instant(table.cell(row: $0, column: 1)) ?? .nan }
      #expect(relation.instants(column: 1)?.map(\.bitPattern) == expected.map(\.bitPattern))
      let flags = positions.map { ValueParser.boolean(table.cell(row: $0, column: 2)).map { $0 ? 1.0 : 0 } ?? .nan }
      #expect(StatisticsBuilder.booleans(relation, column: 2).values.map(\.bitPattern) == flags.map(\.bitPattern))
    }
    #expect(table.hasInstantColumn(1))
  }

  @Test func valuesParsedInPartsAreTheOnePassValues() throws {
    let table = try Self.table()
    let whole = Relation.view(table, rows: nil, columns: [0, 1, 2])
    let listed = Relation.view(table, rows: (0..<Int32(Self.count)).map { $0 }, columns: [0, 1, 2])
    let time: @Sendable (UnsafePointer<UInt8>, Int) -> Double = { p, n in ValueParser.dateTime(p, n) ?? .nan }
    let flag: @Sendable (UnsafePointer<UInt8>, Int) -> Double = { p, n in
      ValueParser.boolean(p, n).map { $0 ? 1 : 0 } ?? .nan
    }
    for (column, read) in [(1, time), (2, flag)] {
      let parts = whole.mapValues(column: column, read)
      let onePass = listed.mapValues(column: column, read)
      #expect(parts.map(\.bitPattern) == onePass.map(\.bitPattern))
      #expect(parts.contains { $0.isNaN } && parts.contains { !$0.isNaN })
    }
  }

  /// `compare COL = VALUE by GROUP` decides the condition once per distinct value when the
  /// column's ids are held: the same comparison as the rows read one by one, and the counts a
  /// plain loop over the cells gives, for the whole table and a subset, for = and !=.
  @Test func aConditionDecidedPerDistinctValueCountsWhatEachRowGives() throws {
    var text = "grp,flag\n"
    for i in 0..<Self.count { text += "g\(i * 7 % 5),\([" yes", "no", "", "maybe", "yes"][i % 5])\n" }
    for condition in ["flag = yes", "flag != no", "flag = \"\""] {
      for filter in ["", " | where grp != g3"] {
        let question = "x\(filter) | compare \(condition) by grp"
        let rowByRow = try query(try loadText(text).table, question)
        let held = try loadText(text).table
        _ = held.internedColumn(1, atMost: nil)
        #expect(held.hasInternedColumn(1))
        let byValue = try query(held, question)
        #expect(byValue == rowByRow, "\(question)")
        // The first group's count, by a plain loop over the cells.
        guard case .comparison(let c) = byValue else {
          Issue.record("no comparison for \(question)")
          continue
        }
        let first = c.groups[0]
        let plain = (0..<held.rowCount).filter { row in
          let group = held.cell(row: row, column: 0)
          let flag = held.cell(row: row, column: 1).trimmingCharacters(in: .whitespaces)
          let meets =
            condition == "flag = yes" ? flag == "yes" : condition == "flag != no" ? flag != "no" : flag.isEmpty
          return group == first && meets && (filter.isEmpty || group != "g3")
        }.count
        switch c.test {
        case .proportions(let t): #expect(t.first.successes == plain, "\(question)")
        case .crossTab(let t): #expect(t.observed[0][0] == plain, "\(question): \(c.groups)")
        case .twoMeasures, .manyMeasures: Issue.record("a condition compared as a measure: \(question)")
        }
      }
    }
  }
}
