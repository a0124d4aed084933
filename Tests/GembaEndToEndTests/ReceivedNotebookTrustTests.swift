import Foundation
import GembaTestSupport
import Testing

/// Issue 24, finding 1: a received folder does not choose which keys are trusted. Trust comes from
/// the person verifying (their own trusted-keys, `--trust`); `.gemba/trusted-keys` beside the
/// notebook counts only with `--trust-folder-keys`.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct ReceivedNotebookTrustTests {
  /// Three people, each with their own configuration folder.
  static func people(in folder: URL) -> (real: [String: String], sender: [String: String], verifier: [String: String]) {
    (
      ["XDG_CONFIG_HOME": folder.appendingPathComponent("config-real").path],
      ["XDG_CONFIG_HOME": folder.appendingPathComponent("config-sender").path],
      ["XDG_CONFIG_HOME": folder.appendingPathComponent("config-verifier").path]
    )
  }

  /// The scenario: the sender signs as "Priya Shah" with a key of their own and ships that
  /// key in `.gemba/trusted-keys`; the verifier trusts the real Priya's key only.
  @Test func aSendersKeyListBesideTheNotebookIsIgnored() throws {
    let folder = try GembaProcess.scratchFolder()
    let (real, sender, verifier) = Self.people(in: folder)
    let realFolder = folder.appendingPathComponent("real")
    let received = folder.appendingPathComponent("received")
    for f in [realFolder, received] {
      try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true)
    }
    let realKey = try GembaProcess.run(["key", "new", "Priya Shah"], in: realFolder, environment: real)
    try #require(realKey.status == 0, "\(realKey.stderr)")
    let forgedKey = try GembaProcess.run(["key", "new", "Priya Shah"], in: received, environment: sender)
    try #require(forgedKey.status == 0, "\(forgedKey.stderr)")
    let made = try GembaProcess.run(
      ["nb.md"], stdin: "why \"containment verified\"\nsignoff \"Quality manager\" \"Priya Shah\"\n", in: received,
      environment: sender)
    try #require(made.status == 0 && made.stdout.contains("signed with Priya Shah's key"), "\(made.stderr)")
    let gemba = received.appendingPathComponent(".gemba")
    try FileManager.default.createDirectory(at: gemba, withIntermediateDirectories: true)
    try FileManager.default.moveItem(
      at: received.appendingPathComponent("priya-shah.pub"), to: gemba.appendingPathComponent("trusted-keys"))

    let forged = try GembaProcess.run(
      ["verify", "received/nb.md", "--trust", "real/priya-shah.pub"], in: folder, environment: verifier)
    #expect(forged.status == 1)
    #expect(forged.stdout.contains("ignored received/.gemba/trusted-keys: keys beside a notebook are the sender's"))
    #expect(forged.stdout.contains("--trust-folder-keys"))
    #expect(forged.stdout.contains("signature valid but NOT trusted: cell 2: Quality manager Priya Shah"))
    #expect(!forged.stdout.contains("trusted as Priya Shah"))
    #expect(forged.stderr.contains("error[E0512]: verify failed: no sign-off carries a signature trusted"))

    // Allowed explicitly, for this run, the folder's list counts (the person verifying chose it).
    let allowed = try GembaProcess.run(
      ["verify", "received/nb.md", "--trust-folder-keys"], in: folder, environment: verifier)
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(allowed.stdout.contains("trusting the keys in received/.gemba/trusted-keys (--trust-folder-keys)"))
    #expect(allowed.stdout.contains("signature valid: cell 2: Quality manager Priya Shah"))
  }

  /// The verifier's own list (beside the folder `gemba key` keeps keys in) is read without `--trust`.
  @Test func theVerifiersOwnTrustedKeysCount() throws {
    let folder = try GembaProcess.scratchFolder()
    let (real, _, verifier) = Self.people(in: folder)
    let key = try GembaProcess.run(["key", "new", "Priya Shah"], in: folder, environment: real)
    try #require(key.status == 0, "\(key.stderr)")
    let made = try GembaProcess.run(
      ["nb.md"], stdin: "why \"answers differ\"\nsignoff \"Quality manager\" \"Priya Shah\"\n", in: folder,
      environment: real)
    try #require(made.status == 0, "\(made.stderr)")
    let before = try GembaProcess.run(["verify", "nb.md"], in: folder, environment: verifier)
    #expect(before.status == 0)
    #expect(before.stdout.contains("signature valid but NOT trusted: cell 2"))
    let own = folder.appendingPathComponent("config-verifier/gemba")
    try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: folder.appendingPathComponent("priya-shah.pub"), to: own.appendingPathComponent("trusted-keys"))
    let after = try GembaProcess.run(["verify", "nb.md"], in: folder, environment: verifier)
    #expect(after.status == 0, "\(after.stderr)")
    #expect(after.stdout.contains("signature valid: cell 2: Quality manager Priya Shah"))
    #expect(after.stdout.hasSuffix(", trusted as Priya Shah\n"))
  }
}
