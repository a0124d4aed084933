import Foundation
import GembaTestSupport
import Testing

/// Issue 24, finding 8: a why chain 3,000 deep overflowed the stack exporting JSON, 5,000 deep every
/// format, and `register index` grew with the cube of the depth. Every walk of the tree now keeps its
/// own stack; indexing is linear in the notebook's size.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"), .serialized)
struct DeepWhyChainTests {
  /// A batch script: a problem and one unbranched why chain `depth` deep (W1, W1.1, W1.1.1, …), its
  /// last answer marked as the root cause (so the 8D and A3 walk down to it).
  static func script(depth: Int) -> String {
    var out = "title \"Deep chain\"\nproblem \"A chain of \(depth) whys\"\nwhy \"answer 1\"\n"
    var id = "W1"
    for k in 2...depth {
      out += "why \(id) \"answer \(k)\"\n"
      id += ".1"
    }
    out += "root \(id)\n"
    return out
  }

  /// A folder holding `deep.md`, made by gemba from the script (each cell written as typed).
  func notebook(depth: Int, in folder: URL) throws -> URL {
    let made = try GembaProcess.run(["deep.md"], stdin: Self.script(depth: depth), in: folder, timeout: 1200)
    try #require(made.status == 0, "\(made.stderr.suffix(2000))")
    return folder.appendingPathComponent("deep.md")
  }

  /// Brackets and braces outside strings balance and never go below zero (a JSON file cut short or
  /// written twice would not); Python's parser recurses and stops at 1,000 levels, so it cannot judge.
  func balanced(_ json: String) -> Bool {
    var depth = 0, inString = false, escaped = false
    for byte in json.utf8 {
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        if depth < 0 { return false }
      default: break
      }
    }
    return depth == 0 && !inString
  }

  /// Made and exported in one session (the notebook is folded once: a debug build takes about a
  /// minute to read 50 MB of ids 10,000 characters long), every format the record has.
  @Test func aChainFiveThousandDeepExportsInEveryFormat() throws {
    let depth = 5_000
    let folder = try GembaProcess.scratchFolder()
    let formats = ["json", "md", "html", "dot", "8d", "a3", "ipynb"]
    let targets = formats.map { "deep-export.\($0 == "8d" ? "8d.md" : $0 == "a3" ? "a3.html" : $0)" }
    let exports = zip(formats, targets).map { "export \($0) \($1)\n" }.joined()
    let run = try GembaProcess.run(["deep.md"], stdin: Self.script(depth: depth) + exports, in: folder, timeout: 2400)
    #expect(run.status == 0, "status \(run.status)\n\(run.stderr.suffix(2000))")
    for (format, target) in zip(formats, targets) {
      let text = try GembaProcess.read(folder.appendingPathComponent(target))
      if format == "a3" {
        // One sheet: a box keeps whole items (a chain 5,000 deep is one item, too long for it) and
        // says where the rest is: the record.
        #expect(text.contains("more not shown: see the record, section"), "\(format)")
        continue
      }
      // The deepest answer is there, below all the others.
      #expect(text.contains("answer \(depth)"), "\(format)")
      if format == "json" { #expect(balanced(text)) }
      if format == "dot" {
        #expect(text.components(separatedBy: "[label=\"why?\"").count - 1 == depth - 1)
      }
    }
  }

  /// CPU seconds (user + system) `gemba register index` takes on a folder: Python's
  /// `resource.getrusage` of the child, so other work on the machine does not count.
  func indexSeconds(_ folder: URL) throws -> Double {
    let script = """
      import resource, subprocess, sys
      done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
      r = resource.getrusage(resource.RUSAGE_CHILDREN)
      print(done.returncode, r.ru_utime + r.ru_stime)
      """
    let run = try ExternalProgram.run(
      ["python3", "-c", script, GembaProcess.binary.path, "register", "index", folder.path])
    let fields = run.out.split(separator: " ")
    try #require(fields.count == 2 && fields[0] == "0", "register index failed: \(run.out)")
    return try #require(Double(fields[1].trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
      "needs python3 to time the indexer's CPU"))
  func indexingIsLinearInTheNotebooksSize() throws {
    var perByte: [Double] = []
    for depth in [500, 2_000] {
      let folder = try GembaProcess.scratchFolder("index-\(depth)")
      let nb = try notebook(depth: depth, in: folder)
      let bytes = Double(try FileManager.default.attributesOfItem(atPath: nb.path)[.size] as? Int ?? 0)
      let seconds = try indexSeconds(folder)
      perByte.append(seconds / bytes)
      print("register index, depth \(depth): \(Int(bytes)) bytes, \(seconds) s CPU")
    }
    // The notebook grows 16-fold (each id is as long as its depth): linear indexing keeps the time
    // per byte; the depth-cubed indexer took 4 times as long per byte. 2.5 leaves room for noise
    // (and for the fixed cost of starting, which weighs more on the small one).
    #expect(perByte[1] < perByte[0] * 2.5, "CPU seconds per byte: \(perByte)")
  }
}
