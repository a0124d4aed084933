import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The notebook on disk: opened once, locked against a second writer, and
/// appended to one cell at a time, each write followed by fsync.
final class NotebookFile {
  let path: String
  private let fd: Int32

  /// Opens (or creates) the notebook and takes an exclusive lock on it. The lock
  /// is the kernel's (flock), so it goes away with the process however it ends.
  init(path: String) throws(Diagnostic) {
    self.path = path
    let fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .file("cannot open notebook \(path): \(String(cString: strerror(errno)))",
        notes: ["check that the folder exists and is writable"])
    }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      close(fd)
      throw .file("notebook \(path) is open in another gemba process",
        notes: ["two writers would interleave cells; close the other session first (or open a copy)"])
    }
    self.fd = fd
  }

  deinit { close(fd) }

  /// The whole file as text (read before appending, when it already existed).
  func readAll() throws(Diagnostic) -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var offset: off_t = 0
    while true {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .file("cannot read notebook \(path): \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      bytes += buffer[0..<n]
      offset += off_t(n)
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .file("notebook \(path) is not UTF-8 text", notes: ["gemba never overwrites a file it did not write"])
    }
    return text
  }

  /// Appends and flushes to the disk before returning: an entered cell survives a crash.
  func append(_ text: String) throws(Diagnostic) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .file("cannot write notebook \(path): \(String(cString: strerror(errno)))")
      }
      offset += n
    }
    guard fsync(fd) == 0 else {
      throw .file("cannot flush notebook \(path) to disk: \(String(cString: strerror(errno)))")
    }
  }
}
