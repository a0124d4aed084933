import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way gemba writes a file other than appending to its notebook (exports, `save`
/// copies, `replay --update`): never over the open notebook or an evidence file; into a
/// temporary file beside the target, fsync'd, renamed over it, and the folder fsync'd — so a
/// crash or a full disk leaves either the old file or the new one, never half of one.
enum SafeFile {
  /// Writes `text` to `path`. `protected` are files that must never be the target (the
  /// notebook, its evidence); a target that is one of them, by any path or link, is refused.
  static func write(_ text: String, to path: String, protecting protected: [String] = []) throws(Diagnostic) {
    let target = canonical(path)
    if let hit = protected.first(where: { canonical($0) == target }) {
      throw .file(
        .exportRefused,
        "refused to write \(path): it is \(hit == protected.first ? "the notebook itself" : "evidence the notebook loaded (\(hit))")",
        notes: ["choose another file name; nothing was written"])
    }
    // Only a file is replaced: a folder, a FIFO or a device at the target is refused, not renamed over.
    if let refusal = RegularFile.refusal(at: path), refusal != .missing {
      throw .file(
        .notARegularFile, "refused to write \(path): it \(refusal.reason)",
        notes: ["choose another file name; nothing was written"])
    }
    var failure: Diagnostic?
    Array(text.utf8).withUnsafeBytes { buffer in
      do throws(Diagnostic) { try write(bytes: buffer, to: path) } catch { failure = error }
    }
    if let failure { throw failure }
  }

  /// Writes `bytes` to `path` the same way (temporary file, fsync, rename). With `exclusive`,
  /// an existing file at `path` is never replaced: the write fails with EEXIST instead.
  static func write(bytes: UnsafeRawBufferPointer, to path: String, exclusive: Bool = false) throws(Diagnostic) {
    let folder = Paths.folder(of: path)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let temporary =
      (folder == "." ? "" : folder + "/") + ".\(name).gemba-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw failure("cannot write \(path)", errno) }
    var done = false
    defer {
      if !done { unlink(temporary) }
    }
    var offset = 0
    while offset < bytes.count {
      let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
      if n < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(fd)
        throw failure("cannot write \(path)", code)
      }
      offset += n
    }
    guard fsync(fd) == 0 else {
      let code = errno
      close(fd)
      throw failure("cannot write \(path) to disk", code)
    }
    close(fd)
    if exclusive {
      // link() refuses an existing name, where rename() would replace it.
      guard link(temporary, path) == 0 else { throw failure("cannot create \(path)", errno) }
      unlink(temporary)
    } else {
      guard rename(temporary, path) == 0 else { throw failure("cannot replace \(path)", errno) }
    }
    done = true
    syncFolder(of: path)
  }

  /// Removes the temporary files (`.NAME.gemba-PID-N.tmp`) that a write killed before its rename
  /// left in `folder`, when the process that made them is gone; returns how many.
  @discardableResult
  static func removeStale(in folder: String) -> Int {
    guard let dir = opendir(folder) else { return 0 }
    defer { closedir(dir) }
    var removed = 0
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      guard name.hasPrefix("."), name.hasSuffix(".tmp"), let mark = name.ranges(of: ".gemba-").last
      else { continue }
      let parts = name[mark.upperBound...].dropLast(4).split(separator: "-")
      guard parts.count == 2, let pid = Int32(parts[0]), UInt32(parts[1]) != nil else { continue }
      // A live process may be writing it now; ESRCH says nobody is.
      guard pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
      let path = (folder == "." ? "" : folder + "/") + name
      guard RegularFile.refusal(at: path) == nil else { continue }
      if unlink(path) == 0 { removed += 1 }
    }
    return removed
  }

  /// The folders missing on the way to `folder` can be made: the nearest one that exists is a
  /// writable folder inside `root` (by its real path: a link may not lead the new folders out).
  static func checkCreatable(_ folder: String, inside root: String, for path: Located<String>) throws(Diagnostic) {
    var existing = folder
    while !Paths.exists(existing) {
      let parent = Paths.folder(of: existing)
      if parent == existing { break }
      existing = parent
    }
    let base = Paths.absolute(root)
    let real = Paths.absolute(existing)
    guard real == base || real.hasPrefix(base.hasSuffix("/") ? base : base + "/") else {
      throw .error(
        .exportNotWritten, "cannot write `\(path.value)`: the folder \(folder) does not exist", at: path.span,
        notes: [
          "gemba makes missing folders only inside the notebook's folder (\(base)); nothing was recorded"
        ])
    }
    var info = stat()
    guard stat(existing, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
      throw .error(
        .exportNotWritten, "cannot write `\(path.value)`: \(existing) is a file, not a folder", at: path.span,
        notes: ["choose another path; nothing was recorded"])
    }
    guard access(existing, W_OK) == 0 else {
      throw .error(
        .exportNotWritten, "cannot write `\(path.value)`: the folder \(existing) is not writable", at: path.span,
        notes: ["nothing was recorded"])
    }
  }

  /// Makes the folders missing on the way to `path`'s folder (as `mkdir -p` does), each synced so a
  /// crash does not lose the file written into them.
  static func makeFolders(for path: String) throws(Diagnostic) {
    var missing: [String] = []
    var folder = Paths.folder(of: path)
    while !Paths.exists(folder) {
      missing.append(folder)
      let parent = Paths.folder(of: folder)
      if parent == folder { break }
      folder = parent
    }
    for f in missing.reversed() {
      guard mkdir(f, 0o755) == 0 || errno == EEXIST else { throw failure("cannot make the folder \(f)", errno) }
      syncFolder(of: f)
    }
  }

  /// Makes a new directory entry (a renamed file, a created notebook) survive a crash.
  static func syncFolder(of path: String) {
    let folder = Paths.folder(of: path)
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }

  /// The real path a write to `path` would reach (its folder resolved; links followed). Folders
  /// not made yet are named after the nearest one that exists, resolved, so a new `record/x.md`
  /// is seen inside the notebook's folder.
  static func canonical(_ path: String) -> String {
    var missing: [String] = []
    var rest = path
    while rest.count > 1 && rest.hasSuffix("/") { rest.removeLast() }
    while true {
      if let real = realpath(rest, nil) {
        defer { free(real) }
        let base = String(cString: real)
        return ([base == "/" ? "" : base] + missing).joined(separator: "/")
      }
      let parent = Paths.folder(of: rest)
      guard parent != rest else { return path }
      missing.insert(rest.split(separator: "/").last.map(String.init) ?? rest, at: 0)
      rest = parent
    }
  }

  static func failure(_ message: String, _ code: Int32) -> Diagnostic {
    let reason = String(cString: strerror(code))
    var notes = ["nothing was replaced: the file is as it was"]
    if code == ENOSPC || code == EDQUOT { notes.insert("the disk is full: free some space and try again", at: 0) }
    return .file(.fileNotWritten, "\(message): \(reason)", notes: notes)
  }
}
