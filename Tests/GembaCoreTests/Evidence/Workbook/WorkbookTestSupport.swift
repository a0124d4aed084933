import Foundation
import GembaTestSupport
import Testing
@testable import GembaCore

/// python3 with the readers the workbook tests compare against (python-calamine, openpyxl,
/// xlsxwriter), or nil with the reason they are missing.
let pythonWorkbookTools: String? = {
  let check = runPython("import python_calamine, openpyxl, xlsxwriter", arguments: [])
  return check.status == 0
    ? nil
    : "python-calamine, openpyxl and xlsxwriter are missing: python3 -m pip install python-calamine openpyxl xlsxwriter"
}()

/// Runs `python3 -c script args…`; returns the exit status and what it printed.
@discardableResult
func runPython(_ script: String, arguments: [String], in folder: URL? = nil) -> (
  status: Int32, stdout: Data, stderr: String
) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-W", "ignore", "-c", script] + arguments
  if let folder { process.currentDirectoryURL = folder }
  let out = Pipe(), err = Pipe()
  process.standardOutput = out
  process.standardError = err
  do { try process.run() } catch { return (127, Data(), "\(error)") }
  // Read both pipes to the end before waiting, so a large output cannot block the child.
  let errBox = ErrBox()
  let reader = Thread { errBox.data = err.fileHandleForReading.readDataToEndOfFile() }
  reader.start()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  while !reader.isFinished { usleep(1000) }
  return (process.terminationStatus, data, String(decoding: errBox.data, as: UTF8.self))
}

private final class ErrBox: @unchecked Sendable { var data = Data() }

/// A scratch folder for files made at test time.
func workbookScratch(_ name: String = #function) throws -> URL {
  try ScratchFolder.make("xlsx", for: name)
}

/// Loads a workbook file from disk (mapped, as the shell does).
func loadWorkbook(_ path: String, sheet: String? = nil, headerRows: Int = 1, skip: Int = 0) throws(EvidenceError)
  -> LoadResult
{
  let file = try MappedFile(path: path)
  return try EvidenceLoader.load(
    name: "book", path: path, bytes: ByteSource(file), format: .xlsx,
    options: LoadOptions(headerRows: headerRows, skipRows: skip, sheet: sheet))
}
