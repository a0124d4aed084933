import Foundation

/// A file read into memory chunk by chunk, in order, by whichever stage needs the next bytes first.
///
/// Two stages share the bytes (`StreamedLoad`): one hashes and checks them, the other scans their
/// lines. A stage that needs bytes not yet read reads the next chunk itself, unless the other stage
/// is reading it, in which case it waits; so the faster stage does more of the reading and both
/// cores stay busy. Bytes below `filled` never change once published.
final class ByteArrival: @unchecked Sendable {
  // `filled`, `reading`, `stopped` and `failure` are read and written under `condition`; the
  // file is read only by the one stage that set `reading`.
  private let condition = NSCondition()
  private let file: MappedFile
  private let progress: LoadProgress?
  private var filled: Int
  private var reading = false
  private var stopped = false
  private var failure: EvidenceError?
  /// The buffer's size: everything is there once `filled` reaches it.
  let end: Int
  let chunk: Int

  init(file: MappedFile, chunk: Int, progress: LoadProgress?) {
    self.file = file
    self.progress = progress
    self.filled = file.bytesRead
    self.end = file.bytes.count
    self.chunk = chunk
  }

  /// Why the bytes stopped arriving, when a read failed.
  var error: EvidenceError? {
    condition.lock()
    defer { condition.unlock() }
    return failure
  }

  /// Returns once bytes past `offset` are in memory (or all of them are), reading the next chunk
  /// when no other stage is: how far the buffer is filled, or nil when reading stopped first (a
  /// failed read, a cancelled load).
  func wait(past offset: Int) -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while filled <= offset && filled < end && !stopped {
      if reading {
        condition.wait()
        continue
      }
      reading = true
      let next = min(end, filled + chunk)
      condition.unlock()
      var readError: EvidenceError? = nil
      let cancelled = progress?.isCancelled == true
      if !cancelled {
        do { try file.read(upTo: next) } catch { readError = error }
      }
      condition.lock()
      reading = false
      if cancelled || readError != nil {
        stopped = true
        failure = failure ?? readError
      } else {
        filled = next
      }
      condition.broadcast()
    }
    return filled > offset || filled == end ? filled : nil
  }

  /// Says no more bytes will be read: the load was cancelled, or (`reason`) a stage refused
  /// the file from what it has seen, so the rest is neither read nor hashed.
  func stop(because reason: EvidenceError? = nil) {
    condition.lock()
    stopped = true
    failure = failure ?? reason
    condition.broadcast()
    condition.unlock()
  }
}
