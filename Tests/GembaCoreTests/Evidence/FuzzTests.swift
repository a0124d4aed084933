import Testing
@testable import GembaCore

/// Random inputs made of the bytes that matter to the scanners: every format loads or refuses,
/// queries run, nothing crashes; CSV records match a straightforward reference parser.
@Suite struct FuzzTests {
  static let alphabet: [UInt8] = Array("a1,\"\n\r\t #{}:\\- ".utf8) + [0xC3, 0xA9, 0xFF, 0]

  static func input(_ seed: UInt64) -> [UInt8] {
    var rng = seed &* 0x9E37_79B9_7F4A_7C15 | 1
    func next() -> Int { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return Int(rng >> 1) }
    let length = next() % 300
    // Mostly printable: NUL and invalid bytes are rare, as in real files.
    return (0..<length).map { _ in
      alphabet[next() % 100 < 97 ? next() % (alphabet.count - 3) : alphabet.count - 3 + next() % 3]
    }
  }

  /// RFC 4180 records with the scanner's conventions (blank lines skipped, CR/LF/CRLF).
  static func reference(_ bytes: [UInt8]) -> [[String]] {
    var records: [[String]] = []
    var field: [UInt8] = [], fields: [[UInt8]] = []
    var i = 0, quoted = false, atStart = true, sawAny = false
    func endField() { fields.append(field); field = []; atStart = true }
    func endRecord() {
      if sawAny { endField(); records.append(fields.map { String(decoding: $0, as: UTF8.self) }) }
      fields = []; field = []; sawAny = false; atStart = true
    }
    while i < bytes.count {
      let c = bytes[i]
      if quoted {
        if c == 34 {
          if i + 1 < bytes.count && bytes[i + 1] == 34 { field.append(34); i += 2; continue }
          quoted = false
          // After the closing quote: spaces dropped, other bytes kept, up to a delimiter or break.
          var j = i + 1, tail: [UInt8] = []
          while j < bytes.count && bytes[j] != 44 && bytes[j] != 10 && bytes[j] != 13 { tail.append(bytes[j]); j += 1 }
          if !tail.allSatisfy({ $0 == 32 || $0 == 9 }) { field += tail }
          i = j
          continue
        }
        field.append(c); i += 1; continue
      }
      switch c {
      case 34 where atStart: quoted = true; atStart = false; sawAny = true
      case 44: sawAny = true; endField()
      case 10: endRecord()
      case 13: if i + 1 < bytes.count && bytes[i + 1] == 10 { i += 1 }; endRecord()
      default: field.append(c); atStart = false; sawAny = true
      }
      i += 1
    }
    endRecord()
    return records
  }

  @Test(arguments: 0..<300)
  func neverCrashes(_ seed: Int) throws {
    let bytes = Self.input(UInt64(seed))
    for format in EvidenceFormat.allCases {
      do {
        let result = try loadBytes(bytes, format: format, path: "fuzz.\(format.rawValue)")
        let table = result.table
        _ = table.columnTypes
        _ = cells(table)
        _ = EvidenceTextRenderer().preview(table, limit: 5, format: .json)
        _ = EvidenceTextRenderer().loaded(result)
        // A JSON Lines file of `{}` has no columns at all; the queries then fail cleanly.
        let first = table.columns.first ?? "a"
        for q in [
          "x | count by \"\(first)\"", "x | grep a", "x | sort \"\(first)\" desc", "x | where \"\(first)\" > 1 | count",
        ] {
          if let pipeline = try? QueryPipeline.parse(stages(q)), let r = try? QueryEngine.run(pipeline, on: table) {
            _ = EvidenceTextRenderer().render(r)
          }
        }
      } catch is EvidenceError {
        // Refusals are fine; crashes are not.
      }
    }
  }

  @Test(arguments: 0..<300)
  func csvRecordsMatchTheReference(_ seed: Int) {
    let bytes = Self.input(UInt64(seed)).filter { $0 != 0 && $0 != 0xFF }
    let ours = CSVRecords.read(ByteSource(copying: bytes))
    let expected = Self.reference(bytes)
    // An unterminated quote runs to the end in both.
    #expect(ours == expected)
  }
}
