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
