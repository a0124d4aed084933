extension EvidenceTextRenderer {
  /// A metric with the figures it came from.
  public func metric(_ result: Metric.Result) -> String {
    switch result {
    case .dpmo(let m):
      let sigma = m.sigmaLevel.map { NumberFormat.decimal($0, places: 2) } ?? "unbounded (no defects)"
      return
        "DPMO \(NumberFormat.compact(m.dpmo, maxPlaces: 1)) · sigma level \(sigma) (short term, 1.5σ shift) · yield \(NumberFormat.percent(m.yield, places: 4))\n"
        + "  \(NumberFormat.integer(m.defects)) defects / (\(NumberFormat.integer(m.units)) units × \(NumberFormat.integer(m.opportunities)) opportunities)\n"
    case .firstPassYield(let y, let units, let good):
      return
        "first-pass yield \(NumberFormat.percent(y.yield))\n  \(NumberFormat.integer(good)) of \(NumberFormat.integer(units)) units right the first time\n"
    case .rolledThroughputYield(let y):
      let steps = y.steps.map { NumberFormat.percent($0) }.joined(separator: " × ")
      return "rolled throughput yield \(NumberFormat.percent(y.yield))\n  \(steps)\n"
    case .costOfQuality(let c):
      func money(_ x: Double) -> String { NumberFormat.decimal(x, places: 2) }
      func share(_ x: Double) -> String { c.total > 0 ? NumberFormat.percent(x / c.total) : "–" }
      var out = "cost of quality \(money(c.total))"
      if let revenue = c.revenue { out += " · \(NumberFormat.percent(c.total / revenue)) of revenue" }
      out += "\n"
      let rows: [(String, Double)] = [
        ("prevention", c.prevention), ("appraisal", c.appraisal),
        ("internal failure", c.internalFailure), ("external failure", c.externalFailure),
      ]
      for (name, value) in rows {
        out +=
          "  " + TextWidth.pad(name, to: 17) + TextWidth.pad(money(value), to: 14, right: true) + "  "
          + TextWidth.pad(share(value), to: 8, right: true) + "\n"
      }
      out +=
        "  good quality (prevention + appraisal) \(share(c.conformance)); poor quality (failures) \(share(c.nonConformance))\n"
      return out
    }
  }
}
