import Foundation

/// Another program run as the independent answer (python3, psql …), found on PATH.
public enum ExternalProgram {
  /// What happens to the program's standard error: kept with its output (for a failure's message),
  /// or dropped.
  public enum ErrorOutput: Sendable { case merged, dropped, inherited }

  /// Runs `arguments` (the program first) in `folder`; its exit status and standard output.
  public static func run(_ arguments: [String], in folder: URL? = nil, errors: ErrorOutput = .inherited) throws
    -> (status: Int32, out: String)
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let out = Pipe()
    process.standardOutput = out
    switch errors {
    case .merged: process.standardError = out
    case .dropped: process.standardError = FileHandle.nullDevice
    case .inherited: break
    }
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
