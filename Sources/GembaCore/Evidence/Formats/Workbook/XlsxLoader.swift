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
    try checkUTF8(archive, entry, what: "sheet `\(sheet.name)`", file: path)
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
    case .failure(.noMemory): throw EvidenceLoader.outOfMemory(path)
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
    if grid.unordered != nil { grid.sortRows() }
    if let damage = grid.damage {
      throw refusal(
        path, "sheet `\(sheet.name)` \(damage): the workbook is damaged",
        hint: "open it in Excel, which offers to repair it, and save it again")
    }
    var result = try XlsxTableBuilder.build(
      grid, name: name, path: path, sheet: sheet.name, sheets: book.index.sheets.map(\.name), sha256: digest.value,
      bytes: bytes, options: options)
    if let unordered = grid.unordered {
      // Read right (in row order, as Excel shows them), but not as the file wrote them: said.
      result.problems.insert(
        EvidenceProblem(
          .workbook, file: path, line: unordered.row,
          message:
            "sheet `\(sheet.name)` writes row \(unordered.row) after row \(unordered.previous); the rows were read in order of their numbers, as Excel shows them",
          action: .loaded), at: 0)
      result.problemCount += 1
    }
    return result
  }

  /// Refuses a part written in UTF-16: gemba scans workbook XML as UTF-8, as Excel and every
  /// other writer save it, and a UTF-16 part read as bytes would load as nothing.
  static func checkUTF8(_ archive: ZipArchive, _ entry: ZipArchive.Entry, what: String, file: String)
    throws(EvidenceError)
  {
    var head: [UInt8] = [0, 0]
    let n: Int
    do throws(ZipError) {
      let reader = try ZipEntryReader(archive, entry, limit: partLimit)
      n = try head.withUnsafeMutableBufferPointer { (b) throws(ZipError) -> Int in
        try reader.read(into: b.baseAddress!, capacity: 2)
      }
    } catch {
      throw refusal(file, error.message, hint: hint(for: error))
    }
    try checkUTF8(head[0..<n], size: entry.size, part: entry.name, what: what, file: file)
  }

  /// The check of a part's first two bytes (`head`) for UTF-16: a byte-order mark, or `<` beside a NUL.
  static func checkUTF8(_ head: ArraySlice<UInt8>, size: Int, part: String, what: String, file: String)
    throws(EvidenceError)
  {
    guard head.count >= 2 else { return }
    let (a, b) = (head[head.startIndex], head[head.startIndex + 1])
    guard (a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF) || (a == 0x3C && b == 0) || (a == 0 && b == 0x3C)
    else { return }
    let odd =
      size % 2 == 1
      ? ", and it ends in half a character (\(NumberFormat.integer(size)) bytes, an odd number: the part is damaged)"
      : ""
    throw refusal(
      file, "\(what) (`\(part)`) is XML in UTF-16\(odd); gemba reads workbook parts in UTF-8, as Excel writes them",
      hint: "open it in Excel and save it again")
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
    let index: WorkbookIndex
    var parts: [(entry: ZipArchive.Entry, bytes: [UInt8])?] = [nil, nil]
    do throws(ZipError) {
      index = try WorkbookIndex.read(archive, workbookPath: workbook, limit: limit)
      let folder = workbook.split(separator: "/").dropLast().joined(separator: "/")
      let stylesPart = archive.entry(index.stylesPath ?? folder + "/styles.xml")
      let stringsPart = archive.entry(index.sharedStringsPath ?? folder + "/sharedStrings.xml")
      for (k, part) in [stylesPart, stringsPart].enumerated() {
        if let part { parts[k] = (part, try archive.data(part, limit: limit)) }
      }
    } catch .noMemory {
      throw EvidenceLoader.outOfMemory(file)
    } catch {
      throw refusal(file, error.message, hint: hint(for: error))
    }
    for (k, part) in parts.enumerated() {
      guard let part else { continue }
      try checkUTF8(
        part.bytes.prefix(2), size: part.bytes.count, part: part.entry.name,
        what: k == 0 ? "the styles" : "the shared strings", file: file)
    }
    return Book(
      index: index, styles: parts[0].map { CellStyles.read($0.bytes) } ?? CellStyles(),
      strings: parts[1].map { SharedStrings.read($0.bytes) } ?? SharedStrings())
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
    case .noMemory: return "load a smaller workbook, or free memory and load it again"
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
