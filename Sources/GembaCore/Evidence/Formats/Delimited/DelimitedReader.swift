import Foundation

/// Reads CSV and TSV into a delimited-layout table, scanning large files in chunks on all cores.
///
/// Chunks after the first start speculatively after a line break, assuming it ends a record.
/// A chunk's result is kept only when the chunk before it, scanned from a known record start,
/// ends exactly where it began; otherwise the earlier scanner simply continues through it. So a
/// quoted line break at a chunk boundary costs a re-scan of one chunk, never a wrong row.
struct DelimitedReader {
  let source: ByteSource
  let file: String
  let dialect: CSVDialect
  let encoding: CellEncoding
  let options: LoadOptions
  /// Header names given by the caller (Zeek's `#fields`); the file then has no header record.
  var givenNames: [String]? = nil
  var progress: LoadProgress? = nil

  struct Output {
    var columns: [String]
    var segments: [TableSegment]
    var problems: [EvidenceProblem]
    var problemCount: Int
    var endings: LineEndingStats
  }

  func read(start: Int, digest job: @escaping @Sendable () -> Void) throws(EvidenceError) -> Output {
    let buffer = source.buffer
    let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
    let end = buffer.count
    try LineLengths.check(base, from: start, to: end, file: file)
    let classes = dialect.byteClasses()
    return try classes.withUnsafeBufferPointer { (table) throws(EvidenceError) -> Output in
      let cls = table.baseAddress!
      // Header: title rows to skip, then one or two records of names.
      var headerScan = CSVScanner(
        base: base, end: end, classes: cls, dialect: dialect, start: start, line: 1,
        sink: RecordListSink(base: base, encoding: encoding))
      var problems: [LocalProblem] = []
      var names: [String]
      if let givenNames {
        names = givenNames
      } else {
        let wanted = options.skipRows + max(options.headerRows, 1)
        while headerScan.sink.records.count < wanted && headerScan.pos < end {
          headerScan.scanRecord()
          if headerScan.pos - start > Self.headerLimit { break }
        }
        try checkHeader(headerScan, start: start)
        let records = Array(headerScan.sink.records.dropFirst(options.skipRows))
        if options.headerRows == 0 {
          names = (0..<(records.first?.count ?? 0)).map { "column_\($0 + 1)" }
          headerScan = CSVScanner(
            base: base, end: end, classes: cls, dialect: dialect,
            start: headerScan.sink.offsets.last ?? start,
            line: headerScan.sink.lines.last ?? 1, sink: headerScan.sink)
        } else {
          let made = HeaderNames.make(
            records, line: headerScan.sink.lines.last ?? 1,
            offset: headerScan.sink.offsets.last ?? start)
          names = made.names
          // Hints first: they say how to load the file properly, the renames follow from them.
          problems += headerHints(records, scan: headerScan)
          problems += made.problems
        }
      }
      let dataStart = givenNames == nil ? headerScan.pos : start
      let dataLine = givenNames == nil ? headerScan.line : 1
      let chunks = chunkStarts(base: base, from: dataStart, to: end)
      let estimate = estimatedRows(base: base, from: dataStart, to: end) / max(chunks.count - 1, 1) + 64
      let scanners = (0..<(chunks.count - 1)).map { i in
        var scanner = CSVScanner(
          base: base, end: end, classes: cls, dialect: dialect, start: chunks[i],
          line: i == 0 ? dataLine : 0,
          sink: DelimitedTableSink(columnCount: names.count, expectedRows: estimate))
        scanner.progress = progress
        return ResultBox(scanner)
      }
      var jobs: [@Sendable () -> Void] = [job]
      for i in scanners.indices {
        let stop = chunks[i + 1]
        let box = scanners[i]
        jobs.append { box.value.run(until: stop) }
      }
      if end - dataStart < Self.parallelThreshold || !options.parallel {
        jobs.forEach { $0() }
      } else {
        Parallel.run(jobs)
      }
      if scanners.contains(where: { $0.value.cancelled }) { throw EvidenceLoader.cancelled(file) }
      return try merge(
        scanners.map(\.value), chunks: chunks, columns: names, problems: problems,
        headerEndings: givenNames == nil ? headerScan.endings : LineEndingStats())
    }
  }

  /// Files smaller than this are scanned on one thread.
  static let parallelThreshold = 4 << 20
  /// A header longer than this is not a header.
  static let headerLimit = 1 << 20

  /// The longest line a table's file may have (64 MiB, `LineLengths.longest`).
  public static let longestLine = LineLengths.longest

  private func checkHeader(_ scan: CSVScanner<RecordListSink>, start: Int) throws(EvidenceError) {
    if let open = scan.unterminatedQuote {
      throw EvidenceError(
        EvidenceProblem(
          .unterminatedQuote, file: file, line: open.line, byteOffset: open.offset,
          message: "the header's quoted field never closes", action: .refused),
        hint: "close the quote in the header, or load it with --format text")
    }
    if scan.sink.records.isEmpty || scan.pos - start > Self.headerLimit {
      let length = scan.pos - start
      throw EvidenceError(
        EvidenceProblem(
          .longLine, file: file, line: 1, byteOffset: start,
          message:
            "the first record is \(NumberFormat.integer(length)) bytes long with no line break in the first \(NumberFormat.integer(Self.headerLimit)); it is not a header",
          action: .refused),
        hint: "load it with --format text to see it line by line")
    }
  }

  private func headerHints(_ records: [[String]], scan: CSVScanner<RecordListSink>) -> [LocalProblem] {
    guard let header = records.first, options.headerRows == 1 else { return [] }
    let line = scan.sink.lines.last ?? 1
    if HeaderNames.looksLikeTitle(header, next: nil) || HeaderNames.looksLikeTitle(header, next: peekNext(scan)) {
      return [
        LocalProblem(
          kind: .titleRow, row: nil, line: line, column: nil, offset: scan.sink.offsets.last ?? 0,
          message:
            "the first row looks like a title above the header; load it with --skip 1 to use the next row as the header",
          action: .loaded)
      ]
    }
    if HeaderNames.looksLikeSectionRow(header) {
      return [
        LocalProblem(
          kind: .duplicateHeader, row: nil, line: line, column: nil, offset: scan.sink.offsets.last ?? 0,
          message:
            "the header repeats most of its names, like a row of section titles above the real names; load it with --header-rows 2 to combine the two rows (\"Section.Name\")",
          action: .loaded)
      ]
    }
    return []
  }

  private func peekNext(_ scan: CSVScanner<RecordListSink>) -> [String]? {
    var copy = scan
    copy.sink.records = []
    while copy.sink.records.isEmpty && copy.pos < copy.end { copy.scanRecord() }
    return copy.sink.records.first
  }

  /// Chunk boundaries: the data start, then offsets just after a line break, then the end.
  private func chunkStarts(base: UnsafePointer<UInt8>, from: Int, to end: Int) -> [Int] {
    let size = end - from
    guard options.parallel, size >= Self.parallelThreshold else { return [from, end] }
    let count = min(8, max(2, 2 * ProcessInfo.processInfo.activeProcessorCount))
    var starts = [from]
    for k in 1..<count {
      var p = from + size / count * k
      guard p > starts.last! else { continue }
      while p < end && base[p - 1] != 10 && base[p - 1] != 13 { p += 1 }
      if p < end && base[p - 1] == 13 && base[p] == 10 { p += 1 }
      if p < end && p > starts.last! { starts.append(p) }
    }
    starts.append(end)
    return starts
  }

  private func estimatedRows(base: UnsafePointer<UInt8>, from: Int, to end: Int) -> Int {
    let sample = min(end - from, 1 << 18)
    var breaks = 0
    for i in from..<(from + sample) where base[i] == 10 { breaks += 1 }
    guard breaks > 0 else { return 1024 }
    return Int(Double(end - from) / Double(sample) * Double(breaks) * 1.1)
  }
}
