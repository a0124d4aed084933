import Foundation
// (A copy of Tests/GembaStoreTests/Support/TestPostgres.swift: the two test targets share no code.)
import Testing

/// The PostgreSQL the tests run against: `GEMBA_TEST_PG_URL`, which `scripts/start-postgres` prints
/// and `.ci/run` exports. Without it the suites skip, saying so, except under `CI=true`, where they
/// run and fail: CI must always test against a real server.
enum TestPostgres {
  static let environment = ProcessInfo.processInfo.environment
  static let url: String? = environment["GEMBA_TEST_PG_URL"].flatMap { $0.isEmpty ? nil : $0 }
  static let runs = url != nil || environment["CI"] == "true"
  static let skipReason: Comment = "needs PostgreSQL: eval \"$(scripts/start-postgres)\" sets GEMBA_TEST_PG_URL"

  struct Missing: Error, CustomStringConvertible {
    var description: String { "CI=true but GEMBA_TEST_PG_URL is unset: .ci/run starts PostgreSQL with scripts/start-postgres" }
  }

  /// The server's URL, or a thrown error (which fails the test) under CI.
  static func requireURL() throws -> String {
    guard let url else { throw Missing() }
    return url
  }

  /// The same server as another role (`gemba_pw`, `gemba_norights`: made by scripts/start-postgres).
  static func url(role: String) throws -> String {
    let base = try requireURL()
    guard let scheme = base.range(of: "://"), let at = base.range(of: "@", range: scheme.upperBound..<base.endIndex) else {
      return base
    }
    return base.replacingCharacters(in: scheme.upperBound..<at.lowerBound, with: role)
  }

  /// `psql` as the independent answer: its unaligned, tuples-only output.
  static func psql(_ sql: String, url: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

extension TestPostgres {
  /// Runs `python3 -c script args…` and returns its standard output (an independent answer).
  static func python(_ script: String, _ arguments: [String] = []) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
