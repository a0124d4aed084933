import Foundation
import GembaTestSupport
import Testing

/// Issue 24, finding 3: a signature binds the full SHA-256 of what it approves (signed bytes v3),
/// not the 64-bit chain value a cell header shows. Checked by an independent Ed25519 and SHA-256
/// (python's `cryptography` and `hashlib`), which recompute the full chain from the cells' text.
@Suite(.enabled(if: gembaBuilt, "build gemba first: scripts/test does"))
struct FullDigestSignatureTests {
  static let cellPattern =
    #"re.compile(r'<!-- cell (\d+) · (\S+) · chain ([0-9a-f]+) -->\n```gemba\n(.*?)\n```\n```output\n(.*?)\n?```\n(<!-- data ([^\n]*) -->\n)?', re.S)"#

  /// Verifies every v3 signature against the full chain it computes itself; prints `valid v3 N`.
  static let checkV3 = #"""
    import base64, hashlib, json, re, sys
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    text = open(sys.argv[1]).read()
    cell = \#(cellPattern)
    def link(previous, parts):
        h = hashlib.sha256()
        for part in [previous] + parts:
            b = part.encode(); h.update(f"{len(b)}:".encode()); h.update(b)
        return h.hexdigest()
    full = hashlib.sha256(b"gemba notebook v1").hexdigest()
    short = full[:16]
    for m in cell.finditer(text):
        number, time, chain, command, output, data = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(7)
        if command.startswith("signoff "):
            signature = json.loads(data)["signature"]
            assert signature.get("version") == 3, signature
            role, name, meaning = re.match(r'signoff "(.*?)" "(.*?)"(?: --meaning (\w+))?$', command).groups()
            message = f"gemba signoff v3\nchain={short}\ndigest={full}\nrole={role}\nname={name}\nmeaning={meaning or ''}\ntime={time}\n".encode()
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(signature["publicKey"]))
            key.verify(base64.b64decode(signature["signature"]), message)  # raises if invalid
            print("valid v3", number)
        parts = [number, time, command, output] + ([data] if data is not None else [])
        full = link(full, parts)
        short = link(short, parts)[:16]
        assert short == chain, (number, short, chain)
    """#

  /// Replaces cell 2's signature: `v1 KEYFILE` signs the v1 bytes (64-bit chain) with that private
  /// key; `strip-version` only drops the version (claiming a v3 signature is a v1 one).
  static let resign = #"""
    import base64, json, re, sys
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    path, mode = sys.argv[1], sys.argv[2]
    text = open(path).read()
    cell = \#(cellPattern)
    cells = list(cell.finditer(text))
    m = [c for c in cells if c.group(1) == "2"][0]
    previous = [c for c in cells if c.group(1) == "1"][0].group(3)
    data = json.loads(m.group(7))
    if mode == "v1":
        raw = base64.b64decode(open(sys.argv[3]).read().strip())
        role, name = re.match(r'signoff "(.*?)" "(.*?)"$', m.group(4)).groups()
        message = f"gemba signoff v1\nchain={previous}\nrole={role}\nname={name}\ntime={m.group(2)}\n".encode()
        signature = Ed25519PrivateKey.from_private_bytes(raw).sign(message)
        data["signature"] = {"publicKey": data["signature"]["publicKey"], "signature": base64.b64encode(signature).decode()}
    else:
        del data["signature"]["version"]
    text = text[:m.start(7)] + json.dumps(data, separators=(",", ":")) + text[m.end(7):]
    open(path, "w").write(text)
    """#

  static let needsCryptography = ExternalProgram.runs(needing: ExternalProgram.pythonHas("cryptography"))

  @Test(.enabled(if: needsCryptography, "needs python3's cryptography (scripts/bootstrap installs it)"))
  func aNewSignatureBindsTheFullSHA256() throws {
    let (folder, _) = try SignatureTests.signedNotebook(meaning: " --meaning approved")
    let (status, output) = try SignatureTests.python(Self.checkV3, ["nb.md"], in: folder)
    #expect(status == 0, "\(output)")
    #expect(output == "valid v3 2\n")
    let verify = try GembaProcess.run(["verify", "nb.md", "--trust", "priya-shah.pub"], in: folder)
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(!verify.stdout.contains("weaker form"))
  }

  /// A v1 signature (made here by python over the v1 bytes) still verifies, reported as the weaker form.
  @Test(.enabled(if: needsCryptography, "needs python3's cryptography (scripts/bootstrap installs it)"))
  func anOlderSignatureVerifiesAsTheWeakerForm() throws {
    let (folder, _) = try SignatureTests.signedNotebook()
    let key = folder.appendingPathComponent("config/gemba/keys/priya-shah.key").path
    let (status, output) = try SignatureTests.python(Self.resign, ["nb.md", "v1", key], in: folder)
    try #require(status == 0, "\(output)")
    let (rechained, rechainOutput) = try SignatureTests.python(SignatureTests.rechain, ["nb.md"], in: folder)
    try #require(rechained == 0, "\(rechainOutput)")
    let verify = try GembaProcess.run(["verify", "nb.md", "--trust", "priya-shah.pub"], in: folder)
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(verify.stdout.contains("signature valid: cell 2: Quality manager Priya Shah"))
    #expect(
      verify.stdout.contains(
        "weaker form: cell 2's v1 signature binds the 64-bit chain value only, not the full SHA-256"))
    let json = try GembaProcess.run(["export", "nb.md", "--format", "json"], in: folder)
    let record = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let signoffs = try #require(record["signoffs"] as? [[String: Any]])
    #expect(signoffs.first?["signedForm"] as? Int == 1)
  }

  /// Relabelling a v3 signature as v1 (chain recomputed) does not make it a valid v1 signature.
  @Test(.enabled(if: needsCryptography, "needs python3's cryptography (scripts/bootstrap installs it)"))
  func aV3SignatureCannotBeRelabelledAsV1() throws {
    let (folder, _) = try SignatureTests.signedNotebook()
    let (status, output) = try SignatureTests.python(Self.resign, ["nb.md", "strip-version"], in: folder)
    try #require(status == 0, "\(output)")
    let (rechained, rechainOutput) = try SignatureTests.python(SignatureTests.rechain, ["nb.md"], in: folder)
    try #require(rechained == 0, "\(rechainOutput)")
    let verify = try GembaProcess.run(["verify", "nb.md", "--trust", "priya-shah.pub"], in: folder)
    #expect(verify.status == 1)
    #expect(
      verify.stderr.contains("the signature of cell 2 (Quality manager Priya Shah) does not match what it approved"))
  }
}
