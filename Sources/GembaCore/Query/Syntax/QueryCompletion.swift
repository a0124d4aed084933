/// Tab completion inside a query stage: what may come next, given the words already typed.
public enum QueryCompletion {
  /// Candidates starting with `prefix` for the word after `typed` (the current stage's tokens
  /// before the cursor, verb first); `columns` are the evidence's column names. Sorted, unique;
  /// column names with spaces come quoted.
  public static func candidates(after typed: [Token], prefix: String, columns: [String]) -> [String] {
    let words = typed.filter { $0.kind != .pipe }
    let quoted = columns.map { $0.contains(where: { $0 == " " || $0 == "|" || $0 == "\"" }) ? "\"\($0)\"" : $0 }
    guard let verb = words.first?.text.lowercased() else { return filter(QueryPipeline.verbs, prefix) }
    let last = words.count > 1 ? words[words.count - 1] : nil
    if prefix.hasPrefix("--") { return filter(options(verb).map { "--" + $0 }, prefix) }
    if let last, last.kind == .option {
      switch (verb, last.text) {
      case ("timeline", "every"): return filter(TimeBucket.allCases.map(\.rawValue), prefix)
      case ("timeline", "span"): return filter(["rows", "evidence"], prefix)
      case ("spc", "by"): return filter(["day", "week", "month"], prefix)
      case ("spc", "rules"): return filter(["we", "nelson"], prefix)
      case ("spc", "chart"): return filter(ChartKind.allCases.map(\.rawValue), prefix)
      case ("spc", "subgroup"), ("spc", "n"), ("spc", "stages"), ("capability", "subgroup"): return filter(quoted, prefix)
      case ("pareto", "sum"): return filter(quoted, prefix)
      case ("count", "percent"): return filter(["row", "col"], prefix)
      default: return []
      }
    }
    let arguments = words.count - 1
    switch verb {
    case "where":
      let operators = ComparisonOperator.allCases.map(\.rawValue)
      guard let last else { return filter(quoted, prefix) }
      if operators.contains(last.text) { return [] }
      if ["and", "or"].contains(last.text.lowercased()) { return filter(quoted, prefix) }
      // After a column comes an operator; after a value, `and` / `or`.
      let previous = words.count > 2 ? words[words.count - 2].text : "where"
      return operators.contains(previous) ? filter(["and", "or"], prefix) : filter(operators, prefix)
    case "count":
      return arguments == 0 ? filter(["by"], prefix) : filter(quoted, prefix)
    case "sort":
      return arguments == 0 ? filter(quoted, prefix) : filter(["desc", "asc"], prefix)
    case "pareto":
      return arguments == 0 ? filter(["by"] + quoted, prefix) : (arguments == 1 && last?.text == "by" ? filter(quoted, prefix) : [])
    case "select":
      return filter(quoted, prefix)
    case "histogram", "timeline", "spc", "capability":
      return arguments == 0 ? filter(quoted, prefix) : []
    case "compare":
      return last?.text.lowercased() == "by" || arguments == 0 ? filter(quoted, prefix) : []
    case "sum", "avg", "median", "p90":
      if arguments == 0 { return filter(quoted, prefix) }
      return arguments == 1 ? filter(["by"], prefix) : filter(quoted, prefix)
    case "distinct":
      return filter(quoted, prefix)
    case "extract":
      return arguments == 0 ? filter(quoted, prefix) : (arguments == 2 ? filter(["as"], prefix) : [])
    case "join":
      if arguments == 1 { return filter(["on"], prefix) }
      return arguments == 2 ? filter(quoted, prefix) : []
    case "derive":
      return arguments >= 2 ? filter(quoted + DeriveFunction.arity.keys.map { $0 + "(" }, prefix) : []
    default:
      return []
    }
  }

  static func options(_ verb: String) -> [String] {
    switch verb {
    case "pareto": return ["sum"]
    case "histogram": return ["bins"]
    case "timeline": return ["every", "span"]
    case "spc": return ["by", "rules", "chart", "subgroup", "size", "n", "stages", "split", "baseline"]
    case "capability": return ["lsl", "usl", "target", "subgroup", "size"]
    case "grep", "where": return ["ignore-case"]
    case "join": return ["left"]
    case "count": return ["percent"]
    default: return []
    }
  }

  private static func filter(_ words: [String], _ prefix: String) -> [String] {
    let lowered = prefix.lowercased()
    let bare = lowered.hasPrefix("\"") ? String(lowered.dropFirst()) : lowered
    return Array(Set(words.filter {
      let w = $0.lowercased()
      return w.hasPrefix(lowered) || (w.hasPrefix("\"") && w.dropFirst().hasPrefix(bare))
    })).sorted()
  }
}
