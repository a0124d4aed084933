/// The text encodings gemba reads: UTF-8, UTF-16 with a byte-order mark, and the single-byte
/// encodings European Excel and older Windows tools write (Windows-1252, ISO-8859-1).
///
/// Files that are not UTF-8 are decoded once into an owned UTF-8 buffer; the digest is still
/// computed over the file's own bytes, so `verify` checks the file as it is on disk.
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
  case utf8 = "UTF-8"
  case utf16LE = "UTF-16LE"
  case utf16BE = "UTF-16BE"
  case windows1252 = "Windows-1252"
  case latin1 = "ISO-8859-1"

  /// The encoding `--encoding NAME` names (`utf-8`, `utf16`, `cp1252`, `latin1`, …), any case.
  public init?(name: String) {
    let key = name.lowercased().filter { $0.isLetter || $0.isNumber }
    switch key {
    case "utf8": self = .utf8
    case "utf16", "utf16le": self = .utf16LE
    case "utf16be": self = .utf16BE
    case "windows1252", "cp1252", "win1252", "ansi": self = .windows1252
    case "latin1", "iso88591", "l1": self = .latin1
    default: return nil
    }
  }

  /// What the bytes are: a BOM decides UTF-16 (and UTF-8); otherwise the first MiB is checked,
  /// and bytes that are not UTF-8 with no UTF-8 sequence among them are Windows-1252.
  /// Returns the encoding and whether the guess saw both (a file mixing encodings).
  static func detect(_ p: UnsafePointer<UInt8>, _ n: Int) -> (encoding: TextEncoding, mixed: Bool) {
    if n >= 2 && p[0] == 0xFF && p[1] == 0xFE { return (.utf16LE, false) }
    if n >= 2 && p[0] == 0xFE && p[1] == 0xFF { return (.utf16BE, false) }
    if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { return (.utf8, false) }
    let window = min(n, 1 << 20)
    var valid = 0, invalid = 0
    var i = 0
    while i < window {
      let c = p[i]
      if c < 0x80 { i += 1; continue }
      let length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0
      if length > 0 && i + length <= n && (1..<length).allSatisfy({ p[i + $0] & 0xC0 == 0x80 }) {
        valid += 1
        i += length
      } else if length > 0 && i + length > window && window < n {
        i += 1
      } else {
        invalid += 1
        i += 1
      }
    }
    if invalid > 0 && valid == 0 { return (.windows1252, false) }
    return (.utf8, invalid > 0 && valid > 0)
  }

  /// The bytes as UTF-8 (a BOM dropped).
  func decode(_ p: UnsafePointer<UInt8>, _ n: Int) -> [UInt8] {
    var out: [UInt8] = []
    switch self {
    case .utf8:
      let s = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
      out.append(contentsOf: UnsafeBufferPointer(start: p + s, count: n - s))
    case .utf16LE, .utf16BE:
      out.reserveCapacity(n)
      let little = self == .utf16LE
      var i = (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) ? 2 : 0
      var units: [UInt16] = []
      units.reserveCapacity(n / 2)
      while i + 1 < n {
        units.append(little ? UInt16(p[i]) | UInt16(p[i + 1]) << 8 : UInt16(p[i]) << 8 | UInt16(p[i + 1]))
        i += 2
      }
      _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) { out.append($0) }
    case .windows1252, .latin1:
      out.reserveCapacity(n + n / 8)
      for i in 0..<n {
        let c = p[i]
        if c < 0x80 { out.append(c); continue }
        var scalar = UInt32(c)
        if self == .windows1252, c < 0xA0, let mapped = Self.cp1252[Int(c - 0x80)] { scalar = mapped }
        for b in String(Character(Unicode.Scalar(scalar)!)).utf8 { out.append(b) }
      }
    }
    return out
  }

  /// Windows-1252's 0x80–0x9F (nil: undefined, kept as the C1 control).
  private static let cp1252: [UInt32?] = [
    0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D,
    nil,
    nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E,
    0x0178,
  ]
}
