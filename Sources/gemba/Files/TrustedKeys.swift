import GembaCore

/// The public keys the person running gemba trusts, and where each list came from.
///
/// Trust comes from the verifier: their own list (`$XDG_CONFIG_HOME/gemba/trusted-keys`, else
/// `~/.config/gemba/trusted-keys`, beside the folder `gemba key` keeps keys in) and the files
/// given with `--trust`. The `.gemba/trusted-keys` beside a notebook is the sender's folder, so it
/// is read only with `--trust-folder-keys`, typed for that one run (like git's safe.directory,
/// but per run: nothing a received folder holds can turn it on).
struct TrustedKeys {
  /// Public key → the name it is trusted under (the first list naming a key wins).
  var keys: [String: String] = [:]
  /// The `--trust` files read.
  var files: [String] = []
  /// What verify says about the lists (a folder list ignored, and how to allow it).
  var notes: [String] = []

  /// The user's own list of trusted keys.
  static func userFile(environment: [String: String]) -> String? {
    UserFolders.config("trusted-keys", environment: environment)
  }

  static func load(
    environment: [String: String], notebook: String, files: [String] = [], folderKeys: Bool = false
  ) throws(Diagnostic) -> TrustedKeys {
    var trust = TrustedKeys(files: files)
    for file in files {
      guard let text = Paths.read(file) else {
        throw Diagnostic.file(.noKeyStore, "cannot read the trusted key \(file)").about(.usage)
      }
      trust.add(text)
    }
    if let own = userFile(environment: environment), WrittenFiles.isRegularFile(own), let text = Paths.read(own) {
      trust.add(text)
    }
    let folderList = Paths.resolve(".gemba/trusted-keys", in: Paths.folder(of: notebook))
    guard Paths.exists(folderList) else { return trust }
    if folderKeys {
      // Never opened unless a regular file: a pipe there would block verify.
      guard WrittenFiles.isRegularFile(folderList), let text = Paths.read(folderList) else {
        throw Diagnostic.file(.noKeyStore, "cannot read the trusted keys \(folderList)").about(.usage)
      }
      trust.add(text)
      trust.notes.append("trusting the keys in \(folderList) (--trust-folder-keys)")
    } else {
      trust.notes.append(
        "ignored \(folderList): keys beside a notebook are the sender's, not yours; "
          + "--trust-folder-keys uses them for this run if you trust that folder")
    }
    return trust
  }

  private mutating func add(_ text: String) {
    keys.merge(SigningKeys.parseTrusted(text)) { first, _ in first }
  }
}
