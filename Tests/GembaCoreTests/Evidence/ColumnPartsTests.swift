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

  @Test func idsInPartsAreTheOnePassIdsInOrderOfFirstAppearance() throws {
    let table = try Self.table()
    let whole = Relation.view(table, rows: nil, columns: [0, 1, 2])
    let listed = Relation.view(table, rows: (0..<Int32(Self.count)).map { $0 }, columns: [0, 1, 2])
    let (ids, values) = whole.internValues(column: 0)
    let (expectedIDs, expected) = listed.internValues(column: 0)
    #expect(ids == expectedIDs)
    #expect((0..<values.count).map { values.string($0) } == (0..<expected.count).map { expected.string($0) })
    #expect(values.count == 97 + 7)
    #expect(whole.internValues(column: 0, atMost: 50) == nil)
    #expect(whole.internValues(column: 0, atMost: 104) != nil)
    #expect(listed.internValues(column: 0, atMost: 103) == nil)
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
}
