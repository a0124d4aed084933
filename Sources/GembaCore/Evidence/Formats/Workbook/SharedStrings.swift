/// The workbook's shared strings (`xl/sharedStrings.xml`), decoded once into one byte buffer:
/// plain and rich-text runs joined, phonetic runs (`<rPh>`) left out, entities, CDATA and
/// `_x000D_` escapes decoded.
struct SharedStrings: Sendable {
  var bytes: [UInt8] = []
  /// String i is `bytes[starts[i] ..< starts[i + 1]]`.
  var starts: [UInt32] = [0]

  var count: Int { starts.count - 1 }

  static func read(_ xml: [UInt8]) -> SharedStrings {
    var table = SharedStrings()
    table.bytes.reserveCapacity(xml.count / 2)
    xml.withUnsafeBufferPointer { b in
      guard let base = b.baseAddress else { return }
      var x = XMLScanner(base: base, end: b.count)
      var inItem = false, inText = false, phonetic = 0, preserve = false, textStart = 0
      while let event = x.next() {
        switch event {
        case .start(let name, let attrs, let empty):
          if x.isName(name, "si") {
            if empty { table.starts.append(UInt32(table.bytes.count)) } else { inItem = true }
          } else if x.isName(name, "t") {
            inText = !empty && inItem && phonetic == 0
            preserve = XMLBytes.preservesSpace(base, attrs)
            textStart = table.bytes.count
          } else if x.isName(name, "rPh") && !empty {
            phonetic += 1
          }
        case .end(let name):
          if x.isName(name, "si") {
            table.starts.append(UInt32(truncatingIfNeeded: table.bytes.count))
            inItem = false
            phonetic = 0
          } else if x.isName(name, "t") {
            if inText && !preserve { XMLBytes.trimSpace(&table.bytes, from: textStart) }
            inText = false
          } else if x.isName(name, "rPh") {
            phonetic = max(0, phonetic - 1)
          }
        case .text(let r):
          if inText { XMLBytes.appendDecoded(base, r, to: &table.bytes) }
        case .cdata(let r):
          if inText { table.bytes.append(contentsOf: UnsafeBufferPointer(start: base + r.lowerBound, count: r.count)) }
        }
      }
    }
    return table
  }
}
