/// A problem found in what the user typed or loaded, with where it is and what to do.
public struct Diagnostic: Error, Hashable, Sendable {
  public enum Severity: String, Hashable, Sendable, Codable {
    case error, warning, note
  }
  /// What went wrong, which decides the exit code in every mode.
  public enum Kind: String, Hashable, Sendable {
    /// What the user typed (a command, an option value): exit 1 in batch mode.
    case input
    /// The command line itself: exit 2.
    case usage
    /// A file that cannot be read or written as gemba needs (a notebook, an export target): exit 2.
    case file
    /// A check that found a problem (`verify`, `replay`): exit 1.
    case failedCheck
  }
  /// What kind of problem this is; tests and scripts match the code, not the wording.
  public var code: DiagnosticCode
  public var severity: Severity
  public var kind: Kind = .input
  /// The file the span's lines are in (a notebook, a script); nil for what was typed at the prompt.
  public var origin: String?
  public var message: String
  /// Where in the command (or file) the problem is; nil when it is about the whole input.
  public var span: SourceSpan?
  /// Follow-up lines: suggestions ("did you mean C3?") and hints on what to type.
  public var notes: [String]

  /// The severity follows from the code: `E` codes are errors, `W` codes warnings.
  public init(_ code: DiagnosticCode, _ message: String, at span: SourceSpan? = nil, notes: [String] = []) {
    self.code = code
    self.severity = code.severity
    self.message = message
    self.span = span
    self.notes = notes
  }

  public static func error(
    _ code: DiagnosticCode, _ message: String, at span: SourceSpan? = nil,
    notes: [String] = []
  ) -> Diagnostic {
    Diagnostic(code, message, at: span, notes: notes)
  }

  /// A file gemba cannot read or write as it needs; `line` places it in `origin` when known.
  public static func file(
    _ code: DiagnosticCode, _ message: String, origin: String? = nil, line: Int? = nil,
    notes: [String] = []
  ) -> Diagnostic {
    var d = Diagnostic(
      code, message, at: line.map { SourceSpan(at: SourcePosition(line: $0, column: 1)) }, notes: notes)
    d.kind = .file
    d.origin = origin
    return d
  }

  /// This diagnostic as being about `kind`, in the file `origin`.
  public func about(_ kind: Kind, in origin: String? = nil) -> Diagnostic {
    var d = self
    d.kind = kind
    d.origin = origin ?? d.origin
    return d
  }

  /// The process's exit code when this ends a command-line mode.
  public var exitCode: Int32 {
    switch kind {
    case .input, .failedCheck: 1
    case .usage, .file: 2
    }
  }
}
