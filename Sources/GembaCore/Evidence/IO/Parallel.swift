import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A value written by one parallel job and read after all of them finished.
final class ResultBox<Value>: @unchecked Sendable {
  // Written by exactly one job before `Parallel.run` returns; read only after it returns.
  var value: Value
  init(_ value: Value) { self.value = value }
}

/// Runs independent jobs on the available cores and returns when all are done.
enum Parallel {
  static func run(_ jobs: [@Sendable () -> Void]) {
    switch jobs.count {
    case 0: return
    case 1: jobs[0]()
    default: runOnThreads(jobs)
    }
  }

  /// The jobs, taken in order by this thread and up to one more thread per core. Not Dispatch's
  /// `concurrentPerform`: when a thread cannot be made (an address-space limit, `ulimit -v`) it
  /// waits for one forever; here a thread that does not start is simply not there, and the
  /// threads that are take its share (with none, this one runs every job).
  private static func runOnThreads(_ jobs: [@Sendable () -> Void]) {
    let queue = JobQueue(jobs)
    let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    var threads: [pthread_t] = []
    for _ in 0..<(min(cores, jobs.count) - 1) {
      let context = Unmanaged.passRetained(queue).toOpaque()
      var thread = pthread_t()
      let started = pthread_create(
        &thread, nil,
        { context in
          Unmanaged<JobQueue>.fromOpaque(context!).takeRetainedValue().drain()
          return nil
        }, context)
      guard started == 0 else {
        Unmanaged<JobQueue>.fromOpaque(context).release()
        break
      }
      threads.append(thread)
    }
    queue.drain()
    for thread in threads { pthread_join(thread, nil) }
  }
}

/// Jobs handed out one at a time to whichever thread asks next.
private final class JobQueue: @unchecked Sendable {
  // `next` is read and advanced only under `lock`; `jobs` is never changed.
  private let jobs: [@Sendable () -> Void]
  private var next = 0
  // Allocated, not a stored property: a mutex must not move.
  private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

  init(_ jobs: [@Sendable () -> Void]) {
    self.jobs = jobs
    lock.initialize(to: pthread_mutex_t())
    pthread_mutex_init(lock, nil)
  }

  deinit {
    pthread_mutex_destroy(lock)
    lock.deallocate()
  }

  func drain() {
    while true {
      pthread_mutex_lock(lock)
      let index = next
      next += 1
      pthread_mutex_unlock(lock)
      guard index < jobs.count else { return }
      jobs[index]()
    }
  }
}

extension Parallel {
  /// `0..<count` cut into `pieces` ranges of (nearly) equal length, in order. More pieces than
  /// cores lets a core that finishes early take the next one.
  static func parts(_ count: Int, pieces: Int) -> [Range<Int>] {
    (0..<pieces).map { k in (count * k / pieces)..<(count * (k + 1) / pieces) }
  }
}

/// A buffer parallel jobs write disjoint places of, read only after `Parallel.run` returns.
struct DisjointWrites<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element>
}
