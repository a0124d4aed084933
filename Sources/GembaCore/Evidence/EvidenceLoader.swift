/// Loads evidence from bytes: checks them, scans them into a table, hashes them (in parallel).
///
/// Pure over its input: the caller maps the file (`MappedFile`) and passes a `ByteSource`.
public enum EvidenceLoader {
  /// Loads `bytes` (the file at `path`) as `format`. With `progress`, the shell can watch the
  /// load and cancel it; a cancelled load throws and leaves nothing behind.
  public static func load(name: String, path: String, bytes: ByteSource, format: EvidenceFormat,
                          options: LoadOptions = LoadOptions(), progress: LoadProgress? = nil) throws(EvidenceError) -> LoadResult {
    if format == .xlsx {
      return try XlsxLoader.load(name: name, path: path, bytes: bytes, options: options, progress: progress)
    }
    let start = try FileSniffer.check(bytes.buffer, file: path)
    let base = bytes.buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
    let end = bytes.count
    let digestBox = ResultBox(FileDigest())
    let digestJob: @Sendable () -> Void = { digestBox.value = FileDigest.compute(bytes.buffer, progress: progress) }

    var columns: [String]
    var segments: [TableSegment]
    var problems: [EvidenceProblem]
    var problemCount: Int
    var encoding = CellEncoding.plain
    var layout = EvidenceTable.Layout.spans
    let zeek = ZeekHeader.parse(base, start, end)

    if format == .csv || format == .tsv || (format == .log && zeek != nil) {
      var reader: DelimitedReader
      if let zeek {
        encoding = .zeek(boolColumns: zeek.boolColumns, timeColumns: zeek.timeColumns)
        reader = DelimitedReader(source: bytes, file: path, dialect: zeek.dialect, encoding: encoding, options: options)
        reader.givenNames = HeaderNames.make([zeek.fields], line: zeek.fieldsLine, offset: 0).names
      } else {
        encoding = format == .csv ? .quoted(UInt8(ascii: "\"")) : .backslash
        reader = DelimitedReader(source: bytes, file: path, dialect: format == .csv ? .csv : .tsv,
                                 encoding: encoding, options: options)
      }
      reader.progress = progress
      let output = try reader.read(start: zeek?.dataStart ?? start, digest: digestJob)
      (columns, segments, problems, problemCount) = (output.columns, output.segments, output.problems, output.problemCount)
      layout = .delimited
    } else {
      let lines = LineReader(file: path, base: base, start: start, end: end, progress: progress)
      let box = ResultBox<LineTable?>(nil)
      let readJob: @Sendable () -> Void = {
        switch format {
        case .jsonl: box.value = lines.readJSONLines()
        case .log: box.value = lines.readLog()
        default: box.value = lines.readText()
        }
      }
      if end - start < DelimitedReader.parallelThreshold || !options.parallel {
        digestJob()
        readJob()
      } else {
        Parallel.run([digestJob, readJob])
      }
      if progress?.isCancelled == true { throw cancelled(path) }
      let result = box.value!
      (columns, segments, problems, problemCount) = (result.columns, [result.segment], result.problems, result.problemCount)
      encoding = format == .jsonl ? .json : .plain
    }
    if progress?.isCancelled == true { throw cancelled(path) }
    let table = EvidenceTable(name: name, format: format, path: path, sha256: digestBox.value.sha256, columns: columns,
                              source: bytes, layout: layout, segments: segments, encoding: encoding)
    let byteProblems = ByteProblems.list(digestBox.value, in: table)
    return LoadResult(table: table, problems: problems + byteProblems.problems, problemCount: problemCount + byteProblems.count)
  }

  /// The sheets of an Excel workbook, in order, as `--sheet NAME` or `--sheet N` (1-based) picks them.
  public static func sheetNames(bytes: ByteSource, path: String) throws(EvidenceError) -> [String] {
    try XlsxLoader.sheetNames(bytes, file: path)
  }

  static func cancelled(_ file: String) -> EvidenceError {
    EvidenceError(EvidenceProblem(.cancelled, file: file, message: "loading was cancelled; nothing was loaded", action: .refused),
                  hint: "load it again when you are ready")
  }
}
