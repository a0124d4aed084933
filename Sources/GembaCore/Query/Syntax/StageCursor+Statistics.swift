/// Parsing the statistics stages: `spc` with its chart set, `compare` and `capability`.
extension StageCursor {
  /// `spc COL [--by hour|day|week] [--rules we|nelson]` stays today's XmR chart; any option of the
  /// full chart set (`--chart`, `--subgroup`, `--size`, `--n`, `--stages`, `--split`,
  /// `--baseline`, `--by month`, `--rules 1,2,5`) makes it a `ChartStage`.
  mutating func parseControlChart() throws(Diagnostic) -> QueryStage {
    let column = try column("a column to chart")
    var stage = ChartStage(column: column, chart: .imr)
    var chart: ChartKind?
    var by: TimeBucket?
    var rulesToken: Token?
    var full = false
    try options { name, cursor throws(Diagnostic) in
      switch name.text {
      case "by":
        by = try cursor.bucket(name, allowed: TimeBucket.allCases)
        if by == .month { full = true }
      case "rules":
        rulesToken = try cursor.optionValue(name)
      case "chart":
        let value = try cursor.optionValue(name)
        guard let kind = ChartKind(rawValue: value.text.lowercased()) else {
          var notes = ["charts: " + ChartKind.allCases.map(\.rawValue).joined(separator: ", ")]
          if let near = Suggestions.note(for: value.text, in: ChartKind.allCases.map(\.rawValue)) {
            notes.insert(near, at: 0)
          }
          throw cursor.error(.invalidOptionValue, "`--chart` is not `\(value.text)`", at: value, notes: notes)
        }
        chart = kind
      case "subgroup":
        let value = try cursor.optionValue(name)
        stage.subgroup = .column(ColumnRef(value.text, span: value.span))
      case "size":
        stage.subgroup = .size(try cursor.subgroupSize(name))
      case "n":
        let value = try cursor.optionValue(name)
        stage.sizes = ColumnRef(value.text, span: value.span)
      case "stages":
        let value = try cursor.optionValue(name)
        stage.stages = ColumnRef(value.text, span: value.span)
      case "split":
        guard let first = cursor.peek, first.isValue else {
          throw cursor.error(
            .invalidOptionValue, "`--split` needs one or more dates, e.g. `--split 2026-10-15`",
            at: cursor.peek)
        }
        while let t = cursor.peek, t.isValue {
          _ = cursor.next()
          guard ValueParser.dateTime(t.text) != nil else {
            throw cursor.error(.invalidOptionValue, "`--split` takes dates like 2026-10-15, not `\(t.text)`", at: t)
          }
          stage.split.append(t.text)
        }
      case "baseline":
        let value = try cursor.optionValue(name)
        let parts = value.text.components(separatedBy: "..")
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
          throw cursor.error(
            .invalidBaseline, "`--baseline` takes FROM..TO (point numbers like 1..25, or dates), not `\(value.text)`",
            at: value)
        }
        stage.baseline = (parts[0], parts[1])
      default:
        return false
      }
      full = full || name.text != "by" && name.text != "rules"
      return true
    }
    if stage.stages != nil && !stage.split.isEmpty {
      throw error(.invalidOptionValue, "`--stages` and `--split` both set stages: choose one", at: nil)
    }
    let kind = chart ?? (stage.subgroup != nil ? .xbarR : stage.sizes != nil ? .p : .imr)
    if let rulesToken {
      let text = rulesToken.text.lowercased()
      if text == "we" || text == "nelson" {
        if !full && chart == nil { return .spc(column, by: by, rules: ControlRules(rawValue: text)!) }
        stage.rules = text == "we" ? .westernElectric : .nelson
      } else {
        let numbers = text.split(separator: ",").map { Int($0) }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else {
          throw error(
            .invalidOptionValue, "`--rules` is `we` (Western Electric) or `nelson`, not `\(rulesToken.text)`",
            at: rulesToken,
            notes: ["or choose tests by number: --rules 1,2,5"])
        }
        let tests = numbers.map { $0! }
        let family: ControlRules = tests.contains { $0 > 4 } || kind.isAttribute ? .nelson : .westernElectric
        do throws(Diagnostic) {
          stage.rules = try SpecialCauseRules(family, tests: tests)
        } catch {
          throw Diagnostic.error(error.code, error.message, at: rulesToken.span)
        }
        full = true
      }
    }
    if !full && chart == nil { return .spc(column, by: by, rules: .westernElectric) }
    stage.chart = kind
    stage.by = by
    stage.span = column.span
    return .chart(stage)
  }

  /// `compare COL = VALUE [and …] by GROUP` or `compare COL by GROUP`.
  mutating func parseCompare() throws(Diagnostic) -> CompareStage {
    var before: [Token] = []
    while let t = next() { before.append(t) }
    guard let by = before.lastIndex(where: { $0.kind == .word && $0.text.lowercased() == "by" }), by > 0 else {
      throw error(
        .missingArgument, "`compare` needs `by GROUP`", at: nil,
        notes: ["e.g. `compare reopened = yes by team`, or `compare handle_minutes by shift`"])
    }
    let groups = Array(before[(by + 1)...])
    guard groups.count == 1, let groupToken = groups.first, groupToken.isValue else {
      throw error(
        .querySyntax, "`compare … by` takes one column to group by",
        at: groups.dropFirst().first ?? groups.first)
    }
    let group = ColumnRef(groupToken.text, span: groupToken.span)
    let subject = Array(before[..<by])
    if subject.count == 1, subject[0].isValue, !subject[0].text.contains(where: { "=<>!~".contains($0) }) {
      return CompareStage(condition: nil, column: ColumnRef(subject[0].text, span: subject[0].span), group: group)
    }
    var inner = StageCursor([verbToken] + subject)
    return CompareStage(condition: try inner.parsePredicate(), column: nil, group: group)
  }

  /// `capability COL --lsl X --usl Y [--target T] [--subgroup COL | --size N]`.
  mutating func parseCapability() throws(Diagnostic) -> CapabilityStage {
    let column = try column("a numeric column")
    var stage = CapabilityStage(column: column, lower: nil, upper: nil, target: nil, subgroup: nil)
    try options { name, cursor throws(Diagnostic) in
      switch name.text {
      case "lsl": stage.lower = try cursor.number(name)
      case "usl": stage.upper = try cursor.number(name)
      case "target": stage.target = try cursor.number(name)
      case "subgroup":
        let value = try cursor.optionValue(name)
        stage.subgroup = .column(ColumnRef(value.text, span: value.span))
      case "size": stage.subgroup = .size(try cursor.subgroupSize(name))
      default: return false
      }
      return true
    }
    guard stage.lower != nil || stage.upper != nil else {
      throw error(
        .invalidSpecLimits, "`capability` needs a specification limit: --lsl, --usl or both", at: nil,
        notes: ["e.g. `capability diameter --lsl 73.95 --usl 74.05`"])
    }
    if let l = stage.lower, let u = stage.upper, l >= u {
      throw error(
        .invalidSpecLimits,
        "the lower specification limit (--lsl \(NumberFormat.compact(l, maxPlaces: 6))) must be below the upper (--usl \(NumberFormat.compact(u, maxPlaces: 6)))",
        at: nil, notes: ["were --lsl and --usl swapped?"])
    }
    return stage
  }

  private mutating func number(_ option: Token) throws(Diagnostic) -> Double {
    let value = try optionValue(option)
    guard let x = ValueParser.decimal(value.text), x.isFinite else {
      throw error(.invalidOptionValue, "`--\(option.text)` takes a number, not `\(value.text)`", at: value)
    }
    return x
  }

  private mutating func subgroupSize(_ option: Token) throws(Diagnostic) -> Int {
    let value = try optionValue(option)
    guard let n = Int(value.text), (1...1000).contains(n) else {
      throw error(.invalidOptionValue, "`--size` takes a subgroup size from 1 to 1,000, not `\(value.text)`", at: value)
    }
    return n
  }
}
