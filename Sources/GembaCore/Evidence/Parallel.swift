import Dispatch

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
    default: DispatchQueue.concurrentPerform(iterations: jobs.count) { jobs[$0]() }
    }
  }
}
