import Foundation
import GembaTestSupport
import Testing

/// The programs a reviewer would check an export with, found on PATH; a test that needs
/// one is skipped with the install command when it is absent.
enum ExternalTools {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func path(of tool: String) -> String? {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return dirs.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  static func hasPythonModule(_ module: String) -> Bool {
    guard path(of: "python3") != nil else { return false }
    return (try? run(["python3", "-c", "import \(module)"]).status) == 0
  }

  static let hasDot = path(of: "dot") != nil
  static let hasChromium = chromium != nil
  static let chromium = path(of: "chromium") ?? path(of: "chromium-browser") ?? path(of: "google-chrome")
  static let hasMarkdownIt = hasPythonModule("markdown_it")
  static let hasNbformat = hasPythonModule("nbformat")
  static let hasJsonschema = hasPythonModule("jsonschema")
  static let hasGit = path(of: "git") != nil

  /// Runs a program (looked up on PATH) and waits, reading both streams fully.
  static func run(_ arguments: [String], in directory: URL? = nil, timeout: TimeInterval = 60) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read before waiting so a full pipe cannot block the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A fresh folder for one test's files.
  static func scratch(_ name: String = #function) throws -> URL {
    try ScratchFolder.make("record", for: name)
  }

  @discardableResult
  static func write(_ text: String, to folder: URL, _ name: String) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  /// The package root, found from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
