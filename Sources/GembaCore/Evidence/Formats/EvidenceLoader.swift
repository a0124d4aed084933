/// Loads evidence from bytes: checks them, scans them into a table, hashes them (in parallel).
///
/// Pure over its input: the caller maps the file (`MappedFile`) and passes a `ByteSource`.
public enum EvidenceLoader {
  /// Loads `bytes` (the file at `path`) as `format`. With `progress`, the shell can watch the
  /// load and cancel it; a cancelled load throws and leaves nothing behind. `knownDigest`: the
  /// file's SHA-256, when the caller hashed these very bytes already (it is not computed again).
  public static func load(
    name: String, path: String, bytes original: ByteSource, format: EvidenceFormat,
    options: LoadOptions = LoadOptions(), progress: LoadProgress? = nil,
    knownDigest: String? = nil
  ) throws(EvidenceError) -> LoadResult {
    // A streamed file's rest is read here unless its lines can be scanned as it arrives.
    let stream = try StreamedLoad.prepare(original, format: format, options: options)
    // A workbook is a zip, not text: it goes to its own reader before any text decoding.
    if format == .xlsx {
      var result = try XlsxLoader.load(name: name, path: path, bytes: original, options: options, progress: progress)
      // The load line lists each column's type, as for CSV and logs (cells that do not read as their
      // column's type are listed as problems the same way).
      if options.profileColumns {
        let table = result.table
        result.profiles = table.columnProfiles
        let typeProblems = try ColumnProblems.list(result.profiles, columns: Array(table.columns.indices), in: table)
        result.problems += typeProblems
        result.problemCount += typeProblems.count
      }
      return result
    }
    // Text that is not UTF-8 is decoded into an owned buffer; the digest stays the file's own.
    var bytes = original
    var textEncoding = TextEncoding.utf8
    var encodingProblems: [EvidenceProblem] = []
    if let raw = original.buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), original.count > 0 {
      let detected = TextEncoding.detect(raw, original.count)
      textEncoding = options.encoding ?? detected.encoding
      // Binary files are recognised by their own first bytes (UTF-16 is full of NULs).
      if textEncoding != .utf16LE && textEncoding != .utf16BE { _ = try FileSniffer.check(original.buffer, file: path) }
      if detected.mixed && options.encoding == nil {
        encodingProblems.append(
          EvidenceProblem(
            .invalidUTF8, file: path,
            message:
              "the file mixes UTF-8 with bytes that are not UTF-8 (another encoding, probably Windows-1252); read as UTF-8, the other bytes are listed below — load it with --encoding windows-1252 if most of the file is in that encoding",
            action: .loaded))
      }
      if textEncoding != .utf8 {
        guard let decoded = ByteSource.copy(textEncoding.decode(raw, original.count)) else { throw outOfMemory(path) }
        bytes = decoded
      }
    }
    let start = try FileSniffer.check(bytes.buffer, file: path)
    if start > 3 {
      encodingProblems.append(
        EvidenceProblem(
          .invalidUTF8, file: path, line: 1, byteOffset: 3,
          message:
            "the file starts with \(start / 3) byte-order marks (saved twice by a tool that adds one?); the extra ones were skipped",
          action: .loaded))
    }
    let base = bytes.buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
    let end = bytes.count
    let digestBox = ResultBox(FileDigest())
    let arrival = stream.map { ByteArrival(file: $0, chunk: options.chunkBytes, progress: progress) }
    let digestJob: @Sendable () -> Void
    if let arrival {
      digestJob = { digestBox.value = StreamedLoad.digest(arrival, of: original.buffer, known: knownDigest) }
    } else {
      digestJob = { digestBox.value = FileDigest.compute(original.buffer, known: knownDigest, progress: progress) }
    }
    var delimiter: UInt8? = nil
    var timeFormat: ValueFormat? = nil
    var logLayout: String? = nil
    var timeProfile: ColumnProfile? = nil

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
        var dialect = format == .csv ? CSVDialect.csv : .tsv
        dialect.delimiter =
          options.delimiter ?? (format == .csv ? CSVDialect.sniffDelimiter(base, start, end) : dialect.delimiter)
        delimiter = dialect.delimiter
        reader = DelimitedReader(source: bytes, file: path, dialect: dialect, encoding: encoding, options: options)
      }
      reader.progress = progress
      let output = try reader.read(start: zeek?.dataStart ?? start, digest: digestJob)
      (columns, segments, problems, problemCount) = (
        output.columns, output.segments, output.problems, output.problemCount
      )
      layout = .delimited
    } else {
      // Bytes all in memory are checked before anything is hashed or scanned; streamed ones as they arrive.
      if arrival == nil { try LineLengths.check(base, from: start, to: end, file: path) }
      var reader = LineReader(file: path, base: base, start: start, end: end, progress: progress, arrival: arrival)
      reader.profilesTime = options.profileColumns && options.dateFormats.isEmpty
      let lines = reader
      let box = ResultBox<LineTable?>(nil)
      var logPattern: LogPattern? = nil
      if let text = options.pattern {
        do {
          logPattern = try LogPattern(text)
        } catch {
          throw EvidenceError(
            EvidenceProblem(
              .invalidOption, file: path, message: "--pattern cannot be used: \(error.reason); nothing was loaded",
              action: .refused),
            hint: "named groups become columns, e.g. --pattern \"^(?<time>\\S+ \\S+) (?<level>[A-Z]+) (?<message>.*)$\""
          )
        }
      }
      let pattern = logPattern
      let readJob: @Sendable () -> Void = {
        if let pattern { box.value = lines.readPattern(pattern); return }
        switch format {
        case .jsonl: box.value = lines.readJSONLines()
        case .log: box.value = lines.readLog()
        case .records: box.value = lines.readRecords()
        case .text, .md: box.value = lines.readText()
        case .csv, .tsv, .xlsx: box.value = lines.readText()  // not reached: read as fields or cells above
        }
      }
      if end - start < DelimitedReader.parallelThreshold || !options.parallel {
        digestJob()
        readJob()
      } else {
        Parallel.run([digestJob, readJob])
      }
      if let failure = arrival?.error { throw failure }
      if progress?.isCancelled == true { throw cancelled(path) }
      let result = box.value!
      // Asked for records and given none: a table of no columns would answer every query with nothing.
      if format == .records && result.columns.isEmpty {
        throw EvidenceError(
          EvidenceProblem(
            .malformedLine, file: path, line: result.problems.first?.line,
            message: "no line is `Key: value`, so the file holds no records; nothing was loaded", action: .refused),
          hint: "records are blocks of `Key: value` lines separated by blank lines; load it as --format text or log")
      }
      (columns, segments, problems, problemCount) = (
        result.columns, [result.segment], result.problems, result.problemCount
      )
      (timeFormat, logLayout) = (result.timeFormat, result.layoutName)
      timeProfile = result.timeProfile
      encoding = format == .jsonl || result.isJSON ? .json : result.cellEncoding
    }
    if progress?.isCancelled == true { throw cancelled(path) }
    if segments.contains(where: \.exhausted) { throw outOfMemory(path) }
    var given = try givenFormats(options.dateFormats, columns: columns, file: path)
    if let timeFormat, let time = columns.firstIndex(of: "time"), given[time] == nil { given[time] = timeFormat }
    let table = EvidenceTable(
      name: name, format: format, path: path, sha256: digestBox.value.sha256, columns: columns,
      source: bytes, layout: layout, segments: segments, encoding: encoding, givenFormats: given,
      delimiterName: delimiter.map(CSVDialect.name(of:)), encodingName: textEncoding.rawValue, logLayout: logLayout)
    if let timeProfile, let time = columns.firstIndex(of: "time"), given[time] == nil {
      table.seedProfile(timeProfile, column: time)
    }
    // The digest's UTF-8 check ran over the file's own bytes; decoded text has no such problems.
    let byteProblems = textEncoding == .utf8 ? ByteProblems.list(digestBox.value, in: table) : (problems: [], count: 0)
    let profiles = options.profileColumns ? table.columnProfiles : []
    let checked = options.profileColumns ? profiles : given.keys.sorted().map { table.columnProfile($0) }
    let typeProblems = try ColumnProblems.list(
      checked, columns: options.profileColumns ? Array(columns.indices) : given.keys.sorted(), in: table)
    return LoadResult(
      table: table, problems: encodingProblems + problems + byteProblems.problems + typeProblems,
      problemCount: encodingProblems.count + problemCount + byteProblems.count + typeProblems.count,
      profiles: profiles)
  }

  /// `--date-format` formats by column index; refuses a format that names no column or that
  /// gemba cannot read.
  static func givenFormats(_ formats: [String: String], columns: [String], file: String) throws(EvidenceError) -> [Int:
    ValueFormat]
  {
    var out: [Int: ValueFormat] = [:]
    for (name, layout) in formats.sorted(by: { $0.key < $1.key }) {
      let lowered = name.lowercased()
      let matches = columns.indices.filter { columns[$0] == name || columns[$0].lowercased() == lowered }
      guard let index = matches.first(where: { columns[$0] == name }) ?? (matches.count == 1 ? matches[0] : nil) else {
        let near = Suggestions.note(for: name, in: columns).map { " (\($0))" } ?? ""
        throw EvidenceError(
          EvidenceProblem(
            .invalidOption, file: file, message: "--date-format names no column `\(name)`\(near); nothing was loaded",
            action: .refused),
          hint: "columns: " + columns.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
            + (columns.count > 12 ? ", …" : ""))
      }
      do {
        out[index] = try ValueFormat(dateFormat: layout)
      } catch {
        throw EvidenceError(
          EvidenceProblem(
            .invalidOption, file: file, column: index + 1,
            message: "--date-format \(name)=\(layout) cannot be used: \(error.reason); nothing was loaded",
            action: .refused),
          hint: "write it in strftime notation, e.g. %m/%d/%Y %I:%M:%S %p or %d.%m.%Y %H:%M; or epoch, epoch-ms, excel")
      }
    }
    return out
  }

  /// The sheets of an Excel workbook, in order, as `--sheet NAME` or `--sheet N` (1-based) picks them.
  public static func sheetNames(bytes: ByteSource, path: String) throws(EvidenceError) -> [String] {
    try XlsxLoader.sheetNames(bytes, file: path)
  }

  /// A table's offsets did not fit in the memory left (the file itself did).
  static func outOfMemory(_ file: String) -> EvidenceError {
    EvidenceError(
      EvidenceProblem(
        .tooLarge, file: file,
        message: "the file is too large for the memory left; nothing was loaded",
        action: .refused),
      hint: "load a part of it, or free memory and load it again")
  }

  static func cancelled(_ file: String) -> EvidenceError {
    EvidenceError(
      EvidenceProblem(.cancelled, file: file, message: "loading was cancelled; nothing was loaded", action: .refused),
      hint: "load it again when you are ready")
  }
}
