#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pull scanner over XML bytes that builds no tree: start tags (with their attribute bytes),
/// end tags, text and CDATA, by the tag's local name (`x:c` is `c`). Comments, processing
/// instructions and DOCTYPE are skipped. Enough for the parts of a workbook, which are
/// machine-written; malformed input ends the scan rather than trapping.
struct XMLScanner {
  enum Event {
    /// A start tag: local name and attribute bytes `[attrStart, attrEnd)`; `empty` for `<a/>`.
    case start(name: Range<Int>, attributes: Range<Int>, empty: Bool)
    case end(name: Range<Int>)
    /// Character data between tags, still entity-encoded.
    case text(Range<Int>)
    /// `<![CDATA[…]]>` contents, literal.
    case cdata(Range<Int>)
  }

  let base: UnsafePointer<UInt8>
  var pos: Int
  let end: Int

  init(base: UnsafePointer<UInt8>, start: Int = 0, end: Int) {
    self.base = base
    self.pos = start
    self.end = end
  }

  mutating func next() -> Event? {
    while pos < end {
      if base[pos] != 60 {  // text up to the next '<' (values are short: look a little first)
        let s = pos
        var p = pos + 1
        let near = min(end, pos + 32)
        while p < near && base[p] != 60 { p += 1 }
        pos = p < near ? p : (XMLBytes.find(base, 60, from: p, to: end) ?? end)
        return .text(s..<pos)
      }
      guard pos + 1 < end else { pos = end; return nil }
      let c = base[pos + 1]
      if c == 47 {  // </name>
        let nameStart = pos + 2
        guard let close = XMLBytes.find(base, 62, from: nameStart, to: end) else { pos = end; return nil }
        var nameEnd = nameStart
        while nameEnd < close && !XMLBytes.isSpace(base[nameEnd]) { nameEnd += 1 }
        pos = close + 1
        return .end(name: localName(nameStart, nameEnd))
      }
      if c == 33 {  // <!-- -->, <![CDATA[ ]]>, <!DOCTYPE>
        if XMLBytes.matches(base, pos, end, "<![CDATA[") {
          let s = pos + 9
          let e = XMLBytes.find(base, "]]>", from: s, to: end) ?? end
          pos = min(end, e + 3)
          return .cdata(s..<e)
        }
        if XMLBytes.matches(base, pos, end, "<!--") {
          pos = min(end, (XMLBytes.find(base, "-->", from: pos + 4, to: end) ?? end) + 3)
          continue
        }
        pos = min(end, (XMLBytes.find(base, 62, from: pos, to: end) ?? end) + 1)
        continue
      }
      if c == 63 {  // <? ?>
        pos = min(end, (XMLBytes.find(base, "?>", from: pos + 2, to: end) ?? end) + 2)
        continue
      }
      let nameStart = pos + 1
      var p = nameStart
      while p < end && !XMLBytes.isSpace(base[p]) && base[p] != 62 && base[p] != 47 { p += 1 }
      let nameEnd = p
      // The tag ends at the first '>' outside quoted attribute values.
      var quote: UInt8 = 0
      while p < end {
        let b = base[p]
        if quote != 0 { if b == quote { quote = 0 } } else if b == 34 || b == 39 { quote = b } else if b == 62 { break }
        p += 1
      }
      guard p < end else { pos = end; return nil }
      let empty = base[p - 1] == 47
      pos = p + 1
      return .start(name: localName(nameStart, nameEnd), attributes: nameEnd..<(empty ? p - 1 : p), empty: empty)
    }
    return nil
  }

  /// Skips to just after the end tag that closes an element whose start was just read.
  mutating func skipElement() {
    var depth = 1
    while depth > 0, let event = next() {
      switch event {
      case .start(_, _, let empty): if !empty { depth += 1 }
      case .end: depth -= 1
      case .text, .cdata: break
      }
    }
  }

  @inline(__always) private func localName(_ s: Int, _ e: Int) -> Range<Int> {
    var p = e
    while p > s { if base[p - 1] == 58 { return p..<e }; p -= 1 }
    return s..<e
  }

  @inline(__always) func isName(_ r: Range<Int>, _ name: StaticString) -> Bool {
    XMLBytes.equals(base, r, name)
  }

  /// The raw (still encoded) value of the attribute with local name `name`.
  func attribute(_ name: StaticString, in r: Range<Int>) -> Range<Int>? {
    XMLBytes.attribute(base, name, in: r)
  }

  /// An attribute's value, entities decoded.
  func attributeString(_ name: StaticString, in r: Range<Int>) -> String? {
    attribute(name, in: r).map { XMLBytes.decodedString(base, $0) }
  }
}

/// Byte helpers for XML: searching, comparing names, attributes, entities and Excel's `_xHHHH_`.
enum XMLBytes {
  @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 13 || b == 9 }

  @inline(__always) static func find(_ base: UnsafePointer<UInt8>, _ byte: UInt8, from: Int, to: Int) -> Int? {
    guard from < to, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
    return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
  }

  static func find(_ base: UnsafePointer<UInt8>, _ needle: StaticString, from: Int, to: Int) -> Int? {
    let first = needle.utf8Start[0]
    var p = from
    while let hit = find(base, first, from: p, to: to) {
      if matches(base, hit, to, needle) { return hit }
      p = hit + 1
    }
    return nil
  }

  @inline(__always) static func matches(_ base: UnsafePointer<UInt8>, _ at: Int, _ end: Int, _ s: StaticString) -> Bool
  {
    let n = s.utf8CodeUnitCount
    guard at + n <= end else { return false }
    let q = s.utf8Start
    for i in 0..<n where base[at + i] != q[i] { return false }
    return true
  }

  @inline(__always) static func equals(_ base: UnsafePointer<UInt8>, _ r: Range<Int>, _ s: StaticString) -> Bool {
    guard r.count == s.utf8CodeUnitCount else { return false }
    let q = s.utf8Start
    for i in 0..<r.count where base[r.lowerBound + i] != q[i] { return false }
    return true
  }

  /// Finds `name="value"` (or single quotes) by local name in a tag's attribute bytes.
  static func attribute(_ base: UnsafePointer<UInt8>, _ name: StaticString, in r: Range<Int>) -> Range<Int>? {
    var p = r.lowerBound
    let end = r.upperBound
    while p < end {
      while p < end && isSpace(base[p]) { p += 1 }
      let nameStart = p
      while p < end && base[p] != 61 && !isSpace(base[p]) { p += 1 }
      let nameEnd = p
      while p < end && base[p] != 34 && base[p] != 39 { p += 1 }
      guard p < end else { return nil }
      let quote = base[p]
      let valueStart = p + 1
      guard let valueEnd = find(base, quote, from: valueStart, to: end) else { return nil }
      p = valueEnd + 1
      var local = nameStart
      for i in nameStart..<nameEnd where base[i] == 58 { local = i + 1 }
      if equals(base, local..<nameEnd, name) { return valueStart..<valueEnd }
    }
    return nil
  }

  /// Text with XML entities and Excel's `_xHHHH_` escapes decoded.
  static func decodedString(_ base: UnsafePointer<UInt8>, _ r: Range<Int>) -> String {
    var out: [UInt8] = []
    appendDecoded(base, r, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends `[r)` with `&amp;`, `&#10;`… and (when `excelEscapes`) `_x000D_` decoded.
  static func appendDecoded(
    _ base: UnsafePointer<UInt8>, _ r: Range<Int>, to out: inout [UInt8], excelEscapes: Bool = true
  ) {
    if isPlain(base, r) {
      out.append(contentsOf: UnsafeBufferPointer(start: base + r.lowerBound, count: r.count))
      return
    }
    var p = r.lowerBound
    let end = r.upperBound
    while p < end {
      let b = base[p]
      if b == 38, let semi = find(base, 59, from: p + 1, to: min(end, p + 12)) {  // &…;
        if let scalar = entity(base, p + 1, semi) {
          appendScalar(scalar, to: &out)
          p = semi + 1
          continue
        }
      } else if b == 95 && excelEscapes && p + 6 < end && base[p + 1] == 120 && base[p + 6] == 95,  // _xHHHH_
        let scalar = hex(base, p + 2, p + 6)
      {
        appendScalar(scalar, to: &out)
        p += 7
        continue
      }
      if b == 13 {  // XML end-of-line handling: CRLF and lone CR read as LF
        out.append(10)
        p += p + 1 < end && base[p + 1] == 10 ? 2 : 1
        continue
      }
      out.append(b)
      p += 1
    }
  }

  /// Removes XML white space (space, tab, CR, LF) from both ends of `bytes[from...]`: the text of
  /// a `<t>` without `xml:space="preserve"`, as calamine reads it.
  static func trimSpace(_ bytes: inout [UInt8], from: Int) {
    var end = bytes.count
    while end > from && isSpace(bytes[end - 1]) { end -= 1 }
    bytes.removeSubrange(end...)
    var start = from
    while start < end && isSpace(bytes[start]) { start += 1 }
    if start > from { bytes.removeSubrange(from..<start) }
  }

  /// True for `xml:space="preserve"` among a tag's attributes.
  static func preservesSpace(_ base: UnsafePointer<UInt8>, _ attrs: Range<Int>) -> Bool {
    guard let v = attribute(base, "space", in: attrs) else { return false }
    return equals(base, v, "preserve")
  }

  /// True when the bytes hold nothing to decode (no `&`, no `_x` escape, no CR).
  @inline(__always) static func isPlain(_ base: UnsafePointer<UInt8>, _ r: Range<Int>) -> Bool {
    if r.count > 64 {
      return find(base, 38, from: r.lowerBound, to: r.upperBound) == nil
        && find(base, 95, from: r.lowerBound, to: r.upperBound) == nil
        && find(base, 13, from: r.lowerBound, to: r.upperBound) == nil
    }
    for p in r {
      let b = base[p]
      if b == 38 || b == 95 || b == 13 { return false }
    }
    return true
  }

  private static func entity(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> UInt32? {
    let r = s..<e
    if equals(base, r, "amp") { return 38 }
    if equals(base, r, "lt") { return 60 }
    if equals(base, r, "gt") { return 62 }
    if equals(base, r, "quot") { return 34 }
    if equals(base, r, "apos") { return 39 }
    guard e - s >= 2, base[s] == 35 else { return nil }
    if base[s + 1] == 120 || base[s + 1] == 88 { return hex(base, s + 2, e) }
    var v: UInt32 = 0
    for i in (s + 1)..<e {
      guard base[i] &- 48 < 10, v < 0x110000 else { return nil }
      v = v * 10 + UInt32(base[i] - 48)
    }
    return v
  }

  private static func hex(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> UInt32? {
    guard e > s, e - s <= 6 else { return nil }
    var v: UInt32 = 0
    for i in s..<e {
      guard let h = CellDecoder.hexValue(base[i]) else { return nil }
      v = v << 4 | UInt32(h)
    }
    return v
  }

  static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
    let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
    out.append(contentsOf: Array(String(Character(scalar)).utf8))
  }
}
