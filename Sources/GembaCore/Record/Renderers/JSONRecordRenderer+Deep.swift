import Foundation

/// The JSON record of a why tree deeper than `JSONEncoder` goes: it refuses more than 512 nested
/// arrays and objects (a chain about 250 whys deep) and recurses once per level. The record is
/// written in pieces instead, each at most `chunk` whys deep and encoded by `JSONEncoder` itself
/// (so every string, number and key is written exactly as in a shallow record); a node cut off at a
/// piece's bottom carries a marker id, and its children are written in its place, indented as the
/// encoder would have. The pieces nest one call per `chunk` levels: 5,000 deep is 79 calls.
extension JSONRecordRenderer {
  static func deepRender(_ record: Record, chunk: Int = 64) -> String {
    var cuts: [Record.Node] = []
    func cut(_ roots: [Record.Node]) -> [Record.Node] { roots.map { cutCopy($0, below: chunk, into: &cuts) } }
    var shell = record
    shell.whys = cut(record.whys)
    shell.fishbone?.bones =
      record.fishbone?.bones.map { bone in
        var b = bone
        b.causes = cut(bone.causes)
        return b
      } ?? []
    shell.escapes = record.escapes?.map { escape in
      var e = escape
      e.whys = cut(escape.whys)
      return e
    }
    var out = ""
    emit(encoded(shell), indent: "", cuts: cuts, chunk: chunk, into: &out)
    return out + "\n"
  }

  /// `node` with its subtree kept `levels` deep; a node there that has children keeps none and
  /// gets the marker id of its place in `cuts` (a NUL, which no id holds).
  static func cutCopy(_ node: Record.Node, below levels: Int, into cuts: inout [Record.Node]) -> Record.Node {
    var copy = node
    if levels == 0, !node.children.isEmpty {
      copy.id = "\u{0}\(cuts.count)"
      copy.children = []
      cuts.append(node)
    } else {
      copy.children = node.children.map { cutCopy($0, below: levels - 1, into: &cuts) }
    }
    return copy
  }

  static func encoded<T: Encodable>(_ value: T) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }

  /// Writes `text` (JSON as the encoder wrote it, at level 0) with `indent` before each line after
  /// the first, each cut node's children written where its empty `children` stand.
  static func emit(_ text: String, indent: String, cuts: [Record.Node], chunk: Int, into out: inout String) {
    func put(_ piece: Substring) {
      guard !indent.isEmpty else { return out += piece }
      // Blank lines (inside an empty array) stay blank, as the encoder writes them.
      for (i, line) in piece.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if i > 0 { out += line.isEmpty ? "\n" : "\n" + indent }
        out += line
      }
    }
    // In the order they stand in the text: keys are sorted, so escapes come before whys.
    let marked = cuts.enumerated().compactMap { k, node in
      text.range(of: "\"id\" : " + encoded("\u{0}\(k)")).map { (at: $0, node: node) }
    }.sorted { $0.at.lowerBound < $1.at.lowerBound }
    var cursor = text.startIndex
    for (m, node) in marked {
      guard let p = text.range(of: "\"children\" : [\n\n", options: .backwards, range: cursor..<m.lowerBound)
      else { continue }
      let lineStart = text[..<p.lowerBound].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
      let local = String(text[lineStart..<p.lowerBound])
      let closed = text.index(p.upperBound, offsetBy: local.count + 1)
      put(text[cursor..<p.lowerBound])
      out += "\"children\" : [\n"
      let inner = indent + local + "  "
      for (i, child) in node.children.enumerated() {
        if i > 0 { out += ",\n" }
        out += inner
        var below: [Record.Node] = []
        let shell = cutCopy(child, below: chunk, into: &below)
        emit(encoded(shell), indent: inner, cuts: below, chunk: chunk, into: &out)
      }
      out += "\n" + indent + local + "]"
      put(text[closed..<m.lowerBound])
      out += "\"id\" : " + encoded(node.id)
      cursor = m.upperBound
    }
    put(text[cursor...])
  }
}
