import Foundation
import GembaTestSupport
import Testing

/// Issue 23, finding 3: a sign-off whose approved chain no longer holds (a cell before it edited)
/// or whose signature does not verify is shown as broken wherever sign-offs are listed — the
/// record (md, html, json), the 8D (md, html) and the A3 — in the integrity line's alarm style.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct SignoffShownBrokenTests {
  static let commands = """
    title "Short brackets"
    problem "brackets cut short" --expected "120 mm" --actual "118 mm"
    why "the stop block moved"
    signoff "Quality manager" "Priya Shah" --meaning approved
    signoff "Plant manager" "Tom Reyes" --meaning reviewed

    """

  /// Every export that lists sign-offs, by name.
  static func exports(_ notebook: String, in folder: URL, environment: [String: String] = [:]) throws -> [String:
    String]
  {
    var out: [String: String] = [:]
    for (name, arguments) in [
      ("record.md", ["--format", "md"]), ("record.html", ["--format", "html"]), ("record.json", ["--format", "json"]),
      ("8d.md", ["--format", "8d"]), ("8d.html", ["--format", "8d", "-o", "8d.html"]), ("a3.html", ["--format", "a3"]),
    ] {
      let run = try GembaProcess.run(["export", notebook] + arguments, in: folder, environment: environment)
      try #require(run.status == 0, "\(name): \(run.stderr)")
      out[name] =
        arguments.contains("-o") ? try GembaProcess.read(folder.appendingPathComponent("8d.html")) : run.stdout
    }
    return out
  }

  /// The paragraphs and table cells the HTML draws in the alarm style.
  static func alarms(_ html: String) -> [String] {
    html.components(separatedBy: "integrity failed\"").dropFirst().map { String($0.prefix { $0 != "\n" }) }
  }

  @Test func aCellEditedBeforeTheSignoffsBreaksThemInEveryExport() throws {
    let folder = try GembaProcess.scratchFolder()
    let made = try GembaProcess.run(["nb.md"], stdin: Self.commands, in: folder)
    try #require(made.status == 0, "\(made.stderr)")
    let notebook = folder.appendingPathComponent("nb.md")

    // Untouched: nothing is broken anywhere.
    for (name, text) in try Self.exports("nb.md", in: folder) {
      #expect(!text.contains("BROKEN"), "\(name) calls an intact sign-off broken")
    }

    // Cell 3 (the why) edited by hand, before both sign-offs (cells 4 and 5).
    let text = try GembaProcess.read(notebook)
    let edited = text.replacingOccurrences(of: "the stop block moved", with: "the operator measured wrong")
    try #require(edited != text)
    try edited.write(to: notebook, atomically: true, encoding: .utf8)

    let out = try Self.exports("nb.md", in: folder)
    let words = "BROKEN: cell 3 (at or before this sign-off) was edited since"
    for name in ["record.md", "8d.md"] {
      let md = out[name]!
      #expect(md.contains("**BROKEN (was approved)**"), "\(name)")
      #expect(md.contains("**BROKEN (was reviewed)**"), "\(name)")
      #expect(md.contains("**Sign-off by Priya Shah: \(words)"), "\(name)")
      #expect(md.contains("**Sign-off by Tom Reyes: \(words)"), "\(name)")
      #expect(
        !md.contains("| approved |") && !md.contains("| reviewed |"), "\(name) still lists a meaning as if it held")
    }
    for name in ["record.html", "8d.html", "a3.html"] {
      let alarms = Self.alarms(out[name]!)
      #expect(alarms.contains { $0.contains("Priya Shah") && $0.contains("BROKEN") }, "\(name): \(alarms)")
      #expect(alarms.contains { $0.contains("Tom Reyes") && $0.contains("BROKEN") }, "\(name): \(alarms)")
      // The integrity line is an alarm too (the 8D drew it grey before), and never cut.
      #expect(
        alarms.contains { $0.contains("NOT verified: cell 3 does not match its chain value") && !$0.contains("…") },
        "\(name): \(alarms)")
    }
    let json = try JSONSerialization.jsonObject(with: Data(out["record.json"]!.utf8)) as! [String: Any]
    let signoffs = json["signoffs"] as! [[String: Any]]
    #expect(signoffs.map { $0["standing"] as? String } == ["chain-broken", "chain-broken"])
    #expect(signoffs.map { $0["brokenAt"] as? Int } == [3, 3])
  }

  @Test func anEditAfterTheSignoffLeavesItStanding() throws {
    let folder = try GembaProcess.scratchFolder()
    let made = try GembaProcess.run(["nb.md"], stdin: Self.commands + "why \"the clamp is loose\"\n", in: folder)
    try #require(made.status == 0, "\(made.stderr)")
    let notebook = folder.appendingPathComponent("nb.md")
    let text = try GembaProcess.read(notebook)
    try text.replacingOccurrences(of: "the clamp is loose", with: "the clamp is tight")
      .write(to: notebook, atomically: true, encoding: .utf8)
    let out = try Self.exports("nb.md", in: folder)
    // What they approved (cells 1–3) is intact: the sign-offs hold; the integrity line still fails.
    for (name, text) in out { #expect(!text.contains("BROKEN"), "\(name)") }
    #expect(Self.alarms(out["8d.html"]!).contains { $0.contains("NOT verified: cell 6") })
    let json = try JSONSerialization.jsonObject(with: Data(out["record.json"]!.utf8)) as! [String: Any]
    #expect((json["signoffs"] as! [[String: Any]]).map { $0["standing"] as? String } == ["holds", "holds"])
  }

  /// A forger who edits a cell and recomputes every chain value passes the chain, but not the
  /// signature: the signed sign-off is shown broken for its signature.
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.found("python3")), "needs python3 to forge the chain"))
  func aRechainedForgeryBreaksTheSignedSignoff() throws {
    let folder = try GembaProcess.scratchFolder()
    let env = ["XDG_CONFIG_HOME": folder.appendingPathComponent("config").path]
    let key = try GembaProcess.run(["key", "new", "Priya Shah"], in: folder, environment: env)
    try #require(key.status == 0, "\(key.stderr)")
    let made = try GembaProcess.run(
      ["nb.md"],
      stdin: "why \"the stop block moved\"\nsignoff \"Quality manager\" \"Priya Shah\" --meaning approved\n",
      in: folder, environment: env)
    try #require(made.status == 0 && made.stdout.contains("signed with Priya Shah's key"), "\(made.stderr)")
    let (status, output) = try SignatureTests.python(
      SignatureTests.rechain,
      [folder.appendingPathComponent("nb.md").path, "the stop block moved=>the operator measured wrong"], in: folder)
    try #require(status == 0, "\(output)")
    let verify = try GembaProcess.run(["verify", "nb.md"], in: folder, environment: env)
    #expect(verify.stderr.contains("does not match what it approved"), "\(verify.stderr)")

    let out = try Self.exports("nb.md", in: folder, environment: env)
    #expect(
      out["8d.md"]!.contains("**Sign-off by Priya Shah: BROKEN: the signature does not match what the cell approved**"))
    #expect(out["record.md"]!.contains("**BROKEN (was approved)**"))
    #expect(Self.alarms(out["a3.html"]!).contains { $0.contains("Priya Shah") && $0.contains("BROKEN") })
    let json = try JSONSerialization.jsonObject(with: Data(out["record.json"]!.utf8)) as! [String: Any]
    #expect((json["signoffs"] as! [[String: Any]]).map { $0["standing"] as? String } == ["signature-invalid"])
  }
}
