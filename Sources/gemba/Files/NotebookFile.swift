import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The notebook on disk: opened once, locked against a second writer, and appended to one
/// cell at a time, each write followed by fsync. It is watched, not assumed: before each
/// append it checks that the path still names the file it holds, with the size it left.
final class NotebookFile {
  let path: String
  private var fd: Int32
  /// Opened for reading only (a read-only file or file system): nothing can be appended.
  let readOnly: Bool
  /// The file's device and inode, and its size after our last write.
  private var identity: (device: UInt64, inode: UInt64)
  private(set) var expectedSize: Int

  /// What an editor or another program did to the file since our last write.
  enum Change {
    case none
    /// Another file now stands at the path (an editor's save: write a new file, rename it).
    case replaced
    /// The same file, with another size (edited in place, appended to, truncated).
    case resized
    /// Nothing stands at the path any more.
    case removed
  }

  /// Opens (or creates) the notebook and takes an exclusive lock on it. The lock
  /// is the kernel's (flock), so it goes away with the process however it ends.
  init(path: String) throws(Diagnostic) {
    self.path = path
    let existed = Paths.exists(path)
    var fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    var readOnly = false
    if fd < 0, existed, errno == EACCES || errno == EROFS || errno == EPERM {
      fd = open(path, O_RDONLY | O_CLOEXEC)
      readOnly = true
    }
    guard fd >= 0 else {
      throw .file(
        .notebookUnreadable, "cannot open notebook \(path): \(String(cString: strerror(errno)))",
        notes: ["check that the folder exists and is writable"])
    }
    if flock(fd, (readOnly ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0 {
      close(fd)
      throw .file(
        .notebookLocked, "notebook \(path) is open in another gemba process",
        notes: ["two writers would interleave cells; close the other session first (or open a copy)"])
    }
    // A new notebook's directory entry must survive a crash too.
    if !existed { SafeFile.syncFolder(of: path) }
    self.fd = fd
    self.readOnly = readOnly
    var info = stat()
    fstat(fd, &info)
    identity = (UInt64(info.st_dev), UInt64(info.st_ino))
    expectedSize = Int(info.st_size)
  }

  deinit { close(fd) }

  /// The whole file as text (read before appending, when it already existed).
  func readAll() throws(Diagnostic) -> String {
    try Self.read(fd: fd, path: path)
  }

  static func read(fd: Int32, path: String) throws(Diagnostic) -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var offset: off_t = 0
    while true {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .file(.notebookUnreadable, "cannot read notebook \(path): \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      bytes += buffer[0..<n]
      offset += off_t(n)
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let (line, column) = firstInvalidUTF8(bytes)
      throw .file(
        .notUTF8, "notebook \(path) is not UTF-8 text: the first invalid byte is at line \(line), column \(column)",
        origin: path, line: line,
        notes: ["gemba never overwrites a file it did not write; save it as UTF-8 and open it again"])
    }
    return text
  }

  /// Where the first byte that is not UTF-8 is, as a line and a (byte) column.
  static func firstInvalidUTF8(_ bytes: [UInt8]) -> (Int, Int) {
    var line = 1, lineStart = 0, i = 0
    while i < bytes.count {
      let b = bytes[i]
      let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
      guard length > 0, i + length <= bytes.count,
        String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
      else { return (line, i - lineStart + 1) }
      if b == 10 {
        line += 1
        lineStart = i + 1
      }
      i += length
    }
    return (line, i - lineStart + 1)
  }

  /// What happened to the file since our last write, by looking at the path again.
  func change() -> Change {
    var info = stat()
    guard stat(path, &info) == 0 else { return .removed }
    if UInt64(info.st_dev) != identity.device || UInt64(info.st_ino) != identity.inode { return .replaced }
    return Int(info.st_size) == expectedSize ? .none : .resized
  }

  /// The text now at the path (after a `change()`), read without disturbing our descriptor.
  func readCurrent() throws(Diagnostic) -> String {
    let other = open(path, O_RDONLY | O_CLOEXEC)
    guard other >= 0 else {
      throw .file(.notebookUnreadable, "cannot read notebook \(path): \(String(cString: strerror(errno)))")
    }
    defer { close(other) }
    return try Self.read(fd: other, path: path)
  }

  /// Goes on with the file now at the path (an editor replaced ours, keeping our cells):
  /// opens and locks it, and appends there from now on.
  func adoptCurrent() throws(Diagnostic) {
    let next = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
    guard next >= 0 else {
      throw .file(.notebookUnreadable, "cannot open notebook \(path) again: \(String(cString: strerror(errno)))")
    }
    guard flock(next, LOCK_EX | LOCK_NB) == 0 else {
      close(next)
      throw .file(.notebookLocked, "notebook \(path) is now open in another gemba process")
    }
    close(fd)
    fd = next
    var info = stat()
    fstat(fd, &info)
    identity = (UInt64(info.st_dev), UInt64(info.st_ino))
    expectedSize = Int(info.st_size)
  }

  /// Accepts the file's current size as ours (prose added in place, our cells intact).
  func acceptCurrentSize() {
    var info = stat()
    fstat(fd, &info)
    expectedSize = Int(info.st_size)
  }

  /// Cuts the file back to `size` bytes (a torn last cell moved aside), durably.
  func truncate(to size: Int) throws(Diagnostic) {
    guard ftruncate(fd, off_t(size)) == 0, fsync(fd) == 0 else {
      throw .file(.notebookNotWritten, "cannot repair notebook \(path): \(String(cString: strerror(errno)))")
    }
    expectedSize = size
  }

  /// Appends and flushes to the disk before returning: an entered cell survives a crash.
  /// A write that fails part-way (a full disk) is cut back, so the file stays openable.
  func append(_ text: String) throws(Diagnostic) {
    guard !readOnly else {
      throw .file(.notebookReadOnly, "notebook \(path) is read-only: nothing can be recorded in it")
    }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        let code = errno
        _ = ftruncate(fd, off_t(expectedSize))
        throw .file(
          .notebookNotWritten, "cannot write notebook \(path): \(String(cString: strerror(code)))",
          notes: code == ENOSPC || code == EDQUOT
            ? ["the disk is full: free some space; the notebook is as it was before this cell"] : [])
      }
      offset += n
    }
    guard fsync(fd) == 0 else {
      let code = errno
      _ = ftruncate(fd, off_t(expectedSize))
      throw .file(
        .notebookNotWritten, "cannot flush notebook \(path) to disk: \(String(cString: strerror(code)))",
        notes: ["the notebook is as it was before this cell"])
    }
    expectedSize += bytes.count
  }
}
