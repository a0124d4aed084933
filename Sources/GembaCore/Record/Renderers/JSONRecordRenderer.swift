import Foundation

/// The record as JSON: the Codable model itself, keys sorted, pretty-printed, slashes
/// unescaped, so the same state always gives the same bytes. Schema: `docs/record.schema.json`.
public struct JSONRecordRenderer: RecordRenderer {
  public init() {}

  public func render(_ record: Record) -> String {
    // JSONEncoder refuses more than 512 levels (a why chain about 250 deep) and recurses on each:
    // a deep tree is written in pieces (`deepRender`), the same bytes a shallow one would get.
    let depth = Record.Node.depth(
      of: record.whys + (record.fishbone?.bones.flatMap(\.causes) ?? []) + (record.escapes?.flatMap(\.whys) ?? []))
    guard depth < Self.deepTree else { return Self.deepRender(record) }
    // The record holds only strings, integers, booleans, arrays and objects: encoding cannot fail.
    return Self.encoded(record) + "\n"
  }

  /// From this depth on, the record is written in pieces.
  static let deepTree = 100

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
