import Foundation
import Testing

/// Issue 22 item 14: every query an example's exports show (`cited on W1: …` in the md record)
/// parses, and runs to the same result as the query typed in the notebook.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct ShownQueryTests {
  static let examples: [String] = {
    let root = GembaProcess.packageRoot.appendingPathComponent("notebooks")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return names.filter { !$0.hasSuffix(".md") }.sorted()
  }()

  /// The same query whatever its quoting and spacing: the key that pairs a shown query with the
  /// typed one, made without gemba's own printer.
  static func key(_ query: String) -> String { query.filter { $0 != "\"" && !$0.isWhitespace } }

  @Test(arguments: examples)
  func everyQueryShownInTheExportsRunsAsTyped(_ example: String) throws {
    let source = GembaProcess.packageRoot.appendingPathComponent("notebooks/\(example)")
    let folder = try GembaProcess.scratchFolder("shown-\(example)")
    for part in ["evidence", "sop"] {
      let from = source.appendingPathComponent(part)
      if FileManager.default.fileExists(atPath: from.path) {
        try FileManager.default.copyItem(at: from, to: folder.appendingPathComponent(part))
      }
    }
    let notebook = try String(contentsOf: source.appendingPathComponent("\(example).md"), encoding: .utf8)
    let lines = notebook.split(separator: "\n").map(String.init)
    var loads: [String] = []
    for line in lines where line.hasPrefix("load ") && !loads.contains(line) { loads.append(line) }
    // Typed: `cite ID QUERY` in the notebook, the query after the id.
    var typed: [String: String] = [:]
    for line in lines where line.hasPrefix("cite ") && line.contains(" | ") {
      let query = line.split(separator: " ", maxSplits: 2).last.map(String.init) ?? ""
      typed[Self.key(query)] = query
    }
    // Shown: what the md record prints.
    let record = source.appendingPathComponent("record")
    let exports = ((try? FileManager.default.contentsOfDirectory(atPath: record.path)) ?? []).filter {
      $0.hasSuffix(".md")
    }
    var shown: [String] = []
    for file in exports.sorted() {
      let text = try String(contentsOf: record.appendingPathComponent(file), encoding: .utf8)
      for line in text.split(separator: "\n") {
        guard let range = line.range(of: "cited on ") else { continue }
        let rest = line[range.upperBound...]
        guard let colon = rest.range(of: ": ") else { continue }
        let query = String(rest[colon.upperBound...])
        if query.contains(" | ") && !shown.contains(query) { shown.append(query) }
      }
    }
    #expect(!shown.isEmpty, "\(example): no query shown in its md exports")
    func run(_ query: String) throws -> GembaProcess.Result {
      // A fresh notebook each time: the two runs must not see each other's cells.
      try? FileManager.default.removeItem(at: folder.appendingPathComponent("scratch.md"))
      return try GembaProcess.run(
        ["scratch.md", "--keep-going"], stdin: (loads + [query]).joined(separator: "\n") + "\n", in: folder)
    }
    for query in shown {
      let a = try run(query)
      #expect(!a.stderr.contains("error") && !a.stdout.isEmpty, "\(example): `\(query)`: \(a.stderr)")
      // A query cited with `cite` is run as typed too; one planned in `--verify` or shown by
      // `contained` is typed inside another command, and is checked to run.
      guard let original = typed[Self.key(query)] else { continue }
      let b = try run(original)
      #expect(a.stdout == b.stdout && a.stderr == b.stderr, "\(example): shown `\(query)` vs typed `\(original)`")
    }
  }
}
