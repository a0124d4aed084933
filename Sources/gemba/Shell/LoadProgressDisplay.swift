import Foundation
import GembaCore

/// Shows a long load's progress on stderr (bytes, rate, time left) and turns Ctrl-C into
/// a cancelled load. Quiet for loads under a second and whenever stderr is not a terminal,
/// so batch output and notebooks never contain it.
final class LoadProgressDisplay: @unchecked Sendable {
  private let progress: LoadProgress
  private let total: Int
  private let label: String
  private let visible: Bool
  private let done = NSCondition()
  private var finished = false
  private var thread: Thread?

  init(progress: LoadProgress, total: Int, label: String, visible: Bool) {
    self.progress = progress
    self.total = total
    self.label = label
    self.visible = visible
  }

  func start() {
    LineEditor.forgetCancelRequest()
    let thread = Thread { [self] in watch() }
    self.thread = thread
    thread.start()
  }

  func stop() {
    done.lock()
    finished = true
    done.signal()
    done.unlock()
    while let thread, !thread.isFinished { usleep(1000) }
    LineEditor.forgetCancelRequest()
  }

  private func watch() {
    let start = Date()
    var shown = false
    done.lock()
    defer { done.unlock() }
    while !finished {
      _ = done.wait(until: Date().addingTimeInterval(0.1))
      if finished { break }
      if LineEditor.takeCancelRequest() { progress.cancel() }
      let elapsed = Date().timeIntervalSince(start)
      guard visible, elapsed >= 1, total > 0 else { continue }
      let bytes = progress.bytesDone
      let rate = Double(bytes) / elapsed
      let left = rate > 0 ? Double(total - bytes) / rate : 0
      let line =
        "loading \(label): \(Self.megabytes(bytes)) of \(Self.megabytes(total)) MB"
        + " · \(Self.megabytes(Int(rate))) MB/s · \(Int(left.rounded(.up))) s left · Ctrl-C cancels"
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
      shown = true
    }
    if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }

  static func megabytes(_ bytes: Int) -> String {
    let tenths = (bytes * 10 + 524_288) / 1_048_576
    return "\(tenths / 10).\(tenths % 10)"
  }
}
