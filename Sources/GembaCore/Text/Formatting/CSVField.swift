/// One field of a CSV file gemba writes for people to open (`show --format csv`, the register's
/// `--format csv`): RFC 4180 quoting, and OWASP's rule against formula injection. A spreadsheet
/// runs a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula
/// (`=cmd|' /C calc'!A0`), so such a cell is written with a single quote in front and quoted; a
/// plain number (`-2.5`, `+3`, `-1e-9`) is left as it is, since it is data and no formula.
public enum CSVField {
  /// The field as written: neutralised when it could be read as a formula, quoted when it holds a
  /// comma, a quote, a line break, or was neutralised.
  public static func written(_ text: String) -> String {
    var out = ""
    append(text, to: &out)
    return out
  }

  /// Appends the field to `out` (one string built field by field for long answers).
  public static func append(_ text: String, to out: inout String) {
    let neutralise = isFormulaLike(text)
    // Bytes, not Characters: a CR LF is one Character and would slip past a Character test.
    let quote = neutralise || text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    guard quote else {
      out.append(text)
      return
    }
    out.append("\"")
    if neutralise { out.append("'") }
    for c in text.unicodeScalars {
      if c == "\"" { out.append("\"\"") } else { out.unicodeScalars.append(c) }
    }
    out.append("\"")
  }

  /// Whether a spreadsheet could take the text for a formula: it begins with one of OWASP's
  /// characters and is not a plain number.
  public static func isFormulaLike(_ text: String) -> Bool {
    guard let first = text.utf8.first else { return false }
    switch first {
    case UInt8(ascii: "="), UInt8(ascii: "@"), 0x09, 0x0D: return true
    case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(text)
    default: return false
    }
  }

  /// A sign, digits with at most one decimal point, and an optional exponent: nothing a
  /// spreadsheet would evaluate beyond the number itself.
  static func isPlainNumber(_ text: String) -> Bool {
    var bytes = text.utf8[...]
    if let s = bytes.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
    var digits = 0
    var point = false
    while let b = bytes.first {
      if b >= 0x30 && b <= 0x39 {
        digits += 1
      } else if b == UInt8(ascii: "."), !point {
        point = true
      } else {
        break
      }
      bytes = bytes.dropFirst()
    }
    guard digits > 0 else { return false }
    if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if let s = bytes.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
      guard let d = bytes.first, d >= 0x30 && d <= 0x39 else { return false }
      while let d = bytes.first, d >= 0x30 && d <= 0x39 { bytes = bytes.dropFirst() }
    }
    return bytes.isEmpty
  }
}
