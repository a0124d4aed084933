/// The five-whys trees and the fishbone as a Graphviz digraph (`dot -Tsvg record.dot`).
///
/// Statuses are styles: confirmed solid green, ruled out dashed grey, hypothesis the
/// default, a root cause bold with a double border. Every label is a quoted dot string
/// with `\` and `"` escaped, so user text cannot end it or inject an escape like `\N`.
public struct DotRecordRenderer: RecordRenderer {
  public init() {}

  /// Labels wrap at this many characters, so a long cause stays a readable box.
  static let wrapWidth = 40

  public func render(_ record: Record) -> String {
    var out = "digraph gemba {\n"
    out.reserveCapacity(1024 + record.allNodes.count * 160)
    out += "  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t, label=\(Self.quote(record.title))];\n"
    out += "  node [shape=box, fontname=\"Helvetica\", fontsize=11];\n"
    out += "  edge [color=\"#555555\", fontname=\"Helvetica\"];\n"
    if !record.whys.isEmpty {
      out += "  subgraph cluster_whys {\n    label=\"Five whys\";\n    color=\"#bbbbbb\";\n"
      // Each node, then after each child's subtree the edge to it.
      Record.Node.walk(
        record.whys,
        enter: { node, _, _ in out += "    \(Self.quote(node.id)) [\(Self.attributes(node))];\n" },
        leave: { node, _, parent in
          guard let parent else { return }
          out += "    \(Self.quote(parent.id)) -> \(Self.quote(node.id)) [label=\"why?\", fontsize=9];\n"
        })
      out += "  }\n"
    }
    if let fishbone = record.fishbone {
      out += "  subgraph cluster_fishbone {\n    label=\"Fishbone\";\n    color=\"#bbbbbb\";\n"
      out +=
        "    effect [label=\(Self.quote(Self.wrapped(fishbone.effect))), style=bold, color=\"#b71c1c\", penwidth=2];\n"
      for (i, bone) in fishbone.bones.enumerated() {
        let boneID = "bone\(i + 1)"
        out +=
          "    \(boneID) [label=\(Self.quote(Self.wrapped(bone.name))), shape=plaintext, fontname=\"Helvetica-Bold\"];\n"
        out += "    \(boneID) -> effect [penwidth=2];\n"
        Record.Node.walk(bone.causes) { node, _, parent in
          out += "    \(Self.quote(node.id)) [\(Self.attributes(node))];\n"
          out += "    \(Self.quote(node.id)) -> \(parent.map { Self.quote($0.id) } ?? boneID);\n"
        }
      }
      out += "  }\n"
    }
    // The escape points and their whys: why the problem got past the checks is a chain as well.
    if let escapes = record.escapes, !escapes.isEmpty {
      out += "  subgraph cluster_escapes {\n    label=\"Escape points\";\n    color=\"#bbbbbb\";\n"
      for escape in escapes {
        let label = escape.id + " " + escape.text + (escape.step.map { "\n(at \($0))" } ?? "")
        out +=
          "    \(Self.quote(escape.id)) [label=\(Self.quote(Self.wrapped(label))), style=bold, color=\"#a15c00\"];\n"
        Record.Node.walk(escape.whys) { node, _, parent in
          out += "    \(Self.quote(node.id)) [\(Self.attributes(node))];\n"
          out +=
            "    \(parent.map { Self.quote($0.id) } ?? Self.quote(escape.id)) -> \(Self.quote(node.id)) [label=\"why?\", fontsize=9];\n"
        }
      }
      out += "  }\n"
    }
    out += "}\n"
    return out
  }

  static func attributes(_ node: Record.Node) -> String {
    var attributes = ["label=" + quote(wrapped(node.id + " " + node.text) + "\n(" + node.statusText + ")")]
    var styles: [String] = []
    switch node.status {
    case .confirmed:
      styles.append("solid")
      attributes += ["color=\"#2e7d32\"", "fontcolor=\"#1b5e20\""]
    case .ruledOut:
      styles.append("dashed")
      attributes += ["color=\"#9e9e9e\"", "fontcolor=\"#757575\""]
    case .hypothesis:
      break
    }
    if node.root {
      styles.append("bold")
      attributes += ["peripheries=2", "penwidth=2"]
    }
    if !styles.isEmpty { attributes.append("style=\"\(styles.joined(separator: ","))\"") }
    return attributes.joined(separator: ", ")
  }

  /// A dot string literal: `\` and `"` escaped, line breaks as dot's `\n` (centred lines).
  static func quote(_ text: String) -> String {
    var out = "\""
    out.reserveCapacity(text.utf8.count + 2)
    for c in text {
      switch c {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n", "\r\n", "\r": out += "\\n"
      default: out.append(c)
      }
    }
    return out + "\""
  }

  /// Breaks text into lines of at most `wrapWidth` characters (a longer word is cut).
  static func wrapped(_ text: String) -> String {
    text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map { paragraph in
      FishboneSVG.wrap(String(paragraph), width: wrapWidth, maxLines: Int.max).joined(separator: "\n")
    }.joined(separator: "\n")
  }
}
