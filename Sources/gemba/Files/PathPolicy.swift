import GembaCore

/// Which files a session may read: paths in cells are relative to the notebook's
/// folder, and a notebook may not reach outside that folder tree (absolute paths,
/// `..`, symlinks pointing out) unless the user said `--allow-outside`.
/// A notebook from someone else is untrusted input; this is the fence.
struct PathPolicy {
  let folder: String
  let allowOutside: Bool

  /// The path to open for `path` as written in a cell, or an error saying why not.
  func resolve(_ path: Located<String>, toWrite: Bool = false) throws(Diagnostic) -> String {
    let written = path.value
    guard !written.isEmpty else { throw .error(.pathRefused, "empty path", at: path.span) }
    let candidate = written.hasPrefix("/") ? written : (folder == "." ? written : folder + "/" + written)
    if allowOutside { return candidate }
    if written.hasPrefix("/") {
      throw refusal(path, "is an absolute path", toWrite: toWrite)
    }
    if written.split(separator: "/").contains("..") {
      throw refusal(path, "climbs out with `..`", toWrite: toWrite)
    }
    // A symlink inside the folder may still point outside it: compare real paths.
    let root = Paths.absolute(folder)
    if Paths.exists(candidate) {
      let real = Paths.absolute(candidate)
      guard real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
        throw refusal(path, "leads outside the notebook's folder (to \(real))", toWrite: toWrite)
      }
    }
    return candidate
  }

  /// The path to write for `path` as written in a cell (an export of a replayed notebook):
  /// the same fence as reading, and a link inside the folder may not lead a write out of it.
  func resolveForWriting(_ path: Located<String>) throws(Diagnostic) -> String {
    let candidate = try resolve(path, toWrite: true)
    guard !allowOutside else { return candidate }
    let root = Paths.absolute(folder)
    let real = SafeFile.canonical(candidate)
    guard real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
      throw .error(
        .pathRefused, "refused to write `\(path.value)`: it leads outside the notebook's folder (to \(real))",
        at: path.span,
        notes: ["a replayed notebook writes only inside its own folder; run with --allow-outside if you trust it"])
    }
    return candidate
  }

  private func refusal(_ path: Located<String>, _ why: String, toWrite: Bool = false) -> Diagnostic {
    .error(
      .pathRefused, "refused to \(toWrite ? "write" : "read") `\(path.value)`: it \(why)", at: path.span,
      notes: [
        "a notebook reads evidence only inside its own folder (\(Paths.absolute(folder)))",
        "copy the file into that folder, or run gemba with --allow-outside if you trust this notebook",
      ])
  }
}
