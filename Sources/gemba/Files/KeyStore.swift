import Foundation
import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a person's signing keys live: `$XDG_CONFIG_HOME/gemba/keys/NAME.key` (else
/// `~/.config/gemba/keys`), one base64 private key a file, readable by its owner only.
struct KeyStore {
  let folder: String?

  init(environment: [String: String]) {
    folder = UserFolders.config("keys", environment: environment)
  }

  func path(for name: String) -> String? { folder.map { "\($0)/\(SigningKeys.slug(name)).key" } }

  /// The private key kept for `name`, if there is one.
  func privateKey(for name: String) -> [UInt8]? {
    guard let path = path(for: name), let text = Paths.read(path),
      let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), raw.count == 32
    else { return nil }
    return Array(raw)
  }

  /// Makes a new key pair for `name`; never replaces an existing key. Returns the public key.
  func create(for name: String) throws(Diagnostic) -> String {
    guard let folder, let path = path(for: name) else {
      throw .file(.noKeyStore, "no place for keys: set HOME or XDG_CONFIG_HOME")
    }
    var built = ""
    for part in folder.split(separator: "/") {
      built += "/" + part
      mkdir(built, 0o700)
    }
    let (privateKey, publicKey) = SigningKeys.generate()
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw .file(
        (errno == EEXIST ? .fileExists : .fileNotWritten),
        errno == EEXIST
          ? "a key for \(name) already exists (\(path)); gemba never replaces a key"
          : "cannot write \(path): \(String(cString: strerror(errno)))")
    }
    let text = Array((Data(privateKey).base64EncodedString() + "\n").utf8)
    let written = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    fsync(fd)
    close(fd)
    guard written == text.count else { throw .file(.fileNotWritten, "cannot write \(path)") }
    SafeFile.syncFolder(of: path)
    return publicKey
  }
}
