/// Collects whole records as decoded strings: for headers, tests and small files.
struct RecordListSink: CSVRecordSink {
  let base: UnsafePointer<UInt8>
  let encoding: CellEncoding
  var records: [[String]] = []
  var lines: [Int] = []
  var offsets: [Int] = []
  var fieldStart = 0
  var current: [String] = []
  var blankLines: [Int] = []
  var strayQuotes: [(line: Int, offset: Int)] = []
  /// Stop collecting after this many records (the header needs one).
  var limit = Int.max

  init(base: UnsafePointer<UInt8>, encoding: CellEncoding) {
    self.base = base
    self.encoding = encoding
  }

  mutating func beginRecord(start: Int, line: Int) {
    fieldStart = start
    current = []
    lines.append(line)
    offsets.append(start)
  }

  mutating func field(end: Int) {
    current.append(CellDecoder.string(base, CellDecoder.value(base, fieldStart, end, encoding, column: current.count)))
    fieldStart = end + 1
  }

  mutating func endRecord() { records.append(current) }
  mutating func blankLine(offset: Int, line: Int) { blankLines.append(line) }
  mutating func strayQuote(offset: Int, line: Int) { strayQuotes.append((line, offset)) }
}

/// Whole records of a delimited file as text, without a header: for checks and small files.
public enum CSVRecords {
  /// Every record; with `keepEmptyLines`, an empty line is a record of one empty field.
  public static func read(_ source: ByteSource, dialect: CSVDialect = .csv, keepEmptyLines: Bool = false) -> [[String]]
  {
    guard let raw = source.buffer.baseAddress, source.count > 0 else { return [] }
    let base = raw.assumingMemoryBound(to: UInt8.self)
    let encoding: CellEncoding = dialect.quote.map { .quoted($0) } ?? .backslash
    let classes = dialect.byteClasses()
    return classes.withUnsafeBufferPointer { cls in
      var scanner = CSVScanner(
        base: base, end: source.count, classes: cls.baseAddress!, dialect: dialect,
        start: 0, line: 1, sink: RecordListSink(base: base, encoding: encoding))
      var records: [[String]] = []
      while scanner.pos < source.count {
        let blanks = scanner.sink.blankLines.count
        scanner.scanRecord()
        if let r = scanner.sink.records.popLast() { records.append(r) }
        if keepEmptyLines && scanner.sink.blankLines.count > blanks { records.append([""]) }
      }
      return records
    }
  }
}
