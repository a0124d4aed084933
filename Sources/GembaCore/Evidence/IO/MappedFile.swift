#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file's bytes in memory: the one I/O type of the evidence engine.
///
/// By default read whole into private memory (a `pread` loop), not mapped: a plainly mapped file
/// that another program truncates while it is read (a log rotated with copytruncate) kills the
/// process with SIGBUS; a read just comes up short, which is reported. Non-regular files (a FIFO that
/// would block, a device) are refused before anything is read, and so is a file larger than
/// `maximumBytes`. Only a single-pass benchmark maps (`populate: false`).
///
/// `streamed: true` takes the memory but reads nothing yet: the loader reads it chunk by chunk
/// (`read(upTo:)`) and hashes and scans each chunk as it arrives, so reading overlaps the work.
///
/// `pageCache: true` maps a large file's pages where the kernel already holds them, read-only:
/// nothing is copied and no fresh memory is zeroed (for a 394 MB log that was as long as hashing
/// it). `PageCacheGuard` turns a truncation into zeros and a damage mark instead of SIGBUS, and
/// `checkIntact` tells, before and after each use, whether the file still has the size and time
/// it had when mapped: a file changed in place is reported, never read as if it were the one
/// hashed. A small file, or one the guard cannot watch, is streamed instead.
public final class MappedFile: @unchecked Sendable {
  // `bytes` is fixed after init; a streamed file's memory is filled, in order, by one reader
  // (`read(upTo:)`), and other threads look only at what it published (`ByteArrival`).
  public let path: String
  public let bytes: UnsafeRawBufferPointer
  private let size: Int
  private let modified: timespec
  private let mapped: Bool
  /// The memory is an anonymous mapping (a large file's), given back with `munmap`.
  private var anonymous = false
  /// The bytes read so far, from the start; `bytes.count` unless streamed and not read through.
  public private(set) var bytesRead: Int
  /// Kept open while a streamed file still has bytes to read, and while a page-cache mapping
  /// lives (its size and time are checked through it); -1 otherwise.
  private var descriptor: Int32 = -1
  /// The `PageCacheGuard` slot watching a page-cache mapping; nil for every other kind.
  private var guardSlot: Int?

  /// The smallest file mapped from the page cache: below it, reading is as fast and the bytes
  /// are the process's own.
  public static let pageCacheThreshold = 1 << 24

  /// The largest evidence file gemba reads (4 GiB, the loader's own limit): past it, a file is
  /// refused before any memory is taken (a sparse 20 GiB file must not fill the machine).
  public static let maximumBytes = 4 << 30

  /// Reads `path`, or throws an `EvidenceError` that names it and says what went wrong.
  /// `populate: false` maps the file instead (pages fault in as a single pass reads them).
  public init(path: String, populate: Bool = true, streamed: Bool = false, pageCache: Bool = false)
    throws(EvidenceError)
  {
    self.path = path
    // Through RegularFile: a FIFO is refused without waiting for a writer, a device before a read.
    let fd: Int32
    switch RegularFile.open(path) {
    case .success(let descriptor): fd = descriptor
    case .failure(let failure):
      switch failure {
      case .folder: throw Self.refusal(path, "is a directory", hint: "name a file inside it")
      case .special:
        throw Self.refusal(
          path, "is not a regular file (a pipe, a device or a socket)", hint: "copy its contents to a file first")
      case .missing: throw Self.failure(path, ENOENT)
      case .system(let code): throw Self.failure(path, code)
      case .tooLarge, .noMemory: throw Self.refusal(path, failure.reason, hint: "load a part of it")
      }
    }
    var keepOpen = false
    defer { if !keepOpen { close(fd) } }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw Self.failure(path, errno) }
    size = Int(info.st_size)
    modified = Self.mtime(info)
    mapped = !populate
    guard size <= Self.maximumBytes else {
      throw Self.refusal(
        path, "is \(size >> 20) MiB, more than gemba reads (\(Self.maximumBytes >> 30) GiB)",
        hint: "load a part of it: filter or split it first (grep, head, split)")
    }
    bytesRead = size
    if size == 0 {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
      return
    }
    if mapped {
      let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
      guard let base, base != MAP_FAILED else { throw Self.failure(path, errno) }
      bytes = UnsafeRawBufferPointer(start: base, count: size)
      return
    }
    if pageCache, size >= Self.pageCacheThreshold, let (base, slot) = Self.watchedMapping(fd, size) {
      bytes = UnsafeRawBufferPointer(start: base, count: size)
      guardSlot = slot
      descriptor = fd
      keepOpen = true
      return
    }
    guard let (memory, anonymous) = Self.allocate(size) else {
      // The evidence-too-large code (E0213), as when a table's offsets do not fit.
      throw Self.refusal(path, "is too large for the memory left", hint: "load a part of it", kind: .tooLarge)
    }
    self.anonymous = anonymous
    bytes = UnsafeRawBufferPointer(start: memory, count: size)
    bytesRead = 0
    descriptor = fd
    keepOpen = true
    // A failed read throws from here; deinit then frees the memory and closes the file.
    if !streamed && !pageCache { try readRest() }
  }

  /// A read-only shared mapping of the whole file, watched by `PageCacheGuard`; nil when it
  /// cannot be mapped or watched (the caller reads the file instead).
  private static func watchedMapping(_ fd: Int32, _ size: Int) -> (UnsafeRawPointer, Int)? {
    guard PageCacheGuard.installed else { return nil }
    let base = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0)
    guard let base, base != MAP_FAILED else { return nil }
    guard let slot = PageCacheGuard.watch(base, count: size) else {
      munmap(base, size)
      return nil
    }
    return (UnsafeRawPointer(base), slot)
  }

  /// Whether the bytes are mapped from the page cache (and so can change with the file).
  public var isPageCacheMapping: Bool { guardSlot != nil }

  /// Throws when a page-cache mapping no longer shows the bytes that were loaded: a read met
  /// the file truncated, or the file (this very inode, wherever it was renamed to) has another
  /// size or modification time than when it was mapped. A file read into memory is always intact.
  public func checkIntact() throws(EvidenceError) {
    guard let guardSlot else { return }
    var info = stat()
    let what: String
    if PageCacheGuard.damaged(guardSlot) {
      what = "truncated"
    } else if fstat(descriptor, &info) != 0 {
      what = "unreadable"
    } else if Int(info.st_size) != size {
      what = "from \(NumberFormat.integer(size)) to \(NumberFormat.integer(Int(info.st_size))) bytes"
    } else if !isAsOpened(info) {
      what = "rewritten in place"
    } else {
      return
    }
    throw Self.refusal(
      path,
      "changed on disk after it was loaded (\(what)): the bytes that were loaded and hashed are no longer there to read",
      hint: "load it again (the cell records the new digest), or restore the file")
  }

  /// Whether `info` shows the size and modification time the file had when it was opened.
  private func isAsOpened(_ info: stat) -> Bool {
    let now = Self.mtime(info)
    return Int(info.st_size) == size && now.tv_sec == modified.tv_sec && now.tv_nsec == modified.tv_nsec
  }

  /// Reads the file on from `bytesRead` to `offset` (at most its size). Called by one thread at a
  /// time; throws when the file is shorter than it was when opened, or cannot be read.
  public func read(upTo offset: Int) throws(EvidenceError) {
    let target = min(offset, size)
    guard bytesRead < target, let base = bytes.baseAddress else { return }
    let memory = UnsafeMutableRawPointer(mutating: base)
    populate(memory, from: bytesRead, to: target)
    while bytesRead < target {
      let n = pread(descriptor, memory + bytesRead, min(target - bytesRead, 1 << 30), off_t(bytesRead))
      if n < 0 {
        if errno == EINTR || errno == EAGAIN { continue }
        let code = errno
        closeDescriptor()
        throw Self.failure(path, code)
      }
      if n == 0 {
        closeDescriptor()
        throw Self.refusal(
          path, "shrank while it was read (from \(size) to \(bytesRead) bytes: truncated or rotated?)",
          hint: "wait until it is written completely, then load it again")
      }
      bytesRead += n
    }
    if bytesRead == size { closeDescriptor() }
  }

  /// Memory for a file of `size` bytes: a large file's in an anonymous mapping, whose pages are
  /// populated a chunk at a time just before `pread` fills them (one call per chunk rather than a
  /// fault per page).
  private static func allocate(_ size: Int) -> (UnsafeMutableRawPointer, anonymous: Bool)? {
    guard size >= 1 << 24 else { return malloc(size).map { ($0, false) } }
    let memory = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
    guard let memory, memory != MAP_FAILED else { return nil }
    return (memory, true)
  }

  /// Asks the kernel to give the pages of [from, to) their memory now (Linux 5.14+; elsewhere, or
  /// when refused, they fault in as `pread` writes them).
  private func populate(_ memory: UnsafeMutableRawPointer, from: Int, to: Int) {
    #if os(Linux)
      guard anonymous else { return }
      let page = 4096
      let start = from & ~(page - 1)
      _ = madvise(memory + start, to - start, 23)  // MADV_POPULATE_WRITE
    #endif
  }

  /// Reads whatever is still unread.
  public func readRest() throws(EvidenceError) {
    try read(upTo: size)
  }

  private func closeDescriptor() {
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
  }

  /// Throws when the file on disk no longer has the size and time it had when mapped
  /// (it was changed, truncated or removed while loading), so the caller can load it again.
  public func verifyUnchanged() throws(EvidenceError) {
    if let guardSlot, PageCacheGuard.damaged(guardSlot) {
      throw Self.refusal(
        path, "shrank while it was read (truncated or rotated?)",
        hint: "wait until it is written completely, then load it again")
    }
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw Self.refusal(path, "vanished while loading", hint: "check the path and load it again")
    }
    if !isAsOpened(info) {
      throw Self.refusal(path, "changed while loading", hint: "wait until it is written completely, then load it again")
    }
  }

  deinit {
    closeDescriptor()
    guard let base = bytes.baseAddress else { return }
    if let guardSlot { PageCacheGuard.release(guardSlot) }
    if mapped || anonymous || guardSlot != nil {
      munmap(UnsafeMutableRawPointer(mutating: base), size)
    } else {
      free(UnsafeMutableRawPointer(mutating: base))
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

  private static func refusal(
    _ path: String, _ what: String, hint: String, kind: EvidenceProblem.Kind = .binaryFile
  ) -> EvidenceError {
    EvidenceError(EvidenceProblem(kind, file: path, message: what, action: .refused), hint: hint)
  }
}
