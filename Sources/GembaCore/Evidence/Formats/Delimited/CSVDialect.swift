/// How a delimited file separates, quotes and comments its fields.
public struct CSVDialect: Hashable, Sendable {
  public var delimiter: UInt8
  /// The quote byte, or nil when fields are never quoted (TSV).
  public var quote: UInt8?
  /// Lines starting with this byte are skipped (Zeek's `#` lines).
  public var comment: UInt8?

  public init(delimiter: UInt8, quote: UInt8?, comment: UInt8? = nil) {
    self.delimiter = delimiter
    self.quote = quote
    self.comment = comment
  }

  /// RFC 4180: comma, double quote.
  public static let csv = CSVDialect(delimiter: UInt8(ascii: ","), quote: UInt8(ascii: "\""))
  /// Tab, no quoting (backslash escapes are decoded per cell).
  public static let tsv = CSVDialect(delimiter: UInt8(ascii: "\t"), quote: nil)

  /// The scanner's stop table: which bytes end a run of plain field bytes.
  func byteClasses() -> [UInt8] {
    var table = [UInt8](repeating: ByteClass.plain, count: 256)
    table[Int(delimiter)] = ByteClass.delimiter
    table[10] = ByteClass.lineFeed
    table[13] = ByteClass.carriageReturn
    if let quote { table[Int(quote)] = ByteClass.quote }
    return table
  }
}

/// What the scanner does at a byte inside an unquoted field.
enum ByteClass {
  static let plain: UInt8 = 0
  static let delimiter: UInt8 = 1
  static let lineFeed: UInt8 = 2
  static let carriageReturn: UInt8 = 3
  static let quote: UInt8 = 4
}

/// How record terminators were written, to report files that mix them.
struct LineEndingStats: Sendable {
  var lf = 0, crlf = 0, cr = 0
  /// The first line ending in each style, to point at in the report.
  var firstLF: Int?, firstCRLF: Int?, firstCR: Int?

  mutating func merge(_ other: LineEndingStats, lineOffset: Int) {
    lf += other.lf
    crlf += other.crlf
    cr += other.cr
    if firstLF == nil, let l = other.firstLF { firstLF = l + lineOffset }
    if firstCRLF == nil, let l = other.firstCRLF { firstCRLF = l + lineOffset }
    if firstCR == nil, let l = other.firstCR { firstCR = l + lineOffset }
  }

  var kindsUsed: Int { (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0) }
}

extension CSVDialect {
  /// The delimiters a CSV file is sniffed for, in order of preference on a tie.
  static let candidates: [UInt8] = [44, 59, 9, 124]  // , ; tab |

  /// How a delimiter is named on load: `comma`, `semicolon`, `tab`, `pipe`, or the character.
  public static func name(of delimiter: UInt8) -> String {
    switch delimiter {
    case 44: return "comma"
    case 59: return "semicolon"
    case 9: return "tab"
    case 124: return "pipe"
    default: return "`\(Character(Unicode.Scalar(delimiter)))`"
    }
  }

  /// The delimiter of the first lines (up to 50, outside quotes): the candidate found the same
  /// number of times (at least once) on the most lines, the more frequent on a tie; comma if none.
  static func sniffDelimiter(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt8 {
    var perLine: [[Int]] = []
    var counts = [0, 0, 0, 0]
    var inQuote = false
    var i = start
    let stop = min(end, start + (1 << 16))
    while i < stop && perLine.count < 50 {
      let c = base[i]
      if c == 34 {
        inQuote.toggle()
      } else if !inQuote && (c == 10 || c == 13) {
        if counts != [0, 0, 0, 0] { perLine.append(counts) }
        counts = [0, 0, 0, 0]
      } else if !inQuote, let k = candidates.firstIndex(of: c) {
        counts[k] += 1
      }
      i += 1
    }
    if counts != [0, 0, 0, 0] && (i >= end || perLine.isEmpty) { perLine.append(counts) }
    var best = 0, bestScore = (0, 0)
    for k in candidates.indices {
      var frequency: [Int: Int] = [:]
      for line in perLine where line[k] > 0 { frequency[line[k], default: 0] += 1 }
      guard let (fields, lines) = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) }) else { continue }
      let score = (lines, fields)
      if score > bestScore { best = k; bestScore = score }
    }
    return candidates[best]
  }
}
