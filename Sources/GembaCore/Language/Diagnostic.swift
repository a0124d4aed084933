/// A problem found in what the user typed or loaded, with where it is and what to do.
public struct Diagnostic: Error, Hashable, Sendable {
  public enum Severity: String, Hashable, Sendable, Codable {
    case error, warning, note
  }
  public var severity: Severity
  public var message: String
  /// Where in the command (or file) the problem is; nil when it is about the whole input.
  public var span: SourceSpan?
  /// Follow-up lines: suggestions ("did you mean C3?") and hints on what to type.
  public var notes: [String]

  public init(_ severity: Severity = .error, _ message: String, at span: SourceSpan? = nil, notes: [String] = []) {
    self.severity = severity
    self.message = message
    self.span = span
    self.notes = notes
  }

  public static func error(_ message: String, at span: SourceSpan? = nil, notes: [String] = []) -> Diagnostic {
    Diagnostic(.error, message, at: span, notes: notes)
  }
}
