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
      let ok =
        isNumber == (e.value != nil)
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
    let v = try #require(
      text.utf8CString.withUnsafeBufferPointer { b in
        b.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: b.count) {
          NumericColumn.plainInteger($0, b.count - 1)
        }
      })
    let expected = try #require(Double(text))
    #expect(v.bitPattern == expected.bitPattern)
  }

  @Test(arguments: ["-", "+", "1.0", "1e3", "1234567890123456", "12a", " 1", "0x1"])
  func anythingButPlainDigitsIsLeftToTheGeneralReading(_ text: String) {
    let v = text.utf8CString.withUnsafeBufferPointer { b in
      b.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: b.count) {
        NumericColumn.plainInteger($0, b.count - 1)
      }
    }
    #expect(v == nil)
  }

  /// A chart or study of a whole table reads the column's own numbers: a million rows are not
  /// copied (each copy is fresh pages the process must fault in, the largest cost of a first chart).
  /// A filtered view gathers its rows' numbers.
  @Test func aWholeTableSharesTheColumnsNumbersAndAViewGathersItsRows() throws {
    var text = "id,minutes\n"
    for i in 0..<5_000 { text += "\(i),\(i % 300)\n" }
    let table = try loadText(text).table
    let numeric = try #require(table.numericColumn(1))
    let ref = ColumnRef("minutes", span: SourceSpan(at: SourcePosition(line: 1, column: 1), length: 7))
    func storage(_ a: [Double]) -> UnsafeRawPointer? { a.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) } }

    let whole = Relation.view(table, rows: nil, columns: [0, 1])
    let m = try StatisticsBuilder.measure(whole, column: 1, ref: ref, evidence: "t")
    #expect(storage(m.values) == storage(numeric.values))
    let xmr = try ChartBuilder.controlChart(
      whole, column: 1, by: nil, rules: .westernElectric, span: ref.span, evidence: "t")
    #expect(storage(xmr.values) == storage(numeric.values))
    let imr = try ControlCharts.individuals(m.values, labels: nil as ChartLabels?)
    #expect(storage(imr.location.values) == storage(numeric.values))
    #expect(imr.location.positions.elementsEqual(0..<5_000))

    let view = Relation.view(table, rows: [1, 3, 299, 4_999], columns: [0, 1])
    let picked = try StatisticsBuilder.measure(view, column: 1, ref: ref, evidence: "t")
    #expect(picked.values == [1, 3, 299, 199])
    #expect(storage(picked.values) != storage(numeric.values))
  }
}
