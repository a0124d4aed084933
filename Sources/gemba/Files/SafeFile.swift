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

  /// Makes a new directory entry (a renamed file, a created notebook) survive a crash.
  static func syncFolder(of path: String) {
    let folder = Paths.folder(of: path)
    let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    _ = fsync(fd)
    close(fd)
  }

  /// The real path a write to `path` would reach (its folder resolved; links followed).
  static func canonical(_ path: String) -> String {
    if let real = realpath(path, nil) {
      defer { free(real) }
      return String(cString: real)
    }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return Paths.absolute(Paths.folder(of: path)) + "/" + name
  }

  static func failure(_ message: String, _ code: Int32) -> Diagnostic {
    let reason = String(cString: strerror(code))
    var notes = ["nothing was replaced: the file is as it was"]
    if code == ENOSPC || code == EDQUOT { notes.insert("the disk is full: free some space and try again", at: 0) }
    return .file(.fileNotWritten, "\(message): \(reason)", notes: notes)
  }
}
