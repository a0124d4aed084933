import Foundation
import GembaTestSupport
import Testing

/// Runs the built `gemba` binary as a user would, in a scratch folder.
struct GembaProcess {
  struct Result {
    var stdout: String
    var stderr: String
    var status: Int32
  }

  /// The package root, found from this file's path.
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `$GEMBA_BIN`, else `.build/debug/gemba` (scripts/test builds it first).
  static let binary: URL = {
    if let path = ProcessInfo.processInfo.environment["GEMBA_BIN"] { return URL(fileURLWithPath: path) }
    return packageRoot.appendingPathComponent(".build/debug/gemba")
  }()

  static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

  /// The objects of gemba's modules compiled since `.build/debug/gemba` was linked (none for
  /// `$GEMBA_BIN`). This target depends on `gemba`, so `swift test` compiles a changed source and
  /// relinks the binary; this catches a test bundle run without that build (or a build that failed
  /// to link). Objects, not sources: a source touched but not changed compiles to the same object,
  /// which the compiler leaves alone, and the binary is still current.
  static let newerObjects: [String] = {
    guard ProcessInfo.processInfo.environment["GEMBA_BIN"] == nil,
      let built = try? binary.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
    else { return [] }
    let folder = binary.deletingLastPathComponent()
    let keys: [URLResourceKey] = [.contentModificationDateKey]
    var newer: [String] = []
    for module in ["gemba", "GembaCore", "GembaStore"] {
      let objects = folder.appendingPathComponent("\(module).build")
      guard let walk = FileManager.default.enumerator(at: objects, includingPropertiesForKeys: keys) else { continue }
      for case let file as URL in walk where file.pathExtension == "o" {
        guard let changed = try? file.resourceValues(forKeys: Set(keys)).contentModificationDate, changed > built
        else { continue }
        newer.append("\(module).build/\(file.lastPathComponent)")
      }
    }
    return newer.sorted()
  }()

  /// `../shared` beside the project (CI has it; a user's clone may not).
  static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
  static var sharedExists: Bool { FileManager.default.fileExists(atPath: shared.path) }

  /// A fresh empty folder under the system temp directory.
  static func scratchFolder(_ name: String = #function) throws -> URL {
    try ScratchFolder.make("e2e", for: name)
  }

  /// The environment tests run with: fixed time, no colour, a private history.
  static func environment(_ extra: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["SOURCE_DATE_EPOCH"] = "1795600000"
    env["NO_COLOR"] = "1"
    env["LC_ALL"] = "C.UTF-8"
    for (k, v) in extra { env[k] = v }
    return env
  }

  /// Runs the binary with `stdin`, reading both pipes as it goes.
  /// - Parameter timeout: seconds after which a watchdog SIGKILLs the process and the status is 124
  ///   (a hang fails the test instead of stalling the suite); nil waits as long as it takes.
  static func run(
    _ arguments: [String], stdin: String = "", in folder: URL, environment extra: [String: String] = [:],
    timeout: TimeInterval? = nil, executable: URL? = nil
  ) throws -> Result {
    let process = Process()
    // Another program (a shell that sets limits, GNU time) that runs gemba itself.
    process.executableURL = executable ?? binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    process.environment = environment(extra)
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    // Read both pipes while writing, so a large output cannot deadlock the child (nor a large input us).
    nonisolated(unsafe) var err = Data()
    nonisolated(unsafe) var out = Data()
    let errReader = Thread { err = error.fileHandleForReading.readDataToEndOfFile() }
    let outReader = Thread { out = output.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    outReader.start()
    // The watchdog kills from here: a signal mask inherited from the test runner can keep
    // `timeout`'s own alarm from ever firing.
    nonisolated(unsafe) var timedOut = false
    if let timeout {
      let pid = process.processIdentifier
      Thread {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
          if kill(pid, 0) != 0 { return }
          usleep(50_000)
        }
        timedOut = true
        kill(pid, SIGKILL)
      }.start()
    }
    // gemba may stop reading (a full disk ends a batch): a closed pipe is an error here, not a SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    while !errReader.isFinished || !outReader.isFinished { usleep(1000) }
    return Result(
      stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
      status: timedOut ? 124 : process.terminationStatus)
  }

  /// Starts gemba on `notebook` reading from a pipe the test keeps open, so it stays running
  /// until the test writes to it or closes it.
  static func startHeld(_ folder: URL, notebook: String = "nb.md") throws -> (Process, FileHandle) {
    let process = Process()
    process.executableURL = binary
    process.arguments = [notebook]
    process.currentDirectoryURL = folder
    process.environment = environment()
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return (process, input.fileHandleForWriting)
  }

  static func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

  /// The number of cell headers in a notebook file.
  static func cellCount(_ url: URL) -> Int {
    guard let text = try? read(url) else { return 0 }
    return text.components(separatedBy: "\n<!-- cell ").count - 1
  }
}

/// End-to-end tests need the built binary, linked from the latest objects; `scripts/test` builds it before
/// `swift test`. Without it they skip, and `GembaBinaryTests` fails saying why.
let gembaBuilt = GembaProcess.binaryExists && GembaProcess.newerObjects.isEmpty

@Suite struct GembaBinaryTests {
  @Test func theBinaryTheTestsRunIsBuiltFromTheseSources() {
    #expect(
      GembaProcess.binaryExists,
      "no gemba at \(GembaProcess.binary.path): run swift build first (scripts/test does)")
    let newer = GembaProcess.newerObjects
    #expect(
      newer.isEmpty,
      """
      \(GembaProcess.binary.path) is older than \(newer.prefix(5).joined(separator: ", "))\
      \(newer.count > 5 ? " and \(newer.count - 5) more" : ""): the tests would run an old gemba; \
      run swift build first (scripts/test does)
      """)
  }
}
