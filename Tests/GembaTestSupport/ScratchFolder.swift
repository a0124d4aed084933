import Foundation

/// Scratch folders for files made at test time. They live under one folder per test process,
/// removed when the process exits, so a run leaves nothing in the system temp directory (a
/// crashed run leaves its one folder). `GEMBA_KEEP_TEST_FILES=1` keeps them to look at a failure.
public enum ScratchFolder {
  /// `$TMPDIR/gemba-tests-PID`, made on first use; its removal is registered then.
  static let root: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-tests-\(getpid())")
    try? FileManager.default.removeItem(at: url)
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    if ProcessInfo.processInfo.environment["GEMBA_KEEP_TEST_FILES"] != "1" {
      atexit {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gemba-tests-\(getpid())")
        try? FileManager.default.removeItem(at: url)
      }
    }
    return url
  }()

  /// A fresh empty folder named for the test (`prefix-test-XXXXXXXX`).
  public static func make(_ prefix: String, for name: String) throws -> URL {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let url = root.appendingPathComponent("\(prefix)-\(safe)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
