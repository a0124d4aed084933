/// Which cell styles (`s="3"`) show numbers as dates, times or durations, from `xl/styles.xml`:
/// the built-in formats 14–22 and 45–47, and custom formats with date tokens outside quotes and
/// brackets (as calamine decides).
struct CellStyles: Sendable {
  enum Kind: UInt8, Sendable { case number, dateTime, duration }
  /// By cell style index (`cellXfs`).
  var kinds: [Kind] = []

  @inline(__always) func kind(_ style: Int) -> Kind {
    style >= 0 && style < kinds.count ? kinds[style] : .number
  }

  static func read(_ bytes: [UInt8]) -> CellStyles {
    var styles = CellStyles()
    bytes.withUnsafeBufferPointer { b in
      guard let base = b.baseAddress else { return }
      var custom: [Int: Kind] = [:]
      var x = XMLScanner(base: base, end: b.count)
      var inCellXfs = false
      while let event = x.next() {
        switch event {
        case .start(let name, let attrs, let empty):
          if x.isName(name, "numFmt"), let id = x.attributeString("numFmtId", in: attrs).flatMap({ Int($0) }),
            let code = x.attributeString("formatCode", in: attrs)
          {
            custom[id] = kind(ofFormat: code)
          } else if x.isName(name, "cellXfs") {
            inCellXfs = !empty
          } else if inCellXfs && x.isName(name, "xf") {
            let id = x.attributeString("numFmtId", in: attrs).flatMap { Int($0) } ?? 0
            styles.kinds.append(custom[id] ?? builtinKind(id))
          }
        case .end(let name):
          if x.isName(name, "cellXfs") { inCellXfs = false }
        case .text, .cdata: break
        }
      }
    }
    return styles
  }

  static func builtinKind(_ id: Int) -> Kind {
    switch id {
    case 14...22, 45, 47: return .dateTime
    case 46: return .duration
    default: return .number
    }
  }

  /// `yyyy-mm-dd` → date-time; `[h]:mm:ss` → duration; `0.00`, `"days" 0`, `[Red]0` → number.
  /// Only the first section (before `;`) decides.
  static func kind(ofFormat code: String) -> Kind {
    var escaped = false, quoted = false, brackets = 0, bracketHMS = false, afterA = false
    for c in code {
      if escaped { escaped = false; continue }
      if quoted { if c == "\"" { quoted = false }; continue }
      switch c {
      case "\\", "_": escaped = true
      case "\"": quoted = true
      case ";": return .number
      case "[": brackets += 1; bracketHMS = false
      case "]":
        if brackets == 1 && bracketHMS { return .duration }
        brackets = max(0, brackets - 1)
      default:
        if brackets > 0 {
          let l = c.lowercased()
          bracketHMS = l == "h" || l == "m" || l == "s"
          continue
        }
        switch c {
        case "d", "D", "m", "M", "h", "H", "y", "Y", "s", "S": return .dateTime
        case "a", "A": afterA = true; continue
        case "p", "P", "/": if afterA { return .dateTime }
        default: break
        }
        afterA = false
      }
    }
    return .number
  }
}
