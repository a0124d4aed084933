import Foundation
import GembaTestSupport
import Testing

/// Issue 27, item 1: `count by path` on an access log showed different paths as one cut label.
/// On a terminal a label is cut in the middle and never reads like another value; `width full`
/// shows every value whole; pipes, the notebook and exports always hold whole values.
@Suite(
  .enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"),
  .enabled(
    if: ExternalProgram.runs(needing: ExternalProgram.found("python3")), "needs python3 to count the paths"))
struct LabelWidthTests {
  /// Paths sharing a 40-character prefix and a long suffix, so a cut at either end alone would
  /// make them read alike; each requested a different number of times.
  static let prefix = "/presentations/logstash-puppetconf-2013/"
  static let paths = ["alpha", "bravo", "charlie", "delta", "echo"].map { prefix + $0 + "/slides/index.html" }

  /// Writes the access log and returns each path's count as Python's `collections.Counter` reads
  /// the file (the request's second word), not as gemba does.
  static func accessLog(in folder: URL) throws -> [String: Int] {
    #expect(prefix.count == 40)
    var lines: [String] = []
    for (i, path) in paths.enumerated() {
      for k in 0..<(3 * i + 2) {
        lines.append(
          "10.0.0.\(k % 7 + 1) - - [07/Dec/2026:10:\(String(format: "%02d", k % 60)):00 +0000] "
            + "\"GET \(path) HTTP/1.1\" 200 \(1000 + k) \"-\" \"Mozilla/5.0\"")
      }
    }
    let file = folder.appendingPathComponent("access.log")
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let counted = try ExternalProgram.run(
      [
        "python3", "-c",
        """
        import collections, json, re, sys
        c = collections.Counter(re.search(r'"GET (\\S+) ', l).group(1) for l in open(sys.argv[1]))
        print(json.dumps(c))
        """, file.path,
      ], errors: .merged)
    #expect(counted.status == 0, "\(counted.out)")
    let counts = try JSONSerialization.jsonObject(with: Data(counted.out.utf8)) as? [String: Int] ?? [:]
    #expect(counts.count == paths.count)
    return counts
  }

  /// The rows of a boxed table on the screen: each row's cells, trimmed.
  static func rows(_ screen: String) -> [[String]] {
    screen.split(separator: "\n").filter { $0.hasPrefix("│") }.map { line in
      line.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }
    }
  }

  /// The paths a shown label could be: whole, or the start and end around one ellipsis.
  static func readings(of label: String, among paths: [String]) -> [String] {
    let parts = label.components(separatedBy: "…")
    return paths.filter { path in
      parts.count == 1 ? path == label : parts.count == 2 && path.hasPrefix(parts[0]) && path.hasSuffix(parts[1])
    }
  }

  @Test(
    .enabled(
      if: TmuxPane.available || ProcessInfo.processInfo.environment["CI"] == "true",
      "needs tmux (scripts/bootstrap installs it) to drive the shell"))
  func aNarrowShellShowsEveryDistinctPathDistinctAndWidthFullShowsThemWhole() throws {
    let folder = try GembaProcess.scratchFolder()
    let counts = try Self.accessLog(in: folder)
    let pane = try TmuxPane(folder: folder, columns: 60)
    defer { pane.close() }
    try pane.waitFor("the first prompt") { $0.contains("gemba [1]>") }
    try pane.type("load access.log as web", enter: true)
    try pane.waitFor("the load") { $0.contains("gemba [2]>") }
    try pane.keys("C-l")
    try pane.type("web | count by path", enter: true)
    try pane.waitFor("the counts") { $0.contains("gemba [3]>") }
    let screen = try pane.screen()
    let narrow = Self.rows(screen).filter { $0.count >= 2 && $0[0] != "path" }
    #expect(narrow.count == counts.count, "\(screen)")
    for row in narrow {
      // The label is cut (the pane is 60 columns), reads as exactly one path, with its count.
      #expect(row[0].contains("…"), "\(row)")
      let read = Self.readings(of: row[0], among: Self.paths)
      #expect(read.count == 1, "`\(row[0])` reads as \(read)")
      if let path = read.first { #expect(row[1] == String(counts[path] ?? -1), "\(row)") }
    }
    #expect(Set(narrow.map { $0[0] }).count == counts.count)

    // `width full`: the same query shows every path whole (the pane wraps the long lines).
    try pane.keys("C-l")
    try pane.type("width full", enter: true)
    try pane.waitFor("the width set") { $0.contains("every value shown whole") }
    try pane.keys("C-l")
    try pane.type("web | count by path", enter: true)
    try pane.waitFor("the counts, whole") { $0.contains("gemba [4]>") }
    let whole = Self.rows(try pane.screen(joined: true)).filter { $0.count >= 2 && $0[0] != "path" }
    #expect(Dictionary(whole.map { ($0[0], Int($0[1]) ?? -1) }, uniquingKeysWith: { a, _ in a }) == counts)
    try pane.keys("C-d")
    try pane.waitFor("Ctrl-D saving the notebook") { $0.contains("saved nb.md (") }

    // What the cell stored does not depend on the terminal: every path whole.
    let notebook = try GembaProcess.read(folder.appendingPathComponent("nb.md"))
    for path in Self.paths { #expect(notebook.components(separatedBy: path).count >= 3, "\(path)") }
  }

  @Test func pipedOutputAndExportsHoldEveryValueWhole() throws {
    let folder = try GembaProcess.scratchFolder()
    let counts = try Self.accessLog(in: folder)
    let result = try GembaProcess.run(
      ["nb.md"],
      stdin: "load access.log as web\nweb | count by path\nwidth 30\nexport md record.md\nexport html record.html\n",
      in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    // Piped: whole values and their counts, never cut; `width` changes nothing off a terminal.
    let shown = Self.rows(result.stdout).filter { $0.count >= 2 && $0[0] != "path" }
    #expect(Dictionary(shown.map { ($0[0], Int($0[1]) ?? -1) }, uniquingKeysWith: { a, _ in a }) == counts)
    #expect(!result.stdout.contains("…"), "\(result.stdout)")
    #expect(result.stdout.contains("output is not a terminal"), "\(result.stdout)")
    for file in ["record.md", "record.html"] {
      let text = try GembaProcess.read(folder.appendingPathComponent(file))
      for path in Self.paths { #expect(text.contains(path), "\(file) lacks \(path)") }
    }
  }
}
