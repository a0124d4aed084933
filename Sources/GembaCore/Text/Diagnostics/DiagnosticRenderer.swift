/// Draws a diagnostic the way compilers do: the severity with the code (as rustc and
/// swiftc print theirs), the message, where it is, the source line and a caret under
/// the problem, then the notes. docs/diagnostics.md lists every code.
///
///     error[E0101]: unknown command `probem`
///      --> script.gemba:3:1
///       |
///     3 | probem Agents give different answers
///       | ^^^^^^
///       = did you mean `problem`?
public struct DiagnosticRenderer: Sendable {
  public var color: Bool
  public init(color: Bool = false) { self.color = color }

  /// - Parameters:
  ///   - source: the full text the span's line numbers refer to.
  ///   - origin: a file name for the `-->` line, or nil (the interactive prompt).
  public func render(_ diagnostic: Diagnostic, source: String, origin: String? = nil, firstLine: Int = 1) -> String {
    // Everything quoted here (a typed line, a notebook's cell, a value in the message, a file
    // name) may hold escape sequences: each is written out visibly, colour included, so only
    // gemba's own paint reaches the terminal and the caret still lines up under what it marks.
    let quote = TerminalSafety.escapeAll
    let origin = (origin ?? diagnostic.origin).map(quote)
    let label = paint(
      "\(diagnostic.severity.rawValue)[\(diagnostic.code.code)]",
      diagnostic.severity == .error ? "1;31" : "1;33")
    var out = "\(label): \(quote(diagnostic.message))\n"
    if let span = diagnostic.span {
      let lines = source.splitLines()
      let index = span.start.line - firstLine
      if let origin {
        out += " --> \(origin):\(span.start.line):\(span.start.column)\n"
      } else {
        out += " --> line \(span.start.line), column \(span.start.column)\n"
      }
      if index >= 0, index < lines.count {
        let text = String(lines[index]).trimmingTrailingNewline()
        let shown = quote(text)
        let lead = max(0, span.start.column - 1)
        let before = quote(String(text.prefix(lead)))
        let number = String(span.start.line)
        let gutter = String(repeating: " ", count: number.count)
        let width =
          span.end.line == span.start.line
          ? max(
            1,
            span.end.column - span.start.column
              + widened(text.dropFirst(lead).prefix(max(0, span.end.column - span.start.column))))
          : max(1, shown.count - before.count)
        let pad = String(before.map { $0 == "\t" ? "\t" : " " })
        out +=
          "\(gutter) |\n\(number) | \(shown)\n\(gutter) | \(pad)\(paint(String(repeating: "^", count: width), "1;31"))\n"
      }
    }
    for note in diagnostic.notes {
      out += "  = \(quote(note))\n"
    }
    return out
  }

  /// How many characters longer the text is once its controls are written out.
  private func widened(_ text: Substring) -> Int { TerminalSafety.escapeAll(String(text)).count - text.count }

  private func paint(_ text: String, _ code: String) -> String {
    color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}

extension String {
  func trimmingTrailingNewline() -> String {
    var s = self
    while let last = s.last, last == "\r" || last == "\n" || last == "\r\n" { s.removeLast() }
    return s
  }
}

extension StringProtocol {
  /// The lines of the text, split at `\n` or `\r\n`. (Swift reads `\r\n` as one
  /// Character, so `split(separator: "\n")` does not split a CRLF text at all.)
  public func splitLines() -> [SubSequence] {
    split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
  }
}
