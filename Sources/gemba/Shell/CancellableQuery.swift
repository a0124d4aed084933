import Foundation
import GembaCore

/// Runs a query on a worker thread so that Ctrl-C in the shell returns at once. The engine
/// is pure over immutable tables, so an abandoned query can finish (or not) on its own
/// without touching the session; its result is simply dropped and nothing is recorded.
enum CancellableQuery {
  private final class Outcome: @unchecked Sendable {
    let done = NSCondition()
    var result: Result<QueryResult, Diagnostic>?
  }

  static func run(_ pipeline: QueryPipeline, on table: EvidenceTable, span: SourceSpan) throws(Diagnostic)
    -> QueryResult
  {
    LineEditor.forgetCancelRequest()
    let outcome = Outcome()
    let worker = Thread {
      let result: Result<QueryResult, Diagnostic>
      do throws(Diagnostic) {
        result = .success(try QueryEngine.run(pipeline, on: table))
      } catch {
        result = .failure(error)
      }
      outcome.done.lock()
      outcome.result = result
      outcome.done.signal()
      outcome.done.unlock()
    }
    worker.stackSize = 8 << 20
    worker.start()
    outcome.done.lock()
    defer { outcome.done.unlock() }
    while outcome.result == nil {
      _ = outcome.done.wait(until: Date().addingTimeInterval(0.05))
      if outcome.result == nil && LineEditor.takeCancelRequest() {
        FileHandle.standardError.write(Data("\n".utf8))  // past the terminal's echoed ^C
        throw .error(
          .queryCancelled, "query cancelled; nothing was recorded", at: span,
          notes: ["the session is as it was before the query"])
      }
    }
    return try outcome.result!.get()
  }
}
