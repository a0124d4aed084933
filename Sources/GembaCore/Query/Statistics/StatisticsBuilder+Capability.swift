extension StatisticsBuilder {
  /// `capability COL --lsl X --usl Y [--target T] [--subgroup COL | --size N]`.
  static func capability(_ stage: CapabilityStage, _ relation: Relation, evidence: String) throws(Diagnostic)
    -> CapabilityResult
  {
    let column = try relation.resolve(stage.column, evidence: evidence)
    let name = relation.name(of: column)
    // A column in the standard number format reads as the histogram reads it: one pass serves both.
    let standard: Bool = {
      if case .number = relation.reader(column).format { return false }; return true
    }()
    let m = try measure(relation, column: column, ref: stage.column, evidence: evidence, written: standard)
    let values = m.numbers
    var subgroups: Subgroups?
    switch stage.subgroup {
    case .size(let n) where n > 1:
      subgroups = try Subgroups.consecutive(values, size: n)
    case .column(let ref):
      let c = try relation.resolve(ref, evidence: evidence)
      let (ids, names) = labels(relation, column: c)
      subgroups = Subgroups.grouping(m.values, ids: ids, names: names)
    case .size, nil:
      subgroups = nil
    }
    let study: CapabilityStudy
    do throws(Diagnostic) {
      if let subgroups {
        study = try CapabilityStudy(
          subgroups: subgroups, lowerSpec: stage.lower, upperSpec: stage.upper, target: stage.target)
      } else {
        study = try CapabilityStudy(
          individuals: values, lowerSpec: stage.lower, upperSpec: stage.upper, target: stage.target)
      }
    } catch {
      throw Diagnostic.error(error.code, error.message, at: stage.column.span, notes: error.notes)
    }
    let histogram =
      m.written.map {
        ChartBuilder.histogram(
          values, name: name, bins: nil, decimals: $0.decimals, exact: $0.exact, skipped: m.skipped)
      }
      ?? ChartBuilder.histogram(relation, column: column, name: name, bins: nil)
    return CapabilityResult(
      column: name, study: study, histogram: histogram, subgroups: subgroups?.count, precision: m.precision,
      skipped: m.skipped)
  }
}
