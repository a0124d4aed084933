import Foundation
import Testing

/// The example investigations in notebooks/ are the product's showroom: each must
/// verify and replay clean against its committed evidence, every CI run.
@Suite(.enabled(if: gembaBuilt, "needs the built gemba binary: run scripts/test"))
struct ExampleNotebookTests {
  static let examples: [String] = {
    let folder = GembaProcess.packageRoot.appendingPathComponent("notebooks")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { name in
      FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(name)/\(name).md").path)
    }.sorted()
  }()

  @Test func thereAreExamples() {
    #expect(Self.examples.contains("refund-guidance"))
  }

  @Test(arguments: examples)
  func verifiesAndReplaysClean(name: String) throws {
    let root = GembaProcess.packageRoot
    let notebook = "notebooks/\(name)/\(name).md"
    let verify = try GembaProcess.run(["verify", notebook], in: root)
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(verify.stdout.hasPrefix("verified: "))
    #expect(verify.stdout.contains(" evidence file"))
    let replay = try GembaProcess.run(["replay", notebook], in: root)
    #expect(replay.status == 0, "\(replay.stdout)\(replay.stderr)")
    #expect(replay.stdout.hasSuffix("0 differed, 0 drifted, 0 stale\n"))
  }

  @Test(arguments: examples)
  func checkIsCleanAndTheRecordIsSignedOff(name: String) throws {
    let text = try GembaProcess.read(GembaProcess.packageRoot.appendingPathComponent("notebooks/\(name)/\(name).md"))
    #expect(text.contains("check: clean — no weaknesses found") || text.contains("check: 0 errors"))
    #expect(text.contains("\nsignoff "))
  }

  /// Changing one row of the evidence is drift, and the citations that counted it go stale.
  @Test func oneChangedRowOfEvidenceIsReportedAsDriftAndStaleCitations() throws {
    let source = GembaProcess.packageRoot.appendingPathComponent("notebooks/refund-guidance")
    let copy = try GembaProcess.scratchFolder().appendingPathComponent("refund-guidance")
    try FileManager.default.copyItem(at: source, to: copy)
    let tickets = copy.appendingPathComponent("evidence/tickets.csv")
    var text = try GembaProcess.read(tickets)
    // Ticket RF-00200 was answered from the macro, wrongly; make it a wiki answer, right.
    let lines = text.components(separatedBy: "\r\n")
    let index = try #require(lines.firstIndex { $0.hasPrefix("RF-00200,") })
    let fields = lines[index].components(separatedBy: ",")
    try #require(fields[5] == "macro" && fields[7] == "no", "the fixture row changed: \(lines[index])")
    var changed = fields
    changed[5] = "wiki"
    changed[6] = "14"
    changed[7] = "yes"
    var edited = lines
    edited[index] = changed.joined(separator: ",")
    text = edited.joined(separator: "\r\n")
    try text.write(to: tickets, atomically: true, encoding: .utf8)

    let replay = try GembaProcess.run(["replay", "refund-guidance.md"], in: copy)
    #expect(replay.status == 1)
    #expect(replay.stdout.contains("drifted: cell "))
    #expect(replay.stdout.contains("load evidence/tickets.csv as tickets"))
    #expect(
      replay.stdout.contains(
        "stale: W1 cites `tickets | where opened_at >= 2026-09-01 and opened_at < 2026-11-09 | count by correct`"))
    #expect(replay.stdout.contains("stale: C1.1 cites"))
    #expect(replay.stdout.contains(", 1 drifted, "))
    // The policy change log did not change: it is not reported.
    #expect(!replay.stdout.contains("load evidence/policy-changes.csv"))

    // verify hashes the evidence too (no parsing) and names the file that changed.
    let verify = try GembaProcess.run(["verify", "refund-guidance.md"], in: copy)
    #expect(verify.status == 1)
    #expect(verify.stderr.contains("loaded evidence/tickets.csv with sha256 "))
    #expect(verify.stderr.contains("the evidence changed"))
  }
}
