#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The one way gemba opens a path it did not just create: evidence, SOP inputs, key lists,
/// notebooks (to open, verify, export, replay, index) and the history.
///
/// A FIFO opened plainly blocks until someone writes to it, and a device may never end, so a
/// received notebook naming one could hang gemba. Every open here passes `O_NONBLOCK` (an open
/// of a FIFO returns at once), then looks at what it opened (`fstat`) and refuses anything but a
/// regular file before a byte is read; only then is the descriptor made blocking again.
public enum RegularFile {
  /// Why a path was not opened or read.
  public enum Failure: Error, Sendable, Equatable {
    case missing
    case folder
    /// A FIFO, a device or a socket.
    case special
    /// Larger than the caller reads (`limit`), measured before reading.
    case tooLarge(bytes: Int, limit: Int)
    /// The memory for its bytes is not there.
    case noMemory(bytes: Int)
    /// Any other error of the system (its `errno`).
    case system(Int32)

    /// Why, in words that follow "PATH ": "is a folder".
    public var reason: String {
      switch self {
      case .missing: "does not exist"
      case .folder: "is a folder, not a file"
      case .special: "is not a regular file (a pipe, a device or a socket); gemba reads only regular files"
      case .tooLarge(let bytes, let limit):
        "is \(Self.size(bytes)), more than gemba reads here (\(Self.size(limit)))"
      case .noMemory(let bytes): "is too large for the memory left (\(Self.size(bytes)))"
      case .system(let code): "cannot be read: \(String(cString: strerror(code)))"
      }
    }

    /// The diagnostic code that reports it.
    public var code: DiagnosticCode {
      switch self {
      case .missing: .fileNotFound
      case .folder, .special: .notARegularFile
      case .tooLarge, .noMemory: .fileTooLarge
      case .system: .fileUnreadable
      }
    }

    static func size(_ bytes: Int) -> String {
      bytes >= 1 << 30
        ? NumberFormat.significant(Double(bytes) / Double(1 << 30), digits: 3) + " GiB"
        : bytes >= 1 << 20
          ? NumberFormat.significant(Double(bytes) / Double(1 << 20), digits: 3) + " MiB"
          : NumberFormat.integer(bytes) + " bytes"
    }
  }

  /// Opens `path` with `flags` (and `mode` when creating) without blocking, and returns the
  /// descriptor only when it is a regular file; otherwise closes it and says what stands there.
  public static func open(_ path: String, _ flags: Int32 = O_RDONLY, mode: mode_t = 0o644) -> Result<Int32, Failure> {
    #if canImport(Glibc)
      let fd = Glibc.open(path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, mode)
    #else
      let fd = Darwin.open(path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, mode)
    #endif
    guard fd >= 0 else {
      let code = errno
      switch code {
      case ENOENT: return .failure(.missing)
      case EISDIR: return .failure(.folder)
      // O_WRONLY|O_NONBLOCK on a FIFO nobody reads.
      case ENXIO: return .failure(.special)
      default: return .failure(.system(code))
      }
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let code = errno
      close(fd)
      return .failure(.system(code))
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR:
      close(fd)
      return .failure(.folder)
    default:
      close(fd)
      return .failure(.special)
    }
    let status = fcntl(fd, F_GETFL)
    if status >= 0 { _ = fcntl(fd, F_SETFL, status & ~O_NONBLOCK) }
    return .success(fd)
  }

  /// What stands at `path` (following links), without opening it: nil for a regular file.
  public static func refusal(at path: String) -> Failure? {
    var info = stat()
    guard stat(path, &info) == 0 else { return errno == ENOENT ? .missing : .system(errno) }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return nil
    case S_IFDIR: return .folder
    default: return .special
    }
  }

  /// The whole of a regular file at `path`, refused before reading when larger than `limit`.
  public static func read(_ path: String, limit: Int) -> Result<[UInt8], Failure> {
    switch open(path) {
    case .failure(let failure): return .failure(failure)
    case .success(let fd):
      defer { close(fd) }
      return read(fd: fd, limit: limit)
    }
  }

  /// The whole file behind `fd` from its start (`pread`, so the descriptor's offset is left as
  /// it is), refused before reading when larger than `limit`; a file that grows while read
  /// stops at `limit` too.
  public static func read(fd: Int32, limit: Int) -> Result<[UInt8], Failure> {
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(.system(errno)) }
    let size = Int(info.st_size)
    guard size <= limit else { return .failure(.tooLarge(bytes: size, limit: limit)) }
    // The memory first, so a file too large for it is a refusal rather than a crash.
    guard let probe = malloc(max(size, 1)) else { return .failure(.noMemory(bytes: size)) }
    free(probe)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var offset: off_t = 0
    while true {
      let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
      if n < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        return .failure(.system(errno))
      }
      if n == 0 { break }
      guard bytes.count + n <= limit else { return .failure(.tooLarge(bytes: bytes.count + n, limit: limit)) }
      bytes += buffer[0..<n]
      offset += off_t(n)
    }
    return .success(bytes)
  }
}
