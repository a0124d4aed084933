import Foundation
import Testing

/// Another program run as the independent answer (python3, psql …), found on PATH.
///
/// A test that needs a program or Python module that is absent skips and says why
/// (`.enabled(if: ExternalProgram.runs(needing: …), "needs …")`), so a fresh clone passes
/// without scripts/bootstrap. Under `CI=true` it runs anyway and fails: CI has run the bootstrap,
/// so there a missing tool is a broken setup, not a reason to test less.
public enum ExternalProgram {
  /// Whether this is CI, where every tool must be present.
  public static let underCI = ProcessInfo.processInfo.environment["CI"] == "true"

  /// Whether a test that needs something runs: when it is `present`, and always under CI.
  public static func runs(needing present: Bool) -> Bool { present || underCI }

  /// Whether `program` is an executable on PATH.
  public static func found(_ program: String) -> Bool {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return folders.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(program)") }
  }

  /// A precondition found absent only once the test runs (a mount refused): `Test.cancel` skips the
  /// test saying why; under CI the reason is thrown instead, which fails it.
  public static func skip(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Never {
    if underCI { throw Absent(reason: reason) }
    try Test.cancel(Comment(rawValue: reason), sourceLocation: sourceLocation)
  }

  public struct Absent: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { "CI=true, so this must be here: \(reason)" }
  }

  /// Whether python3 is on PATH and imports every one of `modules`.
  public static func pythonHas(_ modules: String...) -> Bool {
    guard found("python3") else { return false }
    let imports = modules.isEmpty ? "pass" : "import " + modules.joined(separator: ", ")
    return (try? run(["python3", "-c", imports], errors: .dropped).status) == 0
  }

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
