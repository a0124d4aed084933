import Foundation
import GembaTestSupport
import Testing

/// Issue 24, finding 2: a signature cannot be stripped or spoofed. `verify --trust` fails when no
/// sign-off carries a trusted signature; a key trusted under another name is flagged; every record
/// marks each sign-off signed-and-trusted, signed by an unknown key, or unsigned.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct SignatureStrippingTests {
  /// The signed sign-off deleted (the last cell, so the chain before it still holds).
  @Test func aStrippedSignoffFailsVerifyTrust() throws {
    let (folder, env) = try SignatureTests.signedNotebook()
    let url = folder.appendingPathComponent("nb.md")
    let text = try GembaProcess.read(url)
    let cut = try #require(text.range(of: "<!-- cell 2 ·"))
    try String(text[..<cut.lowerBound]).write(to: url, atomically: true, encoding: .utf8)
    let verify = try GembaProcess.run(["verify", "nb.md", "--trust", "priya-shah.pub"], in: folder, environment: env)
    #expect(verify.status == 1)
    #expect(verify.stdout.hasPrefix("verified: 1 cells"))
    #expect(
      verify.stderr.contains(
        "verify failed: no sign-off carries a signature trusted under its signer's name (the notebook has no sign-off)")
    )
  }

  /// A sign-off typed by someone without a key reads "unsigned", and does not pass `--trust`.
  @Test func aHandTypedSignoffIsUnsignedAndFails() throws {
    let folder = try GembaProcess.scratchFolder()
    let env = ["XDG_CONFIG_HOME": folder.appendingPathComponent("config").path]
    _ = try GembaProcess.run(["key", "new", "Priya Shah"], in: folder, environment: env)
    let made = try GembaProcess.run(
      ["nb.md"], stdin: "why \"answers differ\"\nsignoff \"Quality manager\" \"Dan Brown\"\n", in: folder,
      environment: env)
    try #require(made.status == 0, "\(made.stderr)")
    let verify = try GembaProcess.run(["verify", "nb.md", "--trust", "priya-shah.pub"], in: folder, environment: env)
    #expect(verify.status == 1)
    #expect(verify.stdout.contains("sign-off unsigned: cell 2 (Quality manager Dan Brown)"))
    #expect(verify.stderr.contains("(1 sign-off: cell 2 unsigned)"))
  }

  /// Alice's key kept as `priya-shah.key` signs as "Priya Shah": flagged, and not trusted as Priya.
  @Test func aKeyOfAnotherNameIsFlagged() throws {
    let folder = try GembaProcess.scratchFolder()
    let env = ["XDG_CONFIG_HOME": folder.appendingPathComponent("config").path]
    let alice = try GembaProcess.run(["key", "new", "alice"], in: folder, environment: env)
    try #require(alice.status == 0, "\(alice.stderr)")
    let keys = folder.appendingPathComponent("config/gemba/keys")
    try FileManager.default.copyItem(
      at: keys.appendingPathComponent("alice.key"), to: keys.appendingPathComponent("priya-shah.key"))
    let made = try GembaProcess.run(
      ["nb.md"], stdin: "why \"answers differ\"\nsignoff \"Quality manager\" \"Priya Shah\"\n", in: folder,
      environment: env)
    try #require(made.status == 0 && made.stdout.contains("signed with Priya Shah's key"), "\(made.stderr)")
    let verify = try GembaProcess.run(["verify", "nb.md", "--trust", "alice.pub"], in: folder, environment: env)
    #expect(verify.status == 1)
    #expect(
      verify.stdout.contains(
        "WARNING: signature valid but the key is trusted as alice, not as Priya Shah: cell 2: Quality manager Priya Shah"
      ))
    #expect(!verify.stdout.contains("signature valid: cell 2"))
    #expect(verify.stderr.contains("cell 2 signed by a key trusted under another name"))
  }

  /// md, html and json records mark each sign-off against the exporter's trusted keys.
  @Test func recordsMarkEachSignoff() throws {
    let folder = try GembaProcess.scratchFolder()
    let env = ["XDG_CONFIG_HOME": folder.appendingPathComponent("config").path]
    let other = ["XDG_CONFIG_HOME": folder.appendingPathComponent("config-other").path]
    _ = try GembaProcess.run(["key", "new", "Priya Shah"], in: folder, environment: env)
    try FileManager.default.copyItem(
      at: folder.appendingPathComponent("priya-shah.pub"),
      to: folder.appendingPathComponent("config/gemba/trusted-keys"))
    let made = try GembaProcess.run(
      ["nb.md"],
      stdin: "why \"answers differ\"\nsignoff \"Quality manager\" \"Priya Shah\"\nsignoff \"Operator\" \"Dan Brown\"\n",
      in: folder, environment: env)
    try #require(made.status == 0, "\(made.stderr)")

    func marks(_ environment: [String: String]) throws -> [[String: Any]] {
      let json = try GembaProcess.run(["export", "nb.md", "--format", "json"], in: folder, environment: environment)
      try #require(json.status == 0, "\(json.stderr)")
      let record = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
      return try #require(record["signoffs"] as? [[String: Any]])
    }
    let trusted = try marks(env)
    #expect(trusted.map { $0["signature"] as? String } == ["trusted", "unsigned"])
    #expect(trusted[0]["signedForm"] as? Int == 3)
    #expect((trusted[0]["key"] as? String)?.count == 16)
    #expect(trusted[1]["key"] == nil)
    #expect(try marks(other).map { $0["signature"] as? String } == ["unknown-key", "unsigned"])

    let md = try GembaProcess.run(["export", "nb.md", "--format", "md"], in: folder, environment: env)
    #expect(md.stdout.contains("| Signature |"))
    #expect(md.stdout.contains("| signed, trusted key "))
    #expect(md.stdout.contains("| unsigned |"))
    let html = try GembaProcess.run(["export", "nb.md", "--format", "html"], in: folder, environment: other)
    #expect(html.stdout.contains(">Signature</th>"))
    #expect(html.stdout.contains("signed by an unknown key "))
    #expect(html.stdout.contains("<td><bdi>unsigned</bdi></td>"))
  }
}
