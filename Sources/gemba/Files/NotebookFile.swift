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
    // Through RegularFile: a FIFO, device or folder at the path is refused without blocking.
    var opened = RegularFile.open(path, O_RDWR | O_CREAT | O_APPEND)
    var readOnly = false
    if case .failure(.system(let code)) = opened, existed, code == EACCES || code == EROFS || code == EPERM {
      opened = RegularFile.open(path, O_RDONLY)
      readOnly = true
    }
    let fd: Int32
    switch opened {
    case .success(let descriptor): fd = descriptor
    case .failure(.missing):
      throw .file(
        .notebookUnreadable, "cannot open notebook \(path): \(String(cString: strerror(ENOENT)))",
        notes: ["check that the folder exists and is writable"])
    case .failure(.system(let code)):
      throw .file(
        .notebookUnreadable, "cannot open notebook \(path): \(String(cString: strerror(code)))",
        notes: ["check that the folder exists and is writable"])
    case .failure(let failure): throw Self.refusal(path, failure)
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

  /// The largest notebook gemba opens, verifies, exports or replays (256 MiB): larger, it is
  /// refused before it is read (a received notebook must not exhaust memory). A cell's own cap
  /// is `NotebookFormat.maximumCellBytes`.
  static let maximumBytes = 256 << 20

  /// Why the notebook at `path` cannot be opened, as the diagnostic that says so.
  static func refusal(_ path: String, _ failure: RegularFile.Failure) -> Diagnostic {
    switch failure {
    case .folder, .special:
      .file(failure.code, "notebook \(path) \(failure.reason)", notes: ["a notebook is a Markdown file"])
    case .tooLarge:
      .file(
        failure.code, "notebook \(path) \(failure.reason)",
        notes: ["gemba reads notebooks of up to 256 MiB; split the investigation (`--fork` starts a new notebook)"])
    case .missing, .noMemory, .system:
      .file(.notebookUnreadable, "cannot read notebook \(path): it \(failure.reason)")
    }
  }

  static func read(fd: Int32, path: String) throws(Diagnostic) -> String {
    let bytes: [UInt8]
    switch RegularFile.read(fd: fd, limit: maximumBytes) {
    case .success(let read): bytes = read
    case .failure(let failure): throw refusal(path, failure)
    }
    if let text = String(validating: bytes, as: UTF8.self) { return text }
    // A last cell torn inside a character (a power cut at a 4 KiB boundary inside a "·") is a torn
    // tail like any other: the text before the cut character is read, and opens when the parse
    // finds its last cell torn; anything else that is not UTF-8 is refused.
    if let text = NotebookFormat.textBeforeCutCharacter(bytes), NotebookFormat.parse(text).tornAt != nil {
      return text
    }
    let (line, column) = firstInvalidUTF8(bytes)
    throw .file(
      .notUTF8, "notebook \(path) is not UTF-8 text: the first invalid byte is at line \(line), column \(column)",
      origin: path, line: line,
      notes: ["gemba never overwrites a file it did not write; save it as UTF-8 and open it again"])
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
    let other: Int32
    switch RegularFile.open(path) {
    case .success(let descriptor): other = descriptor
    case .failure(let failure): throw Self.refusal(path, failure)
    }
    defer { close(other) }
    return try Self.read(fd: other, path: path)
  }

  /// Goes on with the file now at the path (an editor replaced ours, keeping our cells):
  /// opens and locks it, and appends there from now on.
  func adoptCurrent() throws(Diagnostic) {
    let next: Int32
    switch RegularFile.open(path, O_RDWR | O_APPEND) {
    case .success(let descriptor): next = descriptor
    case .failure(let failure):
      throw .file(.notebookUnreadable, "cannot open notebook \(path) again: it \(failure.reason)")
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
