#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decides from the first bytes whether a file named as a workbook is one gemba can open:
/// an .xlsx (a zip archive), not a legacy .xls, a password-protected workbook, or a CSV in disguise.
enum WorkbookSniffer {

  static func check(_ bytes: ByteSource, file: String) throws(EvidenceError) {
    guard let raw = bytes.buffer.baseAddress, bytes.count > 0 else {
      throw EvidenceError(
        EvidenceProblem(
          .emptyFile, file: file, byteOffset: 0, message: "the file is empty (0 bytes); nothing was loaded",
          action: .refused),
        hint: "check that the export finished writing, then load it again")
    }
    let p = raw.assumingMemoryBound(to: UInt8.self)
    let n = bytes.count
    if n >= 4 && p[0] == 0xD0 && p[1] == 0xCF && p[2] == 0x11 && p[3] == 0xE0 {
      if isEncryptedPackage(p, n) {
        throw XlsxLoader.refusal(
          file, "the workbook is password-protected (encrypted); gemba cannot read it",
          hint: "remove the password in Excel (File › Info › Protect Workbook) and save again")
      }
      throw XlsxLoader.refusal(
        file, "the file is a legacy Excel 97–2003 workbook (.xls), which gemba does not read",
        hint: "save it as .xlsx or CSV from Excel (File › Save As), then load that")
    }
    if n >= 4 && p[0] == 0x50 && p[1] == 0x4B && (p[2] == 3 || p[2] == 5) && (p[3] == 4 || p[3] == 6) { return }
    let window = min(n, 8192)
    let looksText = memchr(p, 0, window) == nil
    if looksText {
      throw XlsxLoader.refusal(
        file, "the file is text, not an Excel workbook (it is not a zip archive); a CSV saved with a workbook's name?",
        hint: "load it as text: load \(file) --format csv (or tsv)")
    }
    throw XlsxLoader.refusal(
      file, "the file is not an Excel workbook (it is not a zip archive)",
      hint: "open it in Excel and save it as .xlsx or CSV")
  }

  /// An OLE2 container with an `EncryptedPackage` stream: how Office stores an encrypted .xlsx.
  static func isEncryptedPackage(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let name = Array("EncryptedPackage".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    var i = 0
    while let hit = XMLBytes.find(p, name[0], from: i, to: n - name.count + 1) {
      if memcmp(p + hit, name, name.count) == 0 { return true }
      i = hit + 1
    }
    return false
  }
}
