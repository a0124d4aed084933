import Foundation

/// The record as JSON: the Codable model itself, keys sorted, pretty-printed, slashes
/// unescaped, so the same state always gives the same bytes. Schema: `docs/record.schema.json`.
public struct JSONRecordRenderer: RecordRenderer {
  public init() {}

  public func render(_ record: Record) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    // The record holds only strings, integers, booleans, arrays and objects: encoding cannot fail.
    guard let data = try? encoder.encode(record) else { return "{}\n" }
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  /// Reads a record back (for tools and tests); throws on a malformed or newer record.
  public static func decode(_ text: String) throws -> Record {
    let record = try JSONDecoder().decode(Record.self, from: Data(text.utf8))
    guard record.format == Record.formatName, record.version <= Record.currentVersion else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: [],
          debugDescription:
            "not a gemba record v\(Record.currentVersion) or older (format \(record.format), version \(record.version))"
        ))
    }
    return record
  }
}
