/// Decides, from the first bytes, whether a file is text gemba can load, and what it is if not.
enum FileSniffer {
  /// Throws for files that are empty or binary; returns the offset after a UTF-8 BOM.
  static func check(_ buffer: UnsafeRawBufferPointer, file: String) throws(EvidenceError) -> Int {
    guard let raw = buffer.baseAddress, buffer.count > 0 else {
      throw EvidenceError(
        EvidenceProblem(
          .emptyFile, file: file, byteOffset: 0, message: "the file is empty (0 bytes); nothing was loaded",
          action: .refused),
        hint: "check that the export finished writing, then load it again")
    }
    let p = raw.assumingMemoryBound(to: UInt8.self)
    func starts(_ magic: [UInt8]) -> Bool {
      buffer.count >= magic.count && magic.indices.allSatisfy { p[$0] == magic[$0] }
    }
    let kinds: [([UInt8], String, String)] = [
      (
        [0xD0, 0xCF, 0x11, 0xE0], "an Excel workbook (.xls), not text",
        "open it in a spreadsheet and save the sheet as CSV (UTF-8), then load the .csv"
      ),
      (
        [0x50, 0x4B, 0x03, 0x04], "a ZIP archive (an .xlsx workbook or a zipped export), not text",
        "if it is a workbook, save the sheet as CSV (UTF-8); if it is an archive, unzip it and load the files inside"
      ),
      (
        [0x25, 0x50, 0x44, 0x46], "a PDF document, not text",
        "export the data as CSV, or copy the text into a .txt file"
      ),
      ([0x1F, 0x8B], "gzip-compressed", "decompress it first (gunzip FILE), then load the result"),
    ]
    if starts([0x50, 0x4B, 0x03, 0x04]), isWorkbook(p, buffer.count) {
      throw EvidenceError(
        EvidenceProblem(
          .binaryFile, file: file, byteOffset: 0,
          message:
            "the file is an Excel workbook (.xlsx), not text, although its name says otherwise; nothing was loaded",
          action: .refused),
        hint: "load it as a workbook: load \(file) --format xlsx [--sheet NAME] (or save the sheet as CSV from Excel)")
    }
    for (magic, what, hint) in kinds where starts(magic) {
      throw EvidenceError(
        EvidenceProblem(
          .binaryFile, file: file, byteOffset: 0, message: "the file is \(what); nothing was loaded", action: .refused),
        hint: hint)
    }
    let window = min(buffer.count, 8192)
    for i in 0..<window where p[i] == 0 {
      throw EvidenceError(
        EvidenceProblem(
          .binaryFile, file: file, byteOffset: i,
          message: "the file looks binary (a NUL byte at byte \(i), in its first 8 KiB); nothing was loaded",
          action: .refused),
        hint:
          "gemba loads text: CSV, TSV, JSON Lines, logs and notes. If it is UTF-16 text, convert it: iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8"
      )
    }
    if buffer.count >= Int(UInt32.max - 1) {
      throw EvidenceError(
        EvidenceProblem(
          .tooLarge, file: file, byteOffset: 0,
          message: "the file is \(NumberFormat.integer(buffer.count)) bytes; gemba loads files up to 4 GiB",
          action: .refused),
        hint:
          "split it (split -l 10000000 FILE part-) and load the parts, or filter it first (grep PATTERN FILE > smaller)"
      )
    }
    // Every leading BOM (a file saved twice by a tool that adds one keeps two): none may become
    // an invisible part of the first column's name. EvidenceLoader says when there was more than one.
    var offset = 0
    while offset + 3 <= buffer.count, p[offset] == 0xEF, p[offset + 1] == 0xBB, p[offset + 2] == 0xBF { offset += 3 }
    // Only line breaks and spaces: say that, rather than what a parser makes of it.
    var blank = true
    var i = offset
    while i < buffer.count, blank {
      let b = p[i]
      blank = b == 10 || b == 13 || b == 32 || b == 9
      i += 1
    }
    if blank {
      throw EvidenceError(
        EvidenceProblem(
          .emptyFile, file: file, byteOffset: 0,
          message:
            "the file holds only blank lines (\(NumberFormat.integer(buffer.count)) bytes of line breaks and spaces); nothing was loaded",
          action: .refused), hint: "check that the export finished writing, then load it again")
    }
    return offset
  }

  /// A zip archive holding `xl/workbook.xml`.
  static func isWorkbook(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    guard let archive = try? ZipArchive(base: p, count: count) else { return false }
    return archive.entry("xl/workbook.xml") != nil
  }
}
