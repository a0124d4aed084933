import Foundation
import Testing

/// Issue 22 items 3, 4, 6 and 7 as a user types them: the shell's words for a 2 × 2 table in
/// every form, a sparse table, typed shares and small shares.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct ShareComparisonTests {
  @Test func oneTableOneVerdictInTheShell() throws {
    let folder = try GembaProcess.scratchFolder()
    var csv = "grp,ok,kind\n"
    for (grp, ok, n) in [("a", "no", 3), ("b", "yes", 4)] {
      csv += String(repeating: "\(grp),\(ok),pair\n", count: n)
    }
    // The issue's sparse 3 × 3 table [[0,6,0],[0,9,1],[1,0,0]] as rows of (line, shift).
    for (line, counts) in [("L1", [0, 6, 0]), ("L2", [0, 9, 1]), ("L3", [1, 0, 0])] {
      for (k, n) in counts.enumerated() {
        csv += String(repeating: "\(line),\(["s1", "s2", "s3"][k]),sparse\n", count: n)
      }
    }
    try csv.write(to: folder.appendingPathComponent("parts.csv"), atomically: true, encoding: .utf8)
    let script = """
      load parts.csv as parts
      parts | where kind = pair | compare ok by grp
      parts | where kind = pair | compare ok = yes by grp
      compare 0/3 4/4
      parts | where kind = sparse | compare ok by grp
      compare 40/1000000 10/1000000
      """
    let result = try GembaProcess.run(["nb.md", "--keep-going"], stdin: script, in: folder)
    let out = result.stdout
    let fisher = "by Fisher's exact test, a difference this large arises by chance 3 times in 100: a real difference"
    #expect(out.components(separatedBy: fisher).count - 1 == 3, "\(out)")
    #expect(out.contains("difference -100.0 points (95 % CI -100.0 to -25.5 points"), "\(out)")
    #expect(
      out.contains(
        "by the Freeman–Halton exact test, an association this strong arises by chance 12 times in 100: not evidence on its own"
      ), "\(out)")
    #expect(out.contains("Freeman–Halton exact test p = 0.118"), "\(out)")
    #expect(!out.contains("driving cells"), "\(out)")
    let small = try #require(out.components(separatedBy: "compare 40/1000000 with 10/1000000").last)
    #expect(small.contains("40.0 ppm") && !small.contains("0.0 %"), "\(small)")
    #expect(small.contains("difference 30.0 ppm (95 % CI "), "\(small)")
    #expect(result.stderr.isEmpty, "\(result.stderr)")
  }
}
