import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// File-system paths, resolved against the notebook's folder.
enum Paths {
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  static func resolve(_ path: String, in folder: String) -> String {
    path.hasPrefix("/") || folder == "." ? path : folder + "/" + path
  }

  static func absolute(_ path: String) -> String {
    guard let real = realpath(path, nil) else { return path }
    defer { free(real) }
    return String(cString: real)
  }

  static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// The largest text file gemba reads whole besides a notebook (a script, an SOP, a key list,
  /// the history): refused before reading, not read into memory.
  static let textLimit = 64 << 20

  /// A regular file's text; nil when it is missing, not a regular file (a FIFO is refused without
  /// waiting for a writer), larger than `textLimit` or not UTF-8.
  static func read(_ path: String) -> String? {
    guard case .success(let bytes) = RegularFile.read(path, limit: textLimit) else { return nil }
    return String(validating: bytes, as: UTF8.self)
  }

  /// A notebook's text, or why it cannot be read.
  static func readNotebook(_ path: String) throws(Diagnostic) -> String {
    guard exists(path) else {
      throw .file(
        .notebookNotFound, "no notebook \(path)", notes: ["check the path; `gemba \(path)` creates a new one"])
    }
    switch RegularFile.open(path) {
    case .failure(let failure): throw NotebookFile.refusal(path, failure)
    case .success(let fd):
      defer { close(fd) }
      return try NotebookFile.read(fd: fd, path: path)
    }
  }

}
