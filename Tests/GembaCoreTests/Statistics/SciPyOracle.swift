import Foundation
import Testing

/// Expected figures computed at test time by an independent program: python3 with scipy/numpy.
///
/// A test sends its input as JSON on stdin and a snippet that sets `out` (a dict of numbers or
/// lists of numbers); the figures it compares against are never copied from gemba's own output.
enum SciPy {
  /// python3 can import scipy and numpy (else the suites that need it are skipped, saying why).
  static let available: Bool = (try? run("out = {'ok': 1}", input: [String: Int]())) != nil

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Runs `code` after `import json, sys, math, numpy as np; from scipy import stats, special`
  /// with `data` bound to the decoded `input`, and returns the decoded `out`.
  static func run(_ code: String, input: Any) throws -> [String: Any] {
    let program = """
      import json, sys, math
      import numpy as np
      from scipy import stats, special
      data = json.load(sys.stdin)
      \(code)
      def plain(o):
          if hasattr(o, 'tolist'): o = o.tolist()
          if isinstance(o, dict): return {k: plain(v) for k, v in o.items()}
          if isinstance(o, (list, tuple)): return [plain(v) for v in o]
          if isinstance(o, (bool, str)) or o is None: return o
          o = float(o)
          return o if math.isfinite(o) else str(o)
      print(json.dumps(plain(out)))
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", program]
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    nonisolated(unsafe) var err = Data()
    let errReader = Thread { err = stderr.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errReader.isFinished { usleep(1000) }
    guard process.terminationStatus == 0,
      let object = try? JSONSerialization.jsonObject(with: out) as? [String: Any]
    else { throw Failure(description: "python3 failed: " + String(decoding: err, as: UTF8.self)) }
    return object
  }
}

extension Dictionary where Key == String, Value == Any {
  /// A number; python's non-finite floats arrive as the strings "inf", "-inf", "nan".
  static func decode(_ value: Any?) -> Double {
    if let n = value as? NSNumber { return n.doubleValue }
    switch value as? String {
    case "inf": return .infinity
    case "-inf": return -.infinity
    default: return .nan
    }
  }

  func number(_ key: String) -> Double { Self.decode(self[key]) }

  func numbers(_ key: String) -> [Double] { (self[key] as? [Any])?.map { Self.decode($0) } ?? [] }

  func table(_ key: String) -> [[Double]] { (self[key] as? [[Any]])?.map { $0.map { Self.decode($0) } } ?? [] }
}

/// Compares figures with their expected values and remembers the largest relative error seen.
struct Agreement {
  var largest = 0.0
  var name: String

  init(_ name: String) { self.name = name }

  /// |actual − expected| ≤ tolerance × max(|expected|, floor): relative, with an absolute floor
  /// for figures near zero.
  mutating func check(
    _ actual: Double, _ expected: Double, _ what: String, tolerance: Double = 1e-10,
    floor: Double = 1e-300, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    if actual.isNaN && expected.isNaN { return }
    if actual.isInfinite && actual == expected { return }
    let error = abs(actual - expected) / Swift.max(abs(expected), floor)
    largest = Swift.max(largest, error)
    #expect(
      error <= tolerance, "\(name): \(what) = \(actual), scipy \(expected) (relative error \(error))",
      sourceLocation: sourceLocation)
  }

  func report() { print("\(name): largest relative error against scipy \(largest)") }
}
