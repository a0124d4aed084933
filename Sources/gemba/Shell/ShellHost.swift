import GembaCore

/// What the interactive shell drives: the notebook runner owns the session and
/// the notebook file; the shell owns the terminal (readline, history, keys).
protocol ShellHost: AnyObject {
  /// The number the next cell will get, for the prompt `gemba [3]>`.
  var nextCellNumber: Int { get }
  /// The session, read for completion (ids, evidence names, columns).
  var session: Session { get }
  /// Runs one complete command (it may span lines): prints its output or its
  /// error, writes the cell. Returns false when the shell should end (`quit`).
  func submit(_ source: String) -> Bool
  /// Ctrl-D or `quit`: flush and close the notebook, say where it is.
  func finish()
}
