extension EvidenceWorkspace {
  /// `metric dpmo --defects 37 --units 1200 --opportunities 4`; any number may instead be
  /// a query that counts, in quotes: `--defects "tickets | where correct = no | count"`.
  func metric(_ kind: Located<String>, _ options: [String: Located<String>], in investigation: Investigation)
    throws(Diagnostic) -> Metric.Result
  {
    func number(_ name: String, required: Bool = true) throws(Diagnostic) -> Double? {
      guard let option = options[name] else {
        if required {
          throw .error(
            .missingOption, "`metric \(kind.value)` needs --\(name)", at: kind.span,
            notes: ["help metric shows every option; a value may be a counting query in quotes"])
        }
        return nil
      }
      if option.value.contains("|") {
        let result: QueryResult
        do throws(Diagnostic) {
          let tokens = try Lexer.tokenize(option.value)
          guard case .query(let source) = try Parser.parse(tokens: tokens) else {
            throw .error(.invalidOptionValue, "`--\(name)` is not a query", at: option.span)
          }
          result = try run(source, in: investigation).unnoted
        } catch {
          throw Self.placed(error, inside: option)
        }
        guard case .count(let n) = result else {
          throw .error(.invalidOptionValue, "the query for --\(name) must end in `count`", at: option.span)
        }
        return Double(n)
      }
      guard let value = Double(option.value.filter { $0 != "," }) else {
        throw .error(.invalidOptionValue, "`--\(name)` takes a number, not `\(option.value)`", at: option.span)
      }
      return value
    }
    func whole(_ name: String) throws(Diagnostic) -> Int {
      let value = try number(name)!
      guard value == value.rounded(), value >= 0, value < 1e15 else {
        throw .error(.invalidOptionValue, "`--\(name)` takes a whole number", at: options[name]?.span ?? kind.span)
      }
      return Int(value)
    }
    switch kind.value {
    case "dpmo":
      let opportunities = options["opportunities"] == nil ? 1 : try whole("opportunities")
      return .dpmo(
        try Metric.dpmo(defects: try whole("defects"), units: try whole("units"), opportunities: opportunities))
    case "fpy":
      let units = try whole("units")
      let good = try whole("passed")
      return .firstPassYield(try Metric.firstPassYield(units: units, good: good), units: units, good: good)
    case "rty":
      guard let yields = options["yields"] else {
        throw .error(
          .missingOption, "`metric rty` needs --yields, one per step", at: kind.span,
          notes: ["metric rty --yields 0.98 0.95 99%"])
      }
      var steps: [Double] = []
      for part in yields.value.split(separator: " ") {
        guard let y = Metric.parseYield(String(part)) else {
          throw .error(.invalidOptionValue, "`\(part)` is not a yield (0.95 or 95%)", at: yields.span)
        }
        steps.append(y)
      }
      return .rolledThroughputYield(try Metric.rolledThroughputYield(steps))
    case "coq":
      return .costOfQuality(
        try Metric.costOfQuality(
          prevention: try number("prevention")!, appraisal: try number("appraisal")!,
          internalFailure: try number("internal")!, externalFailure: try number("external")!,
          revenue: try number("revenue", required: false)))
    default:
      var notes: [String] = []
      if let guess = Suggestion.nearest(to: kind.value, in: ["dpmo", "fpy", "rty", "coq"]) {
        notes.append("did you mean `\(guess)`?")
      }
      notes.append("metrics: dpmo, fpy, rty, coq")
      throw .error(.unknownMetric, "no metric `\(kind.value)`", at: kind.span, notes: notes)
    }
  }

  /// A diagnostic about the query inside an option's value, pointing where that text stands in
  /// the command: the query was read on its own, so its spans count from the value's first
  /// character (`1:14`), not from the command's line and column.
  static func placed(_ diagnostic: Diagnostic, inside option: Located<String>) -> Diagnostic {
    guard let inner = diagnostic.span, inner != option.span else { return diagnostic }
    let outer = option.span
    // Written in quotes, the value starts one column after the span does (a value with escapes
    // inside is wider than its text: the columns after an escape are then approximate).
    let width = outer.start.line == outer.end.line ? outer.end.column - outer.start.column : option.value.count + 2
    let quote = width == option.value.count ? 0 : 1
    func moved(_ p: SourcePosition) -> SourcePosition {
      p.line == 1
        ? SourcePosition(line: outer.start.line, column: outer.start.column + quote + p.column - 1)
        : SourcePosition(line: outer.start.line + p.line - 1, column: p.column)
    }
    var d = diagnostic
    d.span = SourceSpan(start: moved(inner.start), end: moved(inner.end))
    return d
  }
}
