import Foundation
import Testing
@testable import GembaCore

/// Dialects and encodings as exports arrive.
@Suite struct DialectTests {
  @Test func aSemicolonFileLoadsAsColumnsAndSaysSo() throws {
    let result = try loadText("name;amount;when\nAna;1.234,50;31.12.2025\nBo;12,00;01.01.2026\n", path: "eu.csv")
    #expect(result.table.columns == ["name", "amount", "when"])
    #expect(result.table.delimiterName == "semicolon")
    #expect(EvidenceTextRenderer().loaded(result).contains("· semicolon-separated"))
    #expect(result.table.columnProfile(1).format == .number(.comma))
    #expect(result.table.columnProfile(2).format.description == "%d.%m.%Y")
  }

  @Test(arguments: [("a|b\n1|2\n", "pipe"), ("a\tb\n1\t2\n", "tab"), ("a,b\n1,2\n", "comma")])
  func delimitersAreSniffed(_ text: String, _ name: String) throws {
    let table = try loadText(text).table
    #expect(table.delimiterName == name && table.columnCount == 2)
  }

  @Test func aGivenDelimiterWins() throws {
    let table = try loadText("a;b,c\n1;2,3\n", options: LoadOptions(delimiter: UInt8(ascii: ","))).table
    #expect(table.columns == ["a;b", "c"])
  }

  @Test func utf16WithABOMIsDecoded() throws {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for unit in "name,city\nAna,São Paulo\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
    let result = try loadBytes(bytes)
    #expect(result.table.encodingName == "UTF-16LE")
    #expect(result.table.cell(row: 0, column: 1) == "São Paulo")
    let digest = bytes.withUnsafeBytes { FileDigest.compute($0).sha256 }
    #expect(result.table.sha256 == digest)
  }

  @Test func windows1252IsDetected() throws {
    let result = try loadBytes(
      Array("name;city\nAna;S".utf8) + [0xE3] + Array("o Paulo ".utf8) + [0x80] + Array("5\n".utf8))
    #expect(result.table.encodingName == "Windows-1252")
    #expect(result.table.cell(row: 0, column: 1) == "São Paulo €5")
  }

  /// Bad input: a file mixing UTF-8 and Windows-1252 is read as UTF-8, says it mixes, and lists
  /// each bad byte at its row and column.
  @Test func aFileMixingEncodingsIsReported() throws {
    let bytes = Array("name,city\nJosé,Köln\nAna,S".utf8) + [0xE3, 0x6F] + Array(" Paulo\n".utf8)
    let result = try loadBytes(bytes, path: "mixed.csv")
    #expect(result.table.encodingName == "UTF-8")
    #expect(result.problems.contains { $0.message.contains("mixes UTF-8") })
    let bad = try #require(result.problems.first { $0.kind == .invalidUTF8 && $0.row != nil })
    #expect(bad.file == "mixed.csv" && bad.row == 2 && bad.column == 2)
  }
}
