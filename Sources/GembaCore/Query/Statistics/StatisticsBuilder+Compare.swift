extension StatisticsBuilder {
  /// `compare COL = VALUE by GROUP` and `compare COL by GROUP`.
  static func compare(_ stage: CompareStage, _ relation: Relation, evidence: String) throws(Diagnostic)
    -> GroupComparison
  {
    let groupColumn = try relation.resolve(stage.group, evidence: evidence)
    let groupName = relation.name(of: groupColumn)
    guard let (ids, found) = relation.internValues(column: groupColumn, atMost: Self.mostGroups) else {
      throw Diagnostic.error(
        .tooManyGroups, "`\(groupName)` has more than \(Self.mostGroups) values: too many groups to compare",
        at: stage.group.span,
        notes: ["compare by a column with a few values, or filter with `where` first"])
    }
    var interner = found
    var totals = [Int](repeating: 0, count: interner.count)
    for id in ids { totals[Int(id)] += 1 }
    let names = (0..<interner.count).map { ChartBuilder.label(interner.string($0)) }
    guard names.count >= 2 else {
      throw Diagnostic.error(
        .tooFewGroups,
        "`\(groupName)` has \(names.count == 1 ? "one value (\(names[0]))" : "no values") here: a comparison needs at least 2 groups",
        at: stage.group.span, notes: ["group by a column with two or more values"])
    }

    if let condition = stage.condition {
      var hits = [Int](repeating: 0, count: names.count)
      if let counted = try hitsByDistinctValue(condition, relation, evidence: evidence, groups: ids, count: names.count)
      {
        hits = counted
      } else if case .view(_, nil, _) = relation,
        case .view(_, let rows?, _) = try FilterStage.apply(condition, to: relation, evidence: evidence)
      {
        // The rows meeting it, by their place in the whole table: their groups are known.
        for row in rows { hits[Int(ids[Int(row)])] += 1 }
      } else {
        try FilterStage.apply(condition, to: relation, evidence: evidence).forEachValue(column: groupColumn) {
          _, p, n in hits[interner.id(p, n)] += 1
        }
      }
      let title = describe(condition) + " by " + groupName
      if names.count == 2 {
        let test = try TwoProportionTest(hits[0], of: totals[0], hits[1], of: totals[1])
        return GroupComparison(
          title: title, groupColumn: groupName, groups: names, test: .proportions(test), precision: 0, skipped: 0)
      }
      let table = names.indices.map { [hits[$0], totals[$0] - hits[$0]] }
      let test = try CrossTabTest(table, rowLabels: names, columnLabels: ["meets", "does not"])
      return GroupComparison(
        title: title, groupColumn: groupName, groups: names, test: .crossTab(test), precision: 0, skipped: 0)
    }

    guard let ref = stage.column else {
      throw Diagnostic.error(.missingArgument, "`compare` needs a column or a condition")
    }
    let column = try relation.resolve(ref, evidence: evidence)
    let name = relation.name(of: column)
    let title = name + " by " + groupName
    switch relation.type(of: column) {
    case .integer, .decimal:
      let m = try measure(relation, column: column, ref: ref, evidence: evidence, written: true)
      // Values written with d decimals are summed on that grid: exact at any magnitude.
      let decimals = m.written.flatMap { $0.exact ? $0.decimals : nil }
      // Each group's numbers, each array made once at its group's row count (grown by doubling,
      // a million numbers would touch twice the memory).
      var groups = totals.map { n -> [Double] in
        var g: [Double] = []; g.reserveCapacity(n); return g
      }
      for (i, v) in m.values.enumerated() where !v.isNaN { groups[Int(ids[i])].append(v) }
      let kept = groups.indices.filter { !groups[$0].isEmpty }
      guard kept.count >= 2 else {
        throw Diagnostic.error(.tooFewGroups, "only one group of `\(groupName)` has numbers in `\(name)`", at: ref.span)
      }
      let values = kept.map { groups[$0] }
      // One pooled sort ranks the values and gives each group's median.
      let ranking = Ranking(values)
      let medians = ranking.medians
      if kept.count == 2 {
        let welch = try WelchTest(values[0], values[1], decimals: decimals)
        let mw = try MannWhitneyTest(values[0], values[1], ranking: ranking)
        return GroupComparison(
          title: title, groupColumn: groupName, groups: kept.map { names[$0] },
          test: .twoMeasures(welch, mw, medians: medians), precision: m.precision, skipped: m.skipped)
      }
      let anova = try OneWayANOVA(values, decimals: decimals)
      let kw = try KruskalWallisTest(values, ranking: ranking)
      return GroupComparison(
        title: title, groupColumn: groupName, groups: kept.map { names[$0] },
        test: .manyMeasures(anova, kw, medians: medians), precision: m.precision, skipped: m.skipped)
    case .dateTime, .boolean, .text:
      guard let columnValues = relation.internValues(column: column, atMost: Self.mostGroups) else {
        throw Diagnostic.error(
          .tooManyGroups, "`\(name)` has more than \(Self.mostGroups) values: too many for a cross-tab", at: ref.span,
          notes: ["compare a condition instead: compare \(name) = VALUE by \(groupName)"])
      }
      let x = Grouping.crossTab(
        relation, rows: groupColumn, rowName: groupName, columns: column, columnName: name,
        interned: (ids, found), columnsInterned: columnValues)
      let test = try CrossTabTest(
        x.counts, rowLabels: x.rowValues.map(ChartBuilder.label), columnLabels: x.columnValues.map(ChartBuilder.label))
      return GroupComparison(
        title: title, groupColumn: groupName, groups: x.rowValues.map(ChartBuilder.label), test: .crossTab(test),
        precision: 0, skipped: 0)
    }
  }

  /// The most groups (and cross-tab columns) a comparison takes: more is a column of ids or text.
  static let mostGroups = 50

  /// `cancelled = yes`, `a = 1 and b > 2`.
  /// The rows meeting a one-column condition, per group, when that column's values are already
  /// held as ids (read ahead or by an earlier chart): the condition is decided once per distinct
  /// value, not once per row (a million rows of yes/no: two tests, not a million). nil otherwise.
  static func hitsByDistinctValue(
    _ condition: Predicate, _ relation: Relation, evidence: String, groups: [Int32], count: Int
  ) throws(Diagnostic) -> [Int]? {
    guard case .view(let table, _, _) = relation else { return nil }
    let compiled = try CompiledPredicate(
      condition, resolve: { ref throws(Diagnostic) in try relation.resolve(ref, evidence: evidence) },
      reader: { relation.reader($0) })
    guard case .compare(let single) = compiled, single.column < table.baseColumnCount,
      table.hasInternedColumn(single.column),
      let (values, distinct) = relation.internValues(column: single.column, atMost: nil)
    else { return nil }
    let meets = (0..<distinct.count).map { id in
      var value = distinct.string(id)
      return value.withUTF8 { single.test($0.baseAddress ?? EmptyBytes.pointer, $0.count) }
    }
    var hits = [Int](repeating: 0, count: count)
    for (value, group) in zip(values, groups) where meets[Int(value)] { hits[Int(group)] += 1 }
    return hits
  }

  static func describe(_ p: Predicate) -> String {
    switch p {
    case .compare(let c):
      return "\(c.column.name) \(c.op.rawValue) \(c.value.contains(" ") ? "\"\(c.value)\"" : c.value)"
    case .and(let a, let b): return describe(a) + " and " + describe(b)
    case .or(let a, let b): return describe(a) + " or " + describe(b)
    }
  }
}
