/// The load options a `load` command gives, checked where they were written.
extension LoadSpec {
  /// `--header-rows`, `--skip`, `--delimiter`, `--encoding`, `--date-format`, `--pattern` as
  /// `LoadOptions`; an option value gemba cannot use is a diagnostic at that value.
  public func loadOptions() throws(Diagnostic) -> LoadOptions {
    var options = LoadOptions(headerRows: headerRows?.value ?? 1, skipRows: skip?.value ?? 0, sheet: sheet?.value)
    if let delimiter {
      guard let byte = Self.delimiterByte(delimiter.value) else {
        throw .error(
          .invalidOptionValue,
          "`--delimiter` takes one character or comma, semicolon, tab, pipe; not `\(delimiter.value)`",
          at: delimiter.span,
          notes: ["quote a pipe: --delimiter \"|\" (or write pipe)"])
      }
      options.delimiter = byte
    }
    if let encoding {
      guard let e = TextEncoding(name: encoding.value) else {
        throw .error(
          .unsupportedEncoding, "gemba does not read the encoding `\(encoding.value)`", at: encoding.span,
          notes: ["encodings: utf-8, utf-16 (with a BOM, or utf-16le / utf-16be), windows-1252, latin1"])
      }
      options.encoding = e
    }
    for item in dateFormats {
      guard let eq = item.value.firstIndex(of: "="), eq != item.value.startIndex,
        item.value.index(after: eq) != item.value.endIndex
      else {
        throw .error(
          .invalidOptionValue, "`--date-format` takes COL=FORMAT, not `\(item.value)`", at: item.span,
          notes: ["for example: --date-format \"CreatedDate=%m/%d/%Y %I:%M:%S %p\""])
      }
      let column = String(item.value[..<eq]), layout = String(item.value[item.value.index(after: eq)...])
      do {
        _ = try ValueFormat(dateFormat: layout)
      } catch {
        throw .error(
          .invalidOptionValue, "`--date-format \(item.value)`: \(error.reason)", at: item.span,
          notes: ["strftime notation: %Y %y %m %d %b %H %I %M %S %f %p %z; or epoch, epoch-ms, excel"])
      }
      options.dateFormats[column] = layout
    }
    if let pattern {
      if let problem = LogPattern.problem(in: pattern.value) {
        throw .error(
          .invalidOptionValue, "`--pattern` cannot be used: \(problem)", at: pattern.span,
          notes: ["named groups become columns: --pattern \"(?<time>\\\\S+ \\\\S+) (?<level>[A-Z]+) (?<message>.*)\""])
      }
      options.pattern = pattern.value
    }
    return options
  }

  static func delimiterByte(_ text: String) -> UInt8? {
    switch text.lowercased() {
    case "comma", ",": return 44
    case "semicolon", ";": return 59
    case "tab", "\\t", "\t": return 9
    case "pipe", "|": return 124
    default:
      let bytes = Array(text.utf8)
      guard bytes.count == 1, bytes[0] != 34, bytes[0] != 10, bytes[0] != 13 else { return nil }
      return bytes[0]
    }
  }
}
