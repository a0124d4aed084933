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
