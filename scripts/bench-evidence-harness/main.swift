// gemba-evidence-bench: a whole-process harness for scripts/bench-evidence.
//
//   gemba-evidence-bench query FILE.csv        load, then `where reopened = yes | count by team`
//   gemba-evidence-bench grep FILE PATTERN     count lines matching PATTERN (like `rg -c`)
//   gemba-evidence-bench repeat FILE.csv       load once, time `count by team` and `pareto by reason`
//   gemba-evidence-bench grepcpu FILE PATTERN  in-process search speed, one and two threads
//   gemba-evidence-bench load FILE.csv         in-process load, with and without deciding column types
//   gemba-evidence-bench stages FILE.csv       load once, time derive + count by, and joins with a 10,000-row table
//   gemba-evidence-bench memchr FILE           (diagnostic) glibc memchr over the mapped file
//
// Built by scripts/bench-evidence in a scratch package that depends on GembaCore by path,
// so the project's Package.swift does not need a bench target.
import GembaCore
import Foundation

func fail(_ message: String) -> Never {
  FileHandle.standardError.write((message + "\n").data(using: .utf8)!)
  exit(2)
}

func stage(_ words: [String]) -> [Token] {
  words.enumerated().map { i, w in
    Token(kind: .word, text: w, span: SourceSpan(at: SourcePosition(line: 1, column: i * 10 + 1), length: w.count))
  }
}

func load(_ path: String) -> EvidenceTable {
  do {
    let file = try MappedFile(path: path, populate: ProcessInfo.processInfo.environment["GEMBA_POPULATE"] != "0")
    let format = EvidenceFormat(path: path) ?? .text
    return try EvidenceLoader.load(name: "t", path: path, bytes: ByteSource(file), format: format).table
  } catch { fail("\(error)") }
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let t0 = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
}

let args = CommandLine.arguments
guard args.count >= 3 else { fail("usage: gemba-evidence-bench query|grep|repeat FILE [PATTERN]") }
let renderer = EvidenceTextRenderer(options: .init(unicode: true, color: false))
switch args[1] {
case "query":
  let table = load(args[2])
  do {
    let pipeline = try QueryPipeline.parse([stage(["where", "reopened", "=", "yes"]), stage(["count", "by", "team"])])
    print(renderer.render(try QueryEngine.run(pipeline, on: table)), terminator: "")
  } catch { fail("\(error)") }
case "grep":
  guard args.count >= 4 else { fail("grep needs a pattern") }
  do {
    // One pass: let pages fault in as the search reaches them rather than populating up front.
    let file = try MappedFile(path: args[2], populate: false)
    let count = try EvidenceGrep(pattern: args[3]).countMatchingLines(in: ByteSource(file))
    print(count)
  } catch { fail("\(error)") }
case "repeat":
  let table = load(args[2])
  for words in [["count", "by", "team"], ["pareto", "by", "reason"]] {
    do {
      let pipeline = try QueryPipeline.parse([stage(words)])
      var times: [Double] = []
      for _ in 0..<7 { times.append(try seconds { _ = try QueryEngine.run(pipeline, on: table) }) }
      times.sort()
      print("\(words.joined(separator: " ")): median \(String(format: "%.1f", times[3] * 1000)) ms, best \(String(format: "%.1f", times[0] * 1000)) ms (7 runs, \(table.rowCount) rows)")
    } catch { fail("\(error)") }
  }
case "stages":
  // The computing stages on the loaded table, as the shell runs them after a load.
  let table = load(args[2])
  var lines = "id,cause\n"
  for i in stride(from: 1, through: 1_000_000, by: 100) { lines += "T\(String(repeating: "0", count: 7 - String(i).count))\(i),cause\(i % 7)\n" }
  let small = "/tmp/gemba-stages-bench-causes.csv"
  FileManager.default.createFile(atPath: small, contents: lines.data(using: .utf8))
  let causes = load(small)
  let queries: [[[String]]] = [
    [["derive", "per_hour", "=", "handle_minutes", "/", "60"], ["count", "by", "team"]],
    [["derive", "h", "=", "hour(opened_at)"], ["count", "by", "h"]],
    [["derive", "per_hour", "=", "handle_minutes", "/", "60"], ["median", "per_hour", "by", "team"]],
    [["join", "causes", "on", "id"], ["count", "by", "cause"]],
    [["join", "causes", "on", "id", "--left"], ["count", "by", "cause"]],
  ]
  for words in queries {
    do {
      var pipeline = try QueryPipeline.parse(words.map { stage($0).map { t in
        t.text.hasPrefix("--") ? Token(kind: .option, text: String(t.text.dropFirst(2)), span: t.span) : t } })
      for (i, s) in pipeline.stages.enumerated() {
        if case .join(var spec) = s { spec.table = JoinedEvidence(causes); pipeline.stages[i] = .join(spec) }
      }
      var times: [Double] = []
      for _ in 0..<7 { times.append(try seconds { _ = try QueryEngine.run(pipeline, on: table) }) }
      times.sort()
      let text = words.map { $0.joined(separator: " ") }.joined(separator: " | ")
      print("\(text): median \(String(format: "%.1f", times[3] * 1000)) ms, best \(String(format: "%.1f", times[0] * 1000)) ms (7 runs, \(table.rowCount) rows)")
    } catch { fail("\(error)") }
  }
case "show":
  // Load summary, problems, column types and the first rows, as the shell would print them.
  do {
    let path = args[2]
    let format = args.count > 3 ? EvidenceFormat(rawValue: args[3]) ?? .text : EvidenceFormat(path: path) ?? .text
    let options = LoadOptions(headerRows: args.count > 4 ? Int(args[4]) ?? 1 : 1)
    let result = try EvidenceLoader.load(name: "t", path: path, bytes: ByteSource(try MappedFile(path: path)),
                                         format: format, options: options)
    print(renderer.loaded(result), terminator: "")
    print(renderer.columns(result.table), terminator: "")
    print(renderer.preview(result.table, limit: 3), terminator: "")
  } catch let error as EvidenceError { print(error.description) } catch { fail("\(error)") }
case "load":
  // What deciding every column's type and format costs on top of the load, best of 5 each.
  do {
    let path = args[2]
    let source = ByteSource(try MappedFile(path: path, populate: true))
    let format = EvidenceFormat(path: path) ?? .text
    for profile in [false, true] {
      var options = LoadOptions()
      options.profileColumns = profile
      var best = Double.infinity
      for _ in 0..<5 {
        best = min(best, try seconds { _ = try EvidenceLoader.load(name: "t", path: path, bytes: source, format: format, options: options) })
      }
      print("load \(profile ? "with column types" : "without column types"): best \(Int(best * 1000)) ms")
    }
    var options = LoadOptions()
    options.profileColumns = false
    let table = try EvidenceLoader.load(name: "t", path: path, bytes: source, format: format, options: options).table
    for c in table.columns.indices {
      let t = seconds { _ = table.columnProfile(c) }
      print("  \(table.columns[c]): \(table.columnType(c).label), \(Int(t * 1000)) ms on one core")
    }
  } catch { fail("\(error)") }
case "grepcpu":
  // In-process search speed over an already mapped file (no page faults), best of 5.
  do {
    let source = ByteSource(try MappedFile(path: args[2], populate: true))
    let grep = try EvidenceGrep(pattern: args[3])
    var count = 0
    for parallel in [false, true] {
      var best = Double.infinity
      for _ in 0..<5 { best = min(best, seconds { count = grep.countMatchingLines(in: source, parallel: parallel) }) }
      print("\(parallel ? "2 threads" : "1 thread"): \(count) lines, best \(Int(best * 1000)) ms, \(Int(Double(source.count) / best / 1e6)) MB/s")
    }
  } catch { fail("\(error)") }
case "memchr":
  // The memory-bandwidth ceiling: glibc memchr for a byte that is not there.
  do {
    let source = ByteSource(try MappedFile(path: args[2], populate: true))
    var best = Double.infinity
    var found: UnsafeMutableRawPointer?
    for _ in 0..<5 { best = min(best, seconds { found = memchr(source.buffer.baseAddress!, 7, source.count) }) }
    print("found:", found == nil ? "no" : "yes")
    print("memchr: best \(Int(best * 1000)) ms, \(Int(Double(source.count) / best / 1e6)) MB/s")
  } catch { fail("\(error)") }
default:
  fail("unknown mode \(args[1])")
}
