import Foundation

/// A loaded evidence file: named columns over rows, cells kept as offsets into the file's bytes.
///
/// Immutable once built (column types are computed on first use, under a lock), so one table can
/// be read from several threads.
public final class EvidenceTable: @unchecked Sendable {
  public let name: String
  public let format: EvidenceFormat
  public let path: String
  public let sha256: String
  public let columns: [String]
  public let rowCount: Int
  /// The bytes cells point into: the file's, or (for a workbook) the sheet's text as decoded.
  public let source: ByteSource
  /// The size of the file loaded.
  public let byteCount: Int
  /// The workbook sheet the table was read from (nil for other formats).
  public let sheet: String?
  /// Every sheet of that workbook, in order (empty for other formats).
  public let sheets: [String]

  /// Columns read from the file come first; `derive` stages append computed ones after them.
  let baseColumnCount: Int
  let derivedColumns: [DerivedColumn]
  /// The loaded table this one extends with derived columns: it owns the base columns' profiles.
  private let parent: EvidenceTable?
  /// The loaded table that owns the base columns (this one, unless it extends another).
  var rootTable: EvidenceTable { parent ?? self }
  /// Base columns read as numbers, on first numeric use (`numericColumn(_:)`).
  let numberCache = ColumnCache<NumericColumn?>()
  /// Base columns read as dense ids, on first grouping by them (`internedColumn(_:atMost:)`).
  let idCache = ColumnCache<InternedColumn>()
  /// Base date/time columns read as instants, on first use by a chart (`instantColumn(_:)`).
  let instantCache = ColumnCache<[Double]>()

  enum Layout: Sendable { case delimited, spans }
  let layout: Layout
  let stride: Int
  let segments: [TableSegment]
  let encoding: CellEncoding
  let base: UnsafePointer<UInt8>
  private let typeLock = NSLock()
  private var profileCache: [ColumnProfile?]
  /// Formats given for columns (`--date-format COL=FORMAT`), by column index.
  let givenFormats: [Int: ValueFormat]
  /// How the file was read: its delimiter (`comma`, `semicolon`…; nil for line formats) and its
  /// text encoding as found or given (`UTF-8`, `UTF-16LE`, `Windows-1252`).
  public let delimiterName: String?
  public let encodingName: String
  /// The log layout recognised (`HDFS`, `syslog`…), nil for other files.
  public let logLayout: String?

  init(
    name: String, format: EvidenceFormat, path: String, sha256: String, columns: [String],
    source: ByteSource, layout: Layout, segments: [TableSegment], encoding: CellEncoding,
    givenFormats: [Int: ValueFormat] = [:], delimiterName: String? = nil, encodingName: String = "UTF-8",
    logLayout: String? = nil,
    fileByteCount: Int? = nil, sheet: String? = nil, sheets: [String] = []
  ) {
    self.logLayout = logLayout
    self.delimiterName = delimiterName
    self.encodingName = encodingName
    self.name = name
    self.format = format
    self.path = path
    self.sha256 = sha256
    self.columns = columns
    self.source = source
    self.byteCount = fileByteCount ?? source.count
    self.sheet = sheet
    self.sheets = sheets
    self.layout = layout
    self.stride = layout == .delimited ? columns.count : 2 * columns.count + 2
    self.baseColumnCount = columns.count
    self.derivedColumns = []
    self.parent = nil
    self.segments = segments
    self.rowCount = segments.reduce(0) { $0 + $1.rowCount }
    self.encoding = encoding
    // An empty file has no base address; point at a static byte so offsets 0..<0 stay valid.
    self.base = source.buffer.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? Self.emptyBase
    self.profileCache = Array(repeating: nil, count: columns.count)
    self.givenFormats = givenFormats
  }

  /// The same rows with one more column, computed by a `derive` stage.
  init(extending table: EvidenceTable, with column: DerivedColumn) {
    name = table.name
    format = table.format
    path = table.path
    sha256 = table.sha256
    columns = table.columns + [column.name]
    rowCount = table.rowCount
    source = table.source
    byteCount = table.byteCount
    sheet = table.sheet
    sheets = table.sheets
    layout = table.layout
    stride = table.stride
    segments = table.segments
    encoding = table.encoding
    base = table.base
    givenFormats = table.givenFormats
    delimiterName = table.delimiterName
    encodingName = table.encodingName
    logLayout = table.logLayout
    baseColumnCount = table.baseColumnCount
    derivedColumns = table.derivedColumns + [column]
    parent = table.parent ?? table
    profileCache = []
  }

  nonisolated(unsafe) private static let emptyBase: UnsafePointer<UInt8> = {
    let p = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    p.initialize(to: 0)
    return UnsafePointer(p)
  }()

  public var columnCount: Int { columns.count }
  /// The first 16 hex digits of the SHA-256, as the notebook shows it.
  public var shortHash: String { String(sha256.prefix(16)) }

  /// The index of the column named exactly `name`, or else the only one equal ignoring case.
  public func columnIndex(named name: String) -> Int? {
    if let i = columns.firstIndex(of: name) { return i }
    let lowered = name.lowercased()
    let matches = columns.indices.filter { columns[$0].lowercased() == lowered }
    return matches.count == 1 ? matches[0] : nil
  }

  /// The inferred type of every column.
  public var columnTypes: [ColumnType] { columns.indices.map { columnType($0) } }

  /// The inferred type of one column, computed over all its cells the first time it is asked for.
  public func columnType(_ column: Int) -> ColumnType { columnProfile(column).type }

  /// The type, format and unread values of one column, computed over all its cells once.
  public func columnProfile(_ column: Int) -> ColumnProfile {
    if column >= baseColumnCount { return derivedColumns[column - baseColumnCount].profile }
    if let parent { return parent.columnProfile(column) }
    typeLock.lock()
    let cached = profileCache[column]
    typeLock.unlock()
    if let cached { return cached }
    let profile = ColumnTypeInference.profile(self, column: column, given: givenFormats[column])
    typeLock.lock()
    profileCache[column] = profile
    typeLock.unlock()
    return profile
  }

  /// Takes a column's profile decided while the table was read (the same scan, in row order).
  func seedProfile(_ profile: ColumnProfile, column: Int) {
    typeLock.lock()
    profileCache[column] = profile
    typeLock.unlock()
  }

  /// Every column's profile, computed on both cores for large tables.
  public var columnProfiles: [ColumnProfile] {
    if let parent { return parent.columnProfiles + derivedColumns.map(\.profile) }
    let missing = columns.indices.filter { c in typeLock.withLock { profileCache[c] == nil } }
    if missing.count > 1 && rowCount > 50_000 {
      // Columns are taken in turn by whichever core is free (their costs differ a lot).
      // Through Parallel: it goes on without the threads an address-space limit refuses.
      Parallel.run(missing.map { c in { _ = self.columnProfile(c) } })
    }
    return columns.indices.map { columnProfile($0) }
  }

  /// The reader for a column's cells in its format.
  func reader(_ column: Int) -> ValueReader { columnProfile(column).reader }

  /// The cell's text: quotes removed and escapes decoded; empty when the row lacks the field.
  public func cell(row: Int, column: Int) -> String {
    CellDecoder.string(base, value(row: row, column: column))
  }

  /// The 1-based line of the file where the row starts.
  public func lineNumber(ofRow row: Int) -> Int {
    let (s, local) = locate(row)
    return segments[s].lines.line(of: local)
  }

  /// The 0-based byte offset where the row starts.
  public func byteOffset(ofRow row: Int) -> Int {
    let (s, local) = locate(row)
    return Int(segments[s].cells[layout == .delimited ? local : local * stride])
  }

  /// The row as written in the file (all its fields, or the whole line).
  public func rawText(ofRow row: Int) -> String {
    let r = recordRange(row: row)
    return String(decoding: UnsafeBufferPointer(start: base + r.lowerBound, count: r.count), as: UTF8.self)
  }

  // MARK: internal fast access

  @inline(__always) func locate(_ row: Int) -> (segment: Int, local: Int) {
    if segments.count == 1 { return (0, row) }
    var lo = 0, hi = segments.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if segments[mid].firstRow <= row { lo = mid } else { hi = mid - 1 }
    }
    return (lo, row - segments[lo].firstRow)
  }

  /// The raw byte range of a cell, or nil when the row lacks it.
  @inline(__always) func rawRange(_ c: SegmentCursor, local: Int, column: Int) -> (Int, Int)? {
    switch layout {
    case .delimited:
      let rowStart = Int(c.cells[local])
      let k = local * stride + column
      let e = c.ends[k]
      if e == missingEnd { return nil }
      let end = e == farEnd ? farEndOffset(c.index, k) : rowStart + Int(e)
      if column == 0 { return (rowStart, end) }
      let p = c.ends[k - 1]
      return ((p == farEnd ? farEndOffset(c.index, k - 1) : rowStart + Int(p)) + 1, end)
    case .spans:
      let r = c.cells + local * stride
      let s = r[2 + 2 * column]
      if s == missingCell { return nil }
      return (Int(s), Int(r[3 + 2 * column]))
    }
  }

  private func farEndOffset(_ segment: Int, _ k: Int) -> Int {
    Int(segments[segment].overflow[k] ?? 0)
  }

  @inline(__always) func value(_ c: SegmentCursor, local: Int, column: Int) -> CellValue {
    if column >= baseColumnCount {
      return .text(derivedColumns[column - baseColumnCount].text(row: segments[c.index].firstRow + local))
    }
    guard let (s, e) = rawRange(c, local: local, column: column) else { return .missing }
    return CellDecoder.value(base, s, e, encoding, column: column)
  }

  func value(row: Int, column: Int) -> CellValue {
    let (s, local) = locate(row)
    return value(segments[s].cursor(s), local: local, column: column)
  }

  /// The bytes of a whole record, without its line terminator.
  func recordRange(row: Int) -> Range<Int> {
    let (s, local) = locate(row)
    let c = segments[s].cursor(s)
    switch layout {
    case .spans:
      let r = c.cells + local * stride
      return Int(r[0])..<Int(r[1])
    case .delimited:
      let start = Int(c.cells[local])
      var k = baseColumnCount - 1
      while k > 0 && c.ends[local * stride + k] == missingEnd { k -= 1 }
      let end = rawRange(c, local: local, column: k)?.1 ?? start
      return start..<max(start, end)
    }
  }
}
