import Crypto

/// Loads one sheet of an Excel workbook (.xlsx, .xlsm) as an evidence table, or refuses the file
/// saying what to do. The zip is read in place from the mapped bytes; the sheet is streamed.
enum XlsxLoader {
  /// A workbook part may inflate to at most this many bytes (a zip bomb is refused, memory bounded).
  static let partLimit = 1 << 31

  static func load(
    name: String, path: String, bytes: ByteSource, options: LoadOptions,
    progress: LoadProgress?, partLimit: Int = partLimit
  ) throws(EvidenceError) -> LoadResult {
    let archive = try open(bytes, file: path)
    let book = try index(archive, file: path, limit: partLimit)
    let sheet = try choose(options.sheet, in: book.index, file: path)
    guard let partPath = sheet.path, let entry = archive.entry(partPath) else {
      throw refusal(
        path, "sheet `\(sheet.name)` has no worksheet part in the workbook", hint: "open it in Excel and save it again")
    }
    let digest = ResultBox("")
    let outcome = ResultBox<Result<Bool, ZipError>>(.success(true))
    let grid = SheetGrid()
    let styles = book.styles, strings = book.strings, date1904 = book.index.date1904
    let readJob: @Sendable () -> Void = {
      do throws(ZipError) {
        let reader = try ZipEntryReader(archive, entry, limit: partLimit)
        var scanner = SheetScanner(strings: strings, styles: styles, date1904: date1904, grid: grid)
        outcome.value = .success(try XlsxSheetReader.read(reader, entry: entry, scanner: &scanner, progress: progress))
      } catch {
        outcome.value = .failure(error)
      }
    }
    let digestJob: @Sendable () -> Void = { digest.value = sha256(bytes.buffer, progress: progress) }
    if options.parallel { Parallel.run([digestJob, readJob]) } else { digestJob(); readJob() }
    switch outcome.value {
    case .failure(let error): throw refusal(path, error.message, hint: hint(for: error))
    case .success(false): throw EvidenceLoader.cancelled(path)
    case .success(true): break
    }
    if progress?.isCancelled == true { throw EvidenceLoader.cancelled(path) }
    if grid.exhausted { throw EvidenceLoader.outOfMemory(path) }
    if grid.tooLarge {
      throw refusal(
        path, "sheet `\(sheet.name)` holds more than 4 GiB of text",
        hint: "split it into several sheets or save parts of it as CSV")
    }
    return try XlsxTableBuilder.build(
      grid, name: name, path: path, sheet: sheet.name, sheets: book.index.sheets.map(\.name), sha256: digest.value,
      bytes: bytes, options: options)
  }

  /// The names of a workbook's sheets, in order (chart sheets included).
  static func sheetNames(_ bytes: ByteSource, file: String) throws(EvidenceError) -> [String] {
    let archive = try open(bytes, file: file)
    guard let workbook = try? WorkbookIndex.workbookPath(archive, limit: partLimit),
      let index = try? WorkbookIndex.read(archive, workbookPath: workbook, limit: partLimit)
    else {
      throw refusal(
        file, "the zip archive is not an Excel workbook (it has no xl/workbook.xml)",
        hint: "if it is an archive of exports, unzip it and load the files inside")
    }
    return index.sheets.map(\.name)
  }

  // MARK: - Pieces

  struct Book: Sendable {
    var index: WorkbookIndex
    var styles: CellStyles
    var strings: SharedStrings
  }

  static func open(_ bytes: ByteSource, file: String) throws(EvidenceError) -> ZipArchive {
    try WorkbookSniffer.check(bytes, file: file)
    let base = bytes.buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
    do {
      return try ZipArchive(base: base, count: bytes.count)
    } catch {
      throw refusal(file, error.message, hint: hint(for: error))
    }
  }

  static func index(_ archive: ZipArchive, file: String, limit: Int) throws(EvidenceError) -> Book {
    let found: String?
    do throws(ZipError) { found = try WorkbookIndex.workbookPath(archive, limit: limit) } catch {
      throw refusal(file, error.message, hint: hint(for: error))
    }
    guard let workbook = found else {
      throw refusal(
        file, "the zip archive is not an Excel workbook (it has no xl/workbook.xml)",
        hint: "if it is an archive of exports, unzip it and load the files inside")
    }
    do throws(ZipError) {
      let index = try WorkbookIndex.read(archive, workbookPath: workbook, limit: limit)
      let folder = workbook.split(separator: "/").dropLast().joined(separator: "/")
      let stylesPart = archive.entry(index.stylesPath ?? folder + "/styles.xml")
      let stringsPart = archive.entry(index.sharedStringsPath ?? folder + "/sharedStrings.xml")
      var styles = CellStyles()
      if let stylesPart { styles = CellStyles.read(try archive.data(stylesPart, limit: limit)) }
      var strings = SharedStrings()
      if let stringsPart { strings = SharedStrings.read(try archive.data(stringsPart, limit: limit)) }
      return Book(index: index, styles: styles, strings: strings)
    } catch {
      throw refusal(file, error.message, hint: hint(for: error))
    }
  }

  static func choose(_ wanted: String?, in index: WorkbookIndex, file: String) throws(EvidenceError)
    -> WorkbookIndex.Sheet
  {
    let listing = index.sheets.enumerated().map { "\($0.offset + 1) \($0.element.name)" }.joined(separator: ", ")
    guard !index.sheets.isEmpty else {
      throw refusal(file, "the workbook has no sheets", hint: "open it in Excel and save it again")
    }
    guard let wanted else {
      guard let first = index.sheets.first(where: { $0.kind == "worksheet" }) else {
        throw refusal(
          file, "the workbook has no worksheet with cells (sheets: \(listing))", hint: "save the data as a worksheet")
      }
      return first
    }
    var sheet =
      index.sheets.first { $0.name == wanted }
      ?? {
        let matches = index.sheets.filter { $0.name.lowercased() == wanted.lowercased() }
        return matches.count == 1 ? matches[0] : nil
      }()
    if sheet == nil, let n = Int(wanted) {
      guard n >= 1 && n <= index.sheets.count else {
        throw refusal(
          file, "the workbook has \(index.sheets.count) sheet\(index.sheets.count == 1 ? "" : "s"), not \(n)",
          hint: "sheets: \(listing); choose one with --sheet NAME or --sheet N")
      }
      sheet = index.sheets[n - 1]
    }
    guard let sheet else {
      throw refusal(
        file, "no sheet named `\(wanted)` in the workbook",
        hint: "sheets: \(listing); choose one with --sheet NAME or --sheet N")
    }
    guard sheet.kind == "worksheet" else {
      throw refusal(
        file, "sheet `\(sheet.name)` is a \(sheet.kind), which has no cells to load", hint: "sheets: \(listing)")
    }
    return sheet
  }

  static func hint(for error: ZipError) -> String {
    switch error {
    case .tooLarge:
      return
        "if the sheet is real, split it into smaller sheets or save it as CSV; a file that inflates this far is usually a zip bomb"
    case .encrypted: return "remove the password in Excel (File › Info › Protect Workbook) and save again"
    case .unsupported: return "open it in Excel and save it again as .xlsx (Excel writes deflate)"
    case .truncated, .crcMismatch, .corrupt:
      return
        "the file is damaged or was cut short while copying: get a fresh copy, or open it in Excel and save it again"
    }
  }

  static func refusal(_ file: String, _ message: String, hint: String) -> EvidenceError {
    EvidenceError(
      EvidenceProblem(.workbook, file: file, message: message + "; nothing was loaded", action: .refused), hint: hint)
  }

  static func sha256(_ buffer: UnsafeRawBufferPointer, progress: LoadProgress?) -> String {
    var hasher = SHA256()
    var offset = 0
    while offset < buffer.count {
      if progress?.isCancelled == true { break }
      let n = min(1 << 20, buffer.count - offset)
      hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + n)]))
      offset += n
    }
    return Hex.string(hasher.finalize())
  }
}
