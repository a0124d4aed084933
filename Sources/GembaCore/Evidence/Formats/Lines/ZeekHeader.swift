/// The `#separator`/`#fields`/`#types` header Zeek writes above its TSV logs.
struct ZeekHeader {
  var dialect: CSVDialect
  var fields: [String]
  var fieldsLine: Int
  var boolColumns: Set<Int>
  var timeColumns: Set<Int>
  /// The offset of the first data line.
  var dataStart: Int

  /// Parses the header when the file starts with `#separator`; nil for any other file.
  static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> ZeekHeader? {
    let marker = Array("#separator ".utf8)
    guard end - start > marker.count, (0..<marker.count).allSatisfy({ base[start + $0] == marker[$0] }) else {
      return nil
    }
    var separator: UInt8 = 9
    var fields: [String] = []
    var types: [String] = []
    var fieldsLine = 1
    var p = start
    var line = 1
    while p < end && base[p] == 35 {
      var e = p
      while e < end && base[e] != 10 { e += 1 }
      let text = String(decoding: UnsafeBufferPointer(start: base + p, count: e - p), as: UTF8.self)
      if text.hasPrefix("#separator ") {
        let value = text.dropFirst("#separator ".count)
        if value.hasPrefix("\\x"), let byte = UInt8(value.dropFirst(2), radix: 16) { separator = byte }
      } else if text.hasPrefix("#fields") {
        fields = text.split(separator: Character(Unicode.Scalar(separator)), omittingEmptySubsequences: false)
          .dropFirst().map(String.init)
        fieldsLine = line
      } else if text.hasPrefix("#types") {
        types = text.split(separator: Character(Unicode.Scalar(separator)), omittingEmptySubsequences: false)
          .dropFirst().map(String.init)
      }
      p = e + 1
      line += 1
    }
    guard !fields.isEmpty else { return nil }
    let bools = Set(types.indices.filter { types[$0] == "bool" })
    let times = Set(types.indices.filter { types[$0] == "time" })
    return ZeekHeader(
      dialect: CSVDialect(delimiter: separator, quote: nil, comment: UInt8(ascii: "#")),
      fields: fields, fieldsLine: fieldsLine, boolColumns: bools, timeColumns: times,
      dataStart: min(p, end))
  }
}
