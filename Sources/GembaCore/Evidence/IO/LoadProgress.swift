import Foundation

/// Progress and cancellation of one load, shared between the loading threads and the shell.
///
/// The shell polls `bytesDone` to draw progress for loads over a second, and calls `cancel()` on
/// Ctrl-C; the scanners look at it about once per MiB and stop, and the load throws.
public final class LoadProgress: @unchecked Sendable {
  // Every field is read and written under `lock`.
  private let lock = NSLock()
  private var done = 0
  private var cancelled = false

  public init() {}

  /// Bytes scanned so far (all threads together); compare with the source's `count`.
  public var bytesDone: Int {
    lock.lock()
    defer { lock.unlock() }
    return done
  }

  public var isCancelled: Bool {
    lock.lock()
    defer { lock.unlock() }
    return cancelled
  }

  /// Asks the load to stop; it then throws an error whose problem kind is `.cancelled`.
  public func cancel() {
    lock.lock()
    cancelled = true
    lock.unlock()
  }

  /// Adds scanned bytes; returns false when the load should stop.
  func advance(by bytes: Int) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    done += bytes
    return !cancelled
  }

  /// How often scanners report, in bytes.
  static let step = 1 << 20
}
