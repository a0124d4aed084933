import Foundation
import GembaTestSupport
import Testing

/// gemba at the process's limits: a SIGBUS another process sends kills it as it kills any program
/// (the page-cache guard turns only a real fault on a truncated file into zeros), and a load whose
/// table does not fit in the memory left is refused with a message instead of a crash.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct ProcessLimitTests {
  /// A CSV of `rows` rows of ten one-digit fields (20 bytes a row).
  static func narrowCSV(rows: Int, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent("big.csv")
    var text = "a,b,c,d,e,f,g,h,i,j\n"
    let row = "1,2,3,4,5,6,7,8,9,0\n"
    text.reserveCapacity(row.utf8.count * rows + 32)
    for _ in 0..<rows { text += row }
    try text.write(to: url, atomically: false, encoding: .utf8)
    return url
  }

  /// gemba on `nb.md` under `sh` with `limits` (shell commands such as `ulimit -v N`) and no core
  /// file, its commands fed through a pipe the test holds.
  static func start(in folder: URL, limits: String = "") throws -> (Process, FileHandle, Pipe, Pipe) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "ulimit -c 0; \(limits) exec \"$0\" nb.md", GembaProcess.binary.path]
    process.currentDirectoryURL = folder
    process.environment = GembaProcess.environment()
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    return (process, input.fileHandleForWriting, output, error)
  }

  /// Waits up to `seconds` for the process to end; false (and the process killed) when it did not.
  static func ended(_ process: Process, within seconds: TimeInterval) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    guard process.isRunning else { return true }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return false
  }

  @Test func killBusKillsGembaWhileThePageCacheGuardWatchesAMapping() throws {
    let folder = try GembaProcess.scratchFolder()
    // Past MappedFile.pageCacheThreshold (16 MiB), so the load maps the file and installs the guard.
    _ = try Self.narrowCSV(rows: 1_000_000, in: folder)
    let (process, input, output, _) = try Self.start(in: folder)
    defer { try? input.close() }
    try input.write(contentsOf: Data("load big.csv as big\nnote \"loaded\"\n".utf8))
    // The note is answered after the load: from then on the mapping is watched and gemba waits on stdin.
    var seen = Data()
    while !String(decoding: seen, as: UTF8.self).contains("loaded") {
      let more = output.fileHandleForReading.availableData
      try #require(!more.isEmpty, "gemba ended before the load was done: \(String(decoding: seen, as: UTF8.self))")
      seen += more
    }
    kill(process.processIdentifier, SIGBUS)
    let ended = Self.ended(process, within: 60)
    #expect(ended, "gemba survived kill -BUS: the guard swallowed a signal that was not a fault")
    #expect(
      process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGBUS,
      "ended by \(process.terminationReason == .exit ? "exit" : "signal") \(process.terminationStatus)")
  }

  /// Under an address-space limit the file is read, but its table's offsets do not fit: the load is
  /// refused, saying why, and gemba exits as for any refused command (status 1), not by a signal.
  @Test func aLoadTooLargeForTheMemoryLeftIsRefusedNotACrash() throws {
    let folder = try GembaProcess.scratchFolder()
    // Under DelimitedReader.parallelThreshold (4 MiB), so the load runs on one thread (a limit that
    // also stops threads from starting makes Dispatch wait for them forever). As text, each of the
    // 2,000,000 two-byte lines takes 16 bytes of offsets: 32 MB for a 4 MB file.
    try String(repeating: "1\n", count: 2_000_000).write(
      to: folder.appendingPathComponent("lines.txt"),
      atomically: false, encoding: .utf8)
    // The idle process's address space (libraries, heap, stacks), measured; the limit leaves 36 MB
    // more: room for the file and the progress thread's stack, not for the offsets.
    let (idle, idleInput, _, _) = try Self.start(in: folder)
    usleep(500_000)
    let status = try String(contentsOfFile: "/proc/\(idle.processIdentifier)/status", encoding: .utf8)
    try idleInput.close()
    _ = Self.ended(idle, within: 60)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmSize:") })
    let idleKB = try #require(Int(line.split(separator: " ")[1]))
    let (process, input, output, error) = try Self.start(in: folder, limits: "ulimit -v \(idleKB + 36_000);")
    nonisolated(unsafe) var err = Data()
    let errReader = Thread { err = error.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    try input.write(contentsOf: Data("load lines.txt as t --format text\n".utf8))
    try input.close()
    _ = output.fileHandleForReading.readDataToEndOfFile()
    let ended = Self.ended(process, within: 300)
    while !errReader.isFinished { usleep(1000) }
    let stderr = String(decoding: err, as: UTF8.self)
    #expect(ended)
    let how = process.terminationReason == .exit ? "exit" : "signal"
    #expect(
      process.terminationReason == .exit && process.terminationStatus == 1,
      "gemba ended by \(how) \(process.terminationStatus): \(stderr)")
    #expect(stderr.contains("cannot load lines.txt: the file is too large for the memory left"), "\(stderr)")
  }
}
