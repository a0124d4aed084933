import Foundation
import Testing
@testable import GembaCore

/// A long column is read as numbers in two halves on two cores; every row must read as it would
/// alone. The expected numbers come from Swift's own `Double(String)` and string counting here,
/// not from the reader.
struct NumericColumnTests {
  @Test func aLongColumnReadInTwoHalvesGivesEveryRowsNumber() throws {
    let count = NumericColumn.parallelThreshold + 12_345
    var text = "id,value\n"
    var expected: [(value: Double?, empty: Bool, places: Int)] = []
    for i in 0..<count {
      let cell: String
      switch i % 7 {
      case 0: cell = ""
      case 1: cell = String(i)
      case 2: cell = "\(i % 1000).\(i % 10)"
      case 3: cell = "-\(i % 97).\(String(format: "%03d", i % 1000))"
      case 4: cell = " \(i % 50) "
      case 5: cell = "\(i).25"
      default: cell = "\(i % 300)"
      }
      text += "\(i),\(cell)\n"
      let trimmed = cell.trimmingCharacters(in: .whitespaces)
      let places = trimmed.split(separator: ".").dropFirst().first.map(\.count) ?? 0
      expected.append((Double(trimmed), trimmed.isEmpty, places))
    }
    let table = try loadText(text).table
    let numeric = try #require(table.numericColumn(1))
    #expect(numeric.values.count == count)
    var wrong = 0
    for (row, e) in expected.enumerated() {
      let flags = numeric.flags[row]
      let isNumber = flags & NumericColumn.isNumber != 0
      let ok = isNumber == (e.value != nil)
        && (flags & NumericColumn.isEmpty != 0) == e.empty
        && (e.value == nil || (numeric.values[row] == e.value! && Int(flags & NumericColumn.placesMask) == e.places))
      if !ok { wrong += 1 }
    }
    #expect(wrong == 0, "\(wrong) of \(count) rows read differently")
  }
}
