#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Synchronization

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
/// The handler reads the watch slots without a lock, so each slot is published as a sequence
/// lock over atomics: `watch` and `release` (serialised by `lock`) make the slot's sequence number
/// odd, store its bounds, and make it even again with release ordering; the handler loads the
/// sequence with acquire, the bounds, then the sequence again, and trusts the bounds only when
/// both loads agree on an even number. A slot caught mid-change is never the faulting thread's
/// own (a mapping is only faulted on by the thread that holds it, while its slot is set), so the
/// handler skips it rather than risk mapping zeros over a range read half old, half new.
///
/// Only a real fault is handled (`si_code` BUS_ADRERR or BUS_OBJERR at a watched address). A
/// SIGBUS sent by another process (`kill -BUS`) gets the default action, as it would without
/// the guard.
enum PageCacheGuard {
  private struct Slot: ~Copyable {
    /// Odd while `watch` or `release` rewrites the slot; bumped twice per rewrite.
    let sequence = Atomic<UInt>(0)
    let start = Atomic<UInt>(0)
    /// Zero when the slot is free.
    let end = Atomic<UInt>(0)
    /// Set by the handler, read by the owner.
    let damaged = Atomic<Bool>(false)
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
    for i in 0..<capacity where slots[i].end.load(ordering: .relaxed) == 0 {
      publish(i, start: UInt(bitPattern: start), end: UInt(bitPattern: start) + UInt(count))
      return i
    }
    return nil
  }

  /// Stops watching a slot (before its mapping is unmapped).
  static func release(_ slot: Int) {
    pthread_mutex_lock(lock)
    publish(slot, start: 0, end: 0)
    pthread_mutex_unlock(lock)
  }

  /// Whether a read of the slot's mapping met a truncated file (and read zeros).
  static func damaged(_ slot: Int) -> Bool {
    slots[slot].damaged.load(ordering: .acquiring)
  }

  /// Rewrites a slot's bounds (under `lock`): the writer's half of the sequence lock.
  private static func publish(_ i: Int, start: UInt, end: UInt) {
    let slot = slots + i
    let sequence = slot.pointee.sequence.load(ordering: .relaxed)
    slot.pointee.sequence.store(sequence &+ 1, ordering: .relaxed)
    // Orders the odd number before the bounds for a reader that sees a new bound.
    atomicMemoryFence(ordering: .releasing)
    slot.pointee.damaged.store(false, ordering: .relaxed)
    slot.pointee.start.store(start, ordering: .relaxed)
    slot.pointee.end.store(end, ordering: .relaxed)
    slot.pointee.sequence.store(sequence &+ 2, ordering: .releasing)
  }

  /// The bounds of slot `i` as one consistent pair, or nil when it is free or being rewritten.
  private static func bounds(_ i: Int) -> (start: UInt, end: UInt)? {
    let slot = slots + i
    let before = slot.pointee.sequence.load(ordering: .acquiring)
    guard before & 1 == 0 else { return nil }
    let start = slot.pointee.start.load(ordering: .relaxed)
    let end = slot.pointee.end.load(ordering: .relaxed)
    // Keeps the bound loads above the second sequence load.
    atomicMemoryFence(ordering: .acquiring)
    guard slot.pointee.sequence.load(ordering: .relaxed) == before, end != 0 else { return nil }
    return (start, end)
  }

  // Set once by `install` (under swift_once), then read by the handler and by `watch`.
  nonisolated(unsafe) private static var slots: UnsafeMutablePointer<Slot> = {
    let memory = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
    for i in 0..<capacity { (memory + i).initialize(to: Slot()) }
    return memory
  }()
  nonisolated(unsafe) private static var lock: UnsafeMutablePointer<pthread_mutex_t> = {
    let memory = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    pthread_mutex_init(memory, nil)
    return memory
  }()
  // Written by `install` before the handler is in place, then only read by the handler.
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
    private static func handle(
      _ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?
    ) {
      guard let info, isFault(info.pointee.si_code) else {
        // Sent, not raised by a read (kill -BUS, tkill, sigqueue): die of it as without the guard.
        // The signal is blocked in its own handler, so it arrives with the default action on return.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&action.sa_mask)
        _ = sigaction(SIGBUS, &action, nil)
        _ = raise(SIGBUS)
        return
      }
      let address = UInt(bitPattern: info.pointee._sifields._sigfault.si_addr)
      let pageMask = ~UInt(getpagesize() - 1)
      for i in 0..<capacity {
        guard let range = bounds(i), range.start <= address, address < range.end else { continue }
        let page = address & pageMask
        let zeroed = mmap(
          UnsafeMutableRawPointer(bitPattern: page), Int(range.end - page), PROT_READ,
          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
        if zeroed != MAP_FAILED {
          slots[i].damaged.store(true, ordering: .releasing)
          return  // the read runs again, on zeros
        }
      }
      // Not a watched mapping: the fault is a real one. Put the earlier handler back; the
      // instruction faults again on return and that handler reports it.
      _ = sigaction(SIGBUS, &previous, nil)
    }

    /// Whether `code` says the kernel raised the signal for a memory access (a truncated file's
    /// page is BUS_ADRERR; BUS_OBJERR is the object-specific hardware error).
    private static func isFault(_ code: Int32) -> Bool {
      code == Int32(BUS_ADRERR) || code == Int32(BUS_OBJERR)
    }
  #endif
}
