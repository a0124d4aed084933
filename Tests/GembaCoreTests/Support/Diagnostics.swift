import Testing
@testable import GembaCore

/// The diagnostic `body` throws; records an issue at the caller and returns nil when it does not throw.
func diagnostic<T>(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws(Diagnostic) -> T) -> Diagnostic?
{
  do {
    let value = try body()
    Issue.record("expected an error, got \(value)", sourceLocation: sourceLocation)
    return nil
  } catch {
    return error
  }
}
