/// A JSON value written the way Python's `json.dump(indent=1, sort_keys=True,
/// ensure_ascii=False)` writes it, which is how nbformat saves notebooks. Built by hand
/// because `JSONEncoder` drops nil values, and nbformat needs `"execution_count": null`.
public indirect enum JSONValue: Sendable, Equatable {
  case string(String)
  case int(Int)
  /// A number already written as it should appear (`12.50`: fixed places).
  case number(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([String: JSONValue])

  public func written(indent: Int = 1) -> String {
    var out = ""
    write(into: &out, level: 0, indent: indent)
    return out
  }

  func write(into out: inout String, level: Int, indent: Int) {
    switch self {
    case .string(let s): JSONValue.quote(s, into: &out)
    case .int(let n): out += String(n)
    case .number(let text): out += text
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      guard !items.isEmpty else { out += "[]"; return }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += String(repeating: " ", count: (level + 1) * indent)
        item.write(into: &out, level: level + 1, indent: indent)
        out += i == items.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: level * indent) + "]"
    case .object(let members):
      guard !members.isEmpty else { out += "{}"; return }
      out += "{\n"
      // Python sorts keys by code point; Swift's String order is by canonical equivalence.
      let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
      for (i, key) in keys.enumerated() {
        out += String(repeating: " ", count: (level + 1) * indent)
        JSONValue.quote(key, into: &out)
        out += ": "
        members[key]!.write(into: &out, level: level + 1, indent: indent)
        out += i == keys.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: level * indent) + "}"
    }
  }

  static func quote(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{8}": out += "\\b"
      case "\u{C}": out += "\\f"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }

  /// Text as Jupyter stores multi-line strings: a list of lines, each keeping its `\n`.
  static func lines(_ text: String) -> JSONValue {
    var out: [JSONValue] = []
    var line = ""
    for c in text {
      line.append(c)
      if c == "\n" || c == "\r\n" {
        out.append(.string(line))
        line = ""
      }
    }
    if !line.isEmpty { out.append(.string(line)) }
    return .array(out)
  }
}
