/// `where`: keeps the rows for which the condition holds.
enum FilterStage {
  static func apply(_ predicate: Predicate, to relation: Relation, evidence: String) throws(Diagnostic) -> Relation {
    let compiled = try CompiledPredicate(
      predicate, resolve: { ref throws(Diagnostic) in try relation.resolve(ref, evidence: evidence) },
      reader: { relation.reader($0) })
    switch relation {
    case .view(let table, let rows, let columns):
      var kept: [Int32] = []
      if case .compare(let single) = compiled {
        // The common case, without the closure per row.
        relation.forEachValue(column: single.column) { position, p, n in
          if single.test(p, n) { kept.append(rows?[position] ?? Int32(position)) }
        }
      } else {
        let base = table.base
        table.forEachRow(rows) { position, cursor, local in
          let keep = compiled.evaluate { column, test in
            withTrimmedBytes(base, table.value(cursor, local: local, column: column), test)
          }
          if keep { kept.append(rows?[position] ?? Int32(position)) }
        }
      }
      return .view(table, rows: kept, columns: columns)
    case .computed(var computed):
      computed.rows = computed.rows.filter { row in
        compiled.evaluate { column, test in withTrimmedBytes(EmptyBytes.pointer, .text(row[column]), test) }
      }
      return .computed(computed)
    }
  }
}
