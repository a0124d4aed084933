/// The fishbone as a Mermaid `flowchart LR` (the diagram type GitHub renders):
/// causes point at their bone, bones at the effect, statuses as classes.
enum MermaidFishbone {
  static func render(_ fishbone: Record.Fishbone) -> String {
    var out = "flowchart LR\n"
    out += "  effect[\"\(label(fishbone.effect))\"]\n"
    for (i, bone) in fishbone.bones.enumerated() {
      let boneID = "bone\(i + 1)"
      out += "  \(boneID)[\"\(label(bone.name))\"] --> effect\n"
      Record.Node.walk(bone.causes) { node, _, parent in
        let id = nodeID(node.id)
        out += "  \(id)[\"\(label(node.id + " " + node.text))\"] --> \(parent.map { nodeID($0.id) } ?? boneID)\n"
        if let style = styleClass(node) { out += "  class \(id) \(style)\n" }
      }
    }
    out += "  classDef confirmed stroke:#2e7d32,stroke-width:2px\n"
    out += "  classDef ruledout stroke:#9e9e9e,stroke-dasharray:5 5,color:#757575\n"
    out += "  classDef root stroke:#1b5e20,stroke-width:4px,font-weight:bold\n"
    out += "  classDef effectbox stroke:#b71c1c,stroke-width:2px\n"
    out += "  class effect effectbox\n"
    return out
  }

  static func styleClass(_ node: Record.Node) -> String? {
    if node.root { return "root" }
    switch node.status {
    case .confirmed: return "confirmed"
    case .ruledOut: return "ruledout"
    case .hypothesis: return nil
    }
  }

  /// `C1.2` → `cause_C1_2`: only letters, digits and `_`, never a keyword like `end`.
  static func nodeID(_ id: String) -> String {
    "cause_" + String(id.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
  }

  /// Text for a quoted label: Mermaid's entity codes for the characters that would end
  /// the string, start an entity, be read as HTML or as a Markdown string; lines joined.
  static func label(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for c in text {
      switch c {
      case "\"": out += "#quot;"
      case "#": out += "#35;"
      case "&": out += "#amp;"
      case "<": out += "#lt;"
      case ">": out += "#gt;"
      case "`": out += "#96;"
      case "\n", "\r\n", "\r": out += " "
      default: out.append(c)
      }
    }
    return out
  }
}
