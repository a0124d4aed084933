// gemba-statistics-bench: times the statistics stages on a loaded table (in process, the
// figure a shell user waits for after the load), for scripts/bench-statistics.
//
//   gemba-statistics-bench FILE.csv [TEXT]   load once, then each chart, test and study (containing TEXT) 7 times
//
// Built by scripts/bench-statistics in a scratch package that depends on GembaCore by path.
import GembaCore
import Foundation

func fail(_ message: String) -> Never {
  FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
  exit(2)
}

/// One stage's words as tokens: `--x` is an option, anything else a word.
func stage(_ text: String) -> [Token] {
  text.split(separator: " ").enumerated().map { i, w in
    let span = SourceSpan(at: SourcePosition(line: 1, column: i * 10 + 1), length: w.count)
    return w.hasPrefix("--") ? Token(kind: .option, text: String(w.dropFirst(2)), span: span) : Token(kind: .word, text: String(w), span: span)
  }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let t0 = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

let args = CommandLine.arguments
guard args.count >= 2 else { fail("usage: gemba-statistics-bench FILE.csv") }
let table: EvidenceTable
do {
  let file = try MappedFile(path: args[1], populate: true)
  table = try EvidenceLoader.load(name: "t", path: args[1], bytes: ByteSource(file), format: .csv).table
} catch { fail("\(error)") }

let stages = [
  "spc handle_minutes",
  "spc handle_minutes --chart imr",
  "spc handle_minutes --chart xbar-r --size 5",
  "spc handle_minutes --chart xbar-s --size 5",
  "spc handle_minutes --chart run",
  "spc reopened --chart p --by day",
  "spc reopened --chart laney-p --by day",
  "compare reopened = yes by channel",
  "compare reopened by team",
  "compare handle_minutes by channel",
  "capability handle_minutes --lsl 0 --usl 300",
  "capability handle_minutes --lsl 0 --usl 300 --size 5",
]
let renderer = EvidenceTextRenderer(options: .init(unicode: true, color: false))
print("rows: \(table.rowCount)")
// An optional second argument keeps only the stages that contain it (`--chart imr`).
let only = args.count > 2 ? args[2] : nil
for text in stages where only.map({ text.contains($0) }) ?? true {
  do {
    let pipeline = try QueryPipeline.parse([stage(text)])
    var times: [Double] = []
    for _ in 0..<7 {
      times.append(try seconds { _ = renderer.render(try QueryEngine.run(pipeline, on: table)) })
    }
    times.sort()
    let flag = times[3] < 0.1 ? "" : "  (over 100 ms)"
    print("\(text.padding(toLength: 56, withPad: " ", startingAt: 0)) median \(String(format: "%6.1f", times[3] * 1000)) ms, best \(String(format: "%6.1f", times[0] * 1000)) ms\(flag)")
  } catch { print("\(text): \(error)") }
}
