import GembaTestSupport
import Testing
@testable import GembaCore

/// The radix sort the rank tests and medians use gives the standard library's order.
@Suite struct RadixSortTests {
  /// Each value's position, as the tag to carry through the sort.
  static func positions(_ values: [Double]) -> [Int32] { values.indices.map { Int32($0) } }

  @Test(arguments: [100, 5_000, 200_000])
  func sortsAsTheStandardLibraryDoes(count: Int) {
    var generator = SplitMix64.forTest("\(#function) count \(count)")
    var values = (0..<count).map { _ in Double.random(in: -1e6...1e6, using: &generator) }
    values += [0, -0.0, 1e-300, -1e-300, 1e300, -1e300, 42, 42, 42]
    values += (0..<count / 10).map { _ in Double(Int.random(in: -5...5, using: &generator)) }  // many ties
    let expected = values.sorted()
    let sorted = RadixSort.sorted(values)
    #expect(sorted.count == expected.count && zip(sorted, expected).allSatisfy { $0 == $1 }, "seed \(generator.seed)")
    let (withPositions, positions) = RadixSort.sorted(values, carrying: Self.positions(values))
    #expect(zip(withPositions, expected).allSatisfy { $0 == $1 })
    #expect(positions.indices.allSatisfy { values[Int(positions[$0])] == withPositions[$0] })
    #expect(Set(positions).count == values.count)
    // Stable: the same value keeps the order it was given in (−0 and +0 are told apart: −0 first).
    #expect(
      positions.indices.dropFirst().allSatisfy {
        withPositions[$0 - 1].bitPattern != withPositions[$0].bitPattern || positions[$0 - 1] < positions[$0]
      })
  }
}

extension RadixSortTests {
  /// Whole values in a short span are sorted by counting: the same order and tags, and −0 (which
  /// counting would turn into 0) or a fraction sends them back to the radix sort.
  @Test(arguments: [5_000, 200_000])
  func wholeValuesCountedSortAsTheStandardLibraryDoes(count: Int) throws {
    var generator = SplitMix64.forTest("\(#function) count \(count)")
    let values = (0..<count).map { _ in Double(Int.random(in: -300...900, using: &generator)) }
    #expect(RadixSort.wholeSpan(values) != nil)
    #expect(RadixSort.wholeSpan(values + [-0.0]) == nil && RadixSort.wholeSpan(values + [0.5]) == nil)
    #expect(RadixSort.wholeSpan(values + [1e9]) == nil)
    let expected = values.sorted()
    #expect(RadixSort.sorted(values).map(\.bitPattern) == expected.map(\.bitPattern), "seed \(generator.seed)")
    let (sorted, positions) = RadixSort.sorted(values, carrying: Self.positions(values))
    #expect(sorted.map(\.bitPattern) == expected.map(\.bitPattern))
    #expect(positions.indices.allSatisfy { values[Int(positions[$0])] == sorted[$0] })
    #expect(
      positions.indices.dropFirst().allSatisfy { sorted[$0 - 1] != sorted[$0] || positions[$0 - 1] < positions[$0] })
  }
}

@Suite struct PointLabelTests {
  @Test(arguments: [0, 1, 9, 10, 99, 100, 12_345, 1_000_000, Int(Int32.max)])
  func labelsAreTheDecimalDigits(n: Int) {
    #expect(PointLabels.label(n) == String(n))
    #expect(PointLabels.label(n, prefix: UInt8(ascii: "#")) == "#\(n)")
  }
}
