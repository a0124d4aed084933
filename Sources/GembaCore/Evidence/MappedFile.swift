#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file mapped read-only into memory: the one I/O type of the evidence engine.
///
/// Loading never copies the file; tables point into the mapping. The mapping is private and
/// populated up front so the parallel scan does not stall on page faults.
public final class MappedFile: @unchecked Sendable {
  // Immutable after init and never written through.
  public let path: String
  public let bytes: UnsafeRawBufferPointer
  private let size: Int
  private let modified: timespec

  /// Maps `path`, or throws an `EvidenceError` that names it and says what went wrong.
  /// `populate` reads every page in up front (good before a parallel scan); a single pass such as
  /// `grep` does better faulting pages in as it goes.
  public init(path: String, populate: Bool = true) throws(EvidenceError) {
    self.path = path
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Self.failure(path, errno) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw Self.failure(path, errno) }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw Self.refusal(path, "is a directory", hint: "name a file inside it")
    }
    if (info.st_mode & S_IFMT) != S_IFREG {
      throw Self.refusal(path, "is not a regular file", hint: "copy it to a file first")
    }
    size = Int(info.st_size)
    modified = Self.mtime(info)
    if size == 0 {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    #if os(Linux)
    let flags = populate ? MAP_PRIVATE | MAP_POPULATE : MAP_PRIVATE
    #else
    let flags = MAP_PRIVATE
    #endif
    let base = mmap(nil, size, PROT_READ, flags, fd, 0)
    guard let base, base != MAP_FAILED else { throw Self.failure(path, errno) }
    bytes = UnsafeRawBufferPointer(start: base, count: size)
  }

  /// Throws when the file on disk no longer has the size and time it had when mapped
  /// (it was changed, truncated or removed while loading), so the caller can load it again.
  public func verifyUnchanged() throws(EvidenceError) {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw Self.refusal(path, "vanished while loading", hint: "check the path and load it again")
    }
    let now = Self.mtime(info)
    if Int(info.st_size) != size || now.tv_sec != modified.tv_sec || now.tv_nsec != modified.tv_nsec {
      throw Self.refusal(path, "changed while loading", hint: "wait until it is written completely, then load it again")
    }
  }

  deinit {
    if let base = bytes.baseAddress {
      munmap(UnsafeMutableRawPointer(mutating: base), size)
    }
  }

  private static func mtime(_ info: stat) -> timespec {
    #if os(Linux)
    return info.st_mtim
    #else
    return info.st_mtimespec
    #endif
  }

  private static func failure(_ path: String, _ code: Int32) -> EvidenceError {
    let reason = String(cString: strerror(code))
    let hint: String
    switch code {
    case ENOENT: hint = "check the path (it is relative to the notebook's folder)"
    case EACCES: hint = "check the file's permissions"
    default: hint = "check that the file is readable"
    }
    return refusal(path, "cannot be read: \(reason)", hint: hint)
  }

  private static func refusal(_ path: String, _ what: String, hint: String) -> EvidenceError {
    EvidenceError(EvidenceProblem(.binaryFile, file: path, message: what, action: .refused), hint: hint)
  }
}
