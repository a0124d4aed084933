import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The files under the paths given to `gemba register index`: every `.md` file, found
/// recursively, in sorted order. Hidden folders (`.git`, `.gemba`) are not entered.
enum NotebookFiles {
  struct Found: Equatable {
    /// As found from the path the user typed (`notebooks/packing-errors/packing-errors.md`): shown.
    var label: String
    /// The file's real path: where the register says the notebook is.
    var path: String
  }

  /// Size and modification time (nanoseconds): a file whose pair is unchanged since it was
  /// indexed is not read again.
  struct Stamp: Equatable {
    var size: Int64
    var mtime: Int64
  }

  static func find(under roots: [String]) -> (files: [Found], problems: [String]) {
    var files: [Found] = []
    var problems: [String] = []
    for root in roots {
      var info = stat()
      guard stat(root, &info) == 0 else {
        problems.append("\(root): no such file or folder")
        continue
      }
      let display = root.hasPrefix("./") ? String(root.dropFirst(2)) : root
      if info.st_mode & S_IFMT == S_IFDIR {
        walk(
          display.hasSuffix("/") && display.count > 1 ? String(display.dropLast()) : display, into: &files,
          problems: &problems)
      } else {
        files.append(Found(label: display, path: realPath(root)))
      }
    }
    var seen: Set<String> = []
    return (files.filter { seen.insert($0.path).inserted }, problems)
  }

  private static func walk(_ folder: String, into files: inout [Found], problems: inout [String]) {
    guard let directory = opendir(folder) else {
      problems.append("\(folder): cannot read the folder (\(String(cString: strerror(errno))))")
      return
    }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
      }
      if !name.hasPrefix(".") { names.append(name) }
    }
    closedir(directory)
    for name in names.sorted() {
      let path = folder == "/" ? "/" + name : folder == "." ? name : folder + "/" + name
      var info = stat()
      guard stat(path, &info) == 0 else { continue }
      if info.st_mode & S_IFMT == S_IFDIR {
        walk(path, into: &files, problems: &problems)
      } else if name.hasSuffix(".md"), info.st_mode & S_IFMT == S_IFREG {
        files.append(Found(label: path, path: realPath(path)))
      }
    }
  }

  static func realPath(_ path: String) -> String {
    guard let real = realpath(path, nil) else { return path }
    defer { free(real) }
    return String(cString: real)
  }

  static func stamp(_ path: String) -> Stamp? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    #if canImport(Darwin)
      let nanos = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
    #else
      let nanos = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    #endif
    return Stamp(size: Int64(info.st_size), mtime: nanos)
  }

  static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// The file's bytes, or why they cannot be read.
  static func read(_ path: String) -> Result<[UInt8], ReadError> {
    // A FIFO in a watched folder must not hang the indexer; a notebook over the cap is not read.
    RegularFile.read(path, limit: maximumBytes).mapError { ReadError(reason: $0.reason) }
  }

  /// The largest notebook indexed, as the one gemba opens (`NotebookFile.maximumBytes`).
  static let maximumBytes = 256 << 20

  struct ReadError: Error { var reason: String }
}
