#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Folder listings for path completion.
enum ShellFiles {
  /// The entries of `typed` (a folder as typed, `""` for `folder` itself), folders
  /// ending in `/`; `~/` is the home folder, `/…` is absolute, anything else is below `folder`.
  static func list(_ typed: String, in folder: String) -> [String] {
    var path: String
    if typed.hasPrefix("/") {
      path = typed
    } else if typed.hasPrefix("~/"), let home = getenv("HOME") {
      path = String(cString: home) + typed.dropFirst()
    } else {
      path = (folder == "." ? "" : folder + "/") + typed
    }
    if path.isEmpty { path = "." }
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if name == "." || name == ".." { continue }
      var info = stat()
      let isFolder = stat(path + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
      names.append(isFolder ? name + "/" : name)
    }
    return names.sorted()
  }
}
