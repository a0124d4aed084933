import Foundation
import Testing

/// The PostgreSQL the tests run against (shared by the store and end-to-end tests): `GEMBA_TEST_PG_URL`, which `scripts/start-postgres` prints
/// and `.ci/run` exports. Without it the suites skip, saying so, except under `CI=true`, where they
/// run and fail: CI must always test against a real server.
public enum TestPostgres {
  public static let environment = ProcessInfo.processInfo.environment
  public static let url: String? = environment["GEMBA_TEST_PG_URL"].flatMap { $0.isEmpty ? nil : $0 }
  public static let runs = url != nil || environment["CI"] == "true"
  public static let skipReason: Comment = "needs PostgreSQL: eval \"$(scripts/start-postgres)\" sets GEMBA_TEST_PG_URL"

  public struct Missing: Error, CustomStringConvertible {
    public var description: String {
      "CI=true but GEMBA_TEST_PG_URL is unset: .ci/run starts PostgreSQL with scripts/start-postgres"
    }
  }

  /// The server's URL, or a thrown error (which fails the test) under CI.
  public static func requireURL() throws -> String {
    guard let url else { throw Missing() }
    return url
  }

  /// The same server as another role (`gemba_pw`, `gemba_norights`: made by scripts/start-postgres).
  public static func url(role: String) throws -> String {
    let base = try requireURL()
    guard let scheme = base.range(of: "://"), let at = base.range(of: "@", range: scheme.upperBound..<base.endIndex)
    else {
      return base
    }
    return base.replacingCharacters(in: scheme.upperBound..<at.lowerBound, with: role)
  }

  /// `psql` as the independent answer: its unaligned, tuples-only output.
  public static func psql(_ sql: String, url: String) throws -> String {
    try output(of: ["psql", "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", sql])
  }

  /// A program's standard output, trimmed (found on PATH through /usr/bin/env).
  static func output(of arguments: [String]) throws -> String {
    try ExternalProgram.run(arguments).out.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

extension TestPostgres {
  /// Runs `python3 -c script args…` and returns its standard output (an independent answer).
  public static func python(_ script: String, _ arguments: [String] = []) throws -> String {
    try output(of: ["python3", "-c", script] + arguments)
  }
}
