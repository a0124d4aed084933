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

  static func read(_ path: String) -> String? {
    guard let handle = fopen(path, "rb") else { return nil }
    defer { fclose(handle) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = fread(&buffer, 1, buffer.count, handle)
      if n == 0 { break }
      bytes += buffer[0..<n]
    }
    return String(validating: bytes, as: UTF8.self)
  }

  /// A notebook's text, or why it cannot be read.
  static func readNotebook(_ path: String) throws(Diagnostic) -> String {
    guard exists(path) else {
      throw .file(
        .notebookNotFound, "no notebook \(path)", notes: ["check the path; `gemba \(path)` creates a new one"])
    }
    guard let text = read(path) else {
      throw .file(.fileUnreadable, "cannot read \(path): it is not UTF-8 text, or not readable")
    }
    return text
  }

}
