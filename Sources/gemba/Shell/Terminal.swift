import GembaCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Everything gemba asks of the terminal, in one place: renderers never ask.
struct Terminal {
  let environment: [String: String]

  var stdinIsTTY: Bool { isatty(0) == 1 }
  var stdoutIsTTY: Bool { isatty(1) == 1 }

  /// Colour only on a terminal, never with NO_COLOR (any value) or TERM=dumb.
  var allowsColor: Bool {
    stdoutIsTTY && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
  }

  /// Box-drawing only where the locale says UTF-8 (or nothing at all, as in most containers).
  var allowsUnicode: Bool {
    let locale = environment["LC_ALL"] ?? environment["LC_CTYPE"] ?? environment["LANG"] ?? ""
    if locale.isEmpty { return true }
    let lowered = locale.lowercased()
    return lowered.contains("utf-8") || lowered.contains("utf8")
  }

  var width: Int {
    var size = winsize()
    if stdoutIsTTY, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
    return TerminalStyle.record.width
  }

  /// The style for what is shown on screen (cells always store `TerminalStyle.record`).
  var displayStyle: TerminalStyle {
    guard stdoutIsTTY else { return .record }
    return TerminalStyle(unicode: allowsUnicode, color: allowsColor, width: width, fitsWidth: true)
  }
}

/// Unbuffered writes to stdout and stderr: the order on screen is the order of events.
enum Console {
  /// Every text gemba prints goes through here, with its control characters escaped
  /// (a received notebook must not be able to drive the reviewer's terminal).
  static func out(_ text: String) { write(1, TerminalSafety.escape(text)) }

  /// Whether nothing waits on stdin (no line typed or piped yet, and not its end): a pause in
  /// which work ahead costs the user nothing.
  static func inputIsIdle() -> Bool {
    var fd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
    return poll(&fd, 1, 0) == 0
  }
  static func err(_ text: String) { write(2, TerminalSafety.escape(text)) }

  private static func write(_ fd: Int32, _ text: String) {
    var text = text
    if text.utf8.last != UInt8(ascii: "\n") { text.append("\n") }
    // The string's own bytes, in as few write calls as the kernel takes (no copy into an array).
    text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n <= 0 { if errno == EINTR { continue } else { return } }
        offset += n
      }
    }
  }
}
