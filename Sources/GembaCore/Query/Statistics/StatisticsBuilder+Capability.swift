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
    // The study and the histogram of numbers read once are independent: drawn on both cores.
    let grouped = subgroups
    let (lower, upper, target, skipped) = (stage.lower, stage.upper, stage.target, m.skipped)
    let studied = ResultBox<Result<CapabilityStudy, Diagnostic>?>(nil)
    let drawn = ResultBox<Histogram?>(nil)
    Parallel.run(
      [
        {
          studied.value = Result { () throws(Diagnostic) in
            if let grouped {
              return try CapabilityStudy(subgroups: grouped, lowerSpec: lower, upperSpec: upper, target: target)
            }
            return try CapabilityStudy(individuals: values, lowerSpec: lower, upperSpec: upper, target: target)
          }
        }
      ]
        + (m.written.map { written in
          [
            {
              drawn.value = ChartBuilder.histogram(
                values, name: name, bins: nil, decimals: written.decimals, exact: written.exact, skipped: skipped)
            }
          ]
        } ?? []))
    let study: CapabilityStudy
    switch studied.value! {
    case .success(let made): study = made
    case .failure(let error):
      throw Diagnostic.error(error.code, error.message, at: stage.column.span, notes: error.notes)
    }
    // Limits 1e308 apart (or 1e307 σ from the mean) make an index or its interval infinite:
    // refused with a code rather than printed as ∞.
    let indices = [study.cp, study.cpl, study.cpu, study.cpk, study.cpm, study.pp, study.ppl, study.ppu, study.ppk]
    let spread = upper.flatMap { u in lower.map { u - $0 } } ?? 0
    let infinite = indices.contains { index in
      index.map { !$0.value.isFinite || !$0.interval.lowerBound.isFinite || !$0.interval.upperBound.isFinite } ?? false
    }
    if !spread.isFinite || infinite {
      throw Diagnostic.error(
        .beyondDoubleRange,
        "the specification limits are too far from the data for capability indices: an index or its interval passes the largest number a Double holds (about 1.8e308)",
        at: stage.column.span, notes: ["give the limits the process is held to (--lsl, --usl)"])
    }
    let histogram = drawn.value ?? ChartBuilder.histogram(relation, column: column, name: name, bins: nil)
    return CapabilityResult(
      column: name, study: study, histogram: histogram, subgroups: subgroups?.count, precision: m.precision,
      skipped: m.skipped)
  }
}
