/// Runs a parsed pipeline over an evidence table.
public enum QueryEngine {
  /// The result of `pipeline` on `table`; table results keep at most `rowLimit` rows (the total
  /// is still counted). Errors point at the stage or column that caused them.
  public static func run(_ pipeline: QueryPipeline, on table: EvidenceTable, rowLimit: Int = 200) throws(Diagnostic)
    -> QueryResult
  {
    var notes: [String] = []
    let result = try run(pipeline, on: table, rowLimit: rowLimit, notes: &notes)
    return notes.isEmpty ? result : .noted(result, notes: notes)
  }

  static func run(_ pipeline: QueryPipeline, on table: EvidenceTable, rowLimit: Int, notes: inout [String])
    throws(Diagnostic) -> QueryResult
  {
    var relation = Relation.view(table, rows: nil, columns: Array(0..<table.columnCount))
    let name = table.name
    for (index, stage) in pipeline.stages.enumerated() {
      let isLast = index == pipeline.stages.count - 1
      switch stage {
      case .filter(let predicate):
        let before = relation
        relation = try FilterStage.apply(predicate, to: relation, evidence: name)
        if relation.rowCount == 0 && before.rowCount > 0,
          let hint = NearValues.hint(for: predicate, in: before, evidence: name)
        {
          notes.append(hint)
        }
      case .count(let by):
        if by.isEmpty { return .count(relation.rowCount) }
        let first = try relation.resolve(by[0], evidence: name)
        if by.count == 1 {
          relation = .computed(Grouping.countBy(relation, column: first, name: relation.name(of: first)))
        } else {
          let second = try relation.resolve(by[1], evidence: name)
          return .crossTab(
            Grouping.crossTab(
              relation, rows: first, rowName: relation.name(of: first),
              columns: second, columnName: relation.name(of: second)))
        }
      case .sort(let ref, let descending):
        relation = Sorting.sort(relation, by: try relation.resolve(ref, evidence: name), descending: descending)
      case .top(let n), .limit(let n):
        relation = relation.prefix(n)
      case .select(let refs):
        var columns: [Int] = []
        for ref in refs { columns.append(try relation.resolve(ref, evidence: name)) }
        relation = relation.projecting(columns)
      case .grep(let pattern, let ignoreCase, let span):
        let grep = try EvidenceGrep(pattern: pattern, ignoreCase: ignoreCase, span: span)
        relation = GrepStage.filter(relation, grep)
        if isLast, case .view(let t, let rows, _) = relation {
          return .grep(GrepStage.matches(t, rows: rows ?? [], pattern: pattern, limit: rowLimit))
        }
      case .pareto(let by, let sum):
        let column = try relation.resolve(by, evidence: name)
        let sumColumn = try sum.map { ref throws(Diagnostic) in try relation.resolve(ref, evidence: name) }
        let chart = ChartBuilder.pareto(
          relation, by: column, name: relation.name(of: column),
          sum: sumColumn, sumName: sumColumn.map { relation.name(of: $0) })
        // A sum past ±1.8e308 is infinite, and every share of it 0 or NaN: say so instead.
        if let sum, let sumName = chart.sumColumn,
          !chart.total.isFinite || chart.bars.contains(where: { !$0.value.isFinite })
        {
          let bar = chart.bars.first { !$0.value.isFinite }
          throw Diagnostic.error(
            .beyondDoubleRange,
            "the sum of `\(sumName)`\(bar.map { " for `\($0.label)`" } ?? "") passes the largest number a Double holds (about 1.8e308)",
            at: sum.span,
            notes: ["count the rows instead (`pareto by \(chart.column)`), or scale the column first (`derive`)"])
        }
        return .pareto(chart)
      case .histogram(let ref, let bins):
        let column = try relation.resolve(ref, evidence: name)
        return .histogram(ChartBuilder.histogram(relation, column: column, name: relation.name(of: column), bins: bins))
      case .timeline(let ref, let every, let spanEvidence):
        let column = try relation.resolve(ref, evidence: name)
        return .timeline(
          try ChartBuilder.timeline(
            relation, column: column, name: relation.name(of: column), every: every,
            span: ref.span,
            wholeRange: spanEvidence
              ? try ChartBuilder.evidenceRange(
                relation, column: column, span: ref.span, through: pipeline.coversThrough) : nil))
      case .spc(let ref, let by, let rules):
        let column = try relation.resolve(ref, evidence: name)
        return .spc(
          try ChartBuilder.controlChart(relation, column: column, by: by, rules: rules, span: ref.span, evidence: name))
      case .chart(let chart):
        return .controlChart(try StatisticsBuilder.chart(chart, relation, evidence: name))
      case .compare(let compare):
        return .comparison(try StatisticsBuilder.compare(compare, relation, evidence: name))
      case .capability(let study):
        return .capability(try StatisticsBuilder.capability(study, relation, evidence: name))
      case .derive(let spec):
        let said: [String]
        (relation, said) = try DeriveStage.apply(
          spec, to: relation, needed: needed(after: index, in: pipeline), evidence: name)
        notes += said
      case .extract(let spec):
        let said: [String]
        (relation, said) = try ExtractStage.apply(
          spec, to: relation, needed: needed(after: index, in: pipeline), evidence: name)
        notes += said
      case .join(let spec):
        let said: [String]
        (relation, said) = try JoinStage.apply(
          spec, to: relation, needed: needed(after: index, in: pipeline), evidence: name)
        notes += said
      case .distinct(let refs):
        relation = .computed(try DistinctStage.apply(refs, to: relation, evidence: name))
      case .aggregate(let spec):
        relation = .computed(try AggregateStage.apply(spec, to: relation, evidence: name))
      case .percentTable(let rows, let columns, let basis):
        let first = try relation.resolve(rows, evidence: name)
        let second = try relation.resolve(columns, evidence: name)
        let x = Grouping.crossTab(
          relation, rows: first, rowName: relation.name(of: first),
          columns: second, columnName: relation.name(of: second))
        return .rows(PercentTable.make(x, basis: basis))
      }
    }
    return .rows(relation.materialize(limit: rowLimit))
  }
}

extension QueryEngine {
  /// The columns (lowercased) the stages after `index` name, or nil when a later stage shows
  /// whole rows (so every column must be kept). A `select` or an aggregate ends the search.
  static func needed(after index: Int, in pipeline: QueryPipeline) -> Set<String>? {
    var names = Set<String>()
    func add(_ refs: [ColumnRef]) { for r in refs { names.insert(r.name.lowercased()) } }
    func predicateColumns(_ p: Predicate) -> [ColumnRef] {
      switch p {
      case .compare(let c): return [c.column]
      case .and(let a, let b), .or(let a, let b): return predicateColumns(a) + predicateColumns(b)
      }
    }
    for stage in pipeline.stages.dropFirst(index + 1) {
      switch stage {
      case .filter(let p): add(predicateColumns(p))
      case .sort(let c, _): add([c])
      case .top, .limit: break
      case .grep: return nil
      case .derive(let d): add(d.expression.columns)
      case .extract(let e): add([e.column])
      case .join(let j): add([j.key]); return nil
      case .select(let refs): add(refs); return names
      case .count(let by): add(by); return names
      case .distinct(let refs): add(refs); return names
      case .aggregate(let a): add([a.column] + a.by); return names
      case .percentTable(let r, let c, _): add([r, c]); return names
      case .pareto(let by, let sum): add([by] + (sum.map { [$0] } ?? [])); return names
      case .histogram(let c, _), .timeline(let c, _, _), .spc(let c, _, _): add([c]); return names
      // The statistics stages read a measure, groups, subgroups, sizes, times or stages: keep every column.
      case .chart, .compare, .capability: return nil
      }
    }
    return nil
  }
}

extension Relation {
  /// The display name of a resolved column.
  func name(of column: Int) -> String {
    switch self {
    case .view(let t, _, _): return t.columns[column]
    case .computed(let c): return c.columns[column]
    }
  }

  func prefix(_ n: Int) -> Relation {
    switch self {
    case .view(let t, let rows, let columns):
      let kept = rows.map { Array($0.prefix(n)) } ?? (0..<min(n, t.rowCount)).map { Int32($0) }
      return .view(t, rows: kept, columns: columns)
    case .computed(var c):
      c.rows = Array(c.rows.prefix(n))
      return .computed(c)
    }
  }

  /// Keeps `columns` (resolved indices) in that order.
  func projecting(_ columns: [Int]) -> Relation {
    switch self {
    case .view(let t, let rows, _): return .view(t, rows: rows, columns: columns)
    case .computed(var c):
      c.rows = c.rows.map { row in columns.map { row[$0] } }
      c.types = columns.map { c.types[$0] }
      c.formats = c.formats.map { formats in columns.map { formats[$0] } }
      c.columns = columns.map { c.columns[$0] }
      return .computed(c)
    }
  }

  /// The first `limit` rows as text, with their evidence row numbers.
  func materialize(limit: Int) -> ResultTable {
    switch self {
    case .view(let t, let rows, let columns):
      let count = rows?.count ?? t.rowCount
      let shown = (0..<min(limit, count)).map { position in rows.map { Int($0[position]) } ?? position }
      return ResultTable(
        columns: columns.map { t.columns[$0] }, types: columns.map { t.columnType($0) },
        rows: shown.map { r in columns.map { t.cell(row: r, column: $0) } },
        rowNumbers: shown.map { $0 + 1 }, totalRows: count)
    case .computed(let c):
      return ResultTable(
        columns: c.columns, types: c.types, rows: Array(c.rows.prefix(limit)), rowNumbers: nil, totalRows: c.rows.count)
    }
  }
}
