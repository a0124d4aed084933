import Foundation
import Testing
@testable import GembaCore

/// A long column is read as numbers in parts on all cores; every row must read as it would
/// alone. The expected numbers come from Swift's own `Double(String)` and string counting here,
/// not from the reader.
struct NumericColumnTests {
  @Test func aLongColumnReadInPartsGivesEveryRowsNumber() throws {
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

  /// Plain digits take a one-scan reading: it must give what the general one gives (Swift's
  /// `Double(String)` here), −0 and signs included, and leave everything else to it.
  @Test(arguments: ["0", "7", "-0", "+5", "-42", "007", "123456789012345", "-999999999999999"])
  func plainDigitsReadAsTheGeneralReadingReadsThem(_ text: String) throws {
    let v = try #require(text.utf8CString.withUnsafeBufferPointer { b in
      b.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: b.count) { NumericColumn.plainInteger($0, b.count - 1) }
    })
    let expected = try #require(Double(text))
    #expect(v.bitPattern == expected.bitPattern)
  }

  @Test(arguments: ["-", "+", "1.0", "1e3", "1234567890123456", "12a", " 1", "0x1"])
  func anythingButPlainDigitsIsLeftToTheGeneralReading(_ text: String) {
    let v = text.utf8CString.withUnsafeBufferPointer { b in
      b.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: b.count) { NumericColumn.plainInteger($0, b.count - 1) }
    }
    #expect(v == nil)
  }
}
