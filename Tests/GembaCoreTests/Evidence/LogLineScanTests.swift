import Testing
@testable import GembaCore

/// The log scan's shortcuts answer what the general code answers: a level word checked as packed
/// bytes, a log time checked by position, the time column's type counted without the general loop.
@Suite struct LogLineScanTests {
  static func withBytes<R>(_ text: String, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
    let bytes = Array(text.utf8) + [0]
    return bytes.withUnsafeBufferPointer { body($0.baseAddress!, bytes.count - 1) }
  }

  @Test func everyLevelNameInAnyCaseIsALevel() {
    for name in LineReader.levels {
      for spelling in [name, name.lowercased(), name.prefix(1) + name.dropFirst().lowercased()] {
        #expect(Self.withBytes(String(spelling)) { LineReader.isLevel($0, $1) }, "\(spelling)")
      }
    }
  }

  @Test(arguments: ["", "E", "ER ", "INF", "INFOS", "WARNINGS", "CRITICALS", "DEBUGGING", "WARN1", "ERRO", "INFO\0"])
  func nearMissesAreNotLevels(_ text: String) {
    #expect(!Self.withBytes(text) { LineReader.isLevel($0, $1) })
  }

  /// Times around the positional check's edges, and mutations of a log time at every byte.
  static let times: [String] = {
    var list = [
      "2026-03-01T00:00:00.007Z", "2026-03-01 00:00:00.007", "2026-03-01T00:00:00,5Z", "2026-03-01T00:00:00.Z",
      "2026-03-01T00:00:00.", "2026-03-01T00:00:00.1", "2024-02-29T23:59:60.999999Z", "2026-02-29T10:00:00.1Z",
      "2026-13-01T10:00:00.1Z", "2026-00-01T10:00:00.1Z", "2026-04-31T10:00:00.1Z", "2026-04-00T10:00:00.1Z",
      "2026-03-01T24:00:00.1Z", "2026-03-01T23:60:00.1Z", "2026-03-01T23:59:61.1Z", "2026-03-01T10:00:00.1+02:00",
      "2026-03-01T10:00:00.1ZZ", "2026-03-01X10:00:00.1Z", "2026-03-01T10:00:00.123456789012345678901Z",
      "2026-03-01T10:00:00.12345678901234567890Z", "2026/03/01 10:00:00.1", "2026-03-01T10:00:00", "2026-03-01",
    ]
    let base = Array("2026-03-01T12:34:56.789Z".utf8)
    for i in base.indices {
      for replacement in ["0", "9", "-", ":", ".", ",", "T", " ", "Z", "a", "/"] {
        var mutated = base
        mutated[i] = replacement.utf8.first!
        list.append(String(decoding: mutated, as: UTF8.self))
      }
    }
    return list
  }()

  @Test func isDateTimeAgreesWithDateTime() {
    for text in Self.times {
      let fast = Self.withBytes(text) { ValueParser.isDateTime($0, $1) }
      let slow = Self.withBytes(text) { ValueParser.dateTime($0, $1) != nil }
      #expect(fast == slow, "\(text)")
    }
  }

  /// A time column whose cells are mostly log times: once only the ISO reading is left, bad cells
  /// are still counted and listed, in row order, as the general loop lists them.
  @Test func timeColumnCountsBadCellsAfterTheShortcut() {
    var scan = ColumnTypeInference.startScan()
    var cells = (0..<500).map { "2026-03-01T00:00:\($0 % 60 < 10 ? "0" : "")\($0 % 60).\($0)Z" }
    cells[300] = "2026-02-30T00:00:00.1Z"
    cells[301] = "2026-03-01T00:00:00.1+01:00"
    cells[400] = "not a time"
    for (row, cell) in cells.enumerated() { Self.withBytes(cell) { scan.visit($0, $1, row: row) } }
    let profile = ColumnTypeInference.profile(after: scan, name: "time")
    #expect(profile.type == .dateTime)
    #expect(profile.values == 500)
    #expect(profile.unparsed == 2)
    #expect(profile.examples.map(\.row) == [300, 400])
  }
}
