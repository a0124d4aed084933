/// Text on its way to a terminal: control characters from a notebook, evidence or a file name
/// must never reach it raw (an `ESC ]0;` retitles the window, `ESC [2J` clears it). One function
/// escapes them all; gemba's own colour (SGR: `ESC [ … m`) is the only sequence let through.
public enum TerminalSafety {
  /// C0 controls, DEL and C1 controls.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  static func hex(_ scalar: Unicode.Scalar) -> String {
    let digits = String(scalar.value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  /// Whether `text` holds a control character other than a line break or tab, by its UTF-8 bytes
  /// (a C1 control is 0xC2 then 0x80–0x9F): a megabyte of report is checked in a millisecond.
  static func mayHoldControls(_ text: String) -> Bool {
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte < 0x20 ? byte != 0x0A && byte != 0x09 : byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F)
      {
        return true
      }
      previous = byte
    }
    return false
  }

  /// `text` with every control character but line breaks and tabs written out (`\x1B`, `\u{9B}`),
  /// keeping colour sequences (`ESC [ digits/; m`) intact.
  public static func escape(_ text: String) -> String { escape(text, keepingColour: true) }

  /// `text` with every control character but line breaks and tabs written out, colour sequences
  /// too: for text quoted inside gemba's own words (a diagnostic's source line, message and
  /// notes), where a notebook's `ESC [8m` would hide what follows and `ESC [30;40m` blacken it.
  public static func escapeAll(_ text: String) -> String { escape(text, keepingColour: false) }

  static func escape(_ text: String, keepingColour: Bool) -> String {
    guard mayHoldControls(text) else { return text }
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      let c = scalars[i]
      if keepingColour, c == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
        var j = i + 2
        while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" { j += 1 }
        if j < scalars.count, scalars[j] == "m" {
          out.append(contentsOf: scalars[i...j])
          i = j + 1
          continue
        }
      }
      if isControl(c) && c != "\n" && c != "\t" {
        out.append(contentsOf: (c.value < 0x80 ? "\\x\(hex(c).suffix(2))" : "\\u{\(hex(c))}").unicodeScalars)
      } else {
        out.append(c)
      }
      i += 1
    }
    return String(out)
  }
}
