/// A column name with a space typed bare: `count by outcome, Inspection Type` reads `Inspection`
/// and `Type` as two words, and whatever error follows from that ("takes one or two columns",
/// "expected an operator") does not say why. When the words typed bare at one place, joined by a
/// space, name a column, the error says so and shows the stage with the name quoted.
extension QueryPipeline {
  /// Bytes that end a name where a word is glued to what follows it (`Type=Canvass`, `Type,`).
  private static let separators: Set<Character> = [",", "=", "<", ">", "!", "~", "(", ")"]

  /// The quoting diagnostic for the first run of bare words in `tokens` (one stage, its verb
  /// first) that names one of `columns` with a space in it; with `covering`, only a run that
  /// includes that place (where an unknown column was reported). Nil when there is none. `evidence`
  /// typed after the verb (`pareto t by Inspection Type`, the one-stage shorthand) is shown there.
  static func spacedColumnName(
    in stage: [Token], columns: [String], covering place: SourceSpan? = nil, evidence: Token? = nil
  ) -> Diagnostic? {
    var tokens = stage
    if let evidence, let verb = stage.first, verb.span.start < evidence.span.start,
      stage.count < 2 || evidence.span.start < stage[1].span.start
    {
      tokens.insert(evidence, at: 1)
    }
    let spaced = columns.filter { $0.contains(where: \.isWhitespace) }
    guard !spaced.isEmpty, tokens.count > 2 else { return nil }
    let byKey = Dictionary(spaced.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
    var best: Run? = nil
    for i in 1..<tokens.count where tokens[i].kind == .word {
      // The name starts after what is glued before it (`outcome,Inspection`, `lower(Inspection`).
      let first = tokens[i].text
      let head = first.lastIndex(where: separators.contains).map { first.index(after: $0) } ?? first.startIndex
      let leading = String(first[head...])
      guard !leading.isEmpty else { continue }
      var words = [leading]
      var j = i + 1
      while j < tokens.count, tokens[j].kind == .word, tokens[j - 1].span.end != tokens[j].span.start {
        let text = tokens[j].text
        let cut = text.firstIndex(where: separators.contains) ?? text.endIndex
        let last = String(text[..<cut])
        if last.isEmpty { break }
        if let column = byKey[key((words + [last]).joined(separator: " "))] {
          let run = Run(
            first: i, last: j, headOffset: first.distance(from: first.startIndex, to: head), tailLength: last.count,
            column: column)
          let span = run.span(tokens)
          let covers = place.map { span.start <= $0.start && $0.start < span.end } ?? true
          if covers && (best == nil || run.last - run.first > best!.last - best!.first) { best = run }
        }
        guard cut == text.endIndex else { break }
        words.append(last)
        j += 1
      }
      if best != nil { break }
    }
    guard let best else { return nil }
    let parts = tokens[best.first...best.last].map(\.text).map { "`\($0)`" }
    return Diagnostic.error(
      .spacedColumnName,
      "`\(best.column)` has a space: quote it — \(best.corrected(tokens))",
      at: best.span(tokens),
      notes: ["a bare word ends at a space, so " + parts.joined(separator: " and ") + " were read apart"])
  }

  /// The names `columns` and the pipeline's own stages (`derive`, `extract`) give.
  static func names(_ columns: [String], _ pipeline: QueryPipeline) -> [String] {
    columns + pipeline.stages.compactMap(\.madeColumn)
  }

  /// A name compared ignoring case and how much space separates its words.
  private static func key(_ name: String) -> String {
    name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }

  /// Words `first...last` of a stage that name `column`: from `headOffset` characters into the
  /// first word to `tailLength` characters into the last.
  private struct Run {
    var first: Int
    var last: Int
    var headOffset: Int
    var tailLength: Int
    var column: String

    func span(_ tokens: [Token]) -> SourceSpan {
      let start = tokens[first].span.start
      let end = tokens[last].span.start
      return SourceSpan(
        start: SourcePosition(line: start.line, column: start.column + headOffset),
        end: SourcePosition(line: end.line, column: end.column + tailLength))
    }

    /// The stage as typed, the run replaced by the quoted name.
    func corrected(_ tokens: [Token]) -> String {
      var out = ""
      var previous: Token? = nil
      for (k, token) in tokens.enumerated() where k < first || k > last || k == first {
        var written = Self.written(token)
        if k == first {
          let head = String(token.text.prefix(headOffset))
          let tail = String(tokens[last].text.dropFirst(tailLength))
          written = head + Self.quoted(column) + tail
        }
        // Tokens typed side by side stay so (`if(Results="Pass",`), as the query is shown.
        if let previous, previous.span.end != token.span.start { out += " " }
        out += written
        previous = k == first ? tokens[last] : token
      }
      return out
    }

    static func written(_ token: Token) -> String {
      switch token.kind {
      case .word, .pipe: token.text
      case .option: "--" + token.text
      case .string: quoted(token.text)
      }
    }

    static func quoted(_ text: String) -> String {
      "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
  }
}

extension QueryStage {
  /// The column this stage adds, for the stages after it.
  var madeColumn: String? {
    if case .derive(let spec) = self { return spec.name.name }
    if case .extract(let spec) = self { return spec.name.name }
    return nil
  }
}
