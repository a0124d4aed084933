import Dispatch

/// Reads and folds notebook files on every core while the caller writes the ones already folded.
///
/// Outcomes are handed out in file order (`outcome(at:)` for 0, 1, 2, …), so a run writes the same
/// rows in the same order as folding one file after another would. Workers fold at most `window`
/// files ahead of the writer, so a large run never holds every fold in memory. Each worker takes
/// the lowest file not yet taken, so the one the writer waits for is always being folded.
final class FoldPipeline: @unchecked Sendable {
  private let files: [NotebookFiles.Found]
  private let slots: UnsafeMutableBufferPointer<RegisterIndexer.FileOutcome?>
  private let ready: [DispatchSemaphore]
  private let window: DispatchSemaphore
  private let lock = DispatchSemaphore(value: 1)
  private let done = DispatchGroup()
  private let workers: Int
  /// Guarded by `lock`.
  private var next = 0
  private var stopped = false

  init(_ files: [NotebookFiles.Found], window: Int = 256, workers: Int = System.cores) {
    self.files = files
    slots = .allocate(capacity: files.count)
    slots.initialize(repeating: nil)
    ready = files.map { _ in DispatchSemaphore(value: 0) }
    // Made at 0 and raised, so it may be released with permits still taken (a run that failed midway).
    self.window = DispatchSemaphore(value: 0)
    for _ in 0..<max(1, window) { self.window.signal() }
    self.workers = max(1, min(files.count, workers))
    guard !files.isEmpty else { return }
    // A serial queue each: such queues get a thread of their own even when the caller's pool is busy
    // (two indexers in one process must not wait on each other's workers).
    for worker in 0..<self.workers {
      DispatchQueue(label: "gemba.register.fold.\(worker)").async(group: done) { self.work() }
    }
  }

  // Outcomes never asked for (a run that failed part-way) are released too.
  deinit {
    _ = slots.deinitialize()
    slots.deallocate()
  }

  /// The outcome of file `index`, waiting for it if it is not folded yet. Each index is asked once.
  func outcome(at index: Int) -> RegisterIndexer.FileOutcome {
    ready[index].wait()
    let outcome = slots[index]!
    slots[index] = nil
    window.signal()
    return outcome
  }

  /// Stops the workers (the files not yet taken are not folded) and waits for them.
  func finish() {
    lock.wait()
    stopped = true
    lock.signal()
    for _ in 0..<workers { window.signal() }
    done.wait()
  }

  private func work() {
    while true {
      window.wait()
      lock.wait()
      guard !stopped, next < files.count else {
        lock.signal()
        return
      }
      let index = next
      next += 1
      lock.signal()
      slots[index] = RegisterIndexer.fold(files[index])
      ready[index].signal()
    }
  }
}
