import Crypto
import Foundation

/// An Ed25519 signature over what a sign-off approves: the chain value before it, the role,
/// the name, what the sign-off means (`--meaning approved`, when given) and the time. Stored in the `signoff` cell's data (so inside the chain too).
///
/// What it proves: the holder of that private key approved the notebook as it stood at that
/// chain value. What it does not: anything about cells after it, or who holds the key — that is
/// what the trusted-keys list says.
public struct SignoffSignature: Sendable, Equatable, Codable {
  /// The signer's public key, raw 32 bytes in base64.
  public var publicKey: String
  /// The signature, raw 64 bytes in base64.
  public var signature: String

  public init(publicKey: String, signature: String) {
    self.publicKey = publicKey
    self.signature = signature
  }

  /// The bytes a sign-off signs. Without a meaning they are v1's, byte for byte, so sign-offs
  /// signed before meanings existed verify; with one, v2 adds a `meaning=` line, so changing
  /// "reviewed" to "approved" afterwards breaks the signature.
  public static func message(
    chain: String, role: String, name: String, meaning: SignoffMeaning? = nil,
    time: String
  ) -> [UInt8] {
    guard let meaning else {
      return Array("gemba signoff v1\nchain=\(chain)\nrole=\(role)\nname=\(name)\ntime=\(time)\n".utf8)
    }
    return Array(
      "gemba signoff v2\nchain=\(chain)\nrole=\(role)\nname=\(name)\nmeaning=\(meaning.rawValue)\ntime=\(time)\n".utf8)
  }

  /// Signs `message` with a raw 32-byte Ed25519 private key.
  public static func sign(_ message: [UInt8], privateKey raw: [UInt8]) throws -> SignoffSignature {
    let key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
    let signature = try key.signature(for: message)
    return SignoffSignature(
      publicKey: key.publicKey.rawRepresentation.base64EncodedString(),
      signature: signature.base64EncodedString())
  }

  /// True when the signature is `publicKey`'s over `message`.
  public func isValid(for message: [UInt8]) -> Bool {
    guard let keyBytes = Data(base64Encoded: publicKey), let signatureBytes = Data(base64Encoded: signature),
      let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
    else { return false }
    return key.isValidSignature(signatureBytes, for: message)
  }

  /// A short, stable name for the key: the first 16 hex digits of its SHA-256.
  public var fingerprint: String { Self.fingerprint(of: publicKey) }

  /// The line a signed sign-off's cell prints under it (replay drops it: it holds no key).
  public func line(signer name: String) -> String { "signed with \(name)'s key \(fingerprint) (ed25519)" }

  public static func fingerprint(of publicKey: String) -> String {
    String(Hex.string(SHA256.hash(data: Data(base64Encoded: publicKey) ?? Data())).prefix(16))
  }
}

/// A key pair for signing sign-offs, and the one-line public-key format
/// (`gemba-ed25519 BASE64 NAME`) that `.gemba/trusted-keys` and `--trust` files hold.
public enum SigningKeys {
  /// A new private key (raw 32 bytes) and its public key (base64).
  public static func generate() -> (privateKey: [UInt8], publicKey: String) {
    let key = Curve25519.Signing.PrivateKey()
    return (Array(key.rawRepresentation), key.publicKey.rawRepresentation.base64EncodedString())
  }

  public static func publicKeyLine(_ publicKey: String, name: String) -> String {
    "gemba-ed25519 \(publicKey) \(name)"
  }

  /// The public keys in a trusted-keys text (one `gemba-ed25519 KEY NAME` a line; `#` comments),
  /// by key, with the name each was given.
  public static func parseTrusted(_ text: String) -> [String: String] {
    var keys: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.trimmingSpaces().split(separator: " ", maxSplits: 2).map(String.init)
      guard parts.count >= 2, parts[0] == "gemba-ed25519", Data(base64Encoded: parts[1])?.count == 32 else { continue }
      keys[parts[1]] = parts.count == 3 ? parts[2] : ""
    }
    return keys
  }

  /// The file name a person's key is kept under: `Priya Shah` → `priya-shah`.
  public static func slug(_ name: String) -> String {
    let lowered = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
    return String(lowered).split(separator: "-").joined(separator: "-")
  }
}

/// `gemba verify`'s reading of a notebook's signatures against the keys it trusts.
public struct SignatureReport: Sendable {
  public struct Entry: Sendable {
    public var cell: Int
    public var line: Int
    public var role: String
    public var name: String
    public var fingerprint: String
    public enum Verdict: Sendable, Equatable { case valid(trustedAs: String), untrusted, invalid }
    public var verdict: Verdict
  }
  public var entries: [Entry] = []
  /// Sign-off cells with no signature (no key was found for the signer).
  public var unsignedSignoffs: [Int] = []
  /// Cells after the last valid, trusted signature: work no trusted key has approved.
  public var cellsAfterLastValid: Int = 0
  public var hasInvalid: Bool { entries.contains { $0.verdict == .invalid } }

  public static func check(_ document: NotebookFormat.Document, trusted: [String: String]) -> SignatureReport {
    var report = SignatureReport()
    var lastValid = 0
    var previous = Chain.genesis
    for cell in document.cells {
      defer { previous = cell.chain }
      guard case .signoff(let role, let name, let meaning)? = try? Parser.parse(cell.command) else { continue }
      guard let signature = (try? cell.decodedData())??.signature else {
        report.unsignedSignoffs.append(cell.number)
        continue
      }
      let message = SignoffSignature.message(chain: previous, role: role, name: name, meaning: meaning, time: cell.time)
      let verdict: Entry.Verdict
      if !signature.isValid(for: message) {
        verdict = .invalid
      } else if let who = trusted[signature.publicKey] {
        verdict = .valid(trustedAs: who)
        lastValid = cell.number
      } else {
        verdict = .untrusted
      }
      report.entries.append(
        Entry(
          cell: cell.number, line: cell.line, role: role, name: name,
          fingerprint: signature.fingerprint, verdict: verdict))
    }
    report.cellsAfterLastValid = document.cells.filter { $0.number > lastValid }.count
    return report
  }

  /// The lines `gemba verify` prints about signatures (nothing when no sign-off was signed:
  /// signing is optional, and a notebook without keys verifies as before).
  public func lines(total: Int) -> [String] {
    guard !entries.isEmpty else { return [] }
    var out: [String] = []
    for e in entries {
      let who = "cell \(e.cell): \(e.role) \(e.name), key \(e.fingerprint)"
      switch e.verdict {
      case .valid(let trustedAs):
        out.append("signature valid: \(who), trusted as \(trustedAs.isEmpty ? "a listed key" : trustedAs)")
      case .untrusted:
        out.append(
          "signature valid but NOT trusted: \(who) (add its public key to .gemba/trusted-keys, or --trust KEY.pub)")
      case .invalid: out.append("signature INVALID: \(who): it does not match what the cell approved")
      }
    }
    for cell in unsignedSignoffs {
      out.append("sign-off unsigned: cell \(cell) (the signer had no key: gemba key new NAME)")
    }
    if cellsAfterLastValid == total {
      out.append("no trusted signature: all \(total) cells are unsigned")
    } else if cellsAfterLastValid > 0 {
      out.append(
        "\(cellsAfterLastValid) cell\(cellsAfterLastValid == 1 ? "" : "s") after the last trusted signature \(cellsAfterLastValid == 1 ? "is" : "are") unsigned"
      )
    }
    return out
  }
}
