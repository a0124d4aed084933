/// When `where COL = VALUE` on text finds no row, the values of COL that are near VALUE:
/// the same letters in another case first, then the nearest by edit distance, then values that
/// begin with or contain it.
enum NearValues {
  static func hint(for predicate: Predicate, in relation: Relation, evidence: String) -> String? {
    guard case .compare(let c) = predicate, c.op == .equal, !c.ignoreCase,
      ValueParser.decimal(HeaderNames.trim(c.value)) == nil,
      let column = try? relation.resolve(c.column, evidence: evidence)
    else { return nil }
    let type = relation.type(of: column)
    guard type == .text || type == .boolean else { return nil }
    let counts = Grouping.countBy(relation, column: column, name: "")
    let values = counts.rows.map { ($0[0], Int($0[1]) ?? 0) }.filter { !$0.0.isEmpty && $0.0 != "(empty)" }
    let wanted = c.value.lowercased()
    var near = values.filter { $0.0.lowercased() == wanted }
    if near.isEmpty, let best = Suggestion.nearest(to: c.value, in: values.map(\.0)) {
      near = values.filter { $0.0 == best }
    }
    if near.isEmpty, wanted.count >= 3 {
      near = Array(values.filter { $0.0.lowercased().contains(wanted) }.prefix(3))
    }
    let name = relation.name(of: column)
    guard !near.isEmpty else {
      return
        "no \(name) equals `\(c.value)`; it has \(NumberFormat.integer(values.count)) other values (`\(evidence) | count by \(name)` lists them)"
    }
    let listed = near.prefix(3).map { "`\($0.0)` (\(NumberFormat.integer($0.1)) row\($0.1 == 1 ? "" : "s"))" }
    var text = "no \(name) equals `\(c.value)`; did you mean " + listed.joined(separator: " or ") + "?"
    if near.contains(where: { $0.0.lowercased() == wanted }) { text += " `--ignore-case` ignores letter case" }
    return text
  }
}

extension QueryResult {
  /// The result without the notes a stage added.
  public var unnoted: QueryResult {
    if case .noted(let inner, _) = self { return inner.unnoted }
    return self
  }
}
