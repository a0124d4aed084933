import Foundation
import GembaTestSupport
import Testing

/// Signed sign-offs: what a signature proves is checked by an independent Ed25519 implementation
/// (python's `cryptography`), and a forged chain no longer verifies.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct SignatureTests {
  static func python(_ script: String, _ arguments: [String], in folder: URL) throws -> (Int32, String) {
    try ExternalProgram.run(["python3", "-c", script] + arguments, in: folder, errors: .merged)
  }

  /// Recomputes every chain value of a notebook (what a forger would do after an edit).
  static let rechain = #"""
    import hashlib, re, sys
    path = sys.argv[1]
    text = open(path).read()
    edit = sys.argv[2] if len(sys.argv) > 2 else None
    if edit:
        old, new = edit.split("=>")
        text = text.replace(old, new, 1)
    cell = re.compile(r'<!-- cell (\d+) · (\S+) · chain ([0-9a-f]+) -->\n```gemba\n(.*?)\n```\n```output\n(.*?)\n?```\n(<!-- data ([^\n]*) -->\n)?', re.S)
    chain = hashlib.sha256(b"gemba notebook v1").hexdigest()[:16]
    out, pos = [], 0
    for m in cell.finditer(text):
        h = hashlib.sha256()
        parts = [chain, m.group(1), m.group(2), m.group(4), m.group(5)] + ([m.group(7)] if m.group(6) else [])
        for part in parts:
            b = part.encode(); h.update(f"{len(b)}:".encode()); h.update(b)
        chain = h.hexdigest()[:16]
        out.append(text[pos:m.start(3)] + chain)
        pos = m.end(3)
    out.append(text[pos:])
    open(path, "w").write("".join(out))
    """#

  /// Checks every signed sign-off with the bytes its version names: v3 over the full SHA-256 chain
  /// (computed here from the cells' text), v1/v2 over the 64-bit chain value before it.
  static let checkSignature = #"""
    import base64, hashlib, json, re, sys
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    text = open(sys.argv[1]).read()
    cell = re.compile(r'<!-- cell (\d+) · (\S+) · chain ([0-9a-f]+) -->\n```gemba\n(.*?)\n```\n```output\n(.*?)\n?```\n(<!-- data ([^\n]*) -->\n)?', re.S)
    def link(previous, parts):
        h = hashlib.sha256()
        for part in [previous] + parts:
            b = part.encode(); h.update(f"{len(b)}:".encode()); h.update(b)
        return h.hexdigest()
    full = hashlib.sha256(b"gemba notebook v1").hexdigest()
    previous = full[:16]
    for m in cell.finditer(text):
        number, time, chain, command, output, data = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(7)
        if command.startswith("signoff "):
            signature = json.loads(data)["signature"]
            role, name, meaning = re.match(r'signoff "(.*?)" "(.*?)"(?: --meaning (\w+))?$', command).groups()
            if signature.get("version") == 3:
                message = f"gemba signoff v3\nchain={previous}\ndigest={full}\nrole={role}\nname={name}\nmeaning={meaning or ''}\ntime={time}\n".encode()
            elif meaning:
                message = f"gemba signoff v2\nchain={previous}\nrole={role}\nname={name}\nmeaning={meaning}\ntime={time}\n".encode()
            else:
                message = f"gemba signoff v1\nchain={previous}\nrole={role}\nname={name}\ntime={time}\n".encode()
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(signature["publicKey"]))
            key.verify(base64.b64decode(signature["signature"]), message)  # raises if invalid
            print("valid", number)
        full = link(full, [number, time, command, output] + ([data] if data is not None else []))
        previous = chain
    """#

  static func signedNotebook(_ name: String = #function, meaning: String = "") throws -> (URL, [String: String]) {
    let folder = try GembaProcess.scratchFolder(name)
    let env = ["XDG_CONFIG_HOME": folder.appendingPathComponent("config").path]
    let key = try GembaProcess.run(["key", "new", "Priya Shah"], in: folder, environment: env)
    try #require(key.status == 0, "\(key.stderr)")
    #expect(key.stdout.hasPrefix("gemba-ed25519 "))
    let made = try GembaProcess.run(
      ["nb.md"],
      stdin: "why \"answers differ\"\nsignoff \"Quality manager\" \"Priya Shah\"\(meaning)\n", in: folder,
      environment: env)
    try #require(made.status == 0, "\(made.stderr)")
    #expect(made.stdout.contains("signed with Priya Shah's key "))
    return (folder, env)
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.pythonHas("cryptography")),
      "needs python3's cryptography (scripts/bootstrap installs it)"))
  func aSignedSignoffVerifiesWithAnIndependentEd25519() throws {
    let (folder, _) = try Self.signedNotebook()
    let keyFile = folder.appendingPathComponent("config/gemba/keys/priya-shah.key").path
    let mode = try #require(try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int)
    #expect(mode == 0o600)
    let (status, output) = try Self.python(Self.checkSignature, ["nb.md"], in: folder)
    #expect(status == 0, "\(output)")
    #expect(output == "valid 2\n")
    let untrusted = try GembaProcess.run(["verify", "nb.md"], in: folder)
    #expect(untrusted.stdout.contains("signature valid but NOT trusted: cell 2: Quality manager Priya Shah"))
    let trusted = try GembaProcess.run(["verify", "nb.md", "--trust", "priya-shah.pub"], in: folder)
    #expect(trusted.status == 0)
    #expect(trusted.stdout.contains("signature valid: cell 2: Quality manager Priya Shah"))
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
      "needs python3 to forge the chain"))
  func aRewrittenAndRechainedNotebookFailsItsSignature() throws {
    let (folder, _) = try Self.signedNotebook()
    let (status, output) = try Self.python(Self.rechain, ["nb.md", "answers differ=>answers are the same"], in: folder)
    try #require(status == 0, "\(output)")
    let verify = try GembaProcess.run(["verify", "nb.md", "--trust", "priya-shah.pub"], in: folder)
    #expect(verify.status == 1)
    #expect(
      verify.stderr.contains("the signature of cell 2 (Quality manager Priya Shah) does not match what it approved"))
  }

  /// What a sign-off means is signed too: the independent check reads the v2 bytes, and turning
  /// "reviewed" into "approved" (chain recomputed) fails the signature.
  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.pythonHas("cryptography")),
      "needs python3's cryptography (scripts/bootstrap installs it)"))
  func theMeaningOfASignoffIsSigned() throws {
    let (folder, _) = try Self.signedNotebook(meaning: " --meaning reviewed")
    let (status, output) = try Self.python(Self.checkSignature, ["nb.md"], in: folder)
    #expect(status == 0 && output == "valid 2\n", "\(output)")
    let (changed, changeOutput) = try Self.python(
      Self.rechain, ["nb.md", "--meaning reviewed=>--meaning approved"], in: folder)
    try #require(changed == 0, "\(changeOutput)")
    let verify = try GembaProcess.run(["verify", "nb.md", "--trust", "priya-shah.pub"], in: folder)
    #expect(verify.status == 1)
    #expect(
      verify.stderr.contains("the signature of cell 2 (Quality manager Priya Shah) does not match what it approved"))
    let (independent, _) = try Self.python(Self.checkSignature, ["nb.md"], in: folder)
    #expect(independent != 0)
  }

  @Test(
    .enabled(
      if: ExternalProgram.runs(needing: ExternalProgram.found("python3")),
      "needs python3 to forge the chain"))
  func aCellAppendedAfterTheSignoffIsReportedUnsigned() throws {
    let (folder, _) = try Self.signedNotebook()
    let url = folder.appendingPathComponent("nb.md")
    let text = try GembaProcess.read(url)
    try
      (text
      + "\n<!-- cell 3 · 2026-11-20T10:00:00Z · chain 0000000000000000 -->\n```gemba\nnote forged\n```\n```output\nforged\n```\n")
      .write(to: url, atomically: true, encoding: .utf8)
    let (status, output) = try Self.python(Self.rechain, ["nb.md"], in: folder)
    try #require(status == 0, "\(output)")
    let verify = try GembaProcess.run(["verify", "nb.md", "--trust", "priya-shah.pub"], in: folder)
    #expect(verify.status == 0)
    #expect(verify.stdout.contains("1 cell after the last trusted signature is unsigned"))
  }

  @Test(arguments: [
    ("<!-- cell 1 ·", "<!-- cell 01 ·"), ("<!-- cell 1 ·", "<!-- cell  1 ·"), ("· chain ", "·  chain "),
  ])
  func aHeaderNotWrittenAsGembaWritesItFailsVerify(old: String, new: String) throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    try GembaProcess.read(url).replacingOccurrences(of: old, with: new).write(
      to: url, atomically: true, encoding: .utf8)
    let verify = try GembaProcess.run(["verify", "nb.md"], in: folder)
    #expect(verify.status == 1)
    #expect(verify.stderr.contains("cell header not written as gemba writes it"))
  }

  @Test func forkStartsANewNotebookFromTheIntactCells() throws {
    let folder = try GembaProcess.scratchFolder()
    _ = try GembaProcess.run(["nb.md"], stdin: "note one\nnote two\nnote three\n", in: folder)
    let url = folder.appendingPathComponent("nb.md")
    let edited = try GembaProcess.read(url).replacingOccurrences(of: "```output\ntwo", with: "```output\nTWO")
    try edited.write(to: url, atomically: true, encoding: .utf8)
    let refused = try GembaProcess.run(["nb.md"], stdin: "note four\n", in: folder)
    #expect(refused.status == 2)
    #expect(refused.stderr.contains("--fork NEW.md"))
    let fork = try GembaProcess.run(["nb.md", "--fork", "new.md"], stdin: "note four\n", in: folder)
    #expect(fork.status == 0, "\(fork.stderr)")
    #expect(fork.stderr.contains("forked new.md from the 1 intact cell of nb.md (of 3)"))
    #expect(try GembaProcess.read(url) == edited)
    let verify = try GembaProcess.run(["verify", "new.md"], in: folder)
    #expect(verify.stdout == "verified: 2 cells\n")
  }
}
