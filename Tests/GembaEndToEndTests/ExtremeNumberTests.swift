import Foundation
import GembaTestSupport
import Testing

/// Issue 24, finding 6: `1e308`, `-1e308` and the subnormal `5e-324` in a column crashed `histogram`,
/// the control charts and `capability` ("Double value cannot be converted to Int") and `pareto --sum`.
/// Every statistics stage and chart runs here on such a column with the built binary: none may
/// crash; each gives a number (checked against Python) or a message with a code.
@Suite(
  .enabled(if: gembaBuilt, "build gemba first: scripts/test does"),
  .enabled(
    if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
    "needs python3 for the independent sums"))
struct ExtremeNumberTests {
  /// A seeded table: `x` mixes ±1e308, 5e-324 and ordinary values, `big` overflows when summed,
  /// `tiny` is subnormals and zeros, `n` sample sizes, `g` groups, `d` days.
  static func table() -> String {
    var random = SplitMix64(seed: 24_006)
    let extremes = ["1e308", "-1e308", "5e-324", "1.7976931348623157e308", "-5e-324"]
    var out = "label,g,x,big,tiny,n,d\n"
    for i in 0..<40 {
      let x = i % 3 == 0 ? extremes[Int(random.next() % UInt64(extremes.count))] : String(Int(random.next() % 100))
      let tiny = i % 2 == 0 ? "5e-324" : (i % 5 == 0 ? "1e-320" : "0")
      out +=
        "L\(i % 6),g\(i % 2),\(x),\(i % 4 == 0 ? "-" : "")1e308,\(tiny),\(10 + i % 3),2026-01-\(String(format: "%02d", 1 + i % 28))\n"
    }
    return out
  }

  /// Every command that computes from a numeric column, over the extreme columns.
  static let commands: [String] = {
    var out: [String] = []
    for column in ["x", "big", "tiny"] {
      out += [
        "histogram t \(column)", "histogram t \(column) --bins 3", "histogram t \(column) --bins 1",
        "spc t \(column)", "spc t \(column) --chart imr", "spc t \(column) --chart xbar-r --size 4",
        "spc t \(column) --chart xbar-s --size 4", "spc t \(column) --chart run", "spc t \(column) --chart c",
        "spc t \(column) --chart p --n n", "spc t \(column) --chart np --n n", "spc t \(column) --chart u --n n",
        "spc t \(column) --chart laney-p --n n", "spc t \(column) --chart laney-u --n n",
        "spc t \(column) --by day", "spc t \(column) --subgroup g --chart xbar-r",
        "capability t \(column) --lsl -1 --usl 1", "capability t \(column) --lsl -1e308 --usl 1e308 --size 4",
        "pareto t by label --sum \(column)", "pareto t by g --sum \(column)",
        "t | sum \(column)", "t | sum \(column) by g", "t | avg \(column)", "t | avg \(column) by g",
        "t | median \(column)", "t | p90 \(column)", "t | compare \(column) by g",
        "t | derive y = \(column) * 10 | histogram y", "t | derive y = \(column) * 10 | sum y",
      ]
    }
    // Ordinary data with extreme specification limits and a subnormal width.
    out += ["capability t n --lsl -1e308 --usl 1e308", "capability t n --lsl 5e-324 --usl 1e308 --target 1"]
    return out
  }()

  func folder() throws -> URL {
    let folder = try GembaProcess.scratchFolder()
    try Data(Self.table().utf8).write(to: folder.appendingPathComponent("t.csv"))
    return folder
  }

  /// The command run alone after the load, in a fresh notebook: its output and exit status.
  func run(_ command: String, in folder: URL) throws -> GembaProcess.Result {
    try? FileManager.default.removeItem(at: folder.appendingPathComponent("nb.md"))
    return try GembaProcess.run(["nb.md"], stdin: "load t.csv as t\n\(command)\n", in: folder, timeout: 120)
  }

  @Test func noStatisticCrashesOnNumbersAtTheEdgeOfDouble() throws {
    let folder = try folder()
    for command in Self.commands {
      let result = try run(command, in: folder)
      let text = result.stdout + result.stderr
      // 0: a result; 1: a refusal. A trap (SIGILL, SIGTRAP) or an abort is anything else.
      #expect(result.status == 0 || result.status == 1, "\(command): status \(result.status)\n\(text)")
      #expect(!text.contains("Fatal error"), "\(command)\n\(text)")
      if result.status == 1 {
        #expect(text.contains("error[E"), "\(command): a refusal names its code\n\(text)")
      }
      // A figure is a number or says why not: never `inf`, `∞` or `nan` printed as one.
      #expect(!text.contains("∞"), "\(command) prints ∞\n\(text)")
      for word in text.split(whereSeparator: { !$0.isLetter })
      where ["inf", "nan", "infinity"].contains(word.lowercased()) {
        Issue.record("\(command) prints \(word)\n\(text)")
      }
    }
  }

  /// The exact sum (Python's `math.fsum`, which is correctly rounded) or Python's OverflowError.
  func fsum(_ column: String, in folder: URL) throws -> Double? {
    let script = """
      import csv, math, sys
      rows = list(csv.DictReader(open(sys.argv[1])))
      try:
          print(repr(math.fsum(float(r[sys.argv[2]]) for r in rows)))
      except OverflowError:
          print("overflow")
      """
    let run = try ExternalProgram.run(["python3", "-c", script, folder.appendingPathComponent("t.csv").path, column])
    try #require(run.status == 0)
    return Double(run.out.trimmingCharacters(in: .whitespacesAndNewlines))
  }

  /// The mean by exact rational arithmetic (Python's `statistics.mean` over `Fraction`s).
  func mean(_ column: String, in folder: URL) throws -> Double {
    let script = """
      import csv, statistics, sys
      from fractions import Fraction
      rows = list(csv.DictReader(open(sys.argv[1])))
      print(repr(float(statistics.mean(Fraction(r[sys.argv[2]]) for r in rows))))
      """
    let run = try ExternalProgram.run(["python3", "-c", script, folder.appendingPathComponent("t.csv").path, column])
    try #require(run.status == 0)
    return try #require(Double(run.out.trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  /// The figure in the last column of the answer's one data row (`│ 40 │ 4.01e-320 │`).
  func figure(_ output: String) -> Double? {
    let row = output.split(separator: "\n").last { $0.contains("│") && $0.contains(where: \.isNumber) }
    return row?.split(whereSeparator: { $0 == " " || $0 == "│" })
      .compactMap { Double($0.replacingOccurrences(of: ",", with: "")) }.last
  }

  @Test(arguments: ["x", "big", "tiny"])
  func sumsAreExactOrSayTheyOverflow(_ column: String) throws {
    let folder = try folder()
    let result = try run("t | sum \(column)", in: folder)
    if let exact = try fsum(column, in: folder), exact.isFinite {
      #expect(result.status == 0, "\(result.stderr)")
      let got = try #require(figure(result.stdout), "\(result.stdout)")
      // gemba shows six significant digits: agreement to them, at any magnitude (subnormals too).
      #expect(abs(got - exact) <= abs(exact) * 1e-5 || got == exact, "\(got) vs fsum \(exact)")
    } else {
      #expect(result.status == 1)
      #expect(result.stderr.contains("E0413"), "\(result.stderr)")
    }
  }

  @Test(arguments: ["x", "big", "tiny"])
  func meansAreRightEvenWhereTheSumOverflows(_ column: String) throws {
    let folder = try folder()
    let result = try run("t | avg \(column)", in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let exact = try mean(column, in: folder)
    let got = try #require(figure(result.stdout), "\(result.stdout)")
    #expect(abs(got - exact) <= abs(exact) * 1e-5 || got == exact, "\(got) vs exact mean \(exact)")
  }

  @Test func histogramsCountEveryValueAtTheEdgeOfDouble() throws {
    let folder = try folder()
    for command in ["histogram t x", "histogram t x --bins 3", "histogram t big --bins 3", "histogram t tiny --bins 3"]
    {
      let result = try run(command, in: folder)
      #expect(result.status == 0, "\(command)\n\(result.stderr)")
      #expect(result.stdout.contains("40 values") || result.stdout.contains("n = 40"), "\(command)\n\(result.stdout)")
    }
  }

  /// A received notebook holding such a cell replays without crashing.
  @Test func aNotebookWithTheseCellsReplays() throws {
    let folder = try folder()
    // The commands on `x` (every kind of stage; the other columns repeat them): a debug build
    // replays the 30 cells in about a minute on a busy machine.
    let script = "load t.csv as t\n" + Self.commands.filter { $0.contains(" x") }.joined(separator: "\n") + "\n"
    let made = try GembaProcess.run(["nb.md", "--keep-going"], stdin: script, in: folder, timeout: 900)
    #expect(made.status == 0 || made.status == 1, "\(made.stderr)")
    let replay = try GembaProcess.run(["replay", "nb.md"], in: folder, timeout: 900)
    #expect(replay.status == 0, "\(replay.stdout)\n\(replay.stderr)")
  }
}
