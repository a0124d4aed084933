import Crypto
import Foundation

/// An Ed25519 signature over what a sign-off approves: the full SHA-256 chain of the cells before
/// it (v3), the shown chain value, the role, the name, what the sign-off means (`--meaning
/// approved`, when given) and the time. Stored in the `signoff` cell's data (so inside the chain too).
///
/// What it proves: the holder of that private key approved exactly the cells before it. What it
/// does not: anything about cells after it, or who holds the key — that is what the verifier's own
/// trusted keys say. v1 and v2 signatures (before v3) bind only the 64-bit shown chain value.
public struct SignoffSignature: Sendable, Equatable, Codable {
  /// The signer's public key, raw 32 bytes in base64.
  public var publicKey: String
  /// The signature, raw 64 bytes in base64.
  public var signature: String
  /// The signed bytes' version: 3, or nil for v1/v2 signatures (told apart by the meaning).
  public var version: Int?

  /// The version new signatures are made with.
  public static let currentVersion = 3

  public init(publicKey: String, signature: String, version: Int? = nil) {
    self.publicKey = publicKey
    self.signature = signature
    self.version = version
  }

  /// The bytes a sign-off signs. With `digest` (the full chain of the cells before it) they are
  /// v3's. Without, they are v1's (no meaning) or v2's (a `meaning=` line), byte for byte, so
  /// sign-offs signed before v3 verify.
  public static func message(
    chain: String, digest: String? = nil, role: String, name: String, meaning: SignoffMeaning? = nil,
    time: String
  ) -> [UInt8] {
    if let digest {
      return Array(
        ("gemba signoff v3\nchain=\(chain)\ndigest=\(digest)\nrole=\(role)\nname=\(name)\n"
          + "meaning=\(meaning?.rawValue ?? "")\ntime=\(time)\n").utf8)
    }
    guard let meaning else {
      return Array("gemba signoff v1\nchain=\(chain)\nrole=\(role)\nname=\(name)\ntime=\(time)\n".utf8)
    }
    return Array(
      "gemba signoff v2\nchain=\(chain)\nrole=\(role)\nname=\(name)\nmeaning=\(meaning.rawValue)\ntime=\(time)\n".utf8)
  }

  /// The form of the signed bytes, as `verify` names it: 3 binds the full SHA-256, 1 and 2 the
  /// 64-bit chain value only.
  public func form(meaning: SignoffMeaning?) -> Int { version ?? (meaning == nil ? 1 : 2) }

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

  /// True when a trusted key's name is the sign-off's signer (case and punctuation aside).
  public static func sameName(_ keyName: String, _ signer: String) -> Bool {
    let slug = Self.slug(keyName)
    return !slug.isEmpty && slug == Self.slug(signer)
  }

  /// The file name a person's key is kept under: `Priya Shah` → `priya-shah`.
  public static func slug(_ name: String) -> String {
    let lowered = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
    return String(lowered).split(separator: "-").joined(separator: "-")
  }
}

/// How a sign-off stands against the verifier's trusted keys, as `verify` and every record show it.
public enum SignatureStatus: String, Sendable, Equatable, Codable, CaseIterable {
  /// Signed, valid, and the key is trusted under the sign-off's own name.
  case trusted
  /// Signed and valid, but the key is trusted under another name: not trusted as the signer.
  case keyOfAnotherName = "key-of-another-name"
  /// Signed and valid, by a key the verifier does not trust.
  case unknownKey = "unknown-key"
  /// No signature: a hand-typed sign-off, or a signer without a key.
  case unsigned
  /// A signature that does not match what the cell approved.
  case invalid

  /// The words records print.
  public var words: String {
    switch self {
    case .trusted: "signed, trusted key"
    case .keyOfAnotherName: "signed by a key trusted under another name"
    case .unknownKey: "signed by an unknown key"
    case .unsigned: "unsigned"
    case .invalid: "signature INVALID"
    }
  }
}

/// `gemba verify`'s reading of a notebook's signatures against the keys it trusts.
public struct SignatureReport: Sendable {
  public struct Entry: Sendable {
    public var cell: Int
    public var line: Int
    public var role: String
    public var name: String
    /// The key's fingerprint; nil for an unsigned sign-off.
    public var fingerprint: String?
    /// The signed bytes' form (1, 2 or 3); nil for an unsigned sign-off.
    public var form: Int?
    public var status: SignatureStatus
    /// The name the verifier trusts the key under, when it trusts it.
    public var keyName: String?
  }
  public var entries: [Entry] = []
  /// Cells after the last valid, trusted signature: work no trusted key has approved.
  public var cellsAfterLastValid: Int = 0
  public var hasInvalid: Bool { entries.contains { $0.status == .invalid } }
  public var trustedCount: Int { entries.filter { $0.status == .trusted }.count }
  /// Sign-off cells with no signature.
  public var unsignedSignoffs: [Int] { entries.filter { $0.status == .unsigned }.map(\.cell) }

  /// Each sign-off against `trusted` (public key → the name it is trusted under). A key counts
  /// as the signer's only when that name is the sign-off's: a key listed as "alice" signing as
  /// "Priya Shah" is flagged, not trusted.
  public static func check(_ cells: [Cell], trusted: [String: String]) -> SignatureReport {
    var report = SignatureReport()
    var lastValid = 0
    var previous = Chain.genesis
    var full = Chain.fullGenesis
    for cell in cells {
      defer {
        previous = cell.chain
        full = Chain.digest(
          after: full, number: cell.number, time: cell.time, command: cell.command, output: cell.output,
          data: cell.data)
      }
      // Only what may be a sign-off is parsed (records call this on every export); a superset of
      // the parser's spellings, so no sign-off is skipped unchecked.
      guard cell.command.lowercased().contains("signoff"),
        case .signoff(let role, let name, let meaning)? = try? Parser.parse(cell.command)
      else { continue }
      var entry = Entry(
        cell: cell.number, line: cell.line, role: role, name: name, fingerprint: nil, form: nil, status: .unsigned)
      defer { report.entries.append(entry) }
      guard let signature = (try? cell.decodedData())??.signature else { continue }
      let form = signature.form(meaning: meaning)
      entry.fingerprint = signature.fingerprint
      entry.form = form
      let message = SignoffSignature.message(
        chain: previous, digest: form >= 3 ? full : nil, role: role, name: name, meaning: meaning, time: cell.time)
      if form > SignoffSignature.currentVersion || !signature.isValid(for: message) {
        entry.status = .invalid
      } else if let who = trusted[signature.publicKey] {
        entry.keyName = who
        if SigningKeys.sameName(who, name) {
          entry.status = .trusted
          lastValid = cell.number
        } else {
          entry.status = .keyOfAnotherName
        }
      } else {
        entry.status = .unknownKey
      }
    }
    report.cellsAfterLastValid = cells.filter { $0.number > lastValid }.count
    return report
  }

  public static func check(_ document: NotebookFormat.Document, trusted: [String: String]) -> SignatureReport {
    check(document.cells, trusted: trusted)
  }

  /// The lines `gemba verify` prints about signatures (nothing when there is no sign-off).
  public func lines(total: Int) -> [String] {
    guard !entries.isEmpty else { return [] }
    var out: [String] = []
    for e in entries {
      let who = "cell \(e.cell): \(e.role) \(e.name)" + (e.fingerprint.map { ", key \($0)" } ?? "")
      switch e.status {
      case .trusted:
        out.append("signature valid: \(who), trusted as \(e.keyName ?? e.name)")
      case .keyOfAnotherName:
        out.append(
          "WARNING: signature valid but the key is trusted as \(e.keyName.map { $0.isEmpty ? "no name" : $0 } ?? "no name"), "
            + "not as \(e.name): \(who) (not trusted as \(e.name))")
      case .unknownKey:
        out.append("signature valid but NOT trusted: \(who) (the key is not among your trusted keys; --trust KEY.pub)")
      case .invalid: out.append("signature INVALID: \(who): it does not match what the cell approved")
      case .unsigned:
        out.append("sign-off unsigned: cell \(e.cell) (\(e.role) \(e.name)): no signature, anyone could have typed it")
      }
      if let form = e.form, form < SignoffSignature.currentVersion, e.status != .invalid {
        out.append(
          "  weaker form: cell \(e.cell)'s v\(form) signature binds the 64-bit chain value only, "
            + "not the full SHA-256 of the cells it approves (sign again to bind it)")
      }
    }
    if trustedCount == 0 {
      out.append(
        "no trusted signature: none of the \(entries.count) sign-off\(entries.count == 1 ? "" : "s") is signed by a key you trust under its signer's name"
      )
    } else if cellsAfterLastValid > 0 {
      out.append(
        "\(cellsAfterLastValid) cell\(cellsAfterLastValid == 1 ? "" : "s") after the last trusted signature \(cellsAfterLastValid == 1 ? "is" : "are") unsigned"
      )
    }
    return out
  }
}
