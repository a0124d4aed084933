#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes a file mapped from the page cache safe to read while another program truncates it.
///
/// Reading a mapped page past a file's new end raises SIGBUS, which kills the process: a log
/// rotated with copytruncate while gemba reads it would take the session down. The guard's
/// SIGBUS handler looks the faulting address up among the watched mappings; when it is in one, it
/// maps zeroed pages over the rest of that mapping, marks it damaged and returns, so the read goes
/// on (reading zeros) and the owner reports the file as changed (`MappedFile.checkIntact`). A
/// fault anywhere else is handed back to the handler that was there before (the Swift runtime's
/// crash report, or the default).
///
/// The handler reads the watch slots without a lock: each slot is a few aligned words, written
/// under `lock` with the end published last and cleared first, and a mapping is only ever faulted
/// on by a thread that holds it, while its slot is set.
enum PageCacheGuard {
  private struct Slot {
    var start: UInt = 0
    var end: UInt = 0
    var damaged: UInt = 0
  }

  private static let capacity = 64

  /// Whether the handler is in place (installed on first use; false on systems without it).
  static let installed: Bool = install()

  /// Watches `count` mapped bytes at `start`; returns the slot to `release`, or nil when the
  /// guard is not installed or every slot is taken (the caller then reads the file instead).
  static func watch(_ start: UnsafeRawPointer, count: Int) -> Int? {
    guard installed, count > 0 else { return nil }
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    for i in 0..<capacity where slots[i].end == 0 {
      slots[i].damaged = 0
      slots[i].start = UInt(bitPattern: start)
      slots[i].end = UInt(bitPattern: start) + UInt(count)
      return i
    }
    return nil
  }

  /// Stops watching a slot (before its mapping is unmapped).
  static func release(_ slot: Int) {
    pthread_mutex_lock(lock)
    slots[slot].end = 0
    slots[slot].start = 0
    pthread_mutex_unlock(lock)
  }

  /// Whether a read of the slot's mapping met a truncated file (and read zeros).
  static func damaged(_ slot: Int) -> Bool {
    pthread_mutex_lock(lock)
    defer { pthread_mutex_unlock(lock) }
    return slots[slot].damaged != 0
  }

  // Set once by `install` (under swift_once), then read by the handler and by `watch`.
  nonisolated(unsafe) private static var slots: UnsafeMutablePointer<Slot> = {
    let memory = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
    memory.initialize(repeating: Slot(), count: capacity)
    return memory
  }()
  nonisolated(unsafe) private static var lock: UnsafeMutablePointer<pthread_mutex_t> = {
    let memory = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(memory, nil)
    return memory
  }()
  nonisolated(unsafe) private static var previous = sigaction()

  private static func install() -> Bool {
    #if os(Linux)
    _ = slots
    _ = lock
    var action = sigaction()
    action.__sigaction_handler.sa_sigaction = { signal, info, context in
      PageCacheGuard.handle(signal, info, context)
    }
    action.sa_flags = SA_SIGINFO | Int32(SA_ONSTACK)
    sigemptyset(&action.sa_mask)
    return sigaction(SIGBUS, &action, &previous) == 0
    #else
    return false
    #endif
  }

  #if os(Linux)
  private static func handle(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    if let info {
      let address = UInt(bitPattern: info.pointee._sifields._sigfault.si_addr)
      let pageMask = ~UInt(getpagesize() - 1)
      for i in 0..<capacity {
        let slot = slots[i]
        guard slot.start <= address, address < slot.end else { continue }
        let page = address & pageMask
        let zeroed = mmap(UnsafeMutableRawPointer(bitPattern: page), Int(slot.end - page), PROT_READ,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
        if zeroed != MAP_FAILED {
          slots[i].damaged = 1
          return  // the read runs again, on zeros
        }
      }
    }
    // Not a watched mapping: the fault is a real one. Put the earlier handler back; the
    // instruction faults again on return and that handler reports it.
    _ = sigaction(SIGBUS, &previous, nil)
  }
  #endif
}
